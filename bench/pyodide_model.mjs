// The model benchmark (bench/bench_model.py) inside Pyodide, in Node: the same wasm and
// wheels the site serves. `node bench/pyodide_model.mjs SITE_PYODIDE_DIR BENCH_MODEL_PY`
// prints the figures as JSON.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [dir, source] = process.argv.slice(2);
const { loadPyodide } = await import(join(dir, "pyodide.mjs"));
const lock = JSON.parse(readFileSync(join(dir, "pyodide-lock.json"), "utf8"));
const pyodide = await loadPyodide({ indexURL: dir + "/" });
for (const entry of Object.values(lock.packages)) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(dir, entry.file_name))), "wheel");
}
pyodide.FS.writeFile("/home/pyodide/bench_model.py", readFileSync(source, "utf8"));
const figures = pyodide.runPython("import json, bench_model; json.dumps(bench_model.run())");
console.log(figures);
