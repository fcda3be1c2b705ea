"""The Content-Security-Policy every page carries: only the site's own origin.

Written into each page after rendering, as a <meta> tag ahead of any script, because
the site is served by static hosts (GitHub Pages) that cannot send headers. Inline
scripts are allowed one by one, by the SHA-256 of their text on that page, never
wholesale. What the policy still has to allow, and why:

- `'unsafe-eval'` for scripts: Vega compiles each chart's expressions into functions
  at run time (compiling the charts at build time, issue 18, would remove it);
- `'unsafe-inline'` for styles: Quarto and Bootstrap write `style` attributes into the
  pages, and the chart runtime positions its tooltip the same way. Styles cannot run
  code, and every stylesheet still comes from the site itself;
- `data:` and `blob:` images and fonts: Bootstrap's icons are data URIs, and the
  chart runtime saves images through them.

A meta policy cannot set `frame-ancestors`; a host that can send headers should add it.
"""

from __future__ import annotations

import base64
import hashlib
import re

# A <script> element and its text; the type decides whether it runs.
_SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<text>.*?)</script>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
CHARSET = '<meta charset="utf-8">'
# Quarto's navbar menu button and its light/dark toggle call Quarto from inline
# handlers, which a hash cannot allow without 'unsafe-hashes'; they are removed here
# and assets/layout.html attaches the same calls.
INLINE_HANDLERS = (
    ' onclick="if (window.quartoToggleHeadroom) { window.quartoToggleHeadroom(); }"',
    ' onclick="window.quartoToggleColorScheme(); return false;"',
)

DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _SCRIPT.finditer(html):
        attributes = match.group("attributes")
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind and kind.group(1).lower() not in RUNNABLE_TYPES):
            continue
        digest = hashlib.sha256(match.group("text").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return list(dict.fromkeys(hashes))


def policy(html: str) -> str:
    directives = {**DIRECTIVES}
    directives["script-src"] = [*DIRECTIVES["script-src"], *inline_script_hashes(html)]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def apply(html: str) -> str:
    """The page with its policy as the first element of <head>; unchanged if it has one."""
    if 'http-equiv="Content-Security-Policy"' in html or CHARSET not in html:
        return html
    for handler in INLINE_HANDLERS:
        html = html.replace(handler, "")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace(CHARSET, f"{CHARSET}\n{meta}", 1)
