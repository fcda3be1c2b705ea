"""The built site as a reader sees it, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import urldefrag, urlsplit

import pytest
from conftest import picture

# axe-core as shipped inside the pinned axe-playwright-python wheel: injected
# into each page as a script, so accessibility checks need no network.
AXE_SOURCE = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.help} ` +
              `(${v.nodes.length} nodes, e.g. ${v.nodes[0].target})`);
}"""

CHARTS_DRAWN = """() => [...document.querySelectorAll('.casebook-chart')]
    .every(c => c.querySelector('svg.marks, canvas.marks'))"""


@dataclass
class Visit:
    """What happened while one page loaded."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    charts: int = 0
    undescribed: list[str] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # local responses with HTTP >= 400


@pytest.fixture(scope="module")
def visits(browser, server, site_pages, artifacts) -> dict[str, Visit]:
    """Load every page once; record requests, console errors, links and charts."""
    local = urlsplit(server).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    # Nothing may leave the local server: such a request is logged (by the
    # listener below) and then refused, so a stray CDN link cannot hang a test.
    def route(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    results = {}
    for path in site_pages:
        visit = Visit()
        page = context.new_page()
        page.on("request", lambda r, v=visit: v.requests.append(r.url))
        page.on("console", lambda m, v=visit: m.type == "error" and v.errors.append(m.text))
        page.on("pageerror", lambda e, v=visit: v.errors.append(str(e)))
        page.on(
            "response",
            lambda r, v=visit: r.status >= 400 and v.failed.append(f"{r.status} {r.url}"),
        )
        page.goto(f"{server}/{path}", wait_until="load")
        page.wait_for_function(CHARTS_DRAWN, timeout=15_000)
        page.wait_for_load_state("networkidle")
        visit.charts = page.locator(".casebook-chart").count()
        visit.undescribed = page.eval_on_selector_all(
            ".casebook-chart",
            "cs => cs.filter(c => (c.getAttribute('aria-label') || '').length < 40).map(c => c.id)",
        )
        visit.links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        visit.ids = set(page.eval_on_selector_all("[id]", "es => es.map(e => e.id)"))
        picture(page, artifacts / (path.replace("/", "__") + ".png"))
        # Evaluated, not added as a <script>: the page's security policy refuses inline
        # scripts it does not list, and the audit is no part of the page.
        page.evaluate(AXE_SOURCE)
        visit.accessibility = page.evaluate(AXE_RUN)
        page.close()
        results[path] = visit
    context.close()
    return results


def test_navigation_pages_exist(nav_pages, site_pages):
    missing = [p for p in nav_pages if p not in site_pages]
    assert not missing, f"navigation links to pages that were not built: {missing}"


def test_pages_load_without_console_errors(visits):
    errors = {path: v.errors for path, v in visits.items() if v.errors}
    assert not errors, f"console errors: {errors}"


def test_every_resource_a_page_asks_for_exists(visits):
    failed = {path: v.failed for path, v in visits.items() if v.failed}
    assert not failed, f"requests that failed: {failed}"


def test_no_request_leaves_the_local_server(visits, server):
    local = urlsplit(server).netloc
    outside = {
        path: [
            u
            for u in v.requests
            if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != local
        ]
        for path, v in visits.items()
    }
    outside = {path: urls for path, urls in outside.items() if urls}
    assert not outside, f"requests to other hosts: {outside}"


def test_every_chart_container_is_drawn(visits, nav_pages):
    # CHARTS_DRAWN already waited for every container to hold an SVG; this checks
    # that the chapters in the navigation do have charts to draw.
    chapters = [p for p in nav_pages if p.startswith("chapters/")]
    without = [p for p in chapters if visits[p].charts == 0]
    assert chapters and not without, f"chapters with no chart: {without}"


def test_every_chart_has_a_text_description(visits):
    # Screen readers get the chart's data in words from the container's aria-label.
    undescribed = {path: v.undescribed for path, v in visits.items() if v.undescribed}
    assert not undescribed, f"charts without a text description: {undescribed}"


def test_no_serious_or_critical_accessibility_violations(visits):
    found = {path: v.accessibility for path, v in visits.items() if v.accessibility}
    assert not found, "axe-core violations:\n" + "\n".join(
        f"{path}: {line}" for path, lines in found.items() for line in lines
    )


def test_internal_links_resolve(visits, server, browser):
    pages = {f"{server}/{path}": visit for path, visit in visits.items()}
    broken = []
    request = browser.new_context().request
    for path, visit in visits.items():
        for link in visit.links:
            url, fragment = urldefrag(link)
            if not url.startswith(server):
                continue
            target = pages.get(url) or pages.get(url.rstrip("/") + "/index.html")
            if target is None:
                status = request.get(url).status
                if status != 200:
                    broken.append(f"{path} -> {link} (HTTP {status})")
            elif fragment and fragment not in target.ids:
                broken.append(f"{path} -> {link} (no element with id {fragment!r})")
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_saved_copy_draws_charts_offline(browser, site, nav_pages):
    """A copy opened from disk, with every network request refused, still draws."""
    context = browser.new_context()
    refused = []

    def route(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    chapter = next(p for p in nav_pages if p.startswith("chapters/"))
    page.goto((site / chapter).as_uri(), wait_until="load")
    page.wait_for_function(CHARTS_DRAWN, timeout=15_000)
    assert page.locator(".casebook-chart svg.marks").count() >= 1
    assert not refused, f"the saved page asked the network for: {refused}"
    context.close()


def drawn_marks(browser, server, path: str, mark: str) -> int:
    """How many marks of a Vega mark type (rect, symbol, line, rule) the page's charts drew."""
    page = browser.new_page()
    page.goto(f"{server}/{path}", wait_until="load")
    page.wait_for_function(CHARTS_DRAWN, timeout=15_000)
    # role-mark: marks in the plot, not the legend's symbols.
    # Vega draws rules as <line>, every other mark as <path>.
    shape = "line" if mark == "rule" else "path"
    count = page.locator(f".casebook-chart g.mark-{mark}.role-mark {shape}").count()
    page.close()
    return count


