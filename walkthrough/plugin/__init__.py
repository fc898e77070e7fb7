"""The ssp-kit MkDocs plugin: simulators in pages, Pyodide in the site, a strict CSP."""
