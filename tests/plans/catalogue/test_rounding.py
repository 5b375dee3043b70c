"""Figures are rounded once, half-up, from the exact decimal (plans/catalogue/rounding.py), and
every writer of a figure goes through it: 12.5 % is "13 %" on the page, in the charts and in
the files, where Python's round() and format() give "12 %" (half to even)."""

from decimal import Decimal

import pytest

from plans.catalogue import rounding
from plans.projects.portfolio import AreaShare
from reporting.dashboards import charts
from reporting.documents import wording
from reporting.reports.models import Assessment
from reporting.reports.scoring import Score


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (0.125, "13 %"),  # round(12.5) == 12
        (0.565, "57 %"),  # 0.565 * 100 == 56.49999999999999 in binary
        (0.575, "58 %"),
        (0.005, "1 %"),
        (0.0, "0 %"),
        (1.0, "100 %"),
        (Decimal("0.4449"), "44 %"),
    ],
)
def test_a_share_in_percent_rounds_half_up(share, text):
    assert rounding.percent(share) == text


def test_numbers_and_points_round_half_up_without_a_negative_zero():
    assert rounding.number(1234.565) == "1,234.57"
    assert rounding.number(Decimal("2.5"), places=0) == "3"
    assert rounding.number(-0.004) == "0"
    assert rounding.number(1000) == "1,000"
    assert rounding.number(None) == "–"
    assert rounding.points(0.575, 0.5) == 7.5
    assert rounding.points(0.5125, 0.5) == 1.3  # round(1.25, 1) == 1.2
    assert rounding.points(0.5, 0.5125) == -1.3
    assert str(rounding.half_up(-0.4)) == "0"


def test_every_writer_of_a_score_writes_the_x5_case_alike():
    """One progressing and three not started: a score of 12.5 %."""
    score = Score.of({Assessment.PROGRESSING: 1, Assessment.NOT_STARTED: 3})
    assert score.value == 0.125
    assert score.text == "13 %"  # the pages and the API's documents
    assert charts.percent(score.value) == "13 %"  # the charts' labels
    assert wording.percent(score.value) == "13 %"  # the Word and PDF files' wording
    # The distribution's shares: 25 % and 75 % here; 12.5 % when one of eight is achieved.
    assert [share for _, _, share in score.distribution] == ["0 %", "25 %", "75 %"]
    pair = Score.of({Assessment.ACHIEVED: 1, Assessment.PROGRESSING: 7})
    assert next(share for _, _, share in pair.distribution) == "13 %"


def test_a_portfolio_share_rounds_half_up():
    assert AreaShare(area=None, projects=1, total=8).percent == 13  # type: ignore[arg-type]
