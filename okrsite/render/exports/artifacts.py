"""The exports as files: by name (for `okrsite export`) and as Artifacts below the prefix."""

from __future__ import annotations

from okrsite.artifacts import Artifact
from okrsite.portal import Portal
from okrsite.render.exports.document import JsonFragments, json_text, okrs_document
from okrsite.render.exports.key_results_csv import key_results_csv
from okrsite.render.exports.schema import export_schema
from okrsite.urls import SiteUrls

JSON_NAME = "okrs.json"
SCHEMA_NAME = "okrs.schema.json"
CSV_NAME = "key-results.csv"


def export_files(
    portal: Portal, urls: SiteUrls, fragments: JsonFragments | None = None
) -> dict[str, str]:
    """File name → content, in a fixed order. `fragments`, kept between calls of a process,
    reuses the JSON text of unchanged entities."""
    document = okrs_document(portal, urls)
    return {
        JSON_NAME: fragments.json_text(document) if fragments else json_text(document),
        SCHEMA_NAME: json_text(export_schema()),
        CSV_NAME: key_results_csv(portal, urls),
    }


def export_artifacts(
    portal: Portal, urls: SiteUrls, fragments: JsonFragments | None = None
) -> list[Artifact]:
    return [
        Artifact(urls.file_url(name), content)
        for name, content in export_files(portal, urls, fragments).items()
    ]
