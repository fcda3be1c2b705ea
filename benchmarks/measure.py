"""Measure the site against its performance budgets: `nox -s benchmark`.

Not a test: timings depend on the machine. It prints a Markdown table for the
README and writes build/benchmark.json.

- cold build: every generated file removed (site, Quarto cache, validation
  results, Vega bundle, data pages), then `python -m casebook.site.build` (the environment
  reused);
- the Helsinki chapter rendered alone by `quarto render`, the yardstick of the build
  goals; a rebuild after a line is added to it (the first edit after a commit also
  renders the Methods page, which reports uncommitted changes) and after a second line;
  a rebuild with nothing changed; the up-to-date check (`--if-stale`, nothing changed);
- fresh clone to built site: the committed HEAD cloned into a temporary folder, then
  `nox -s build` there (a new environment installed from the package registry);
- page weight: every byte a page loads in Chromium, raw and gzip-compressed
  (as a web server would send it), excluding the shared Vega bundle;
- first visit: the same bytes with the shared Vega bundle included (goal for the
  heaviest chart page: 350 KB gzip);
- chart draw time: navigation start, and DOMContentLoaded (goal: 150 ms), to every
  chart drawn at its final, fitted width,
  median of 5;
- explorer updates: the time from a reader's action (a box ticked, words searched, a
  sort, "clear") to the table and counts laid out again, with the CPU slowed 4x as
  on a phone, median of 7: for the chapter's rows, and for a synthetic table of
  20,000 rows (the real rows repeated; UPR Info's database is of that order).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SITE = PROJECT / "_site"
GENERATED = ["_site", ".quarto", "build", "datasets"]
BUDGET_KB = 300  # per page, gzip, excluding the shared Vega bundle
FIRST_VISIT_KB = 350  # issue 18: the heaviest chart page's first visit, everything included
DRAW_AFTER_DCL_MS = 150  # issue 18: every chart drawn this soon after DOMContentLoaded
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--no-first-run"]
# Returns the page's clock (ms since navigation) once every chart holds its SVG.
# Drawn means fitted: assets/charts.js marks a chart once its final drawing, at the
# column's width, is in place (a composite chart may be drawn twice to fit).
DRAWN_AT = """() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd > 0
    && [...document.querySelectorAll('.casebook-chart')]
         .every(c => c.classList.contains('casebook-chart-drawn'))
    && [performance.now(), performance.now()
        - performance.getEntriesByType('navigation')[0].domContentLoadedEventStart]"""


def timed_build(quarto: str, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "casebook.site.build", "--quarto", quarto, *extra],
        cwd=PROJECT,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


CHAPTER = "chapters/helsinki.qmd"  # the chapter the build-speed issue measured
ALONE = "_site.alone"


def build_times(quarto: str) -> dict:
    for name in GENERATED:
        shutil.rmtree(PROJECT / name, ignore_errors=True)
    cold = timed_build(quarto)
    alone = chapter_alone(quarto)
    chapter = PROJECT / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    try:
        chapter.write_text(text + "\nOne more sentence.\n", encoding="utf-8")
        edited = timed_build(quarto)
        chapter.write_text(text + "\nOne more sentence.\nAnd another.\n", encoding="utf-8")
        edited_again = timed_build(quarto)
    finally:
        chapter.write_text(text, encoding="utf-8")
    timed_build(quarto)  # back to the committed text
    unchanged = timed_build(quarto)
    up_to_date = timed_build(quarto, "--if-stale")
    return {
        "cold_s": cold,
        "chapter_alone_s": alone,
        "incremental_s": edited,
        "second_edit_s": edited_again,
        "unchanged_s": unchanged,
        "up_to_date_check_s": up_to_date,
        "fresh_clone_s": fresh_clone(),
    }


def chapter_alone(quarto: str) -> float:
    """The Helsinki chapter rendered by Quarto on its own, into a scratch folder."""
    start = time.perf_counter()
    subprocess.run(
        [quarto, "render", CHAPTER, "--output-dir", ALONE, "--profile", "publication"],
        cwd=PROJECT,
        check=True,
        capture_output=True,
    )
    elapsed = time.perf_counter() - start
    shutil.rmtree(PROJECT / ALONE, ignore_errors=True)
    return elapsed


def fresh_clone() -> float | None:
    """Clone of the committed HEAD to a built site with `nox -s build`; None without git
    or nox (the clone has no uncommitted changes)."""
    nox = shutil.which("nox")
    if not nox or not (PROJECT / ".git").exists():
        return None
    with tempfile.TemporaryDirectory() as scratch:
        clone = Path(scratch) / "clone"
        start = time.perf_counter()
        subprocess.run(["git", "clone", "-q", str(PROJECT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
        subprocess.run([nox, "-s", "build"], cwd=clone, env=env, check=True, capture_output=True)
        return time.perf_counter() - start


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
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
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
            since_load, since_dcl = zip(*draw_ms, strict=True) if draw_ms else ((), ())
            results[path] = {
                "requests": len(bodies),
                "raw_kb": sum(len(b) for b in own.values()) / 1024,
                "gzip_kb": sum(len(gzip.compress(b)) for b in own.values()) / 1024,
                # Everything a first visit downloads, the Vega bundle included.
                "first_visit_gzip_kb": sum(len(gzip.compress(b)) for b in bodies.values()) / 1024,
                "charts": charts,
                "chart_draw_ms": statistics.median(since_load) if since_load else None,
                "chart_draw_after_dcl_ms": statistics.median(since_dcl) if since_dcl else None,
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


# Runs in the page: each action is called on the explorer as its control would call
# it, then layout is forced, so the time covers the script, styles and layout (the
# paint that follows is not included). Typing adds the explorer's debounce on top.
EXPLORER_TIMING = """async ({id, build}) => {
  const api = window.casebookExplorer;
  let ex = api.explorers[id];
  let created = null;
  if (build) {
    // A synthetic explorer: the chapter's rows repeated to `build`, with five times
    // as many States, under its own address parameters.
    const real = api.explorers['upr-explorer'];
    const rows = [];
    for (let k = 0; rows.length < build; k++) {
      for (const r of real.rows) {
        if (rows.length >= build) break;
        const state = r.state + (k % 5 ? ' ' + (k % 5) : '');
        rows.push(Object.assign({}, r, {id: r.id + '-' + k, state: state}));
      }
    }
    const root = document.createElement('div');
    root.id = id;
    root.className = 'casebook-explorer';
    real.root.after(root);
    const start = performance.now();
    const config = {rows: rows, data: null, param_prefix: 'b.'};
    ex = api.create(root, Object.assign({}, real.config, config));
    root.offsetHeight;
    created = performance.now() - start;
  }
  ex.root.scrollIntoView();  // the reader is looking at the explorer
  const settle = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const time = async (action) => {
    await settle();
    const start = performance.now();
    action();
    ex.root.offsetHeight;  // forces style and layout now
    return performance.now() - start;
  };
  const actions = {
    'tick a theme': () => ex.toggle('theme', 'Children', true),
    'untick it': () => ex.toggle('theme', 'Children', false),
    'search one word': () => ex.setQuery('death'),
    'search three words': () => ex.setQuery('death penalty abolish'),
    'clear everything': () => ex.clear(),
    'sort by State': () => ex.setSort({field: 'state', descending: false}),
    'back to the report order': () => ex.setSort(null),
  };
  const out = {};
  for (const name of Object.keys(actions)) out[name] = [];
  for (let i = 0; i < 7; i++) {
    for (const [name, action] of Object.entries(actions)) out[name].push(await time(action));
  }
  const median = xs => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const result = {rows: ex.rows.length, created_ms: created, updates_ms: {}};
  for (const name of Object.keys(out)) result.updates_ms[name] = median(out[name]);
  result.show_all_ms = await time(() => ex.showMore(Infinity));
  return result;
}"""
EXPLORER_CPU_SLOWDOWN = 4
EXPLORER_SYNTHETIC_ROWS = 20_000


def explorer_measures() -> dict:
    """Explorer update times, CPU slowed as on a phone (Chrome DevTools' throttling)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        runs = (
            ("phone", 0, 390),
            ("desktop", 0, 1280),
            ("synthetic", EXPLORER_SYNTHETIC_ROWS, 390),
        )
        for name, build, width in runs:
            page = browser.new_page(viewport={"width": width, "height": 844})
            page.goto(f"{base}/chapters/dprk-upr.html", wait_until="load")
            page.wait_for_function("() => window.casebookExplorer?.explorers['upr-explorer']")
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": EXPLORER_CPU_SLOWDOWN})
            target = "upr-explorer" if not build else "bench-explorer"
            results[name] = page.evaluate(EXPLORER_TIMING, {"id": target, "build": build})
            page.close()
        browser.close()
    server.shutdown()
    return {"cpu_slowdown": EXPLORER_CPU_SLOWDOWN, **results}


