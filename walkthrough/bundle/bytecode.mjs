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
import sys

_ZIP = next(p for p in sys.path if p.endswith(".zip"))

def _loaded():
    """The modules loaded from the standard library's zip so far, and their files."""
    return {
        name: module.__file__ for name, module in list(sys.modules.items())
        if (getattr(module, "__file__", None) or "").startswith(_ZIP + "/")
    }

def _exercise():
    """What a reader's session runs: the worker imported, the templates and scenarios of
    every language and cloud loaded, every screen mounted in every role, and every pane
    opened on each subscription."""
    import json
    import simulator.worker as worker
    from simulator import scenario, views
    from simulator.markets import CODES, Cloud
    from simulator.model import Role
    from simulator.ui import SCREENS

    for lang in CODES:
        env = views.environment(lang)
        for name in env.list_templates():
            env.get_template(name)
        for cloud in Cloud:
            for scenario_id in scenario.scenario_ids():
                scenario.load(scenario_id, lang=lang, cloud=cloud)
            for role in Role:
                for screen in SCREENS:
                    settings = {"lang": lang, "cloud": cloud.value, "role": role.value, "screen": screen}
                    key = f"{lang}-{cloud.value}-{role.value}-{screen}"
                    worker.mount(key, json.dumps(settings))
            key = f"{lang}-{cloud.value}-panes"
            worker.mount(key, json.dumps({"lang": lang, "cloud": cloud.value}))
            close = {"type": "click", "action": "close-pane", "data": {}, "fields": {}}
            for sub in scenario.load("default", lang=lang, cloud=cloud).subscriptions:
                for pane in ("buy", "remove", "cancel"):
                    data = {"pane": pane, "subscription": sub.id}
                    worker.dispatch(key, json.dumps({"type": "click", "action": "open-pane", "data": data, "fields": {}}))
                    worker.dispatch(key, json.dumps(close))

# What Pyodide's start-up loaded from the standard library (and unpacking the wheels, as
# the page does), then what the simulator loads in a session (its templates compiled
# first, as the site ships them): all of it before the build's own tools are imported.
_BOOTED = set(_loaded())
import simulator.views
simulator.views.precompile()
_exercise()
_SESSION = _loaded()

import compileall, json, os, py_compile, zipfile

def _added():
    result = {}
    for name in sorted(os.listdir("/tmp/wheels")):
        with zipfile.ZipFile(f"/tmp/wheels/{name}") as wheel:
            listed = set(wheel.namelist())
        tops = sorted({n.split("/")[0] for n in listed if not n.split("/")[0].endswith(".dist-info")})
        for top in tops:
            # force: the session above wrote timestamped .pyc files, which compileall
            # would otherwise take as up to date
            if os.path.isdir(top) and not compileall.compile_dir(
                top, quiet=1, force=True,
                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
            ):
                raise SystemExit(f"{name}: {top} did not compile")
        found = []
        for top in tops:
            for root, _, files in os.walk(top):
                found += [f"{root}/{f}" for f in files if f"{root}/{f}" not in listed]
        result[name] = sorted(found)
    result["python_stdlib.zip"], kept, missing = _stdlib()
    return json.dumps({"added": result, "kept": kept, "missing": missing})

# Modules no code path of the browser's Python can use, not followed when modulefinder
# walks the imports (it follows every import in every function, on every platform):
# Windows' and macOS's (the browser's Python is Emscripten's), and what runs other
# processes or interpreters, which the browser cannot start.
NOT_FOLLOWED = [
    "nt", "winreg", "msvcrt", "_winapi", "_overlapped", "_wmi", "winsound",
    "asyncio.windows_events", "asyncio.windows_utils", "asyncio.proactor_events",
    "multiprocessing.popen_spawn_win32", "encodings._win_cp_codecs", "encodings.mbcs",
    "encodings.oem", "_pyrepl.windows_console", "_pyrepl.windows_eventqueue",
    "ctypes.wintypes", "_osx_support", "_scproxy", "_ios_support", "_aix_support",
    "multiprocessing", "concurrent.futures.process", "concurrent.interpreters",
    "concurrent.futures.interpreter",
    # A terminal, a debugger, tests, documentation, the network and mail: reached only from
    # entry points a page never calls (a module's __main__ block or _test(), help(),
    # breakpoint(), urllib's openers). _stdlib's check fails the build if one is loaded.
    "_pyrepl", "code", "cmd", "pdb", "bdb", "doctest", "unittest", "pydoc", "pydoc_data",
    "argparse", "getopt", "optparse", "email", "http", "urllib.request", "xmlrpc",
    "ftplib", "smtplib", "mailbox", "mimetypes", "webbrowser", "socketserver", "tarfile",
    "pickletools", "trace", "tracemalloc", "timeit", "profile", "cProfile",
]

