"""The simulator boots in the page, offline, once per visit, under the site's CSP."""

from __future__ import annotations

import io
import time
import zipfile
from typing import Any

import pytest

from simulator.controls import CONTROLS
from simulator.i18n import translations
from walkthrough.site_server import ALL_SIMULATORS_READY, INSTANT_NAVIGATION_READY, emulate_link

pytestmark = pytest.mark.e2e

READY = "[data-simulator][data-ready]"
LICENSES = CONTROLS["nav.licenses"].label("en")  # the link, and its page's heading
YOUR_PRODUCTS = CONTROLS["nav.your_products"]  # its label: the first page's heading
_ = translations("en").gettext  # the boot's messages, in the catalog with the portal's
PAGES = {
    "en": ["/", "/manage-self-service-purchases-users/"],
    "da": ["/da/", "/da/manage-self-service-purchases-users/"],
}


def stats(page: Any) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate("({...window.__ssp.stats})")
    return result


def wait_all_ready(page: Any) -> None:
    page.wait_for_function(ALL_SIMULATORS_READY)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_simulator_becomes_ready_in_the_page_language(site_page: Any, lang: str) -> None:
    for path in PAGES[lang]:
        site_page.goto(path)
        wait_all_ready(site_page)
        sim = site_page.locator(READY).first
        assert sim.get_attribute("data-lang") == lang
        heading = YOUR_PRODUCTS.label(lang)
        assert sim.get_by_role("heading", name=heading).is_visible()
        assert sim.locator(".ssp-sim-status").is_hidden()
        assert sim.locator(".ssp-sim-root").get_attribute("inert") is None


def test_ready_simulator_is_interactive(site_page: Any) -> None:
    site_page.goto("/")
    wait_all_ready(site_page)
    sim = site_page.locator(READY).first
    sim.get_by_role("link", name=LICENSES, exact=True).click()
    sim.get_by_role("heading", name=LICENSES, exact=True).wait_for()  # re-rendered by Python
    assert sim.get_by_role("link", name=LICENSES, exact=True).get_attribute("aria-current")


def test_every_request_stays_on_the_local_server(site_page: Any, outside_requests: Any) -> None:
    for lang in ("en", "da"):
        for path in PAGES[lang]:
            site_page.goto(path)
            wait_all_ready(site_page)
            site_page.wait_for_load_state("networkidle")
    assert outside_requests.urls == []


def test_instant_navigation_keeps_one_pyodide(site_page: Any, base_url: str) -> None:
    site_page.goto("/")
    wait_all_ready(site_page)
    site_page.wait_for_function(INSTANT_NAVIGATION_READY)
    site_page.evaluate("window.__marker = 'same document'")
    boots = stats(site_page)["boots"]

    site_page.get_by_role("link", name="Manage self-service purchases (users)").first.click()
    site_page.wait_for_url("**/manage-self-service-purchases-users/")
    wait_all_ready(site_page)
    site_page.go_back()
    site_page.wait_for_url(f"{base_url}/")
    wait_all_ready(site_page)
    site_page.go_forward()
    site_page.wait_for_url("**/manage-self-service-purchases-users/")
    wait_all_ready(site_page)

    # The same document (no reload) and the same worker: Python booted once.
    assert site_page.evaluate("window.__marker") == "same document"
    assert stats(site_page)["boots"] == boots == 1


def test_csp_is_enforced_and_not_violated(site_page: Any) -> None:
    for path in PAGES["en"] + PAGES["da"]:
        site_page.goto(path)
        wait_all_ready(site_page)
        assert site_page.evaluate("window.__cspViolations") == [], path
    # The policy is live: an inline script without a listed hash does not run.
    site_page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__inlineRan = true'; document.body.append(s); }"
    )
    assert site_page.evaluate("window.__inlineRan === undefined")
    assert any("script-src" in v for v in site_page.evaluate("window.__cspViolations"))


def test_boot_failure_shows_retry_and_recovers(own_context: Any) -> None:
    page = own_context.new_page()
    broken = {"on": True}

    def maybe_fail(route: Any) -> None:
        if broken["on"]:
            route.fulfill(status=503, body="unavailable")
        else:
            route.continue_()

    own_context.route("**/pyodide.asm.wasm", maybe_fail)
    page.goto("/")
    sim = page.locator("[data-simulator]").first
    alert = sim.get_by_role("alert")
    alert.wait_for()
    assert _("The simulator could not start.") in alert.inner_text()
    assert sim.get_by_role("heading", name=YOUR_PRODUCTS.label("en")).is_visible()  # not blank
    broken["on"] = False
    sim.get_by_role("button", name=_("Try again")).click()
    page.wait_for_selector(READY)
    assert sim.get_by_role("alert").count() == 0


