"""Formats: the humanitarian data ecosystem's formats, generated from figures/columns.py:
an HXL-tagged copy of the figures table, its HXL schema, and a Frictionless data package."""

from __future__ import annotations

import csv
import io
import json

from figures.columns import FIGURES, TABLES, Field, fields_for

FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "number": "number", "date": "date"}
HXL_TYPES = {"string": "text", "integer": "number", "number": "number", "date": "date"}


def hxl_tags() -> dict[str, str]:
    """figures.csv's column -> HXL hashtag, for the tag row under the header of figures_hxl.csv."""
    return {f.name: f.hxl for f in FIGURES}


def hxl_schema_rows() -> list[list[str]]:
    """An HXL schema (libhxl's #valid_* format) for figures_hxl.csv, from the same field definitions."""
    rows = [["#valid_tag", "#valid_required", "#valid_datatype", "#valid_value+list", "#valid_value+min",
             "#valid_value+regex", "#valid_unique", "#description"]]
    for f in FIGURES:
        rows.append([f.hxl, "true" if f.required else "", HXL_TYPES[f.type], "|".join(f.enum),
                     "" if f.minimum is None else str(f.minimum), f.pattern.strip("^$") if f.pattern else "",
                     "true" if f.unique else "", f.description])
    return rows


def hxl_schema_bytes() -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(hxl_schema_rows())
    return out.getvalue().encode("utf-8")


def _frictionless_field(f: Field) -> dict:
    field = {"name": f.name, "type": FRICTIONLESS_TYPES[f.type], "description": f.description}
    constraints: dict = {}
    if f.required:
        constraints["required"] = True
    if f.unique:
        constraints["unique"] = True
    if f.enum:
        constraints["enum"] = list(f.enum)
    if f.pattern:
        constraints["pattern"] = f.pattern.strip("^$")
    if f.minimum is not None:
        constraints["minimum"] = f.minimum
    if constraints:
        field["constraints"] = constraints
    return field


def datapackage(tables: dict[str, list[str]]) -> dict:
    """A Frictionless data package describing every CSV of the output folder, from their columns."""
    resources = []
    for name, columns in tables.items():
        columns = list(columns) or [f.name for f in TABLES[name]]
        fields = fields_for(name, columns) if name in {"compare", "documents"} else TABLES[name]
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "encoding": "utf-8",
            "schema": {"fields": [_frictionless_field(f) for f in fields], "missingValues": [""],
                       **({"primaryKey": [fields[0].name]} if fields[0].unique else {})},
        })
    return {"name": "figures", "title": "Casualty, displacement and fighter figures found in news articles",
            "profile": "tabular-data-package", "resources": resources}


def datapackage_bytes(tables: dict[str, list[str]]) -> bytes:
    return (json.dumps(datapackage(tables), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
