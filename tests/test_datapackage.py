"""The data as a Frictionless Data Package: the descriptor and zip the build publishes pass
the `frictionless` library's own validation (an implementation of the standard that is not
this site's code), and agree with the codebooks and the files offered for download."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile

import pytest
from frictionless import validate

from casebook.site import datapackage
from validation.codebook import codebooks


@pytest.fixture(scope="module")
def descriptor(site) -> dict:
    return json.loads((site / "data" / datapackage.DESCRIPTOR).read_text(encoding="utf-8"))


def problems(report) -> list[str]:
    return [
        f"{task.name}: {error.type} (row {getattr(error, 'row_number', '–')}, "
        f"field {getattr(error, 'field_name', '–')}): {error.note}"
        for task in report.tasks
        for error in task.errors
    ]


def test_the_published_package_passes_frictionless_validation(site):
    report = validate(str(site / "data" / datapackage.DESCRIPTOR))
    assert report.valid, "\n".join(problems(report)[:20])
    assert sorted(task.name for task in report.tasks) == sorted(b.name for b in codebooks())


def test_the_zip_holds_a_package_that_passes_too(site, tmp_path):
    with zipfile.ZipFile(site / "data" / datapackage.ARCHIVE) as bundle:
        names = sorted(bundle.namelist())
        bundle.extractall(tmp_path)
    root = f"{datapackage.PACKAGE_NAME}/"
    expected = {f"{root}{datapackage.DESCRIPTOR}"}
    for book in codebooks():
        expected |= {f"{root}{book.name}.csv", f"{root}{book.name}.yml"}
    assert set(names) == expected
    unpacked = tmp_path / datapackage.PACKAGE_NAME
    assert (unpacked / datapackage.DESCRIPTOR).read_bytes() == (
        site / "data" / datapackage.DESCRIPTOR
    ).read_bytes()
    report = validate(str(unpacked / datapackage.DESCRIPTOR))
    assert report.valid, "\n".join(problems(report)[:20])


def test_the_package_catches_a_broken_reference_and_a_wrong_type(site, tmp_path):
    """Not a vacuous pass: the schema carries the rules, so bad rows fail it."""
    copy = tmp_path / "package"
    shutil.copytree(site / "data", copy)
    path = copy / "upr_recommendations.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    first = lines[1].split(",")
    first[header.index("state_code")] = "XXX"
    first[header.index("cycle_number")] = "one"
    path.write_text("\n".join([lines[0], ",".join(first), *lines[2:]]), encoding="utf-8")
    found = "\n".join(problems(validate(str(copy / datapackage.DESCRIPTOR))))
    assert "upr_recommendations: foreign-key (row 2" in found
    assert 'values "XXX" not found in the lookup table "upr_reviewers"' in found
    assert "upr_recommendations: type-error (row 2, field cycle_number)" in found


def test_each_resource_follows_its_codebook(descriptor, site):
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert descriptor["profile"] == "tabular-data-package"
    for book in codebooks():
        resource = resources[book.name]
        csv = (site / "data" / f"{book.name}.csv").read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(csv).hexdigest()
        assert resource["title"] == book.title
        assert resource["schema"]["primaryKey"] == list(book.primary_key)
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert list(fields) == [c.name for c in book.columns]
        for column in book.columns:
            constraints = fields[column.name]["constraints"]
            assert constraints["required"] == column.required
            if column.allowed is not None:
                assert len(constraints["enum"]) == len(column.allowed)
            if column.references:
                target, target_field = column.references.split(".")
                assert {
                    "fields": column.name,
                    "reference": {"resource": target, "fields": target_field},
                } in resource["schema"]["foreignKeys"]
        assert resource["sources"] and all(s["title"] for s in resource["sources"])
        assert resource["licenses"] and resource["terms"] == book.licence
