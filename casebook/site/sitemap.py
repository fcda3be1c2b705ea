"""sitemap.xml and robots.txt, written after rendering so both are deterministic.

Quarto's own sitemap dates each page by its file's modification time, which differs
between two clones of one commit; this one dates every page by the edition (the
commit date), lists pages in path order, and leaves out the 404 page.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from casebook.site.publication import Publication

NOT_LISTED = {"404.html"}


def address(site_url: str, page: str) -> str:
    """A page's address as its canonical link and citation give it: a folder's index
    page at the folder's address, as Quarto writes them."""
    return site_url + (page.removesuffix("index.html") if page.endswith("index.html") else page)


def page_urls(site: Path, site_url: str) -> list[str]:
    """Every page's address, in sorted order."""
    pages = (page.relative_to(site).as_posix() for page in site.rglob("*.html"))
    return sorted(
        address(site_url, page)
        for page in pages
        if page not in NOT_LISTED and not page.startswith(("site_libs/", "assets/"))
    )


def write(site: Path, publication: Publication) -> None:
    lastmod = f"<lastmod>{publication.date}</lastmod>" if publication.date else ""
    entries = [
        f"  <url><loc>{escape(url)}</loc>{lastmod}</url>"
        for url in page_urls(site, publication.site_url)
    ]
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n",
        encoding="utf-8",
    )
    (site / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {publication.site_url}sitemap.xml\n",
        encoding="utf-8",
    )
