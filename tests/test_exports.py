"""Exports: okrs.json validates against its schema and carries the Scorecard's numbers; the CSV
round-trips and cannot run formulas; only published entities appear."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from portal_samples import HOSTILE, sample_portal

from okrsite.incremental.units import Rereading
from okrsite.load import load_content
from okrsite.model import Visibility
from okrsite.portal import Portal, assemble_portal
from okrsite.render.exports import (
    CSV_NAME,
    JSON_NAME,
    SCHEMA_NAME,
    csv_units,
    export_artifacts,
    export_files,
    export_texts,
    json_units,
)
from okrsite.render.exports.document import json_text
from okrsite.render.exports.key_results_csv import COLUMNS
from okrsite.urls import SiteUrls

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
SITE = SiteUrls("okrs", site_url="https://example.org/wiki/")


def _exports(publish_up_to: Visibility = Visibility.INTERNAL, urls: SiteUrls = SITE):
    files = export_files(sample_portal(publish_up_to), urls)
    return json.loads(files[JSON_NAME]), json.loads(files[SCHEMA_NAME]), files[CSV_NAME]


def _validate(document: dict, schema: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        document
    )


@pytest.mark.parametrize("visibility", list(Visibility))
def test_okrs_json_validates_against_its_schema(visibility: Visibility) -> None:
    document, schema, _ = _exports(visibility)
    _validate(document, schema)


def test_the_fixture_content_exports_valid_json() -> None:
    loaded = load_content(FIXTURE)
    assert loaded.model is not None, loaded.problems
    portal = assemble_portal(loaded.model, sample_portal().scorecard.as_of)
    files = export_files(portal, SiteUrls())
    document = json.loads(files[JSON_NAME])
    _validate(document, json.loads(files[SCHEMA_NAME]))
    assert len(document["key_results"]) == len(portal.model.key_results) > 0


def test_the_schema_refuses_what_the_export_never_writes() -> None:
    document, schema, _ = _exports()
    document["objectives"][0]["progress"] = 1.5
    with pytest.raises(jsonschema.ValidationError):
        _validate(document, schema)
    del document["objectives"][0]
    document["surprise"] = True
    with pytest.raises(jsonschema.ValidationError):
        _validate(document, schema)


def test_top_level_keys_are_the_documented_ones_in_order() -> None:
    document, _, _ = _exports()
    assert list(document) == [
        "as_of",
        "north_star",
        "cycle",
        "cycles",
        "value_streams",
        "stages",
        "capabilities",
        "teams",
        "objectives",
        "key_results",
        "initiatives",
    ]
    assert document["as_of"] == "2026-11-23"


def test_numbers_equal_the_scorecards_rounded_to_four_places() -> None:
    portal = sample_portal()
    document, _, _ = _exports()
    card = portal.scorecard

    def expect(entry: dict, score) -> None:
        for name in ("progress", "expected"):
            value = getattr(score, name)
            assert entry[name] == (None if value is None else round(value, 4))
        assert entry["status"] == score.status.value

    expect(document["north_star"], card.north_star)
    for name, scores in (
        ("value_streams", card.value_streams),
        ("stages", card.stages),
        ("capabilities", card.capabilities),
        ("teams", card.teams),
        ("objectives", card.objectives),
        ("key_results", card.key_results),
    ):
        assert [e["id"].lower() for e in document[name]] == list(scores)
        for entry in document[name]:
            expect(entry, scores[entry["id"].lower()])
    by_id = {kr["id"]: kr for kr in document["key_results"]}
    assert by_id["checkin-wait-time"]["progress"] == 0.5333
    assert by_id["checkin-wait-time"]["current"] == 12.0
    assert by_id["kiosk-launch"]["done"] is True
    teams = {team["id"]: team for team in document["teams"]}
    assert teams["idle"]["progress"] is None  # undefined stays null, not 0


def test_references_use_ids_as_written_and_urls_are_absolute() -> None:
    document, _, _ = _exports()
    objective = next(o for o in document["objectives"] if o["id"] == "Faster-Checkin")
    assert objective["url"] == "https://example.org/wiki/okrs/objectives/faster-checkin/"
    assert objective["key_results"] == ["checkin-wait-time", "kiosk-launch"]
    assert objective["stage"] == "check-in"
    assert objective["aliases"] == ["quick-checkin", "Old-Checkin"]
    key_result = next(k for k in document["key_results"] if k["id"] == "kiosk-launch")
    assert key_result["objective"] == "Faster-Checkin"


def test_urls_are_site_relative_without_site_url() -> None:
    document, _, csv_text = _exports(urls=SiteUrls("okrs", directory_urls=False))
    assert document["north_star"]["url"] == "okrs/index.html"
    assert document["key_results"][0]["url"] == "okrs/key-results/checkin-wait-time.html"
    assert "okrs/key-results/checkin-wait-time.html" in csv_text


@pytest.mark.parametrize("visibility", list(Visibility))
def test_only_published_entities_appear_in_any_export(visibility: Visibility) -> None:
    portal = sample_portal(visibility)
    artifacts = export_artifacts(export_files(portal, SITE), SITE)
    text = "".join(str(a.content) for a in artifacts if not a.path.endswith(SCHEMA_NAME))
    hidden = ("secret-merger", "Secret merger", "merger-signed", "merger-prep")
    if visibility is Visibility.CONFIDENTIAL:
        assert all(name in text for name in hidden)
    else:
        assert not [name for name in hidden if name in text]
    if visibility is Visibility.PUBLIC:
        assert "hostile" not in text  # internal objective


def test_exports_live_at_the_prefix_root() -> None:
    paths = [a.path for a in export_artifacts(export_files(sample_portal(), SITE), SITE)]
    assert paths == ["okrs/okrs.json", "okrs/okrs.schema.json", "okrs/key-results.csv"]


def test_exports_are_deterministic_text() -> None:
    first = export_files(sample_portal(), SITE)
    assert first == export_files(sample_portal(), SITE)
    assert first[JSON_NAME].endswith("}\n")
    # okrs.json is assembled from each entity's text: exactly what json.dumps writes
    assert json_text(json.loads(first[JSON_NAME])) == first[JSON_NAME]
    assert HOSTILE in json.loads(first[JSON_NAME])["objectives"][1]["title"]


def test_csv_round_trips_through_the_csv_module() -> None:
    portal = sample_portal()
    _, _, csv_text = _exports()
    rows = list(csv.DictReader(io.StringIO(csv_text, newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert [row["id"] for row in rows] == [kr.id for kr in portal.model.key_results.values()]
    hostile = next(row for row in rows if row["id"] == "hostile-kr")
    assert hostile["title"] == HOSTILE  # commas, quotes and brackets survive
    assert hostile["baseline"] == "-10"  # a negative number stays a number
    assert hostile["current"] == "-9.3"
    assert hostile["target"] == "-4"
    assert hostile["unit"] == "'-°C"  # text starting with "-" cannot become a formula
    assert hostile["owner"] == "'@bob"
    wait = next(row for row in rows if row["id"] == "checkin-wait-time")
    assert wait["owner"] == "'+ada"
    assert wait["title"] == "Check-in wait time 日本語 🚀"
    assert wait["objective"] == "Faster-Checkin"
    assert (wait["stage"], wait["team"]) == ("check-in", "ground-ops")
    assert float(wait["progress"]) == round(
        portal.scorecard.key_results["checkin-wait-time"].progress, 4
    )
    assert wait["url"] == "https://example.org/wiki/okrs/key-results/checkin-wait-time/"
    milestone = next(row for row in rows if row["id"] == "kiosk-launch")
    assert (milestone["current"], milestone["status"]) == ("done", "done")


def test_no_text_cell_starts_a_formula() -> None:
    _, _, csv_text = _exports(Visibility.CONFIDENTIAL)
    numeric = {"baseline", "current", "target", "progress", "expected"}
    for row in csv.DictReader(io.StringIO(csv_text, newline="")):
        for column, cell in row.items():
            if column not in numeric:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
            elif cell not in ("", "done", "not done"):
                float(cell)


def _edited(portal: Portal, value: float) -> Portal:
    """The portal with its first key result's current value set to `value`."""
    model = portal.model
    key, key_result = next(iter(model.key_results.items()))
    edited = replace(
        model, key_results={**model.key_results, key: replace(key_result, current=value)}
    )
    return assemble_portal(edited, portal.scorecard.as_of)


