"""The kit's pages as pytest items: one per page x locale x cloud x procedure and driver.

``pages.toml`` names the folders and drivers (a driver may have its own ``folders``, a
subset); this collects them so an item reads as the page does
(``inprocess::da/o365-21vianet/Annullere et abonnement``), which
``pytest_generate_tests`` ids cannot (they escape non-ASCII letters). An item runs its
procedure through the driver and fails with, per failing step, the source file and line,
the step's text, what it asks, and what the simulator showed.

Browser items (marked e2e) run on the built site in the worker's shared page (Pyodide
boots once per worker and language: ``xdist_group`` keeps a language on one worker under
``--dist loadgroup``), assert that their verdicts equal the in-process driver's, and on a
failure run the procedure once more with Playwright tracing to keep its trace beside the
screenshot under ``test-results/``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from walkthrough.checker.check import check_text
from walkthrough.checker.inprocess_driver import InProcessDriver
from walkthrough.steps import extract
from walkthrough.steps.report import FileReport, ProcedureReport

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Case:
    path: Path
    locale: str
    moniker: str
    title: str
    line: int

    def check(self, driver: Any) -> tuple[FileReport, ProcedureReport]:
        text = self.path.read_text("utf-8-sig")
        report = check_text(
            text,
            str(self.path.relative_to(ROOT)),
            monikers=[self.moniker],
            driver=driver,
            select=lambda p: p.line == self.line,
        )
        (procedure,) = report.procedures
        return report, procedure


def cases(folders: list[str]) -> Iterator[tuple[str, Case]]:
    """(name, case) for every procedure of the pages in ``folders``, in every cloud."""
    seen: set[str] = set()
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.md")):
            found = extract.article(path.read_text("utf-8-sig"), path=str(path))
            for procedure in found.procedures:
                name = f"{found.locale}/{procedure.moniker}/{procedure.title}"
                if name in seen:
                    name = f"{name} ({path.stem})"
                seen.add(name)
                yield (
                    name,
                    Case(path, found.locale, procedure.moniker, procedure.title, procedure.line),
                )


def verdicts(procedure: ProcedureReport) -> list[tuple[int, str, tuple[str, ...]]]:
    """What both drivers must agree on: each step's status and finding codes."""
    return [(s.line, s.status, tuple(sorted(f.code for f in s.findings))) for s in procedure.steps]


def failures(report: FileReport, procedure: ProcedureReport, driver: str) -> str:
    out = [f"{procedure.title} ({report.locale}, {procedure.moniker}), {driver} driver:"]
    traces: set[str] = set()
    for step in procedure.steps:
        if step.status != "fail":
            continue
        out.append(f"{report.path}:{step.line}: {step.text}")
        if step.expected:
            out.append(f"  expected: {step.expected}")
        for finding in step.findings:
            if finding.code in ("driver-failed", "postcondition-failed"):
                out.append(f"  the simulator showed: {finding.message}")
            elif finding.severity == "error":
                hint = f" -> {finding.suggestion}" if finding.suggestion else ""
                out.append(f"  {finding.code}: {finding.message}{hint}")
        out.extend(f"  screenshot: {a}" for a in step.artifacts if not a.endswith(".zip"))
        traces.update(a for a in step.artifacts if a.endswith(".zip"))
    for diagnostic in report.diagnostics:
        if diagnostic.severity == "error":
            out.append(f"{report.path}:{diagnostic.line}: {diagnostic.code}: {diagnostic.message}")
    out.extend(f"trace: {t} (playwright show-trace {t})" for t in sorted(traces))
    return "\n".join(out)


_INPROCESS = InProcessDriver()  # one per worker: its screen graph makes reruns cheap


def run_inprocess(case: Case) -> None:
    report, procedure = case.check(_INPROCESS)
    if any(s.status == "fail" for s in procedure.steps) or not report.checked:
        pytest.fail(failures(report, procedure, "inprocess"), pytrace=False)


def run_browser(case: Case, driver: Any) -> None:
    results, driver.results = driver.results, None  # nothing kept on a first run
    try:
        report, procedure = case.check(driver)
    finally:
        driver.results = results
    _, expected = case.check(_INPROCESS)
    failed = any(s.status == "fail" for s in procedure.steps)
    if failed:  # once more with a trace, kept beside its screenshots
        driver.trace = True
        try:
            report, procedure = case.check(driver)
        finally:
            driver.trace = False
    message = failures(report, procedure, "browser") if failed else ""
    if verdicts(procedure) != verdicts(expected):
        diff = [
            f"  line {b[0]}: browser {b[1]} {list(b[2])}, in process {i[1]} {list(i[2])}"
            for b, i in zip(verdicts(procedure), verdicts(expected), strict=False)
            if b != i
        ]
        message += "\nthe drivers disagree:\n" + "\n".join(diff)
    if message:
        pytest.fail(message.strip(), pytrace=False)


class DriverItems(pytest.Collector):
    """The items of one driver."""

    def __init__(self, *, folders: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folders = folders

    def collect(self) -> Iterator[pytest.Item]:
        for name, case in cases(self.folders):
            item = pytest.Function.from_parent(self, name=name, callobj=self._test(case))
            if self.name == "browser":
                item.add_marker(pytest.mark.e2e)
                item.add_marker(pytest.mark.xdist_group(f"checker-{case.locale}"))
            yield item

    def _test(self, case: Case) -> Callable[..., None]:
        if self.name == "browser":

            def browser(checker_browser: Any) -> None:
                run_browser(case, checker_browser)

            return browser

        def inprocess() -> None:
            run_inprocess(case)

        return inprocess


class PagesFile(pytest.File):
    def collect(self) -> Iterator[pytest.Collector]:
        manifest = tomllib.loads(self.path.read_text("utf-8"))
        for driver in manifest.get("drivers", []):
            # A driver may take a representative subset of the folders ([<driver>] folders).
            folders = manifest.get(driver, {}).get("folders", manifest["folders"])
            yield DriverItems.from_parent(self, name=driver, folders=folders)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name == "pages.toml" and file_path.parent == Path(__file__).parent:
        return PagesFile.from_parent(parent, path=file_path)
    return None


@pytest.fixture(scope="session")
def checker_browser(site_page: Any, base_url: str, site_dir: Path) -> Iterator[Any]:
    """The browser driver on the worker's shared page (Pyodide boots once per worker)."""
    from walkthrough.checker.browser_driver import BrowserDriver

    driver = BrowserDriver(
        site_page, base_url, site=site_dir, docs=ROOT / "docs", results=ROOT / "test-results"
    )
    driver.trace = False
    yield driver
    driver.shutdown()