def test_charts_draw_every_row_of_their_data(browser, server):
    # A filter or encoding slip can drop rows without any error: count what was drawn.
    from casebook import helsinki
    from casebook.dprk import upr

    meetings, groups, ends = helsinki.meetings(), helsinki.groups(), helsinki.transitions()
    # Meetings are bars; the signatories' alignment grid has one tile per State.
    tiles = len(helsinki.participants())
    assert drawn_marks(browser, server, "chapters/helsinki.html", "rect") == len(meetings) + tiles
    assert drawn_marks(browser, server, "chapters/helsinki.html", "symbol") == len(groups) + len(
        ends
    )
    responses = upr.responses(upr.by_cycle())
    known = responses[responses["response"] != "Not established"]
    from casebook.dprk import recommendations

    # The cycle chart's bars, then one bar per category and position in the four
    # recommendation charts (a zero count is drawn as a bar of no width).
    recs = recommendations.load()
    bars = sum(len(recommendations.by(recs, f)) for f in ("theme", "action", "region", "relation"))
    # The DPRK as a reviewer: one bar per group of States reviewed and action category.
    from casebook.dprk import reviewer

    made = reviewer.load()
    bars += len(reviewer.by_group(made))
    # And one per third of States by closeness in UN votes and action category.
    closeness, thirds = reviewer.by_closeness(made, reviewer.agreement())
    bars += len(reviewer.by_group(closeness, list(thirds["group"])))
    assert drawn_marks(browser, server, "chapters/dprk-upr.html", "rect") == len(known) + bars
    # The trend chart: one point per cycle whose final count is established; the model
    # chart: one point per model and term.
    from casebook.dprk import model

    supported = known[(known["stage"] == "Final response") & (known["response"] == "Supported")]
    estimates = model.odds_ratios(model.all_fits(recs))
    assert drawn_marks(browser, server, "chapters/dprk-upr.html", "symbol") == len(supported) + len(
        estimates
    )
    from casebook import mongolia

    # Phases are shaded rects, behind the index and behind the events; events and
    # treaty actions are points.
    phases = len(mongolia.phases())
    assert drawn_marks(browser, server, "chapters/mongolia.html", "rect") == 2 * phases
    assert drawn_marks(browser, server, "chapters/mongolia.html", "symbol") == len(
        mongolia.events()
    ) + len(mongolia.treaty_actions())
    from casebook import comparison

    # One rect per coded period, one point per instrument.
    assert drawn_marks(browser, server, "chapters/comparison.html", "rect") == len(
        comparison.periods()
    )
    assert drawn_marks(browser, server, "chapters/comparison.html", "symbol") == len(
        comparison.instruments()
    )