Kept_ = tuple[dict, dict]


def _kept_export(
    shown: Portal, previous: Portal | None, kept: Kept_ | None
) -> tuple[dict[str, str], Kept_, Rereading]:
    """The exports as `mkdocs serve` renders them: reusing what the last render kept."""
    rereading = Rereading(shown, previous)
    read = rereading.portal
    parts, rows = rereading.results(
        (kept[0] if kept else None, json_units(read, SITE)),
        (kept[1] if kept else None, csv_units(read, SITE)),
    )
    return export_texts(read, SITE, parts, rows), (parts, rows), rereading


def test_kept_exports_write_exactly_what_a_fresh_export_writes() -> None:
    """Under `mkdocs serve` each entity's JSON and CSV row is kept between renders; what is
    written must not tell the difference, through entities that leave, come back and change."""
    internal = sample_portal()
    edited = _edited(internal, 1234.5)
    kept, previous = None, None
    for shown in (internal, sample_portal(Visibility.PUBLIC), internal, internal, edited):
        files, kept, _ = _kept_export(shown, previous, kept)
        assert files == export_files(shown, SITE)
        previous = shown
    assert "1234.5" in export_files(edited, SITE)[JSON_NAME]


def _made(kept: Kept_, before: Kept_ | None) -> tuple[int, int]:
    return tuple(  # type: ignore[return-value]
        sum(1 for key, result in now.items() if not before or before[n].get(key) is not result)
        for n, now in enumerate(kept)
    )


