"""The recommendation explorer, used as a reader uses it, in Chromium: words typed,
boxes ticked, bars clicked, links shared and opened, rows downloaded, keyboard only,
on a phone."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import expect

from casebook.dprk import recommendations
from tests.conftest import PROJECT
from tests.test_site_browser import AXE_RUN, AXE_SOURCE

PAGE = "chapters/dprk-upr.html"
EXPLORER = "#upr-explorer"
READY = """() => {
  const charts = [...document.querySelectorAll('.casebook-chart')];
  return charts.every(c => c.classList.contains('casebook-chart-drawn'))
    && document.querySelector('#upr-explorer')?.dataset.shown !== undefined
    && document.querySelectorAll('.casebook-linked').length === 4;
}"""
THEME_CHART = ".casebook-chart[aria-label*='by theme']"


@pytest.fixture(scope="module")
def recs():
    return recommendations.load()


@pytest.fixture
def open_page(browser, server):
    """Open the chapter (with an optional query string) in a fresh context."""
    contexts = []

    def opener(query: str = "", width: int = 1280, height: int = 900):
        context = browser.new_context(
            viewport={"width": width, "height": height}, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(f"{server}/{PAGE}{query}", wait_until="load")
        page.wait_for_function(READY, timeout=20_000)
        return page

    yield opener
    for context in contexts:
        context.close()


def shown(page) -> int:
    return int(page.locator(EXPLORER).get_attribute("data-shown"))


def wait_shown(page, n: int) -> None:
    page.wait_for_function(
        f"() => document.querySelector('{EXPLORER}').dataset.shown === '{n}'", timeout=5_000
    )


# As assets/explorer.js folds text: marks dropped, a few letters and quotes mapped.
LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ħ": "h",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)


def fold(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.lower().translate(LETTERS)


LABELS = recommendations.theme_labels()


def haystack(row) -> str:
    themes = "; ".join(LABELS[k] for k in row["theme_keys"])
    return fold(f"{row['text']} {row['state']} {themes}")


def pick(page, facet: str, value: str) -> None:
    """Open a facet and tick one of its values, as a reader does."""
    filters = page.locator(f"{EXPLORER} .casebook-explorer-filters")
    if filters.get_attribute("open") is None:
        filters.locator("summary").first.click()
    details = page.locator(f"#upr-explorer-facet-{facet}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    details.get_by_role("checkbox", name=re.compile(rf"^{re.escape(value)}(\s|$)")).check()


def texts(page, selector: str) -> list[str]:
    """The text of every match, on screen or not (rows off screen are not laid out
    until they scroll near, so their rendered text is empty; their content is there)."""
    return page.locator(selector).evaluate_all("els => els.map(e => e.textContent)")


def picked(page, facet: str) -> list[str]:
    return page.locator(f"#upr-explorer-facet-{facet} input:checked").evaluate_all(
        "inputs => inputs.map(i => i.value)"
    )


def press(button) -> None:
    """Press a button below the rows as a keyboard reader does. A mouse click can miss it:
    scrolled into view at a jump, the rows above it are laid out at their real height
    (content-visibility) just after the click's aim is taken, and it moves (seen under load:
    the click landed on the explorer's frame)."""
    button.press("Enter")


def listed(page) -> list[tuple[str, str]]:
    """(cycle, number) of every row in the table, after asking for all of them."""
    more = page.locator(f"{EXPLORER} .casebook-explorer-more button", has_text="Show all")
    if more.is_visible():
        press(more)
    return page.locator(f"{EXPLORER} tbody tr").evaluate_all(
        """rows => rows.map(r => [r.querySelector('[data-field=cycle]').textContent,
                                  r.querySelector('[data-field=id]').textContent])"""
    )


def selected_in_charts(page, field: str) -> list[list[str]]:
    """The values each linked chart highlights for `field` (its selected_<field> parameter)."""
    return page.evaluate(
        """field => Object.values(window.casebookCharts)
            .filter(v => {
              try { v.signal('selected_' + field); return true; } catch (e) { return false; }
            })
            .map(v => v.signal('selected_' + field))""",
        field,
    )


