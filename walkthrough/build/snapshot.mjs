// Make a memory snapshot of a booted simulator: `node snapshot.mjs PYODIDE_DIR OUT.gz`.
//
// Python's own start-up is most of Pyodide's boot. A snapshot taken after the wheels are
// installed, the simulator imported and its templates compiled lets the page skip all
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
// Warm every path a first mount takes (all templates compiled, catalogs, formats, the
// scenarios parsed), then forget the instances: the image holds caches, not state.
pyodide.runPython(`
import json
import simulator.browser as browser
from simulator import views
from simulator.app import SCREENS
from simulator.i18n import LANGUAGES
from simulator.model import Cloud
for lang in LANGUAGES:
    env = views.environment(lang)
    for name in env.list_templates():
        env.get_template(name)  # compiled once, here, not on a reader's first click
    for cloud in Cloud:
        for screen in SCREENS:
            browser.mount("warm", json.dumps({"lang": lang, "cloud": cloud.value, "screen": screen}))
browser._instances.clear()
del json, browser, views, SCREENS, LANGUAGES, Cloud, lang, env, name, cloud, screen
`);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(out, gzipSync(snapshot, { level: 6 }));
console.log(`${out}: ${snapshot.length} bytes, ${Object.keys(lock.packages).length} wheels`);
