// Make a memory snapshot of a booted simulator: `node snapshot.mjs PYODIDE_DIR OUT.gz`.
//
// Python's own start-up is most of Pyodide's boot. A snapshot taken after the wheels are
// installed, the simulator imported and its templates loaded lets the page skip all
// of that (loadPyodide({_loadSnapshot})). Private, build-specific Pyodide API: the page
// falls back to the plain boot whenever the snapshot is missing or fails.
//
// Rules the snapshot imposes: wheels are installed with unpackArchive (loadPackage breaks
// it), no JS proxy may exist when it is taken, and the page must unpack the wheels again
// (files are not part of the memory image).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error("usage: node snapshot.mjs PYODIDE_DIR OUT.gz");
  process.exit(2);
}
const { loadPyodide } = await import(join(dir, "pyodide.mjs"));
const lock = JSON.parse(readFileSync(join(dir, "pyodide-lock.json"), "utf8"));
const pyodide = await loadPyodide({ indexURL: dir + "/", _makeSnapshot: true });
for (const entry of Object.values(lock.packages)) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(dir, entry.file_name))), "wheel");
}
// Load what a first mount needs (the templates of each language, compiled at build time;
// catalogs and formats; the default scenario in each cloud), but mount nothing: the image
// then holds caches and no instance's leftovers (mounting here also froze them all with
// gc.freeze, browser._settle). Collect last, so it holds no garbage either.
pyodide.runPython(`
import gc
from simulator import scenario, views
from simulator.markets import CODES, Cloud

for lang in CODES:
    env = views.environment(lang)
    for name in env.list_templates():
        env.get_template(name)
    for cloud in Cloud:
        scenario.load("default", lang=lang, cloud=cloud)
import simulator.worker
del scenario, views, CODES, Cloud, lang, env, name, cloud
gc.collect()
del gc
`);
const snapshot = pyodide.makeMemorySnapshot();
// Gzipped here and decompressed by the page (DecompressionStream), so any host serves it as
// it is. Tried and left out: brotli sent with Content-Encoding (4.3 MB against 6.5, where
// a host sends .br at all), and a sparse image without its 21 MB of zero pages (17 of the
// 31 MB, 115 ms to read against 185 to decompress, in a worker alone): in the page either
// made a second visit about 20 ms sooner, within the noise of its 750.
writeFileSync(out, gzipSync(snapshot, { level: 6 }));
console.log(`${out}: ${snapshot.length} bytes, ${Object.keys(lock.packages).length} wheels`);
