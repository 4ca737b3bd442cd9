"""The exports as files: by name (for `okrsite export`) and as Artifacts below the prefix."""

from __future__ import annotations

from collections.abc import Mapping

from okrsite.artifacts import Artifact
from okrsite.incremental.units import Kept, Rereading
from okrsite.portal import Portal
from okrsite.render.exports.document import Part, json_text, json_units, okrs_json
from okrsite.render.exports.key_results_csv import Row, csv_units, key_results_csv
from okrsite.render.exports.schema import export_schema
from okrsite.urls import SiteUrls

JSON_NAME = "okrs.json"
SCHEMA_NAME = "okrs.schema.json"
CSV_NAME = "key-results.csv"


def export_texts(
    portal: Portal,
    urls: SiteUrls,
    parts: Mapping[Part, Kept[str]],
    rows: Mapping[str, Kept[Row]],
) -> dict[str, str]:
    """File name → content, in a fixed order, from the results of `json_units` and
    `csv_units`."""
    return {
        JSON_NAME: okrs_json(portal, urls, {part: kept.value for part, kept in parts.items()}),
        SCHEMA_NAME: json_text(export_schema()),
        CSV_NAME: key_results_csv(rows[key].value for key in portal.model.key_results),
    }


def export_files(portal: Portal, urls: SiteUrls) -> dict[str, str]:
    """The exports of a portal rendered once (`okrsite export`)."""
    rereading = Rereading(portal, None)
    read = rereading.portal
    parts, rows = rereading.results((None, json_units(read, urls)), (None, csv_units(read, urls)))
    return export_texts(read, urls, parts, rows)


def export_artifacts(files: Mapping[str, str], urls: SiteUrls) -> list[Artifact]:
    return [Artifact(urls.file_url(name), content) for name, content in files.items()]