def test_index_is_drawn_for_every_unit_with_its_markers(browser, server):
    from casebook import democracy, helsinki

    # Mongolia: one line and one band. Helsinki: one of each per Warsaw Pact state,
    # and two dashed markers in each state's panel.
    assert drawn_marks(browser, server, "chapters/mongolia.html", "line") == 1
    assert drawn_marks(browser, server, "chapters/mongolia.html", "area") == 1
    states = set(helsinki.transitions()["state_code"])
    bloc = democracy.codes_for(states)
    assert len(bloc) == len(states)
    assert drawn_marks(browser, server, "chapters/helsinki.html", "line") == len(bloc)
    assert drawn_marks(browser, server, "chapters/helsinki.html", "area") == len(bloc)
    assert drawn_marks(browser, server, "chapters/helsinki.html", "rule") == 2 * len(bloc)


def test_legend_filters_the_timeline(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/chapters/helsinki.html", wait_until="load")
    page.wait_for_function(CHARTS_DRAWN, timeout=15_000)
    opacities = """() => [...document.querySelectorAll(
        '.casebook-chart g.mark-symbol.role-mark path')].map(p => p.getAttribute('opacity'))"""
    assert set(page.evaluate(opacities)) == {"1"}
    # The first legend entry is "Meeting": selecting it fades every other kind.
    page.locator(".casebook-chart g.role-legend-symbol path").first.click()
    page.wait_for_function(f"() => ({opacities})().every(o => o === '0.15')", timeout=5_000)
    page.close()


MONGOLIA_EVENTS = """() => [...document.querySelectorAll(
    '.casebook-chart')][0].querySelectorAll('g.mark-symbol.role-mark path')"""


def test_legend_filters_mongolia_events_by_type(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/chapters/mongolia.html", wait_until="load")
    page.wait_for_function(CHARTS_DRAWN, timeout=15_000)
    opacities = f"() => [...({MONGOLIA_EVENTS})()].map(p => p.getAttribute('opacity'))"
    assert set(page.evaluate(opacities)) == {"1"}
    chart = page.locator(".casebook-chart").first
    # Legend symbols and labels come in the same order; the chart has two legends.
    labels = chart.locator("g.role-legend-label text").evaluate_all(
        "texts => texts.map(t => t.textContent)"
    )
    chart.locator("g.role-legend-symbol path").nth(labels.index("Legal")).click()
    # Legal events stay opaque, every other type fades.
    page.wait_for_function(
        f"() => new Set(({opacities})()).size === 2 && ({opacities})().includes('0.12')",
        timeout=5_000,
    )
    from casebook import mongolia

    faded = page.evaluate(opacities).count("0.12")
    events = mongolia.events()
    assert faded == (events["event_type"] != "legal").sum()
    page.close()


def test_hovering_an_event_shows_its_source(browser, server):
    from casebook import mongolia
    from casebook.site import bibliography

    page = browser.new_page()
    page.goto(f"{server}/chapters/mongolia.html", wait_until="load")
    page.wait_for_function(CHARTS_DRAWN, timeout=15_000)
    first = page.locator(".casebook-chart").first.locator("g.mark-symbol.role-mark path").first
    first.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert "Source" in text
    # The source as readers cite it (author and year), never its bibliography key.
    keys = set(mongolia.events()["source_key"])
    assert any(bibliography.short(key) in text for key in keys), text
    assert not any(re.search(rf"\b{re.escape(key)}\b", text) for key in keys), text
    page.close()


def test_a_link_to_a_row_opens_the_folded_rows_at_that_row(browser, server):
    from casebook.site import rows

    anchor = rows.anchor("vdem_democracy:PRK/1980")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/datasets/vdem_democracy.html#{anchor}", wait_until="load")
    row = page.locator(f"#{anchor}")
    row.wait_for(state="visible", timeout=5_000)
    assert page.locator("details.casebook-all-rows").get_attribute("open") is not None
    # The row is on screen, not merely in an opened block somewhere below.
    box = row.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box
    assert page.locator("details.casebook-details").get_attribute("open") is None
    page.close()