def chromium() -> str:
    """The browser the tests use, found the same way (tests/browser.py)."""
    sys.path.insert(0, str(PROJECT))
    from tests.browser import find_chromium

    return find_chromium()


def explorer_markdown(report: dict) -> str:
    phone, desktop, synthetic = report["phone"], report["desktop"], report["synthetic"]
    lines = [
        f"| Explorer, CPU slowed {report['cpu_slowdown']}x (ms) | {phone['rows']} rows, 390 px "
        f"| {desktop['rows']} rows, 1280 px | {synthetic['rows']:,} rows, 390 px |",
        "|:--|--:|--:|--:|",
    ]
    for action, ms in phone["updates_ms"].items():
        lines.append(
            f"| {action} | {ms:.0f} | {desktop['updates_ms'][action]:.0f} "
            f"| {synthetic['updates_ms'][action]:.0f} |"
        )
    lines.append(
        f"| show all rows at once | {phone['show_all_ms']:.0f} | {desktop['show_all_ms']:.0f} "
        f"| {synthetic['show_all_ms']:.0f} (first 2,000) |"
    )
    lines.append(f"| first drawing of the explorer | – | – | {synthetic['created_ms']:.0f} |")
    return "\n".join(lines)


def build_markdown(b: dict) -> str:
    alone = b["chapter_alone_s"]
    fresh = b["fresh_clone_s"]
    return "\n".join(
        [
            "| Build | seconds | × the chapter alone | goal |",
            "|:--|--:|--:|:--|",
            f"| the Helsinki chapter rendered alone by Quarto | {alone:.1f} | 1 | |",
            f"| cold (nothing generated yet; environment reused) | {b['cold_s']:.1f} "
            f"| {b['cold_s'] / alone:.1f} | ≤ 6× |",
            "| after adding a line to that chapter (with Methods: first edit since the commit) "
            f"| {b['incremental_s']:.1f} | {b['incremental_s'] / alone:.2f} | ≤ 1.5× |",
            f"| after adding a second line (the chapter alone) | {b['second_edit_s']:.1f} "
            f"| {b['second_edit_s'] / alone:.2f} | ≤ 1.5× |",
            f"| again, nothing changed | {b['unchanged_s']:.1f} "
            f"| {b['unchanged_s'] / alone:.2f} | |",
            f"| up-to-date check (nothing changed) | {b['up_to_date_check_s']:.2f} | | ≤ 1 s |",
            "| fresh clone to built site (`nox -s build`, new environment) "
            f"| {'–' if fresh is None else f'{fresh:.0f}'} | | ≤ 150 s |",
        ]
    )