def test_search_finds_every_word_in_any_order_ignoring_case_and_accents(open_page, recs):
    page = open_page()
    page.locator("#upr-explorer-search").press_sequentially("penalty DEATH abolish", delay=20)
    hay = recs.apply(haystack, axis=1)
    expected = hay.map(lambda h: all(w in h for w in ("penalty", "death", "abolish"))).sum()
    assert expected > 0
    wait_shown(page, expected)
    # Every word is marked where it occurs in the texts shown.
    marks = texts(page, f"{EXPLORER} td[data-field=text] mark")
    assert {m.lower() for m in marks} >= {"death", "penalty", "abolish"}

    # An accent typed or not, a capital or not: "turkiye" finds Türkiye.
    page.locator("#upr-explorer-search").fill("turkiye")
    page.locator("#upr-explorer-search").press("Enter")
    wait_shown(page, int((recs["state"] == "Türkiye").sum()))
    assert shown(page) > 0
    assert page.locator(f"{EXPLORER} td[data-field=state] mark").first.inner_text() == "Türkiye"

    # A straight apostrophe finds the reports' curly one ("People’s").
    page.locator("#upr-explorer-search").fill("people's")
    page.locator("#upr-explorer-search").press("Enter")
    expected = recs.apply(haystack, axis=1).str.contains("people's", regex=False).sum()
    assert expected > 0
    wait_shown(page, int(expected))
    assert page.errors == []


def test_the_address_keeps_the_view_and_back_and_forward_step_through_it(open_page, recs):
    page = open_page()
    # Following a link within the page changes nothing in the view.
    press(page.locator(f"{EXPLORER} .casebook-explorer-more button", has_text="Show 50 more"))
    assert page.locator(f"{EXPLORER} tbody tr").count() == 100
    page.evaluate("location.hash = '#recommendation-explorer'")
    page.wait_for_timeout(200)
    assert page.locator(f"{EXPLORER} tbody tr").count() == 100

    children = recs["theme_keys"].map(lambda ks: "children" in ks)
    rejected = recs["wg_position"] == "noted"
    pick(page, "theme", "Children")
    wait_shown(page, int(children.sum()))
    pick(page, "position", "Rejected (noted)")
    wait_shown(page, int((children & rejected).sum()))
    page.locator(f"{EXPLORER} th", has_text="Recommending State").get_by_role("button").click()

    query = dict(parse_qsl(urlsplit(page.url).query))
    assert query == {"theme": "Children", "position": "Rejected (noted)", "sort": "state"}

    # The same address, opened afresh, restores the view.
    again = open_page("?" + urlsplit(page.url).query)
    assert shown(again) == int((children & rejected).sum())
    assert picked(again, "theme") == ["Children"]
    assert picked(again, "position") == ["Rejected (noted)"]
    assert (
        again.locator(f"{EXPLORER} th[aria-sort=ascending]")
        .inner_text()
        .startswith("Recommending State")
    )
    assert listed(again) == listed(page)

    # Back undoes one change at a time; forward redoes it.
    page.go_back()
    page.wait_for_function("() => !location.search.includes('sort')")
    assert shown(page) == int((children & rejected).sum())
    page.go_back()
    wait_shown(page, int(children.sum()))
    assert picked(page, "position") == []
    page.go_back()
    wait_shown(page, len(recs))
    page.go_forward()
    wait_shown(page, int(children.sum()))
    assert picked(page, "theme") == ["Children"]

    # Two searches with a pause between them are two steps back; one burst is one.
    search = page.locator("#upr-explorer-search")
    search.press_sequentially("food", delay=30)
    page.wait_for_function("() => location.search.includes('search=food')")
    search.press("Tab")
    search.fill("")
    search.press_sequentially("water", delay=30)
    page.wait_for_function("() => location.search.includes('search=water')")
    page.go_back()
    page.wait_for_function("() => location.search.includes('search=food')")
    assert search.input_value() == "food"

    # "Copy link" gives the address of this view, pointing at the explorer.
    page.get_by_role("button", name="Copy link to this view").click()
    link = page.get_by_role("textbox", name="Link to this view").input_value()
    assert link.endswith("#upr-explorer") and "theme=Children" in link
    assert page.errors == [] and again.errors == []


def test_the_csv_download_holds_the_rows_shown_with_their_sources(open_page, recs):
    page = open_page("?cycle=Cycle+2&position=Kept+for+examination&search=education")
    rows = listed(page)
    assert 0 < len(rows) < len(recs)
    with page.expect_download() as download:
        page.locator(f"{EXPLORER} .casebook-explorer-actions button", has_text="Download").click()
    raw = download.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8, marked so spreadsheets read it as such
    text = raw.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    # Opening lines: one cell each, starting "# ", saying how many there are.
    about = [cells[0] for cells in lines if len(cells) == 1 and cells[0].startswith("# ")]
    assert f"The first {len(about)} lines describe the rows" in about[0]
    assert about[0].startswith("# Norms under review: Recommendations to the DPRK")
    sha = hashlib.sha256((PROJECT / "data" / "upr_recommendations.csv").read_bytes()).hexdigest()
    assert any(sha in line for line in about)
    selection = next(line for line in about if line.startswith("# Selection:"))
    assert 'search "education"' in selection and "Cycle: Cycle 2" in selection
    assert "At the Working Group: Kept for examination" in selection

    header, *cells = lines[len(about) :]
    table = [dict(zip(header, row, strict=True)) for row in cells]
    assert [(f"Cycle {r['Cycle']}", r["Recommendation number"]) for r in table] == [
        tuple(r) for r in rows
    ]
    # Every value comes with its source and where in it.
    by_id = recs.set_index(["cycle_number", "recommendation_id"])
    for r in table:
        source = by_id.loc[(int(r["Cycle"]), r["Recommendation number"])]
        assert r["Recommendation"] == source["text"]
        assert r["That source's key in references.bib"] == source["source_key"]
        assert r["Where in that source"] == source["source_locator"]
        assert r["Where in that source (final response)"]
        assert r["Source of the regional group"] or r[
            "UN regional group of the recommending State"
        ].startswith("Observer")
    assert page.errors == []


