"""The typed parts both documents show (participation, the areas' scores), read from a stored
content of the older schema as from a new one."""

import json
from pathlib import Path

from reporting.documents.content import ParticipationYear, Progress, participation_of
from reporting.reviews.schema import load_review

OLD_SNAPSHOT = Path(__file__).parents[1] / "reviews" / "fixtures" / "review_snapshot_schema1.json"


def test_a_schema_1_snapshots_participation_and_scores_load():
    old = json.loads(OLD_SNAPSHOT.read_text())
    years = participation_of(old)
    assert [year.year for year in years] == [2025, 2026]
    first = years[0]
    assert isinstance(first, ParticipationYear)
    assert first.economies == 21
    assert first.missing == first.economies - sum(first.by_status.values())
    assert first.counted == old["participation"][0]["counted"]
    areas = load_review(old).areas
    assert [area.number for area in areas] == [1, 2, 3, 4, 5]
    progress = areas[0].progress
    assert progress is not None
    assert progress.n == old["areas"][0]["score_n"] > 0
    assert sum(progress.distribution.values()) >= progress.n


def test_a_snapshot_taken_before_the_score_has_no_score():
    assert Progress.load({"number": 3, "name": "Digital", "initiatives": 4}) is None
    progress = Progress.load({"score": None})
    assert progress is not None
    assert (progress.value, progress.n, progress.distribution, progress.change) == (
        None,
        0,
        {},
        None,
    )
