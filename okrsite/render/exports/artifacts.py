"""The exports as files: by name (for `okrsite export`) and as Artifacts below the prefix."""

from __future__ import annotations

from dataclasses import dataclass, field

from okrsite.artifacts import Artifact
from okrsite.portal import Portal
from okrsite.render.exports.document import Unit, json_text, kept_json_text, okrs_document
from okrsite.render.exports.key_results_csv import Row, key_results_csv
from okrsite.render.exports.schema import export_schema
from okrsite.render.reads import KeptByUnit, Rereading
from okrsite.urls import SiteUrls

JSON_NAME = "okrs.json"
SCHEMA_NAME = "okrs.schema.json"
CSV_NAME = "key-results.csv"


@dataclass
class KeptExports:
    """Each entity's part of the exports, kept between the renders of a process."""

    json: KeptByUnit[Unit, str] = field(default_factory=KeptByUnit)
    csv: KeptByUnit[str, Row] = field(default_factory=KeptByUnit)


def export_files(
    portal: Portal, urls: SiteUrls, kept: tuple[Rereading, KeptExports] | None = None
) -> dict[str, str]:
    """File name → content, in a fixed order. With `kept`, the portal is the rereading's and
    the parts of entities an edit did not touch are reused."""
    if kept is None:
        okrs, table = json_text(okrs_document(portal, urls)), key_results_csv(portal, urls)
    else:
        rereading, parts = kept
        okrs = kept_json_text(rereading, urls, parts.json)
        table = key_results_csv(portal, urls, kept=(rereading, parts.csv))
    return {JSON_NAME: okrs, SCHEMA_NAME: json_text(export_schema()), CSV_NAME: table}


def export_artifacts(
    portal: Portal, urls: SiteUrls, kept: tuple[Rereading, KeptExports] | None = None
) -> list[Artifact]:
    return [
        Artifact(urls.file_url(name), content)
        for name, content in export_files(portal, urls, kept).items()
    ]