# Imported by name at run time, which no static walk sees: kept whatever modulefinder says.
ALLOWED = [
    # Pyodide's own packages, kept whole (_kept): its JavaScript calls into them by name
    # (unpackArchive, pyimport, the FFI), after start-up too.
    "pyodide", "_pyodide",
    # codecs.lookup imports encodings.<name> when a codec is first asked for by name.
    "encodings", "encodings.aliases", "encodings.utf_8", "encodings.utf_8_sig",
    "encodings.ascii", "encodings.latin_1", "encodings.utf_16", "encodings.utf_16_le",
    "encodings.utf_16_be", "encodings.utf_32", "encodings.unicode_escape",
    "encodings.raw_unicode_escape",
]


def _reachable(zip_path):
    """The standard library's modules the wheels' packages can import (modulefinder, on
    the zip unpacked: it does not read zips), and the Python files of each."""
    import modulefinder, pkgutil

    unpacked = "/tmp/stdlib-source"
    with zipfile.ZipFile(zip_path) as stdlib:
        stdlib.extractall(unpacked)
    others = [os.path.abspath(p) for p in sys.path if p != _ZIP]  # "" is the wheels' folder
    finder = modulefinder.ModuleFinder(path=[unpacked, *others], excludes=NOT_FOLLOWED)
    roots = [name for name in _tops() if name in sys.modules or __import__(name)]
    for top in roots:
        finder.import_hook(top)
        for info in pkgutil.walk_packages(sys.modules[top].__path__, top + "."):
            finder.import_hook(info.name)
    return {
        name for name, module in finder.modules.items()
        if (module.__file__ or "").startswith(unpacked + "/")
    }


def _tops():
    """The wheels' top-level packages."""
    tops = set()
    for name in os.listdir("/tmp/wheels"):
        with zipfile.ZipFile(f"/tmp/wheels/{name}") as wheel:
            tops |= {n.split("/")[0] for n in wheel.namelist() if "/" in n}
    return sorted(t for t in tops if not t.endswith(".dist-info"))


def _stdlib():
    """The standard library the site ships: the modules Pyodide's start-up loaded, those the
    wheels can reach (_reachable) and the ALLOWED ones. Each module a session loads from
    the zip (_exercise) must be among them: the build fails, naming it, if one is not.
    Those loaded are compiled beside their source (zipimport looks for <module>.pyc first)."""
    import importlib.util
    from importlib._bootstrap_external import _code_to_hash_pyc

    prefix = _ZIP + "/"
    keep = _BOOTED | _reachable(_ZIP) | set(ALLOWED)
    files = _SESSION
    missing = sorted(set(files) - keep)
    written = []
    with zipfile.ZipFile(_ZIP) as stdlib:
        for path in sorted(set(files.values())):
            if not path.endswith(".py"):
                continue
            inner = path[len(prefix):]
            source = stdlib.read(inner)
            code = compile(source, path, "exec", dont_inherit=True)
            target = f"/tmp/stdlib/{inner}c"
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(_code_to_hash_pyc(code, importlib.util.source_hash(source), False))
            written.append(f"{inner}c")
        entries = [n for n in stdlib.namelist() if _kept(n, keep)]
    return written, entries, missing


def _kept(entry, keep):
    """Whether the zip's entry (a path) belongs to a module of keep: its source, or
    a data file or folder of a kept package; Pyodide's own packages are kept whole."""
    parts = entry.rstrip("/").split("/")
    if parts[0] in ("pyodide", "_pyodide"):
        return True
    if entry.endswith("/"):
        return any(".".join(parts) == m or m.startswith(".".join(parts) + ".") for m in keep)
    if parts[-1] == "__init__.py":
        return ".".join(parts[:-1]) in keep
    if parts[-1].endswith(".py"):
        return ".".join([*parts[:-1], parts[-1][:-3]]) in keep
    return ".".join(parts[:-1]) in keep

_added()
`,
  )
  .toString();
const { added: byArchive, kept, missing } = JSON.parse(added);
if (missing.length) {
  // Exit code 3: walkthrough/bundle/bytecode.py fails the build (not an optional step).
  console.error(
    `the trimmed standard library lacks ${missing.join(", ")}, which the simulator loaded: ` +
      "add them to ALLOWED in walkthrough/bundle/bytecode.mjs (a module imported by name)",
  );
  process.exit(3);
}
let count = 0;
for (const [archive, files] of Object.entries(byArchive)) {
  const from = archive === "python_stdlib.zip" ? "/tmp/stdlib/" : "";
  for (const file of files) {
    const target = join(out, archive, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, pyodide.FS.readFile(from + file));
    count += 1;
  }
}
// The entries of the standard library's zip the site ships, one a line.
writeFileSync(join(out, "python_stdlib.kept"), kept.join("\n") + "\n");
console.log(`${out}: ${count} files for ${wheels.length} wheels and the standard library (${kept.length} entries kept)`);
