"""The typed parts both documents show (participation, the areas' scores), read from a stored
content of the older schema as from a new one."""

import json
from pathlib import Path

from reporting.documents.content import AreaScore, ParticipationYear, participation_of, scores_of

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
    areas = scores_of(old)
    assert [area.number for area in areas] == [1, 2, 3, 4, 5]
    assert areas[0].n == old["areas"][0]["score_n"] > 0
    assert sum(areas[0].distribution.values()) >= areas[0].n


def test_a_snapshot_taken_before_the_score_has_no_score():
    area = AreaScore.load({"number": 3, "name": "Digital", "initiatives": 4})
    assert (area.score, area.n, area.economies, area.distribution, area.change) == (
        None,
        0,
        0,
        {},
        None,
    )
