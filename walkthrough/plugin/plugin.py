"""The ``ssp-kit`` MkDocs plugin: route MkDocs events to the kit's build steps.

on_startup        remember whether this is ``mkdocs serve`` (the CSP allows live reload)
on_config         add the kit's scripts and stylesheets (``walkthrough/assets``) to every page
on_pre_build      compile catalogs, locale formats, scenarios and grammars of the source
                  checkout the site is built from: pages render simulators
on_env            give the theme's templates the cloud selector's texts (``languages``)
on_page_markdown  run the page's steps in process, warn about the flagged ones (``checker``)
on_post_page      replace simulator placeholders with their first screen, then add the
                  Content-Security-Policy (last of every plugin: it hashes final scripts)
on_post_template  the same policy for static templates (404.html); keep each language's 404
on_post_build     write each language's 404 into its folder; copy the kit's assets; write
                  wheels, lock file, Pyodide runtime, snapshot
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from simulator.markets import LANGUAGES
from walkthrough.bundle import bytecode, compress, package_data, runtime, snapshot, wheels

from . import checker, csp, embed, languages
from .config import SspKitConfig

log = logging.getLogger("mkdocs.plugins.ssp_kit")
ASSETS = Path(__file__).resolve().parents[1] / "assets"
#: The kit's page assets, from ASSETS: every page loads these (cloud-early.js and
#: search-later.js are loaded by the theme's partials, before Material's bundle).
SCRIPTS = ("cloud.js", "simulator.js", "support.js")
STYLESHEETS = ("palette.css", "cloud.css", "simulator.css", "support.css")
#: How a page asks for the standalone simulator (it offers every procedure's practice).
STANDALONE = "data-standalone"
_BUNDLED: dict[str, str] = {}  # pyodide dir -> fingerprint of the sources bundled there
#: site dir -> language -> its rendered 404 page. mkdocs-static-i18n builds each language,
#: with fresh plugins, into the same site, and each build writes its 404 at the site's root:
#: the last language's would serve every reader.
_NOT_FOUND: dict[str, dict[str, str]] = {}


class SspKitPlugin(BasePlugin[SspKitConfig]):
    def __init__(self) -> None:
        self.serve = False

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        from mkdocs.config.config_options import ExtraScriptValue

        assets = self.config.assets_dir
        for name in SCRIPTS:  # cloud.js first: simulator.js reads the cloud it sets
            script = f"{assets}/{name}"
            if all(str(js) != script for js in config.extra_javascript):
                value = ExtraScriptValue(script)
                value.type = "module"
                config.extra_javascript.append(value)
        for name in STYLESHEETS:
            if f"{assets}/{name}" not in config.extra_css:
                config.extra_css.append(f"{assets}/{name}")
        return config

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Any) -> Environment:
        """The cloud selector's texts in the page's language (``partials/cloud.html``)."""
        env.globals["ssp_page"] = languages.page_texts
        return env

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Any
    ) -> str | None:
        """The step checker's verdicts on the page's source file, while writing."""
        if self.config.enabled and self.config.check and page.file.abs_src_path:
            shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
            checker.check_page(
                Path(page.file.abs_src_path), shown, page_language(page, config), log
            )
        return None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Compile catalogs, locale formats, scenarios and grammars first (pages render
        simulators), when the site is the source checkout's the kit is imported from; an
        installed kit has its own, compiled when it was built."""
        if self.config.enabled and package_data.is_checkout(project_folder(config)):
            package_data.build(project_folder(config))

    # After every plugin, those that ask to run last (-100, like mkdocs-static-i18n) included:
    # the CSP hashes the final page's inline scripts.
    @event_priority(-200)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Simulators go in here, after the search plugin has indexed the page's text (the
        portal's screens are not the article), then the CSP, which hashes final scripts."""
        if not self.config.enabled:
            return None
        try:
            shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
            output = embed.expand(
                output,
                lang=page_language(page, config),
                page=page.file.src_uri,
                guides=checker.guides_of(
                    shown, language=page_language(page, config) if STANDALONE in output else None
                ),
            )
        except embed.EmbedError as exc:
            raise PluginError(str(exc)) from exc
        output = add_module_preloads(output, self.config.assets_dir)
        return csp.add_meta(output, serve=self.serve) if self.config.csp else output

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """Static templates (404.html) get the same policy as pages; the 404 page is kept for
        its language's folder (``on_post_build``)."""
        if not self.config.enabled or not template_name.endswith(".html"):
            return None
        output = csp.add_meta(output_content, serve=self.serve) if self.config.csp else None
        if template_name == "404.html":
            language = str(config.theme.get("language") or LANGUAGES[0].code)
            kept = _NOT_FOUND.setdefault(str(Path(config.site_dir).resolve()), {})
            kept[language] = output if output is not None else output_content
        return output

    # Last, as on_post_page: mkdocs-static-i18n's (-100) builds the other languages, then
    # writes the search index of them all, which the precompressed copies must be made of.
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        copy_sitemaps(site, config)
        write_not_found_pages(site)
        dest = site / self.config.assets_dir
        dest.mkdir(parents=True, exist_ok=True)
        for asset in ASSETS.iterdir():
            if asset.is_file():
                shutil.copy2(asset, dest / asset.name)
        project = project_folder(config)
        self._bundle(site / self.config.pyodide_dir, project)
        if self.config.precompress and not self.serve:
            # the whole site: its pages and search index too (unchanged files are found in
            # the cache by their hash)
            decoded = compress.precompress(
                compress.candidates(site), cache=project / "build" / "compressed"
            )
            compress.write_decoded_sizes(site / self.config.pyodide_dir, decoded)

    def _bundle(self, target: Path, project: Path) -> None:
        """The wheels, lock file, runtime and snapshot in ``target``."""
        inputs = wheels.sources_fingerprint(runtime.node_pyodide(project))
        # mkdocs-static-i18n builds each language with fresh plugins into the same site:
        # bundle once per site and sources (a `mkdocs serve` edit changes the sources).
        if _BUNDLED.get(str(target)) == inputs and (target / "pyodide-lock.json").is_file():
            return
        _BUNDLED[str(target)] = inputs
        try:
            runtime.copy_runtime(target, project)
            bundle = wheels.bundle(target, project)
        except (wheels.WheelError, runtime.RuntimeMissing, bytecode.StdlibIncomplete) as exc:
            raise PluginError(str(exc)) from exc
        log.debug("ssp-kit: %d wheels and %s", len(bundle.wheels), bundle.lock.name)
        if bundle.source_only:  # optional: the wheels work as source, a little slower
            log.info("ssp-kit: wheels not compiled (%s)", bundle.source_only)
        if self.config.snapshot:
            try:
                snapshot.make_snapshot(bundle, cache=project / "build" / "snapshot")
            except snapshot.SnapshotError as exc:  # optional: the plain boot still works
                log.info("ssp-kit: no memory snapshot (%s)", exc)


