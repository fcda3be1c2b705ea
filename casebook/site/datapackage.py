"""Every dataset as one Frictionless Data Package (v1): `datapackage.json` and a zip.

Written by the build into the site's `data/` folder, beside the CSVs and codebooks the
Data pages offer. The descriptor is derived from the codebooks, never typed twice: one
tabular resource per dataset with its title, description, sources, terms of use and a
Table Schema (types, descriptions, required, minimum and maximum, allowed values, fixed
forms, primary key, and the foreign keys the cross-dataset rules check). Any tool that
reads data packages (frictionless in Python, R's frictionless, Data Package JS) reads it
as it is. The zip holds the descriptor, every CSV and codebook; both files are the same,
byte for byte, in two builds of one commit.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from casebook.site import bibliography, citing, publication
from validation.codebook import DATA_DIR, Codebook, codebooks, sha256

DESCRIPTOR = "datapackage.json"
ARCHIVE = "norms-under-review-data.zip"
PACKAGE_NAME = "norms-under-review"
# The site's licence for its own compilation and coding (LICENSE-CONTENT.md). No
# resource is given it by name: every dataset also carries material on others' terms
# (facts and quotations, UN text, third-party values), so each resource's licence points
# to its Data page, which states its terms in full; `terms` repeats them.
CC_BY_PATH = "https://creativecommons.org/licenses/by/4.0/"
# Zip entries carry a date and the system that made them; fixed ones keep the archive
# identical between builds (deflated by the same zlib).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
UNIX = 3


def descriptor(edition: publication.Publication, books: list[Codebook]) -> dict:
    """The package descriptor, from the codebooks and the edition being built."""
    about = citing.metadata()
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": f"{about['title']}: datasets",
        "description": (
            "Every dataset behind the site, each with its sources and terms of use. "
            "Each CSV has a codebook (the .yml file of the same name) with fuller notes."
        ),
        "homepage": edition.site_url + "datasets/",
        "version": str(about.get("version", "")),
        **({"edition": edition.date} if edition.date else {}),
        "licenses": [
            {
                "path": CC_BY_PATH,
                "title": "Creative Commons Attribution 4.0 International, for the site's own "
                "compilation and coding only; material from others keeps its own terms, "
                "given with each resource",
            }
        ],
        "resources": [resource(book, edition) for book in books],
    }


def resource(book: Codebook, edition: publication.Publication) -> dict:
    page = f"{edition.site_url}datasets/{book.name}.html"
    return {
        "profile": "tabular-data-resource",
        "name": book.name,
        "path": f"{book.name}.csv",
        "title": book.title,
        "description": " ".join([book.row, " ".join(book.notes.split())]).strip(),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": book.csv_path.stat().st_size,
        "hash": "sha256:" + sha256(book.csv_path),
        "codebook": f"{book.name}.yml",
        "homepage": page,
        "sources": [source(s["key"], s.get("role", "")) for s in book.sources],
        "licenses": [{"path": page, "title": f"Terms of use: {book.licence_summary}"}],
        "terms": book.licence,
        "schema": schema(book),
    }


def schema(book: Codebook) -> dict:
    fields = [field(column) for column in book.columns]
    keys = []
    for column in book.columns:
        if column.references:
            target, _, target_field = column.references.partition(".")
            keys.append(
                {"fields": column.name, "reference": {"resource": target, "fields": target_field}}
            )
    return {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": list(book.primary_key),
        **({"foreignKeys": keys} if keys else {}),
    }


def field(column) -> dict:
    # The codebook's types (validation.codebook.COLUMN_TYPES) are Table Schema's own names.
    kind = column.type
    constraints: dict = {"required": bool(column.required)}
    if column.minimum is not None:
        constraints["minimum"] = _value(column.minimum)
    if column.maximum is not None:
        constraints["maximum"] = _value(column.maximum)
    if column.allowed is not None:
        constraints["enum"] = [_value(v) for v in column.allowed]
    if column.pattern and kind == "string":
        constraints["pattern"] = xsd_pattern(column.pattern)
    described = {
        "name": column.name,
        "type": kind,
        "description": " ".join(column.description.split()),
        "constraints": constraints,
    }
    if kind == "boolean":
        described |= {"trueValues": ["true"], "falseValues": ["false"]}
    return described


def xsd_pattern(pattern: str) -> str:
    """A codebook's regular expression as Table Schema writes one (XML Schema's dialect):
    implicitly anchored, so without ^ and $, and with plain groups for (?: )."""
    core = pattern.removeprefix("^").removesuffix("$").replace("(?:", "(")
    if "(?" in core or "\\b" in core or "^" in core.replace("[^", "") or "$" in core:
        raise ValueError(f"pattern {pattern!r} has no XML Schema equivalent")
    return core


def source(key: str, role: str) -> dict:
    found = {"title": f"{bibliography.short(key)}: {bibliography.title(key)}"}
    if role.strip():
        found["role"] = " ".join(role.split())  # what the dataset takes from it
    url = bibliography.entries()[key].get("url")
    if url:
        found["path"] = url
    return found


def _value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def write(
    out_dir: Path, edition: publication.Publication, data_dir: Path = DATA_DIR
) -> tuple[Path, Path]:
    """Write the descriptor and the zip (descriptor, CSVs, codebooks) into `out_dir`."""
    books = codebooks(data_dir)
    text = json.dumps(descriptor(edition, books), indent=2, ensure_ascii=False) + "\n"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / DESCRIPTOR
    path.write_text(text, encoding="utf-8")
    archive = out_dir / ARCHIVE
    members = {DESCRIPTOR: text.encode("utf-8")}
    for book in books:
        members[f"{book.name}.csv"] = book.csv_path.read_bytes()
        members[f"{book.name}.yml"] = book.path.read_bytes()
    with zipfile.ZipFile(archive, "w") as bundle:
        for name in sorted(members):
            info = zipfile.ZipInfo(f"{PACKAGE_NAME}/{name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = UNIX
            bundle.writestr(info, members[name])
    return path, archive
