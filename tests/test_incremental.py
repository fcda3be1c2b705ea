"""Which pages an incremental build renders again (casebook.site.incremental), on a copy of the
project: exactly those whose inputs changed, and every page when shared inputs change.
That such a build gives the same files as a full one is tested in
test_reproducible_build.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casebook.site import incremental, provenance
from casebook.site.build import BUILD_INFO, input_files, inputs_fingerprint, is_current
from tests.project_copy import copy_project

COPIED = [
    "_quarto.yml",
    "_quarto-publication.yml",
    "index.qmd",
    "404.qmd",
    "methods.qmd",
    "references.bib",
    "source_kinds.yml",
    "requirements.txt",
    "CITATION.cff",
    "chapters",
    "datasets",
    "data",
    "casebook",
    "validation",
    "assets",
    "build/site-info.json",
]


@pytest.fixture
def project(tmp_path: Path, site) -> Path:
    """A copy of the project as the last build left it (Data pages and record written)."""
    return copy_project(COPIED, tmp_path / "project")


def rendered_after(project: Path, change) -> list[str] | None:
    before = incremental.keys(project, input_files(project))
    site = finished_site(project, before)
    before |= {"outputs": incremental.outputs(site, before["pages"])}
    change(project)
    return incremental.to_render(before, incremental.keys(project, input_files(project)), site)


def finished_site(project: Path, keys: dict) -> Path:
    """A stand-in for the site a build finished: one file per page."""
    site = project / "_site"
    for page in keys["pages"]:
        output = site / incremental.output_of(page)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(f"finished {page}", encoding="utf-8")
    return site


def append(name: str, text: str = "\n"):
    def change(project: Path) -> None:
        with (project / name).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return change


def code_pages(project: Path) -> list[str]:
    return [
        page
        for page in incremental.page_sources(project)
        if incremental.CODE.search((project / page).read_bytes())
    ]


def test_every_page_is_known(project):
    pages = incremental.page_sources(project)
    assert {"index.qmd", "404.qmd", "methods.qmd", "chapters/helsinki.qmd"} <= set(pages)
    assert "datasets/upr_cycles.qmd" in pages and "datasets/index.qmd" in pages
    assert incremental.output_of("datasets/index.qmd") == "datasets/index.html"


def test_hidden_and_underscored_files_are_not_pages(project):
    (project / "chapters" / "_notes.qmd").write_text("notes", encoding="utf-8")
    (project / "chapters" / ".#helsinki.qmd").symlink_to("nowhere")  # an editor's lock
    pages = incremental.page_sources(project)
    assert "chapters/_notes.qmd" not in pages and "chapters/.#helsinki.qmd" not in pages
    incremental.keys(project, input_files(project))  # no error on the dangling link


def test_a_record_without_finished_outputs_renders_everything(project):
    keys = incremental.keys(project, input_files(project))
    assert incremental.to_render(keys, keys, finished_site(project, keys)) is None


def test_editing_a_chapter_renders_only_that_chapter(project):
    assert rendered_after(project, append("chapters/helsinki.qmd", "One more line.\n")) == [
        "chapters/helsinki.qmd"
    ]


def test_a_regenerated_data_page_renders_only_itself(project):
    assert rendered_after(project, append("datasets/upr_cycles.qmd", "More.\n")) == [
        "datasets/upr_cycles.qmd"
    ]


def test_a_casebook_module_renders_the_pages_that_run_code(project):
    pages = rendered_after(project, append("casebook/charts.py", "# a comment\n"))
    assert pages == code_pages(project)
    assert "chapters/dprk-upr.qmd" in pages and "datasets/upr_cycles.qmd" not in pages


@pytest.mark.parametrize(
    "shared",
    [
        "data/upr_cycles.csv",
        "data/upr_cycles.yml",
        "references.bib",
        "source_kinds.yml",
        "CITATION.cff",
        "_quarto.yml",
        "assets/site.scss",
        "assets/charts.js",
        "validation/rules.py",
        "casebook/site/csp.py",
        "casebook/site/search_index.py",
        "requirements.txt",
    ],
)
def test_a_shared_input_renders_everything(project, shared):
    assert rendered_after(project, append(shared)) is None


def test_a_new_page_renders_everything(project):
    def add(project: Path) -> None:
        (project / "chapters" / "new.qmd").write_text("---\ntitle: New\n---\n", encoding="utf-8")

    assert rendered_after(project, add) is None


def test_uncommitted_changes_render_no_page(project):
    # The Methods page reports them, but is stamped after rendering (the next test).
    def flip(project: Path) -> None:
        path = project / "build" / "site-info.json"
        record = json.loads(path.read_text(encoding="utf-8"))
        record["uncommitted_changes"] = not record["uncommitted_changes"]
        path.write_text(json.dumps(record), encoding="utf-8")

    assert rendered_after(project, flip) == []


def test_a_new_commit_renders_no_page_and_is_stamped_into_the_methods_page(project, tmp_path):
    def commit(project: Path) -> None:
        path = project / "build" / "site-info.json"
        record = json.loads(path.read_text(encoding="utf-8"))
        record["commit"] = "0" * 40
        path.write_text(json.dumps(record), encoding="utf-8")

    assert rendered_after(project, commit) == []

    def no_history(project: Path) -> None:
        path = project / "build" / "site-info.json"
        record = json.loads(path.read_text(encoding="utf-8"))
        record["commit"] = provenance.NO_COMMIT
        path.write_text(json.dumps(record), encoding="utf-8")

    # Built from a copy without history, the Methods page says so in other words, and
    # with no commit to stamp: everything is rendered.
    assert rendered_after(project, no_history) is None
    # A page as Quarto renders it (empty slots), and one an earlier build stamped.
    site = tmp_path / "site"
    site.mkdir()
    fresh = f"<p>Version{provenance.DIRTY_SLOT}</p><p>Commit: {provenance.COMMIT_SLOT}</p>"
    kept = fresh.replace("></code>", ">1111111</code>").replace(
        "></span>", "> (with uncommitted changes)</span>"
    )
    (site / "methods.html").write_text(fresh, encoding="utf-8")
    (site / "kept.html").write_text(kept, encoding="utf-8")
    (site / "other.html").write_text("<p>No slots.</p>", encoding="utf-8")
    info = tmp_path / "site-info.json"
    for dirty, marker in ((False, ""), (True, provenance.DIRTY)):
        info.write_text(json.dumps({"commit": "0" * 40, "uncommitted_changes": dirty}))
        assert provenance.stamp(site, info) == 2
        for name in ("methods.html", "kept.html"):
            page = (site / name).read_text(encoding="utf-8")
            assert f'<code class="casebook-commit">{"0" * 40}</code>' in page
            assert f'<p>Version<span class="casebook-dirty">{marker}</span></p>' in page
            assert "1111111" not in page
        assert (site / "other.html").read_text(encoding="utf-8") == "<p>No slots.</p>"


def test_a_new_edition_date_or_tool_renders_everything(project):
    def new_date(project: Path) -> None:
        path = project / "_quarto-publication.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "# another edition\n", encoding="utf-8")

    def new_quarto(project: Path) -> None:
        path = project / "build" / "site-info.json"
        record = json.loads(path.read_text(encoding="utf-8"))
        record["quarto"] = "9.9.9"
        path.write_text(json.dumps(record), encoding="utf-8")

    assert rendered_after(project, new_date) is None
    assert rendered_after(project, new_quarto) is None


def test_a_page_rewritten_or_removed_since_the_build_is_rendered_again(project):
    """E.g. by `quarto preview`, which renders into _site/ without the build's finishing."""

    def tamper(project: Path) -> None:
        (project / "_site" / "chapters" / "mongolia.html").write_text("previewed")
        (project / "_site" / "methods.html").unlink()

    assert rendered_after(project, tamper) == ["chapters/mongolia.qmd", "methods.qmd"]


