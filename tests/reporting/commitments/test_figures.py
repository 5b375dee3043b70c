"""The commitments' figures against hand-counted cases: counted reports only, the latest
counted word, overdue by the due year, n of 21."""

import pytest

from plans.models import StrategicPlan
from reporting.commitments.figures import commitment_figures
from tests.reporting.commitments.factories import (
    accept,
    accepted_with_commitment,
    commit,
    delegate_of,
    follow_up,
)
from tests.reporting.factories import start_report

pytestmark = pytest.mark.django_db


def figures(year: int):
    return commitment_figures(plan=StrategicPlan.objects.get(code="2025-2028"), year=year)


def counts(row) -> tuple:
    return (row.made, row.done, row.under_way, row.dropped, row.overdue, row.economies_label)


def test_marking_a_commitment_done_moves_its_area_figures(django_assert_num_queries):
    _report, made = accepted_with_commitment("CHL", 2025, due_year=2026, area=2)
    accepted_with_commitment("PE", 2025, due_year=2027, area=2)
    # Peru's draft commitment does not count.
    commit(start_report(delegate_of("PE"), "PE", 2026), due_year=2027, area=2)

    area = figures(2026).areas[1]
    assert area.number == 2
    # Chile's is due in 2026 and nobody said it was done: overdue.
    assert counts(area) == (2, 0, 0, 0, 1, "2 of 21")
    assert counts(figures(2026).areas[0]) == (0, 0, 0, 0, 0, "0 of 21")

    report_2026 = start_report(delegate_of("CHL"), "CHL", 2026)
    follow_up(report_2026, made, "done")
    assert counts(figures(2026).areas[1]) == (2, 0, 0, 0, 1, "2 of 21")  # a draft's word
    accept(report_2026)
    plan = StrategicPlan.objects.get(code="2025-2028")
    # Four queries: commitments with their areas, follow-ups, economies, areas.
    with django_assert_num_queries(4):
        result = commitment_figures(plan=plan, year=2026)
    assert counts(result.areas[1]) == (2, 1, 0, 0, 0, "2 of 21")
    assert counts(result.plan) == (2, 1, 0, 0, 0, "2 of 21")
    # As of 2025 nothing was due yet and the 2026 report does not count.
    assert counts(figures(2025).areas[1]) == (2, 0, 0, 0, 0, "2 of 21")


def test_the_director_reads_the_overdue_commitments_per_economy():
    _report, made = accepted_with_commitment("CHL", 2025, due_year=2026, area=1)
    report_2026 = start_report(delegate_of("CHL"), "CHL", 2026)
    follow_up(report_2026, made, "under_way")
    accept(report_2026)
    result = figures(2026)
    [(economy, [item])] = result.overdue_by_economy()
    assert (economy, item.made_in, item.due_year, item.status_label) == (
        "Chile",
        2025,
        2026,
        "Under way",
    )
    assert counts(result.areas[0]) == (1, 0, 1, 0, 1, "1 of 21")
    assert figures(2025).overdue == []
