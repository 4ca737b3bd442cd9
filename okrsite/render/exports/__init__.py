"""Machine-readable exports: `okrs.json`, its JSON Schema and `key-results.csv`."""

from okrsite.render.exports.artifacts import (
    CSV_NAME,
    JSON_NAME,
    SCHEMA_NAME,
    export_artifacts,
    export_files,
)
from okrsite.render.exports.document import okrs_document
from okrsite.render.exports.schema import export_schema

__all__ = [
    "CSV_NAME",
    "JSON_NAME",
    "SCHEMA_NAME",
    "export_artifacts",
    "export_files",
    "export_schema",
    "okrs_document",
]
