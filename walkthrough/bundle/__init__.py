"""Build-time work: everything the browser must not do (Babel, PyYAML, .po files, wheels).

package_data   catalogs (.po -> .mo), locale formats, scenarios (YAML -> JSON)
               into ``simulator/_data``
wheels         the simulator wheel, Jinja2 and pure-Python MarkupSafe wheels, and a
               pyodide-lock.json listing them
runtime        the Pyodide runtime copied from node_modules
"""
