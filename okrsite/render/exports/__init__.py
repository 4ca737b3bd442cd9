"""Machine-readable exports: `okrs.json`, its JSON Schema and `key-results.csv`."""

from okrsite.render.exports.artifacts import (
    CSV_NAME,
    JSON_NAME,
    SCHEMA_NAME,
    export_artifacts,
    export_files,
    export_texts,
)
from okrsite.render.exports.document import json_units
from okrsite.render.exports.key_results_csv import csv_units
from okrsite.render.exports.schema import export_schema

__all__ = [
    "CSV_NAME",
    "JSON_NAME",
    "SCHEMA_NAME",
    "export_artifacts",
    "export_files",
    "csv_units",
    "export_schema",
    "export_texts",
    "json_units",
]