_MODULE_SCRIPT = re.compile(r'<script src="([^"]*)" type="module">')
_STATIC_IMPORT = re.compile(r'^import [^;]*? from "\./([\w.-]+\.js)";', re.M)


def _imported(name: str) -> list[str]:
    """The kit's scripts ``name`` (in ASSETS) imports, itself first, each once."""
    found = [name]
    for script in found:
        source = (ASSETS / script).read_text(encoding="utf-8")
        found += [m for m in _STATIC_IMPORT.findall(source) if m not in found]
    return found


def add_module_preloads(html: str, assets_dir: str) -> str:
    """``html`` with a ``<link rel="modulepreload">`` at the end of its ``<head>`` for each
    of the kit's module scripts and the scripts they import.

    Material writes the scripts at the end of the body, found once the whole page (every
    cloud's first screen) has been parsed; their imports were found only once they had
    arrived, and the simulator's worker started after that chain. Preloaded, they arrive
    alongside the stylesheets, and the worker starts sooner (bench/boot.py's
    ``*_worker_at_ms``; on a second visit each was a round trip to revalidate). (Starting
    the worker from the head as well, async, was tried twice and left out: the worker
    then started 170 ms sooner, but on two cores it competes with the page being read; a
    second visit was ready no sooner, a cold one at 50 Mbit/s about 100 ms sooner, and the
    main thread's long tasks during a cold boot went from a median of 40 ms to 105 ms,
    past the 100 ms the boot may block it.)
    """
    links: list[str] = []
    for src in _MODULE_SCRIPT.findall(html):
        folder, _, name = src.rpartition("/")
        if not folder.endswith(assets_dir) or not (ASSETS / name).is_file():
            continue
        for script in _imported(name):
            link = f'<link rel="modulepreload" href="{folder}/{script}">'
            if link not in links:
                links.append(link)
    head_end = html.find("</head>")
    if not links or head_end < 0:
        return html
    return html[:head_end] + "".join(links) + html[head_end:]


def project_folder(config: MkDocsConfig) -> Path:
    """The folder of ``mkdocs.yml``: its ``node_modules`` has the Pyodide runtime, its
    ``build`` keeps what the bundle fetches and compiles, and, in the kit's own checkout,
    it has the sources of the catalogs and scenarios."""
    path = config.config_file_path
    return Path(path).resolve().parent if path else Path.cwd()


def copy_sitemaps(site: Path, config: MkDocsConfig) -> None:
    """Give each language folder the site's sitemap.

    Material's language selector reads ``<language link>/sitemap.xml`` to land on the same
    page in the other language; mkdocs-static-i18n writes one sitemap, at the root, that
    already lists every page with its alternates.
    """
    root = site / "sitemap.xml"
    if not root.is_file():
        return
    for alternate in config.extra.get("alternate", []):
        link = str(alternate.get("link", "")).strip("/")
        folder = site / link
        if link and folder.is_dir() and not (folder / "sitemap.xml").exists():
            shutil.copyfile(root, folder / "sitemap.xml")


def write_not_found_pages(site: Path) -> None:
    """Write each language's 404 page built so far into its folder (``/404.html``,
    ``/da/404.html``): after every language's build, since each writes its own at the root.
    Its links are absolute (Material's 404 is served at any address), so it works there."""
    for language, html in _NOT_FOUND.get(str(site.resolve()), {}).items():
        folder = site / languages.folder(language)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "404.html").write_text(html, "utf-8")


def page_language(page: Page, config: MkDocsConfig) -> str:
    """The page's language: mkdocs-static-i18n's locale, else the theme's, else English."""
    locale = getattr(page.file, "locale", None) or config.theme.get("language") or "en"
    return str(locale).split("-")[0].split("_")[0]