def test_a_bar_selects_its_theme_and_position_and_a_second_click_undoes_it(open_page, recs):
    page = open_page()
    theme, position = "Children", "Rejected (noted)"
    expected = recs["theme_keys"].map(lambda ks: "children" in ks) & (
        recs["wg_position"] == "noted"
    )
    bar = page.locator(THEME_CHART).locator(
        f"path[aria-label*='theme: {theme};'][aria-label*='position: {position}']"
    )
    bar.click()
    wait_shown(page, int(expected.sum()))
    assert picked(page, "theme") == [theme] and picked(page, "position") == [position]
    assert [theme] in selected_in_charts(page, "theme")
    assert all(sel == [position] for sel in selected_in_charts(page, "position"))
    # The line under the chart says what is selected and leads to the rows.
    line = page.locator(THEME_CHART).locator(
        "xpath=following-sibling::p[contains(@class,'casebook-linked')]"
    )
    assert f"Selected: {theme}, {position}" in line.inner_text()
    assert line.get_by_role("link").get_attribute("href") == EXPLORER
    assert f"lists {int(expected.sum())} recommendations" in line.inner_text()
    # The bar drawn solid, the others faded.
    opacity = "el => Number(getComputedStyle(el).opacity)"
    assert bar.evaluate(opacity) == 1
    other = (
        page.locator(THEME_CHART)
        .locator("path[aria-label*='theme: Women and gender equality;']")
        .first
    )
    assert other.evaluate(opacity) < 1

    bar.click()
    wait_shown(page, len(recs))
    assert picked(page, "theme") == [] and picked(page, "position") == []
    assert all(sel == [] for sel in selected_in_charts(page, "theme"))
    assert all(sel == [] for sel in selected_in_charts(page, "position"))

    # A chart redrawn (a narrower window) is still linked, once.
    page.set_viewport_size({"width": 1000, "height": 900})
    page.wait_for_timeout(600)  # the runtime waits for the width to settle, then redraws
    page.wait_for_function(READY, timeout=10_000)
    bar.click()
    wait_shown(page, int(expected.sum()))
    bar.click()
    wait_shown(page, len(recs))
    assert page.errors == []


def test_the_explorer_highlights_the_charts_and_clear_resets_both(open_page, recs):
    page = open_page()
    pick(page, "action", "5 Specific action")
    assert selected_in_charts(page, "action") == [["5 Specific action"]]
    line = page.locator(".casebook-chart[aria-label*='action category']").locator(
        "xpath=following-sibling::p[contains(@class,'casebook-linked')]"
    )
    assert "Selected: 5 Specific action" in line.inner_text()

    # A bar click replaces the explorer's choice for those fields, keeps its others.
    pick(page, "cycle", "Cycle 1")
    page.locator(THEME_CHART).locator("path[aria-label*='theme: Children;']").first.click()
    assert picked(page, "cycle") == ["Cycle 1"]
    assert (
        "(with its other filters)"
        in page.locator(THEME_CHART)
        .locator("xpath=following-sibling::p[contains(@class,'casebook-linked')]")
        .inner_text()
    )

    page.locator(EXPLORER).get_by_role("button", name="Clear all").click()
    wait_shown(page, len(recs))
    for field in ("theme", "action", "position"):
        assert all(sel == [] for sel in selected_in_charts(page, field))
    assert page.locator(f"{EXPLORER} input:checked").count() == 0
    assert page.locator(f"{EXPLORER} .casebook-explorer-chip").count() == 0
    assert urlsplit(page.url).query == ""
    assert page.errors == []


