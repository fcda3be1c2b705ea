"""The built files themselves: nothing refers to another host, Vega is served locally."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Attributes that make a browser fetch something as the page loads.
LOADING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
LOADING_LINK_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "icon",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
}
REMOTE = re.compile(r"^(https?:)?//", re.I)


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.remote: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        names = LOADING.get(tag, ())
        if tag == "link" and LOADING_LINK_RELS & set((attrs.get("rel") or "").split()):
            names = ("href",)
        for name in names:
            value = attrs.get(name) or ""
            if REMOTE.match(value.strip()):
                self.remote.append(f"<{tag} {name}={value}>")
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def parse(path) -> _Loads:
    parser = _Loads()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_page_loads_from_another_host(site, site_pages):
    remote = {p: parse(site / p).remote for p in site_pages}
    remote = {p: r for p, r in remote.items() if r}
    assert not remote, f"pages load from other hosts: {remote}"


def test_no_stylesheet_imports_from_another_host(site):
    offending = [
        css.relative_to(site).as_posix()
        for css in site.rglob("*.css")
        if re.search(r"(@import|url\()\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8"))
    ]
    assert not offending, f"stylesheets fetching from other hosts: {offending}"


def test_vega_bundle_is_served_by_the_site_and_referenced_once(site, site_pages):
    bundle = site / "assets" / "vega" / "vega-bundle.js"
    assert bundle.exists() and bundle.stat().st_size > 100_000
    for page in site_pages:
        html = (site / page).read_text(encoding="utf-8")
        references = [s for s in parse(site / page).scripts if s.endswith("vega-bundle.js")]
        if "casebook-chart" in html:
            assert len(references) == 1, f"{page}: Vega bundle referenced {len(references)} times"
            assert (site / page).parent.joinpath(references[0]).resolve() == bundle.resolve()
        # The bundle is shared: no page carries its own copy inline.
        assert "built by tools/vega-bundle" not in html, f"{page} inlines the Vega bundle"


def test_site_holds_no_copy_of_build_folders(site):
    # An unanchored resource glob once copied _site/ into itself on every rebuild.
    nested = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_dir() and p.name in ("_site", "_site.staging", "_site.previous", "build", ".nox")
    ]
    assert not nested, f"build folders copied into the site: {nested}"


def test_every_page_can_be_cited(site, site_pages):
    # The 404 page stands in for a missing page: there is nothing there to cite.
    citable = [p for p in site_pages if p != "404.html"]
    missing = [p for p in citable if 'id="quarto-citation"' not in (site / p).read_text()]
    assert not missing, f"pages without a 'cite this page' section: {missing}"


def test_citation_file_is_valid():
    import yaml

    from validation.codebook import PROJECT_DIR

    cff = yaml.safe_load((PROJECT_DIR / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"].startswith("1.2")
    assert cff["title"] and cff["message"] and cff["authors"]


def test_every_chart_has_a_source_note_linking_its_dataset(site, site_pages):
    for page in site_pages:
        html = (site / page).read_text(encoding="utf-8")
        charts = html.count('class="casebook-chart"')
        # A note is one block (casebook.site.tables.source_note); a long list folds inside it.
        notes = re.findall(r'<div class="casebook-sources">(.*?)</div>', html, flags=re.S)
        assert all("Sources" in n for n in notes), page
        linked = [n for n in notes if re.search(r'href="[^"]*datasets/[^"]+\.html"', n)]
        assert len(linked) >= charts, f"{page}: {charts} charts but {len(linked)} source notes"
        for note in linked:
            for target in re.findall(r'href="([^"#]*datasets/[^"]+\.html)"', note):
                assert ((site / page).parent / target).resolve().exists(), f"{page}: {target}"


def test_inline_numbers_print_as_readers_expect(site, site_pages):
    # An inline `{python} value` holding a NumPy scalar renders as "np.int64(113)".
    leaks = {
        p: sorted(set(re.findall(r"np\.\w+\([^)]*\)", (site / p).read_text(encoding="utf-8"))))
        for p in site_pages
    }
    assert not {p: found for p, found in leaks.items() if found}, leaks


def test_every_source_note_written_in_a_chapter_is_shown(site):
    # A cell shows only its last expression: two notes in one cell lose the first.
    from validation.codebook import PROJECT_DIR

    for qmd in sorted((PROJECT_DIR / "chapters").glob("*.qmd")):
        written = qmd.read_text(encoding="utf-8").count("tables.source_note(")
        html = (site / "chapters" / f"{qmd.stem}.html").read_text(encoding="utf-8")
        shown = len(re.findall(r"<p>Sources: .*?</p>", html, flags=re.S))
        assert shown == written, f"{qmd.name}: {written} source notes written, {shown} shown"


def test_the_icon_font_holds_the_icons_the_site_names_and_no_others(site):
    from fontTools.ttLib import TTFont

    from casebook.site import page_assets

    folder = site / page_assets.ICONS
    css = (folder / page_assets.ICON_CSS).read_text(encoding="utf-8")
    assert css.startswith(page_assets.TRIMMED)
    rules = {m.group(1): int(m.group(2), 16) for m in page_assets.ICON_RULE.finditer(css)}
    # Names the pages, scripts and stylesheets use, among those the stylesheet defines:
    # the code-copy and search-result icons at least, nothing beyond what is named.
    named = page_assets.named_icons(site)
    # (bi-file-richtext: search results, a name Quarto's script builds from pieces).
    assert {"bi-clipboard", "bi-check2", "bi-file-richtext"} <= rules.keys() <= named
    font = TTFont(folder / "bootstrap-icons.woff")
    assert set(rules.values()) <= set(font.getBestCmap())
    assert (folder / "bootstrap-icons.woff").stat().st_size < 10_000  # the whole font: 172 KB


def test_the_dark_theme_is_linked_switched_off(site, site_pages):
    from casebook.site import page_assets

    for page in site_pages:
        html = (site / page).read_text(encoding="utf-8")
        links = re.findall(r"<link [^>]*quarto-color-alternate[^>]*>", html)
        assert links, page
        assert all('rel="disabled-stylesheet"' in link for link in links), page
        # Switched on in the head, before the page is drawn, for a reader who chose dark.
        assert html.index(page_assets.DARK_ON_EARLY) < html.index("<body")


def test_bootstraps_stylesheets_are_cut_and_keep_their_licence(site):
    import gzip

    from casebook.site import page_assets

    sheets = sorted((site / page_assets.ICONS).glob(page_assets.STYLESHEETS))
    assert sheets
    for sheet in sheets:
        css = sheet.read_text(encoding="utf-8")
        assert css.startswith(page_assets.CUT_CSS), sheet.name
        assert "Licensed under MIT" in css and ".navbar" in css, sheet.name
        assert len(gzip.compress(css.encode())) < 35_000, sheet.name  # whole: 69 KB