def test_a_wheel_unlike_its_lock_entry_is_refused(own_context: Any) -> None:
    """The worker checks each wheel against pyodide-lock.json's sha256 (fetch integrity)."""
    page = own_context.new_page()

    def tamper(route: Any) -> None:  # still a good wheel: only the hash tells
        response = route.fetch()
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(response.body())) as src,
            zipfile.ZipFile(out, "w") as dst,
        ):
            for item in src.infolist():
                dst.writestr(item, src.read(item))
            dst.writestr("simulator/added.txt", "not what the lock lists")
        route.fulfill(response=response, body=out.getvalue())

    own_context.route("**/simulator-*.whl", tamper)
    page.goto("/?ssp-boot=plain")
    alert = page.locator("[data-simulator]").first.get_by_role("alert")
    alert.wait_for()
    assert _("The simulator could not start.") in alert.inner_text()
    assert page.locator(READY).count() == 0


def _boot_path(context: Any, path: str, *, snapshot: Any = None) -> Any:
    """The boot path a fresh visit to ``path`` took; ``snapshot`` answers for snapshot.bin.gz."""
    if snapshot is not None:
        context.route("**/snapshot.bin.gz", snapshot)
    page = context.new_page()
    page.goto(path)
    wait_all_ready(page)
    sim = page.locator(READY).first
    sim.get_by_role("link", name=LICENSES, exact=True).click()
    sim.get_by_role("heading", name=LICENSES, exact=True).wait_for()
    return stats(page)["bootPath"]


def test_a_cold_visit_boots_plain_and_the_next_takes_the_snapshot_from_the_cache(
    own_context: Any,
) -> None:
    """The boot chooses by what is in the HTTP cache: a cold load downloads no snapshot
    before the simulator is ready, then prefetches it; the next visit boots from it."""
    page = own_context.new_page()
    downloaded: list[float] = []  # when a download of the snapshot's bytes ended

    def finished(request: Any) -> None:
        snapshot = request.url.endswith("/snapshot.bin.gz") and request.method == "GET"
        if snapshot and request.sizes()["responseBodySize"] > 0:
            downloaded.append(time.monotonic())

    own_context.on("requestfinished", finished)
    page.goto("/")
    wait_all_ready(page)
    ready = time.monotonic()
    first = stats(page)
    assert (first["bootPath"], first["bootWhy"]) == ("plain", "cold")
    page.wait_for_function("() => window.__ssp.stats.prefetchBytes > 0", timeout=60_000)
    deadline = time.monotonic() + 60  # the page counts the bytes before Playwright says so
    while not downloaded and time.monotonic() < deadline:
        page.wait_for_timeout(100)  # lets Playwright deliver the request's end
    assert downloaded and min(downloaded) >= ready  # none of its bytes before ready
    page.close()
    heads: list[str] = []  # nothing to size for the progress bar: no HEAD requests
    own_context.on(
        "request", lambda request: heads.append(request.url) if request.method == "HEAD" else None
    )
    second = own_context.new_page()
    second.goto("/manage-self-service-purchases-users/")
    wait_all_ready(second)
    assert (stats(second)["bootPath"], stats(second)["bootWhy"]) == ("snapshot", "cached")
    assert heads == []


def test_a_slow_link_gets_no_prefetch(own_context: Any) -> None:
    """At 2 Mbit/s the first chunks say the snapshot would take over 10 s to arrive: the
    worker does not spend the reader's link on it."""
    page = own_context.new_page()
    emulate_link(own_context, page, mbps=2)
    page.goto("/")
    page.wait_for_function(ALL_SIMULATORS_READY, timeout=180_000)
    page.wait_for_timeout(1000)
    assert stats(page)["bootWhy"] == "cold"
    assert stats(page).get("prefetchBytes") is None


def test_plain_boot_works_when_asked_for(own_context: Any) -> None:
    assert _boot_path(own_context, "/?ssp-boot=plain") == "plain"


def test_snapshot_boot_works_when_asked_for(own_context: Any) -> None:
    assert _boot_path(own_context, "/?ssp-boot=snapshot") == "snapshot"


def test_plain_boot_is_the_fallback_when_the_snapshot_is_missing(
    own_context: Any,
) -> None:
    missing = _boot_path(
        own_context, "/?ssp-boot=snapshot", snapshot=lambda route: route.fulfill(status=404)
    )
    assert missing == "plain"


def test_plain_boot_is_the_fallback_when_the_snapshot_is_damaged(
    own_context: Any,
) -> None:
    # Found only once the runtime is loading: the snapshot arrives alongside it (below).
    def damaged(route: Any) -> None:
        route.fulfill(status=200, body=b"not gzip", content_type="application/gzip")

    assert _boot_path(own_context, "/?ssp-boot=snapshot", snapshot=damaged) == "plain"


