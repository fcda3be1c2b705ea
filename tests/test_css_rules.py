"""The stylesheet cutter: what it keeps and drops, on small stylesheets."""

from __future__ import annotations

from casebook.site import page_assets
from casebook.site.css_rules import cut


def test_rules_naming_an_unused_class_go_and_the_rest_stay():
    css = ".used{a:1}.unused{b:1}p{c:1}.used .unused{d:1}.used,.unused{e:1}"
    assert cut(css, {"used"}) == ".used{a:1}p{c:1}.used{e:1}"


def test_what_does_not_narrow_a_match_is_not_held_against_a_rule():
    css = '.x:not(.gone){a:1}[class^="gone-"]{b:1}.x::before{c:1}:is(.gone){d:1}'
    assert cut(css, {"x"}) == css


def test_nested_blocks_are_cut_inside_and_empty_ones_go_but_for_layers():
    css = "@media (min-width:1px){.x{a:1}.gone{b:1}}@media print{.gone{c:1}}@layer l{.gone{d:1}}"
    assert cut(css, {"x"}) == "@media (min-width:1px){.x{a:1}}@layer l{}"


def test_licences_strings_escapes_and_keyframes_survive():
    css = (
        '/*! Licence */.x{content:"}{"}/* note */@keyframes k{from{a:1}to{a:2}}'
        ".md\\:flex{b:1}.a\\{{c:1}.gone{d:1}"
    )
    out = cut(css, {"x"})
    assert out.startswith("/*! Licence */") and "note" not in out
    assert '.x{content:"}{"}' in out and "@keyframes k{from{a:1}to{a:2}}" in out
    # Escaped classes are kept whole: the scan of pages cannot tell whether they are used.
    assert ".md\\:flex{b:1}" in out and ".a\\{{c:1}" in out and ".gone" not in out


def test_cut_files_whose_originals_are_gone_call_for_a_full_render(tmp_path):
    folder = tmp_path / "site" / page_assets.ICONS
    folder.mkdir(parents=True)
    (folder / "bootstrap-1.min.css").write_text(page_assets.CUT_CSS + ".x{a:1}")
    originals = tmp_path / "originals"
    assert page_assets.originals_missing(tmp_path / "site", originals)
    originals.mkdir()
    (originals / "bootstrap-1.min.css").write_text(".x{a:1}.y{b:1}")
    assert not page_assets.originals_missing(tmp_path / "site", originals)