def test_kept_exports_make_only_what_an_edit_touched() -> None:
    internal = sample_portal()
    _, first, rereading = _kept_export(internal, None, None)
    kinds = ("value_streams", "stages", "capabilities", "teams", "objectives", "key_results")
    entities = sum(len(getattr(internal.model, kind)) for kind in (*kinds, "initiatives"))
    assert _made(first, None) == (entities, len(internal.model.key_results))
    assert rereading.made == entities + len(internal.model.key_results)
    _, second, _ = _kept_export(internal, internal, first)
    assert _made(second, first) == (0, 0)
    edited = _edited(internal, 1234.5)
    _, third, _ = _kept_export(edited, internal, second)
    json_made, csv_made = _made(third, second)
    assert csv_made == 1, "one key result's row"
    assert 1 <= json_made <= entities - 2, "not the two other key results"


def test_okrs_json_carries_the_cycles_and_grades_of_the_scorecard(demo_content: Path) -> None:
    """The demo as of 2026-11-23: its closed quarters graded, worked out by hand from the YAML,
    and the schema accepts them."""
    loaded = load_content(demo_content)
    assert loaded.model is not None
    portal = assemble_portal(loaded.model, sample_portal().scorecard.as_of)
    files = export_files(portal, SITE)
    document, schema = json.loads(files[JSON_NAME]), json.loads(files[SCHEMA_NAME])
    _validate(document, schema)
    assert document["cycle"] == "2026-q4"
    states = {c["id"]: (c["state"], c["progress"], c["grade"]) for c in document["cycles"]}
    assert states["2027-q1"] == ("next", None, None)
    assert states["2026-q4"][:2] == ("current", round(portal.scorecard.north_star.progress, 4))
    assert states["2026-q2"][0] == "past" and states["2026-q2"][2] is not None
    q2 = next(c for c in document["cycles"] if c["id"] == "2026-q2")
    assert q2["url"] == SITE.absolute(SITE.cycle_url("2026-q2")) or SITE.cycle_url("2026-q2")
    assert q2["url"].endswith("cycles/2026-q2/") and q2["badge"].endswith(
        "badges/cycle/2026-q2.svg"
    )
    [pilot] = [o for o in document["objectives"] if o["id"] == "self-boarding-pilot"]
    assert (pilot["ambition"], pilot["cycles"]) == ("aspirational", ["2026-q2"])
    assert pilot["grades"] == {"2026-q2": {"grade": round(2 / 6, 4), "band": "missed"}}
    assert "fell short" in pilot["retrospective"]
