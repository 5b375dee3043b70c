"""The review's content typed from end to end: a stored content of today's shape (schema 2), a
frozen body and a schema 1 snapshot load into the dataclasses the renderers read, every part
of them, in one key style."""

import dataclasses
import json
from pathlib import Path

import pytest

from reporting.documents.content import GeneralYear, ParticipationYear, PlanRef, Progress
from reporting.reviews.content import without_annexes
from reporting.reviews.exports import text
from reporting.reviews.schema import (
    SCHEMA_VERSION,
    AnnexCounts,
    AnnexEconomy,
    Area,
    Initiative,
    Lesson,
    Measure,
    ReviewContent,
    load_review,
)

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = FIXTURES / "review_content_schema2.json"
OLD = FIXTURES / "review_snapshot_schema1.json"


def stored(path: Path) -> dict:
    return json.loads(path.read_text())


def attribute_names(value: object) -> set[str]:
    """The attribute names of a typed content and of every part of it."""
    names: set[str] = set()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            names.add(field.name)
            names |= attribute_names(getattr(value, field.name))
    elif isinstance(value, list | tuple):
        for item in value:
            names |= attribute_names(item)
    elif isinstance(value, dict):
        for item in value.values():
            names |= attribute_names(item)
    return names


def test_a_content_of_todays_shape_loads_into_every_typed_part():
    data = stored(TODAY)
    assert data["schema_version"] == 2 < SCHEMA_VERSION
    review = load_review(data)
    assert isinstance(review, ReviewContent)
    assert review.plan == PlanRef(code="2025-2028", title=data["plan"]["title"])
    assert all(isinstance(year, ParticipationYear) for year in review.participation)
    assert all(isinstance(year, GeneralYear) for year in review.general)
    area = review.areas[0]
    assert isinstance(area, Area)
    assert isinstance(area.progress, Progress)
    assert area.progress.n == data["areas"][0]["score_n"]
    assert area.progress.value == data["areas"][0]["score"]
    assert area.objectives[0].progress is not None
    assert area.texts["assessment"].startswith("Start-up support")
    assert area.quotes[0].economy == "Chile"
    assert text.attribution(area.quotes[0]) == "— Chile, 2025"
    measure = area.measures[1]
    assert isinstance(measure, Measure)
    assert (measure.kind, measure.unit) == ("Rate", "%")
    assert [year.year for year in measure.years] == [
        y["year"] for y in data["areas"][0]["measures"][1]["years"]
    ]
    assert all(isinstance(row, Initiative) for row in review.initiatives or [])
    assert len(review.initiatives or []) == 6
    assert all(isinstance(lesson, Lesson) for lesson in review.lesson_highlights)
    assert review.best_practices
    assert review.dialogues
    assert review.apec_activities
    assert review.annex
    assert isinstance(review.annex[0], AnnexEconomy)
    assert review.annexes_in_files is None


def test_the_measures_count_their_assessments_by_value_in_one_key_style():
    """The stored measures count under the labels ("Not started"); the typed ones under the
    values, as the distributions do: every attribute and key is snake_case."""
    for path in (TODAY, OLD):
        data = stored(path)
        assert "Not started" in data["areas"][0]["measures"][0]["counts"]
        review = load_review(data)
        counts = review.areas[0].measures[0].counts
        assert set(counts) <= {
            "no_data",
            "not_started",
            "progressing",
            "achieved",
            "not_applicable",
        }
        assert sum(counts.values()) == sum(data["areas"][0]["measures"][0]["counts"].values())
        keys = attribute_names(review) | set(counts) | set(review.areas[0].progress.distribution)
        assert all(key == key.lower() and " " not in key for key in keys), keys


def test_a_frozen_body_loads_with_what_the_annexes_hold():
    body = without_annexes(stored(TODAY))
    review = load_review(body)
    assert review.initiatives is None
    assert review.annex is None
    assert review.lessons is None
    assert isinstance(review.annexes_in_files, AnnexCounts)
    assert review.annexes_in_files.initiatives == sum(a["initiatives"] for a in body["areas"])
    assert "Annex B of the files" in text.highlights_note(review, review.areas[0])


def test_a_schema_1_snapshot_loads_and_takes_its_body_lessons_from_the_annex_flags():
    data = stored(OLD)
    data.pop("lesson_highlights")
    review = load_review(data)
    assert review.schema_version == 1
    flagged = [lesson["text"] for lesson in data["lessons"] if lesson.get("highlight", True)]
    assert [lesson.text for lesson in review.lesson_highlights] == flagged
    assert text.chapters(review)[-1] == text.ANNEXES["apec_activities"]


def test_a_snapshot_older_than_the_annexes_and_the_score_loads_without_them():
    data = stored(OLD)
    for key in ("initiatives", "lessons", "best_practices", "dialogues", "apec_activities"):
        data.pop(key)
    data.pop("selection")
    for area in data["areas"]:
        for key in ("score", "score_n", "score_economies", "distribution", "score_change"):
            area.pop(key)
    review = load_review(data)
    assert review.initiatives is None
    assert review.selection is None
    assert review.areas[0].progress is None
    assert text.area_initiatives(review, review.areas[0]) == review.areas[0].highlights
    assert [anchor for anchor, _title in text.chapters(review)][-1] == "review-annex"


def test_a_content_missing_a_required_part_says_which():
    data = stored(TODAY)
    del data["areas"][0]["economies_reporting"]
    with pytest.raises(KeyError, match="economies_reporting"):
        load_review(data)