def test_unknown_or_malformed_parameters_are_ignored_with_a_note(open_page, recs):
    page = open_page(
        "?theme=Children&cycle=Cycle+9&colour=red&sort=nonsense&search=%E0%A4%A"
        "&constructor=x&toString=1&__proto__=x&position=constructor&q=camps&utm_source=mail"
    )
    note = page.locator(f"{EXPLORER} .casebook-explorer-note")
    assert note.is_visible()
    text = note.inner_text()
    for part in ("Cycle 9", "colour", "nonsense", "could not be read", "constructor", "toString"):
        assert part in text
    # Other tools' parameters (Quarto's search, a mail tracker) are theirs: not noted, kept.
    assert "camps" not in text and "utm_source" not in text
    # The rest of the link still applies; nothing broke.
    assert shown(page) == int(recs["theme_keys"].map(lambda ks: "children" in ks).sum())
    assert picked(page, "theme") == ["Children"]
    assert page.locator(f"{EXPLORER} tbody tr").count() > 0
    pick(page, "cycle", "Cycle 1")
    query = dict(parse_qsl(urlsplit(page.url).query))
    # (Quarto's search removes its own `q` once it has highlighted the words.)
    assert query == {"theme": "Children", "cycle": "Cycle 1", "utm_source": "mail"}
    assert page.errors == []


def test_keyboard_alone_searches_filters_and_sorts(open_page, recs):
    # Arriving as from the page's table of contents: focus starts at the section.
    page = open_page("#recommendation-explorer")

    def tab_to(predicate: str, limit: int = 400) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate}; }}"):
                return
        raise AssertionError(f"Tab never reached: {predicate}")

    tab_to("el.id === 'upr-explorer-search'")
    page.keyboard.type("children")
    page.keyboard.press("Enter")
    matching = recs.apply(haystack, axis=1).str.contains("children")
    wait_shown(page, int(matching.sum()))
    # What a screen reader hears: the live region, once the reader pauses.
    status = page.locator(f"{EXPLORER} .casebook-explorer-announcer[role=status]")
    expect(status).to_have_text(f"Showing {int(matching.sum())} of {len(recs)} recommendations.")

    # A facet opens with Enter, a box ticks with Space.
    tab_to("el.closest('#upr-explorer-facet-cycle') && el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    wait_shown(page, int((matching & (recs["cycle_number"] == 1)).sum()))

    # Sorting by a column is a button in its heading, announced when pressed.
    tab_to(
        "el.classList.contains('casebook-explorer-sorter')"
        " && el.textContent === 'Recommending State'"
    )
    page.keyboard.press("Enter")
    header = page.locator(f"{EXPLORER} th", has_text="Recommending State")
    assert header.get_attribute("aria-sort") == "ascending"
    expect(status).to_have_text(re.compile(r"^Sorted by Recommending State, A to Z\. Showing"))
    expect(header.get_by_role("button")).to_have_accessible_name("Recommending State")
    states = texts(page, f"{EXPLORER} td[data-field=state]")
    assert states == sorted(states, key=fold)
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"

    # Every control has a name a screen reader can read.
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll(
              '#upr-explorer :is(input, select, button), .casebook-linked button')]
            .filter(el => !(el.labels?.length || el.getAttribute('aria-label')
                            || el.textContent.trim()))
            .map(el => el.outerHTML)"""
    )
    assert unnamed == []

    # Every filter open (dimmed values included): axe finds nothing serious.
    page.evaluate("document.querySelectorAll('#upr-explorer details').forEach(d => d.open = true)")
    page.evaluate(AXE_SOURCE)
    assert page.evaluate(AXE_RUN.replace("axe.run(document", f"axe.run('{EXPLORER}'")) == []
    assert page.errors == []


def test_on_a_phone_rows_are_cards_and_nothing_scrolls_inside_the_page(open_page, recs):
    page = open_page(width=390, height=844)
    row = page.locator(f"{EXPLORER} tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    assert page.locator(f"{EXPLORER} thead").is_hidden()
    label = page.locator(f"{EXPLORER} td[data-field=state]").first.evaluate(
        "td => getComputedStyle(td, '::before').content"
    )
    assert "Recommending State" in label
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    box = page.locator(EXPLORER).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # No box inside the explorer scrolls by itself (closed facets hold their lists).
    scrollers = page.evaluate(
        """() => [...document.querySelectorAll('#upr-explorer *')].filter(el => {
              const s = getComputedStyle(el);
              return el.checkVisibility() && /(auto|scroll)/.test(s.overflowY + s.overflowX)
                && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
            }).map(el => el.className)"""
    )
    assert scrollers == []
    # The list is paged on screen; paper gets every row selected.
    assert page.locator(f"{EXPLORER} tbody tr").count() < len(recs)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(f"{EXPLORER} tbody tr").count() == len(recs)
    assert page.locator(f"{EXPLORER} .casebook-explorer-controls").is_hidden()
    last = page.locator(f"{EXPLORER} tbody tr").last
    assert last.evaluate("r => getComputedStyle(r).contentVisibility") == "visible"
    assert last.evaluate("r => r.getBoundingClientRect().height") > 0
    assert page.errors == []
