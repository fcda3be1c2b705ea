"""Measure the site against its performance budgets: `nox -s benchmark`.

Not a test: timings depend on the machine. It prints a Markdown table for the
README and writes build/benchmark.json.

- cold build: every generated file removed (site, Quarto cache, validation
  results, Vega bundle, data pages), then `python -m casebook.build`;
- incremental build: a chapter touched, then a rebuild with warm caches;
  up-to-date check: `--if-stale` with nothing changed;
- page weight: every byte a page loads in Chromium, raw and gzip-compressed
  (as a web server would send it), excluding the shared Vega bundle;
- chart draw time: navigation start to every chart drawn at its final, fitted width,
  median of 5.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SITE = PROJECT / "_site"
GENERATED = ["_site", ".quarto", "build", "assets/vega", "datasets"]
BUDGET_KB = 300  # per page, gzip, excluding the shared Vega bundle
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run"]
# Returns the page's clock (ms since navigation) once every chart holds its SVG.
# Drawn means fitted: assets/charts.js marks a chart once its final drawing, at the
# column's width, is in place (a composite chart may be drawn twice to fit).
DRAWN_AT = """() => [...document.querySelectorAll('.casebook-chart')]
    .every(c => c.classList.contains('casebook-chart-drawn')) && performance.now()"""


def timed_build(quarto: str, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "casebook.build", "--quarto", quarto, *extra],
        cwd=PROJECT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def build_times(quarto: str) -> dict:
    for name in GENERATED:
        shutil.rmtree(PROJECT / name, ignore_errors=True)
    cold = timed_build(quarto)
    # An edit to one chapter: Quarto re-renders every page (nothing is frozen),
    # but the environment, Vega bundle and Quarto's caches are warm.
    chapter = next((PROJECT / "chapters").glob("*.qmd"))
    text = chapter.read_text(encoding="utf-8")
    try:
        chapter.write_text(text + "\n", encoding="utf-8")
        incremental = timed_build(quarto, "--if-stale")
    finally:
        chapter.write_text(text, encoding="utf-8")
    timed_build(quarto, "--if-stale")  # back to the committed text
    up_to_date = timed_build(quarto, "--if-stale")
    return {"cold_s": cold, "incremental_s": incremental, "up_to_date_check_s": up_to_date}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def page_measures() -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = sorted(
        p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html") if "site_libs" not in p.parts
    )
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for path in pages:
            context = browser.new_context()
            page = context.new_page()
            bodies: dict[str, bytes] = {}

            def keep(response, bodies=bodies):
                if response.ok:
                    bodies[response.url] = response.body()

            page.on("response", keep)
            page.goto(f"{base}/{path}", wait_until="networkidle")
            # Weight is measured on the first load only: reading bodies while the
            # timing reloads below navigate away raises "target closed".
            page.remove_listener("response", keep)
            charts = page.evaluate("document.querySelectorAll('.casebook-chart').length")
            own = {u: b for u, b in bodies.items() if not u.endswith("vega-bundle.js")}
            draw_ms = []
            if charts:
                for _ in range(5):
                    page.reload(wait_until="commit")
                    drawn = page.wait_for_function(DRAWN_AT, timeout=15_000, polling=10)
                    draw_ms.append(drawn.json_value())
            results[path] = {
                "requests": len(bodies),
                "raw_kb": sum(len(b) for b in own.values()) / 1024,
                "gzip_kb": sum(len(gzip.compress(b)) for b in own.values()) / 1024,
                "charts": charts,
                "chart_draw_ms": statistics.median(draw_ms) if draw_ms else None,
            }
            context.close()
        browser.close()
    server.shutdown()
    bundle = (SITE / "assets" / "vega" / "vega-bundle.js").read_bytes()
    return {
        "pages": results,
        "vega_bundle_kb": {
            "raw": len(bundle) / 1024,
            "gzip": len(gzip.compress(bundle)) / 1024,
        },
    }


def markdown(report: dict) -> str:
    b = report["build"]
    lines = [
        "| Build | seconds |",
        "|:--|--:|",
        f"| cold (nothing generated yet) | {b['cold_s']:.1f} |",
        f"| after editing one chapter | {b['incremental_s']:.1f} |",
        f"| up-to-date check (nothing changed) | {b['up_to_date_check_s']:.1f} |",
        "",
        f"| Page | requests | KB raw | KB gzip (budget {BUDGET_KB}) | charts | draw ms |",
        "|:--|--:|--:|--:|--:|--:|",
    ]
    for path, m in report["pages"].items():
        over = " ⚠" if m["gzip_kb"] > BUDGET_KB else ""
        draw = f"{m['chart_draw_ms']:.0f}" if m["chart_draw_ms"] is not None else "–"
        lines.append(
            f"| {path} | {m['requests']} | {m['raw_kb']:.0f} | {m['gzip_kb']:.0f}{over} "
            f"| {m['charts']} | {draw} |"
        )
    v = report["vega_bundle_kb"]
    lines.append(
        f"\nShared Vega bundle, loaded once per page with charts and cached: "
        f"{v['raw']:.0f} KB raw, {v['gzip']:.0f} KB gzip."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quarto", required=True)
    args = parser.parse_args(argv)
    report = {"build": build_times(args.quarto), **page_measures()}
    out = PROJECT / "build" / "benchmark.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