def test_the_up_to_date_check_sees_a_page_rewritten_since_the_build(project):
    keys = incremental.keys(project, input_files(project))
    site = finished_site(project, keys)
    record = {"inputs_sha256": inputs_fingerprint(project), **keys}
    (site / BUILD_INFO).write_text(json.dumps(record), encoding="utf-8")
    assert not is_current(project), "a record without finished outputs counted as current"
    record["outputs"] = incremental.outputs(site, keys["pages"])
    (site / BUILD_INFO).write_text(json.dumps(record), encoding="utf-8")
    assert is_current(project)
    (site / "chapters" / "mongolia.html").write_text("previewed", encoding="utf-8")
    assert not is_current(project)


def test_code_is_found_in_any_form_of_cell():
    for text in ("```{python}\n", "```{python echo=false}\n", "``` {python}\n", "`{python} n`"):
        assert incremental.CODE.search(text.encode()), text
    assert not incremental.CODE.search(b"```python\nprint()\n```")  # shown, not run


def test_no_record_renders_everything(project):
    keys = incremental.keys(project, input_files(project))
    assert incremental.to_render(None, keys, project / "_site") is None


def test_uncommitted_changes_anywhere_make_the_site_stale(project, monkeypatch):
    """The Methods page says whether the checkout had uncommitted changes: a change to a
    tracked file that is no input (the README) must still make the next build stamp it."""
    from casebook.site import build, provenance

    def status(changed: bool):
        def git(*args: str) -> str | None:
            if args[0] == "status":
                return " M README.md" if changed else ""
            return "0" * 40

        return git

    # The build asks git for the commit; provenance, for the checkout's status.
    for module in (build, provenance):
        monkeypatch.setattr(module, "git", status(False))
    clean = inputs_fingerprint(project)
    for module in (build, provenance):
        monkeypatch.setattr(module, "git", status(True))
    assert inputs_fingerprint(project) != clean