def markdown(report: dict) -> str:
    lines = [
        build_markdown(report["build"]),
        "",
        f"| Page | requests | KB raw | KB gzip (budget {BUDGET_KB}) "
        f"| first visit, KB gzip (goal ≤ {FIRST_VISIT_KB}) | charts "
        f"| drawn, ms after navigation | after DOMContentLoaded (goal ≤ {DRAW_AFTER_DCL_MS}) |",
        "|:--|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for path, m in report["pages"].items():
        over = " ⚠" if m["gzip_kb"] > BUDGET_KB else ""
        heavy = " ⚠" if m["charts"] and m["first_visit_gzip_kb"] > FIRST_VISIT_KB else ""
        draw, after = (
            (f"{m['chart_draw_ms']:.0f}", f"{m['chart_draw_after_dcl_ms']:.0f}")
            if m["chart_draw_ms"] is not None
            else ("–", "–")
        )
        lines.append(
            f"| {path} | {m['requests']} | {m['raw_kb']:.0f} | {m['gzip_kb']:.0f}{over} "
            f"| {m['first_visit_gzip_kb']:.0f}{heavy} | {m['charts']} | {draw} | {after} |"
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
    parser.add_argument("--builds-only", action="store_true", help="measure only the build times")
    parser.add_argument(
        "--explorer-only",
        action="store_true",
        help="measure only the explorer, on the site already built",
    )
    args = parser.parse_args(argv)
    if args.explorer_only:
        report = {"explorer": explorer_measures()}
        print(explorer_markdown(report["explorer"]))
        return 0
    if args.builds_only:
        print(build_markdown(build_times(args.quarto)))
        return 0
    report = {"build": build_times(args.quarto), **page_measures(), "explorer": explorer_measures()}
    out = PROJECT / "build" / "benchmark.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(markdown(report))
    print()
    print(explorer_markdown(report["explorer"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