def test_snapshot_boot_downloads_the_runtime_alongside_the_snapshot(
    own_context: Any,
) -> None:
    # On a link of 200 Mbit/s the snapshot takes a quarter of a second to arrive; the
    # runtime's download used to start only then.
    page = own_context.new_page()
    emulate_link(own_context, page, mbps=200)
    timings: dict[str, Any] = {}
    own_context.on(
        "requestfinished",
        lambda request: timings.setdefault(request.url.rsplit("/", 1)[-1], request.timing),
    )
    page.goto("/?ssp-boot=snapshot")
    wait_all_ready(page)
    assert stats(page)["bootPath"] == "snapshot"
    snapshot, runtime = timings["snapshot.bin.gz"], timings["pyodide.asm.wasm"]
    assert runtime["startTime"] < snapshot["startTime"] + snapshot["responseEnd"]


STATUS = """() => { const s = document.querySelector('[data-simulator] .ssp-sim-status');
  return s.hidden ? null : [s.querySelector('progress').value,
                            s.querySelector('.ssp-sim-message').textContent]; }"""


def test_the_progress_bar_follows_the_download(own_context: Any) -> None:
    # On a link of 10 Mbit/s a cold boot downloads for about 4 s (4.5 MB, brotli): the bar
    # moves meanwhile (it stood still at 20 % until Python had started), and says Python
    # starts only once the runtime is here. Sent with Content-Encoding, a response's
    # Content-Length is its encoded size while the worker counts decoded bytes: counted
    # against it, the bar said "Starting Python…" after a third of the download.
    page = own_context.new_page()
    emulate_link(own_context, page, mbps=10)
    large = ("pyodide.asm.wasm", "python_stdlib.zip")
    requests: dict[str, Any] = {}  # each large download, once finished

    def ended(request: Any) -> None:
        name = request.url.rsplit("/", 1)[-1]
        if name in large and request.method == "GET":
            requests[name] = request

    own_context.on("requestfinished", ended)
    page.goto("/")
    shown: list[tuple[float, str]] = []
    when: list[float] = []  # when each of them was first seen
    deadline = time.monotonic() + 60
    while not page.evaluate(ALL_SIMULATORS_READY) and time.monotonic() < deadline:
        status = page.evaluate(STATUS)
        if status and (not shown or shown[-1] != tuple(status)):
            shown.append(tuple(status))
            when.append(time.time())
        time.sleep(0.05)
    wait_all_ready(page)
    # (Chromium reports the wasm's request finished once it is compiled, a little later)
    deadline = time.monotonic() + 10
    while len(requests) < len(large) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    encodings = {name: r.response().headers.get("content-encoding") for name, r in requests.items()}
    assert encodings == dict.fromkeys(large, "br")  # the case the bar must get right
    # when each large download's last byte arrived (epoch seconds)
    arrived = [(r.timing["startTime"] + r.timing["responseEnd"]) / 1000 for r in requests.values()]
    percents = [percent for percent, _ in shown]
    assert percents == sorted(percents)
    downloading = {percent for percent, text in shown if text == _("Downloading Python…")}
    assert len(downloading) >= 5
    assert (
        50 <= max(downloading) < 65 <= min(p for p, text in shown if text == _("Starting Python…"))
    )
    starting = min(
        t for t, (_p, text) in zip(when, shown, strict=True) if text == _("Starting Python…")
    )
    assert starting >= max(arrived) - 0.5  # (the page's poll: every 50 ms, slower under load)


def test_before_python_is_ready_the_chosen_clouds_screen_shows(own_context: Any) -> None:
    own_context.route("**/pyodide.asm.wasm", lambda route: None)  # never answered: no boot
    page = own_context.new_page()
    page.goto("/?view=o365-21vianet")
    sim = page.locator("[data-simulator]").first
    shown = sim.locator(".ssp-topbar:visible")
    assert shown.count() == 1
    assert "portal.partner.microsoftonline.cn" in shown.inner_text()
    assert "CN¥" in sim.locator("td:visible").all_inner_texts()[1]


def test_a_visit_with_the_snapshot_cached_still_reports_a_runtime_that_fails(
    own_context: Any,
) -> None:
    """Such a visit sends no HEAD requests to check the runtime: Pyodide's own fetch of
    its wasm answering an error ends the boot (the worker watches it too)."""
    page = own_context.new_page()
    page.goto("/")
    wait_all_ready(page)
    page.wait_for_function("() => window.__ssp.stats.prefetchBytes > 0", timeout=60_000)
    page.close()
    own_context.route(
        "**/pyodide.asm.wasm", lambda route: route.fulfill(status=503, body="unavailable")
    )
    second = own_context.new_page()
    second.goto("/manage-self-service-purchases-users/")
    alert = second.locator("[data-simulator]").first.get_by_role("alert")
    alert.wait_for(timeout=60_000)
    assert _("The simulator could not start.") in alert.inner_text()
