"""The publication in Chromium: the security policy in force, the dark theme, folded
source lists, the phone menu and the home page, used as a reader uses them."""

from __future__ import annotations

import time
from xml.etree import ElementTree

import pytest
from test_site_layout import DESKTOP, PHONE, open_page, save

from casebook import theme

VIOLATIONS = """() => window.__violations || []"""
# Recorded before any page script runs, so a blocked inline script is caught too.
RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(
    [e.violatedDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber].join(' ')));"""


DARK_STYLESHEETS_IN_FORCE = """() => [...document.querySelectorAll('link.quarto-color-alternate')]
    .every(l => l.rel === 'stylesheet' && l.sheet)"""
TRANSITIONS_DONE = "document.getAnimations().every(a => a.playState !== 'running')"
# Whether the dark stylesheets were switched on when the body began (run before page scripts).
DARK_AT_BODY = """new MutationObserver((changes, observer) => {
  if (!document.body) return;
  observer.disconnect();
  window.__darkAtBody = [...document.querySelectorAll('link.quarto-color-alternate')]
    .every(l => l.rel === 'stylesheet');
}).observe(document, {childList: true, subtree: true});"""


def test_a_dark_readers_page_is_first_drawn_dark_even_on_a_slow_network(browser, server):
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    context.add_init_script("localStorage.setItem('quarto-color-scheme', 'alternate')")

    def slowly(route):  # the dark stylesheet takes most of a second to arrive
        time.sleep(0.8)
        route.continue_()

    context.route("**/site_libs/bootstrap/bootstrap-dark-*.min.css", slowly)
    page = context.new_page()
    page.goto(f"{server}/chapters/helsinki.html", wait_until="load")
    page.wait_for_function(DARK_STYLESHEETS_IN_FORCE)
    page.wait_for_function("performance.getEntriesByType('paint').length > 0")
    first_paint, arrived = page.evaluate(
        """() => [performance.getEntriesByType('paint')[0].startTime,
                  performance.getEntriesByType('resource')
                    .find(r => /bootstrap-dark-/.test(r.name)).responseEnd]"""
    )
    assert first_paint >= arrived, (first_paint, arrived)
    context.close()


def test_a_reader_of_the_light_theme_never_downloads_the_dark_one(browser, server):
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{server}/chapters/dprk-upr.html", wait_until="load")
    page.wait_for_timeout(300)
    assert any("bootstrap-icons.woff" in url or "bootstrap.min.js" in url for url in fetched)
    assert not [url for url in fetched if "-dark" in url.rsplit("/", 1)[-1]]
    context.close()


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of "rgb(r, g, b)" or "#rrggbb"."""
    if colour.startswith("#"):
        channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    else:
        channels = [int(float(c)) for c in colour[colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [
        (c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4)
        for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_no_page_breaks_the_security_policy(browser, server, site_pages):
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    broken = {}
    for path in site_pages:
        page = open_page(context, server, path)
        # Use what runs scripts: search, a tooltip, the menu of saves.
        page.keyboard.press("Escape")
        found = page.evaluate(VIOLATIONS)
        if found:
            broken[path] = found
        page.close()
    context.close()
    assert not broken, f"blocked by the security policy: {broken}"


def test_the_phone_menu_opens_under_the_policy(browser, server):
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    context.add_init_script(RECORD_VIOLATIONS)
    page = open_page(context, server, "chapters/helsinki.html")
    # Quarto marks the menu button role="menu", so it is found by its class.
    page.locator(".navbar-toggler").click()
    page.get_by_role("link", name="Comparison", exact=True).wait_for(state="visible")
    assert page.evaluate(VIOLATIONS) == []
    context.close()


def chart_text_colours(page) -> list[str]:
    """The colours of every chart's own words: axes, legends, titles and panel headers
    (text drawn as a data mark, on its own background, is left out)."""
    return page.evaluate(
        """() => [...new Set([...document.querySelectorAll('.casebook-chart svg.marks text')]
                 .filter(t => !t.closest('g.role-mark'))
                 .map(t => t.getAttribute('fill') || getComputedStyle(t).fill))]"""
    )


def test_the_dark_theme_recolours_page_and_charts_and_is_remembered(browser, server):
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, accept_downloads=True)
    page = open_page(context, server, "chapters/dprk-upr.html")
    light_labels = chart_text_colours(page)
    page.locator(".quarto-color-scheme-toggle").first.click()
    page.wait_for_function("document.body.classList.contains('quarto-dark')")
    # Fetched only now: a reader who keeps the light theme never downloads it.
    page.wait_for_function(DARK_STYLESHEETS_IN_FORCE)
    page.wait_for_function(TRANSITIONS_DONE)
    page.wait_for_function(
        """() => [...document.querySelectorAll('.casebook-chart')]
                   .every(c => c.classList.contains('casebook-chart-drawn'))"""
    )
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert luminance(background) < 0.05, background
    text = page.evaluate("getComputedStyle(document.querySelector('main p')).color")
    assert contrast(text, background) >= 7, (text, background)
    link = page.evaluate("getComputedStyle(document.querySelector('main p a')).color")
    assert contrast(link, background) >= 4.5, (link, background)
    dark_labels = chart_text_colours(page)
    assert dark_labels and dark_labels != light_labels
    for colour in dark_labels:
        assert contrast(colour, background) >= 4.5, (colour, background)

    # A saved picture is for paper: light colours, whatever the page shows.
    chart = page.locator(".casebook-chart").first
    svg = open(save(page, chart, "Save image (SVG)")[0], encoding="utf-8").read()
    assert theme.DARK_BACKGROUND not in svg and theme.DARK_COLOURS[theme.MUTED] not in svg
    ElementTree.fromstring(svg)

    # The choice is remembered on the next page, whose dark stylesheets are on before
    # its body is parsed: no light page flashes first.
    context.add_init_script(DARK_AT_BODY)
    other = open_page(context, server, "chapters/mongolia.html")
    assert other.evaluate("document.body.classList.contains('quarto-dark')")
    assert other.evaluate("window.__darkAtBody") is True
    other.locator(".quarto-color-scheme-toggle").first.click()
    other.wait_for_function("document.body.classList.contains('quarto-light')")
    other.wait_for_function(
        """() => [...document.querySelectorAll('.casebook-chart')]
                   .every(c => c.classList.contains('casebook-chart-drawn'))"""
    )
    drawn = other.evaluate(
        "[...document.querySelectorAll('.casebook-chart svg.marks')].map(s => s.outerHTML).join('')"
    )
    assert theme.DARK_BACKGROUND.lower() not in drawn.lower()
    context.close()


@pytest.mark.parametrize("colours", ["RESPONSE_COLOURS", "PHASE_COLOURS", "ACTION_COLOURS"])
def test_data_colours_stand_out_on_the_dark_background(colours):
    palette = getattr(theme, colours)
    for colour in palette.values() if isinstance(palette, dict) else palette:
        assert contrast(colour, theme.DARK_BACKGROUND) >= 3, colour


def test_long_source_lists_fold_and_open_and_print_in_full(browser, server):
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    page = open_page(context, server, "chapters/helsinki.html")
    folded = page.locator("details.casebook-sources-list").first
    summary = folded.locator("summary")
    assert "Sources" in summary.inner_text()
    citation = folded.locator("a[role='doc-biblioref']").first
    assert not citation.is_visible()
    summary.click()
    assert citation.is_visible()
    summary.click()
    page.emulate_media(media="print")
    assert citation.is_visible(), "the folded list is hidden on paper"
    assert not summary.is_visible()
    context.close()


def test_the_home_page_leads_with_findings_and_their_chart(browser, server):
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    page = open_page(context, server, "index.html")
    findings = page.locator("#key-findings")
    assert findings.is_visible()
    chart = findings.locator(".casebook-chart svg.marks")
    assert chart.count() == 1
    # Read in order: the findings' text comes before their chart.
    first_item = page.locator("#key-findings li").first.bounding_box()
    assert first_item["y"] < chart.bounding_box()["y"]
    context.close()


# Enough of an element's computed style to see any rule that applied or failed to.
STYLE_DIGEST = """() => {
  const props = ['display', 'position', 'float', 'visibility', 'opacity', 'box-sizing',
    'width', 'height', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
    'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border-top-width',
    'border-bottom-width', 'border-left-width', 'border-right-width', 'border-top-color',
    'border-radius', 'font-family', 'font-size', 'font-weight', 'font-style', 'line-height',
    'text-align', 'text-decoration-line', 'text-transform', 'white-space', 'color',
    'background-color', 'background-image', 'box-shadow', 'overflow-x', 'overflow-y',
    'flex-direction', 'flex-wrap', 'justify-content', 'align-items', 'gap', 'z-index',
    'top', 'left', 'list-style-type', 'cursor', 'content'];
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const s = getComputedStyle(el), b = getComputedStyle(el, '::before');
    out.push(el.tagName + ' ' + props.map(p => s.getPropertyValue(p)).join('|')
      + ' ::before ' + b.getPropertyValue('content') + b.getPropertyValue('font-family'));
  }
  return out;
}"""


@pytest.mark.parametrize("width, dark", [(PHONE, False), (DESKTOP, False), (DESKTOP, True)])
def test_the_cut_stylesheets_style_every_element_as_quartos_full_ones(browser, server, width, dark):
    from casebook.site import build
    from validation.codebook import PROJECT_DIR

    originals = PROJECT_DIR / build.ASSET_ORIGINALS

    def full_stylesheet(route):
        name = route.request.url.split("?")[0].rsplit("/", 1)[-1]
        route.fulfill(path=originals / name, content_type="text/css")

    for path in ("index.html", "chapters/dprk-upr.html", "datasets/upr_recommendations.html"):
        digests = []
        for full in (False, True):
            context = browser.new_context(viewport={"width": width, "height": 900})
            if full:
                context.route("**/site_libs/bootstrap/bootstrap-*.min.css", full_stylesheet)
            if dark:  # the reader's stored choice, as the toggle leaves it
                context.add_init_script("localStorage.setItem('quarto-color-scheme', 'alternate')")
            page = open_page(context, server, path)
            if dark:
                page.wait_for_function(DARK_STYLESHEETS_IN_FORCE)
            if width == PHONE:  # the menu, whose classes Bootstrap's script adds
                page.locator(".navbar-toggler").click()
                page.wait_for_timeout(600)
            # Styles are read once colour transitions (the navbar's, on the dark theme's
            # arrival) have finished.
            page.wait_for_function(TRANSITIONS_DONE)
            digests.append(page.evaluate(STYLE_DIGEST))
            context.close()
        cut, full = digests
        assert len(cut) == len(full), path
        differing = [(a, b) for a, b in zip(cut, full, strict=True) if a != b]
        assert not differing, f"{path} at {width}px, dark {dark}: {differing[:3]}"
