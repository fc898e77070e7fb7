// Loaded (async) from the head of a page with simulators (the kit's plugin writes the tag):
// the worker starts booting Python while the page is being read, rather than once
// simulator.js runs after it all (on a second visit that was a third of the time to
// ready: bench/boot.py's *_worker_at_ms). The answer is not waited for: the first mount
// queues behind the boot.
import { worker } from "./worker-client.js";

worker().postMessage({ op: "boot" });
