"""Lighter pages: what Quarto's pages load that most readers never use.

- Bootstrap's stylesheets (light and dark): cut to the rules whose selectors name only
  classes that some page or script of the site spells out (casebook.site.css_rules),
  69 KB gzip down to about 24.
- Bootstrap Icons: Quarto serves the whole font (2,000 icons, 172 KB that gzip
  cannot shrink) and a stylesheet naming every icon, for the handful the site
  shows. After rendering, both are cut down to the icons some page, script or
  stylesheet of the site names.
- The dark theme: Quarto links its stylesheets (about 70 KB gzip) from every page
  and then switches them off unless the reader chose dark. They are linked switched
  off instead, so a browser fetches them only for a reader who chose dark; for that
  reader a script in the page's head switches them on before the page is first
  drawn, so no light flash precedes the dark page.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from validation.files import write_if_changed

ICONS = Path("site_libs") / "bootstrap"
ICON_CSS = "bootstrap-icons.css"
# Written at the top of a cut file: a later incremental build finds it already cut and
# starts again from Quarto's original, kept aside by the build that rendered every page.
TRIMMED = "/* Bootstrap Icons cut to the icons this site uses (casebook/site/page_assets.py). */\n"
CUT_CSS = "/*! Cut to the rules this site can match (casebook/site/page_assets.py). */\n"
STYLESHEETS = "bootstrap-*.min.css"
ICON_RULE = re.compile(r'\.(bi-[a-z0-9-]+)::before \{ content: "\\([0-9a-f]+)"; \}\n')
ICON_NAME = re.compile(r"\bbi-[a-z0-9]+(?:-[a-z0-9]+)*")
# Icons a script names only in pieces, which no scan of the files can find: Quarto's
# search shows each result with `bi bi-${icon}`, icon "file-richtext".
BUILT_BY_SCRIPTS = {"bi-file-richtext"}
FONT_URL = re.compile(r'url\("\./(bootstrap-icons\.woff)\?[0-9a-f]*"\)')

# The dark theme's links, as Quarto writes them: enabled, then disabled by a script.
DARK_LINK = re.compile(
    r'(<link href="[^"]+" )rel="stylesheet"'
    r'( [^>]*class="quarto-color-scheme quarto-color-alternate")'
)
# Quarto's own script (later in the page) keeps working with links that start off:
# it enables them when the reader toggles, or when the stored choice is dark. A
# stylesheet a script switches on does not hold back the first paint as one written in
# the page does; `blocking="render"` makes it (where browsers know it), so a dark
# reader never sees the page light first.
DARK_ON_EARLY = (
    "<script>try{if(location.protocol!=='file:'&&"
    "localStorage.getItem('quarto-color-scheme')==='alternate')"
    "document.querySelectorAll('link.quarto-color-alternate')"
    ".forEach(function(l){l.setAttribute('blocking','render');l.rel='stylesheet';});}"
    "catch(e){}</script>"
)


def defer_dark_theme(html: str) -> str:
    """Link the dark stylesheets switched off, with the head script that switches them
    on at once for a reader whose stored choice is dark."""
    if DARK_ON_EARLY in html:
        return html
    html, count = DARK_LINK.subn(r'\1rel="disabled-stylesheet"\2', html)
    if not count:
        return html
    last = max(m.end() for m in re.finditer(r"<link [^>]*quarto-color-alternate[^>]*>", html))
    return html[:last] + "\n" + DARK_ON_EARLY + html[last:]


def trim(site: Path, originals: Path) -> None:
    """Cut Bootstrap's stylesheets, then the icons (some are named only by those
    stylesheets), in `site`. `originals` keeps Quarto's full files for later builds that
    render only some pages into a copy of the site: Quarto leaves an existing
    site_libs/ as it is, cut files included."""
    trim_stylesheets(site, originals)
    trim_icons(site, originals)
    # Originals and cuts of stylesheets the site no longer has (a changed theme).
    present = {p.name for p in (site / ICONS).iterdir()} if (site / ICONS).exists() else set()
    for kept in originals.glob("*") if originals.exists() else []:
        if kept.name.split(".cut-")[0] not in present:
            kept.unlink()


def originals_missing(site: Path, originals: Path) -> bool:
    """True if `site` holds cut files whose originals are no longer kept (build/ was
    deleted, say): only a build that renders every page can cut them again."""
    folder = site / ICONS
    cut = (
        [
            p
            for p in folder.glob("*.css")
            if p.read_text(encoding="utf-8").startswith((TRIMMED, CUT_CSS))
        ]
        if folder.exists()
        else []
    )
    return any(not (originals / p.name).exists() for p in cut)


def original(path: Path, originals: Path, marker: str) -> Path:
    """Quarto's own version of `path`: the file itself, which is then kept aside, or the
    copy kept aside when the file is already cut (starts with `marker`)."""
    kept = originals / path.name
    data = path.read_bytes()
    if not data.startswith(marker.encode()):
        write_if_changed(kept, data)
    elif not kept.exists():
        raise FileNotFoundError(f"{originals} holds no original of {path.name}: build with --full")
    return kept


def trim_stylesheets(site: Path, originals: Path) -> None:
    from casebook.site import css_rules

    words: set[str] = set()
    for path in site.rglob("*"):
        # Scripts included: the chart runtime and vega-tooltip write classes that rules style.
        if path.suffix in {".html", ".js"}:
            words.update(css_rules.WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    cutter = Path(css_rules.__file__).read_text(encoding="utf-8") + CUT_CSS
    for path in sorted((site / ICONS).glob(STYLESHEETS)):
        css = original(path, originals, CUT_CSS).read_text(encoding="utf-8")
        # Cutting takes a second; the result depends only on the stylesheet, the code that
        # cuts and which of its classes the site names, which an edit to prose rarely changes.
        named = sorted(words & set(css_rules.CLASS.findall(css)))
        key = hashlib.sha256("\n".join([cutter, css, *named]).encode()).hexdigest()[:16]
        cached = originals / f"{path.name}.cut-{key}"
        if not cached.exists():
            for stale in originals.glob(f"{path.name}.cut-*"):
                stale.unlink()
            write_if_changed(cached, CUT_CSS + css_rules.cut(css, words))
        write_if_changed(path, cached.read_bytes())


def trim_icons(site: Path, originals: Path) -> None:
    """Cut the icon font and stylesheet in `site` to the icons the site names."""
    folder = site / ICONS
    css_path = folder / ICON_CSS
    if not css_path.exists():
        return
    fresh = not css_path.read_text(encoding="utf-8").startswith(TRIMMED)
    css = original(css_path, originals, TRIMMED).read_text(encoding="utf-8")
    font_name = FONT_URL.search(css).group(1)
    font = originals / font_name
    if fresh:  # the font is Quarto's own while its stylesheet is
        write_if_changed(font, (folder / font_name).read_bytes())
    rules = {m.group(1): m for m in ICON_RULE.finditer(css)}
    used = sorted(named_icons(site) & rules.keys())

    # The stylesheet: its header and shared rules, then the used icons' rules only.
    head = css[: ICON_RULE.search(css).start()]
    body = "".join(rules[name].group(0) for name in used)
    write_if_changed(css_path, TRIMMED + head + body)

    codepoints = [int(rules[name].group(2), 16) for name in used]
    write_if_changed(folder / font_name, subset_font(font, codepoints))


def named_icons(site: Path) -> set[str]:
    """Every `bi-…` name in the site's pages, scripts and stylesheets, and those its
    scripts build from pieces."""
    names = set(BUILT_BY_SCRIPTS)
    for path in site.rglob("*"):
        if path.suffix in {".html", ".js", ".css"} and path.name != ICON_CSS:
            names.update(ICON_NAME.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def subset_font(font_file: Path, codepoints: list[int]) -> bytes:
    """The font with only these characters' glyphs, as WOFF, the same bytes every time."""
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The font's own glyph-name table has two spare bytes; fontTools says so on every read.
    logging.getLogger("fontTools.ttLib.tables._p_o_s_t").setLevel(logging.ERROR)
    font = TTFont(font_file, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff"
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff"
    font.save(out, reorderTables=True)
    return out.getvalue()
