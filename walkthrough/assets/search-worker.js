// Material's search worker, started once the page's simulators are ready.
//
// On a page with simulators the plugin points Material's search (the "search" URL of its
// __config) here, with ?worker=<Material's worker file>; this file sits beside that one,
// so the paths Material's worker resolves against its own location still hold. Building
// the search index at page load competes with Pyodide's boot for the CPU: on 2 cores it
// made the simulator ready 0.7 s later (bench/boot.py). This worker holds Material's
// messages until the page says go (simulator.js, on the BroadcastChannel "ssp-search":
// every simulator is ready, one failed, or the reader went to the search box), or at the
// latest after DEADLINE_MS, then runs Material's worker and hands it the messages in order.

const DEADLINE_MS = 10_000;
const name = new URL(self.location.href).searchParams.get("worker") || "";
const held = [];
const channel = new BroadcastChannel("ssp-search");
let started = false;

// Until Material's worker has had every held message, hold the new ones too (ours, being
// the first listener, keeps them from it), so it sees them all in order.
function hold(event) {
  if (!event.isTrusted) return; // one of ours, handed on: Material's worker takes it
  held.push(event.data);
  event.stopImmediatePropagation();
}

function start(reason) {
  if (started) return;
  started = true;
  channel.postMessage({ started: reason }); // the page notes it (tests read it)
  channel.close();
  if (!/^search\.[\w.-]+\.js$/.test(name)) throw new Error(`ssp-search-worker.js: no worker "${name}"`);
  importScripts(name); // Material's worker, which listens for messages
  handOn();
}

// One message per task, as the event loop would have delivered them: Material's worker
// builds its index in the microtasks after its setup message, and answers a query that
// comes before that with no results.
function handOn() {
  if (held.length === 0) {
    removeEventListener("message", hold);
    return;
  }
  dispatchEvent(new MessageEvent("message", { data: held.shift() }));
  setTimeout(handOn, 0);
}

addEventListener("message", hold);
channel.onmessage = ({ data }) => {
  if (data === "go") start("go");
};
channel.postMessage("waiting"); // the page answers "go" if it is past that already
setTimeout(() => start("deadline"), DEADLINE_MS);
