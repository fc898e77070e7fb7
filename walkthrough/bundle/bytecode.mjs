// Compile the wheels' Python, and the standard library's modules a boot imports, for the
// Pyodide the site serves: `node bytecode.mjs PYODIDE_DIR OUT_DIR WHEEL...`, PYODIDE_DIR
// being node_modules/pyodide (the site's runtime is a copy of it, and its lock file is not
// written yet).
//
// Bytecode is specific to a Python version, and the site's Python (in Pyodide) is not the
// build's, so the compiling is done by that Pyodide, in Node. For each wheel it unpacks
// it, compiles every module (`__pycache__/*.pyc`, unchecked-hash: valid whatever the files'
// times after unpacking), and for the simulator its Jinja templates too
// (simulator.views.precompile). Each file it adds is written to OUT_DIR/<wheel file
// name>/<path in the wheel>; walkthrough/bundle/bytecode.py puts them into the wheels.
//
// The npm package's python_stdlib.zip holds sources only, so every boot compiled the 150
// modules Pyodide and the simulator import (most of loadPyodide's time). Once the
// simulator is imported, each module loaded from that zip is compiled to `<module>.pyc`
// beside its source (zipimport looks for that name first; unchecked-hash, as above),
// written to OUT_DIR/python_stdlib.zip/<path in the zip>.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const [dir, out, ...wheels] = process.argv.slice(2);
if (!dir || !out || wheels.length === 0) {
  console.error("usage: node bytecode.mjs PYODIDE_DIR OUT_DIR WHEEL...");
  process.exit(2);
}
const { loadPyodide } = await import(join(dir, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: dir + "/" });
// Unpacked where the page's worker unpacks them (the working directory), so the paths
// recorded in the code objects are the ones a reader's tracebacks show.
pyodide.FS.mkdirTree("/tmp/wheels");
for (const wheel of wheels) {
  const data = new Uint8Array(readFileSync(wheel));
  pyodide.FS.writeFile(`/tmp/wheels/${basename(wheel)}`, data);
  pyodide.unpackArchive(data, "wheel");
}
const added = pyodide
  .runPython(
    `
import compileall, json, os, py_compile, zipfile

def _added():
    result = {}
    for name in sorted(os.listdir("/tmp/wheels")):
        with zipfile.ZipFile(f"/tmp/wheels/{name}") as wheel:
            listed = set(wheel.namelist())
        tops = sorted({n.split("/")[0] for n in listed if not n.split("/")[0].endswith(".dist-info")})
        for top in tops:
            if os.path.isdir(top) and not compileall.compile_dir(
                top, quiet=1, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH
            ):
                raise SystemExit(f"{name}: {top} did not compile")
        if "simulator" in tops:
            import simulator.views
            simulator.views.precompile()
        found = []
        for top in tops:
            for root, _, files in os.walk(top):
                found += [f"{root}/{f}" for f in files if f"{root}/{f}" not in listed]
        result[name] = sorted(found)
    result["python_stdlib.zip"] = _stdlib()
    return json.dumps(result)

def _stdlib():
    """Each module a boot loads from the standard library's zip, compiled beside it."""
    import importlib.util, sys
    from importlib._bootstrap_external import _code_to_hash_pyc

    import simulator.worker  # what a boot imports: Pyodide's own start-up, then this

    zip_path = next(p for p in sys.path if p.endswith(".zip"))
    prefix = zip_path + "/"
    written = []
    with zipfile.ZipFile(zip_path) as stdlib:
        for module in list(sys.modules.values()):
            path = getattr(module, "__file__", None) or ""
            if not path.startswith(prefix) or not path.endswith(".py"):
                continue
            inner = path[len(prefix):]
            target = f"/tmp/stdlib/{inner}c"
            if os.path.exists(target):  # a module known by two names
                continue
            source = stdlib.read(inner)
            code = compile(source, path, "exec", dont_inherit=True)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(_code_to_hash_pyc(code, importlib.util.source_hash(source), False))
            written.append(f"{inner}c")
    return sorted(written)

_added()
`,
  )
  .toString();
let count = 0;
for (const [archive, files] of Object.entries(JSON.parse(added))) {
  const from = archive === "python_stdlib.zip" ? "/tmp/stdlib/" : "";
  for (const file of files) {
    const target = join(out, archive, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, pyodide.FS.readFile(from + file));
    count += 1;
  }
}
console.log(`${out}: ${count} files for ${wheels.length} wheels and the standard library`);
