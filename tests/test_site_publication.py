"""The published site as a publication: address, sitemap, sharing, citing, policy, 404.

Read from the built files; what needs a browser (the theme toggle, the policy in
force, the folded source lists) is in test_site_publishing_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from casebook.site import citing, csp, publication, sitemap

EDITION = publication.current()
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class _Head(HTMLParser):
    """The <meta> and <link> tags of a page, and where the policy stands in <head>."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, str] = {}
        self.head_order: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        if self.in_head and tag in ("meta", "script", "link", "style"):
            self.head_order.append(
                attrs.get("http-equiv") or attrs.get("charset") and "charset" or tag
            )
        if tag == "meta":
            name = attrs.get("name") or attrs.get("property") or attrs.get("http-equiv")
            if name:
                self.meta.setdefault(name, []).append(attrs.get("content", ""))
        if tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href", "")

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def head(path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def url_of(page: str) -> str:
    return sitemap.address(EDITION.site_url, page)


def public_pages(site_pages: list[str]) -> list[str]:
    return [p for p in site_pages if p != "404.html"]


def test_sitemap_lists_every_page_once_with_the_edition_date(site, site_pages):
    tree = ET.parse(site / "sitemap.xml")
    entries = tree.getroot().findall("s:url", SITEMAP_NS)
    locations = [e.find("s:loc", SITEMAP_NS).text for e in entries]
    expected = [url_of(p) for p in public_pages(site_pages)]  # as the canonical links
    assert sorted(locations) == sorted(expected)
    assert locations == sorted(locations), "the sitemap is not in a fixed order"
    assert EDITION.date, "the edition date is unknown: built outside git without SOURCE_DATE_EPOCH"
    assert {e.find("s:lastmod", SITEMAP_NS).text for e in entries} == {EDITION.date}
    robots = (site / "robots.txt").read_text()
    assert f"Sitemap: {EDITION.site_url}sitemap.xml" in robots


def test_every_page_has_its_canonical_address_description_and_card(site, site_pages):
    descriptions = {}
    for page in public_pages(site_pages):
        tags = head(site / page)
        assert tags.links.get("canonical") == url_of(page), page
        description = tags.meta.get("description", [""])[0]
        assert len(description) > 40, f"{page} has no real description"
        descriptions[page] = description
        assert tags.meta["og:description"] == [description], page
        title = tags.meta["og:title"][0]
        assert title == "Norms under review" or title.endswith("– Norms under review"), page
        assert tags.meta["twitter:card"] == ["summary_large_image"], page
        image = tags.meta["og:image"][0]
        assert image == EDITION.site_url + "assets/social-card.png", (page, image)
        assert tags.meta["twitter:image"] == [image], page
    card = site / "assets" / "social-card.png"
    assert card.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and card.stat().st_size > 10_000
    # Chapters and the home page each say what they hold, not one text for all.
    hand_written = {p: d for p, d in descriptions.items() if not p.startswith("datasets/")}
    assert len(set(hand_written.values())) == len(hand_written)


def test_every_page_cites_itself_by_its_own_key_address_and_date(site, site_pages):
    keys = {}
    for page in public_pages(site_pages):
        html = (site / page).read_text(encoding="utf-8")
        # The page's own "Cite this page" BibTeX (Methods also shows others).
        appendix = html.partition('class="sourceCode code-with-copy quarto-appendix-bibtex"')[2]
        bibtex = re.search(r"@(\w+)\{([^,]+),(.*?)\n\}", appendix, re.S)
        assert bibtex, f"{page} has no 'cite this page' BibTeX"
        keys[page] = bibtex.group(2)
        fields = bibtex.group(3)
        assert f"url = {{{url_of(page)}}}" in fields, (page, fields)
        assert f"date = {{{EDITION.date}}}" in fields, (page, fields)
        citeas = re.search(r'quarto-appendix-citeas">(.*?)</div>', html, re.S).group(1)
        assert "n.d." not in citeas and url_of(page) in citeas, (page, citeas)
        # The site's name as written everywhere, never title-cased by the citation style.
        assert "Norms Under Review" not in html, page
    assert len(set(keys.values())) == len(keys), f"pages share a citation key: {keys}"
    datasets = {
        p: k for p, k in keys.items() if p.startswith("datasets/") and p != "datasets/index.html"
    }
    for page, key in datasets.items():
        assert key == citing.dataset_key(page.removeprefix("datasets/").removesuffix(".html"))


def test_methods_gives_the_bibtex_of_the_site_and_of_every_dataset(site):
    # The text a reader copies: the code blocks' highlighting removed.
    html = re.sub(r"<[^>]+>", "", (site / "methods.html").read_text(encoding="utf-8"))
    site_entry, datasets = citing.entries(EDITION)
    assert f"@online{{{citing.SITE_KEY}," in html
    assert citing.metadata()["title"] in html  # the title in CITATION.cff
    for _, entry in datasets:
        key = re.match(r"@\w+\{([^,]+),", entry).group(1)
        assert f"{{{key}," in html, key


def test_every_page_carries_a_policy_that_allows_only_its_own_scripts(site, site_pages):
    for page in site_pages:
        html = (site / page).read_text(encoding="utf-8")
        tags = head(site / page)
        policy = tags.meta.get("Content-Security-Policy")
        assert policy and len(policy) == 1, f"{page} has no security policy"
        # First after the character set, before any script or style can load.
        assert tags.head_order[:2] == ["charset", "Content-Security-Policy"], (
            page,
            tags.head_order[:4],
        )
        directives = dict(d.strip().split(" ", 1) for d in policy[0].split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert "'unsafe-inline'" not in directives["script-src"], page
        assert not re.search(r"https?:|\*", policy[0]), f"{page} allows another host"
        allowed = set(re.findall(r"'sha256-([^']+)'", directives["script-src"]))
        for script in re.finditer(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            attributes, text = script.groups()
            if "src=" in attributes or re.search(r'type="application/(json|ld\+json)"', attributes):
                continue
            digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            assert digest in allowed, f"{page}: an inline script the policy does not allow"
        assert not re.search(r"\son[a-z]+=\"", html), f"{page} has an inline event handler"
        assert csp.apply(html) == html  # applied once


def test_the_404_page_links_home_and_is_not_listed(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html
    # Served at any depth, so its links and assets are absolute from the site's root.
    root = re.sub(r"^https?://[^/]+", "", EDITION.site_url)
    for target in ("index.html", "chapters/mongolia.html", "datasets/index.html"):
        assert f'href="{root}{target}"' in html, target
    assert "404" not in (site / "sitemap.xml").read_text()


@pytest.mark.parametrize(
    "chapter",
    [
        "chapters/mongolia.html",
        "chapters/dprk-upr.html",
        "chapters/helsinki.html",
        "chapters/comparison.html",
    ],
)
def test_chapters_link_to_the_previous_and_next_page_in_reading_order(site, nav_pages, chapter):
    html = (site / chapter).read_text(encoding="utf-8")
    nav = re.search(r'<div class="casebook-pagenav"[^>]*>(.*?)</div>', html, re.S)
    assert nav, f"{chapter} has no previous/next links"
    links = re.findall(r'<a href="([^"]+)" class="casebook-pagenav-(previous|next)"', nav.group(1))
    position = nav_pages.index(chapter)
    expected = [(nav_pages[position - 1], "previous"), (nav_pages[position + 1], "next")]
    resolved = [((site / chapter).parent / href, kind) for href, kind in links]
    assert [(p.resolve(), k) for p, k in resolved] == [
        ((site / e).resolve(), k) for e, k in expected
    ]


def test_pages_say_when_they_were_last_updated(site):
    for page in ("index.html", "chapters/dprk-upr.html", "methods.html"):
        html = (site / page).read_text(encoding="utf-8")
        block = re.search(
            r'Last updated</div>\s*<div class="quarto-title-meta-contents">\s*<p[^>]*>([^<]+)</p>',
            html,
        )
        assert block, f"{page} does not say when it was last updated"
        assert block.group(1).strip() == EDITION.display_date, block.group(1)


def test_footer_states_the_licences(site, site_pages):
    for page in public_pages(site_pages):
        footer = re.search(
            r'<footer class="footer">(.*?)</footer>', (site / page).read_text(), re.S
        )
        text = re.sub(r"<[^>]+>", "", footer.group(1))
        assert "CC BY 4.0" in text and "MIT" in text, page
        if EDITION.repo_url:
            assert f'href="{EDITION.repo_url}"' in footer.group(1), page


def test_the_home_page_states_key_findings_with_a_chart(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    findings = re.search(r"<h2[^>]*>Key findings</h2>(.*?)<h2", html, re.S)
    assert findings, "the home page has no key findings"
    assert len(re.findall(r"<li>", findings.group(1))) >= 3
    assert 'class="casebook-chart"' in findings.group(1)


def test_the_dark_theme_is_offered(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "quarto-color-scheme-toggle" in html
    assert re.search(r'<link href="[^"]*bootstrap-dark[^"]*\.min\.css"', html)
