"""Build-time work: everything the browser must not do (Babel, PyYAML, .po files, wheels).

package_data   catalogs (.po -> .mo), locale formats, scenarios (YAML -> JSON) and step
               grammars into ``simulator/_data`` and ``walkthrough/_data`` (setup.py's
               build_py runs it for a wheel)
catalogs       ``make catalogs``: extract the strings, merge them into the .po files
wheels         the simulator wheel, Jinja2 and pure-Python MarkupSafe wheels (pinned by
               version and hash: pins), and a pyodide-lock.json listing them
runtime        the Pyodide runtime copied from node_modules
bytecode       the wheels and the standard library compiled for that Pyodide (Node), the
               standard library trimmed to what a reader's Python can import
snapshot       a memory snapshot of the booted simulator (Node)
compress       <file>.br and <file>.gz beside each large asset (best settings, cached)

Each works on the project folder it is given (the kit's checkout, or the folder of a
site's mkdocs.yml): its sources, its node_modules, its build/ caches. None reads a path
relative to where the kit is installed, except the kit's own package data.
"""
