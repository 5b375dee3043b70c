"""The roll-up summaries, kept by the workflow services: after every step they equal a direct
computation from the reports, and `check_rollups` says so (or prints what differs)."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db.models import F

from plans.models import Economy, MeasureOfProgress, StrategicPlan
from reporting.reports import services
from reporting.reports.models import MeasureStatistic, ReportStatus, RollupCount
from reporting.reports.summaries import Kind
from reporting.rollups.check import differences, year_statistics_direct
from reporting.rollups.measures import measure_rollup
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.factories import (
    fill_report,
    finish_report,
    make_cycle,
    start_report,
    write_section,
)

pytestmark = pytest.mark.django_db


def plan() -> StrategicPlan:
    return StrategicPlan.objects.get(code="2025-2028")


def reporting(year: int, *, submitted: bool) -> int:
    """Economies with a counted report in the one-year window, as the summaries hold it."""
    row = RollupCount.objects.filter(
        start=year, end=year, submitted=submitted, kind=Kind.REPORTING
    ).first()
    return row.n if row else 0


def test_each_step_of_the_workflow_keeps_the_summaries(director, delegate_chl, delegate_pe):
    chile = start_report(delegate_chl)
    fill_report(delegate_chl, chile)
    assert (reporting(2026, submitted=True), reporting(2026, submitted=False)) == (0, 0)

    services.report_submit(report_id=chile.pk, user=delegate_chl)
    assert (reporting(2026, submitted=True), reporting(2026, submitted=False)) == (1, 0)
    assert differences(plan()) == []

    services.report_accept(report_id=chile.pk, user=director)
    assert (reporting(2026, submitted=True), reporting(2026, submitted=False)) == (1, 1)
    assert differences(plan()) == []

    peru = start_report(delegate_pe, "PE")
    fill_report(delegate_pe, peru)
    services.report_submit(report_id=peru.pk, user=delegate_pe)
    assert reporting(2026, submitted=True) == 2
    services.report_return(
        report_id=peru.pk, user=director, comment="Add the sources.", section_comments={}
    )
    assert (reporting(2026, submitted=True), reporting(2026, submitted=False)) == (1, 1)
    assert differences(plan()) == []

    make_cycle(2026, is_open=False)
    services.report_reopen(report_id=chile.pk, user=director, comment="Fix the rate.")
    chile.refresh_from_db()
    assert chile.status == ReportStatus.RETURNED
    assert (reporting(2026, submitted=True), reporting(2026, submitted=False)) == (0, 0)
    assert differences(plan()) == []


def measure(number: int) -> MeasureOfProgress:
    return MeasureOfProgress.objects.get(
        area__plan__code="2025-2028", area__number=1, number=number
    )


def statistic(number: int, *, submitted: bool) -> tuple | None:
    """(economies, lowest, median, highest) of measure 1.<number> in 2026 as stored, or None
    when no row is stored."""
    row = MeasureStatistic.objects.filter(
        measure=measure(number), year=2026, submitted=submitted
    ).first()
    return (row.economies, row.minimum, row.median, row.maximum) if row else None


def values(**by_measure: str) -> dict:
    """Area 1's section: every measure assessed, the values given (m2="10") for 2026."""
    data = {f"entries-{index}-assessment": "progressing" for index in range(5)}
    for name, value in by_measure.items():
        index = int(name[1:]) - 1
        data |= {f"entries-{index}-value": value, f"entries-{index}-reference_year": "2026"}
    return data


def submitted_with(code: str, **by_measure: str):
    user = User.objects.get(username=f"delegate-{code.lower()}")
    report = start_report(user, code, 2026)
    finish_report(user, report, s1=values(**by_measure))
    return report


def test_the_statistics_follow_the_workflow(director):
    """Measure 1.2 (a rate): Chile 10, Peru 20, Australia 40 -> lowest 10, median 20, highest
    40; Australia reopened -> 10, 15 (the mean of the two), 20; Mexico's 30 submitted and
    Australia's 40 again -> 10, 25 (the mean of 20 and 30), 40 with submitted reports, still
    10 / 15 / 20 accepted only; both accepted -> 10 / 25 / 40. Measure 1.3 has Australia's 5
    alone: its row goes when Australia's report no longer counts."""
    reports = {
        "CHL": submitted_with("CHL", m2="10"),
        "PE": submitted_with("PE", m2="20"),
        "AUS": submitted_with("AUS", m2="40", m3="5"),
    }
    assert statistic(2, submitted=True) == (3, 10, 20, 40)
    assert statistic(2, submitted=False) is None  # nothing accepted yet
    assert statistic(3, submitted=True) == (1, 5, 5, 5)
    for report in reports.values():
        services.report_accept(report_id=report.pk, user=director)
    assert statistic(2, submitted=False) == (3, 10, 20, 40)
    assert differences(plan()) == []

    make_cycle(2026, is_open=False)
    services.report_reopen(report_id=reports["AUS"].pk, user=director, comment="Check 40 %.")
    for submitted in (False, True):
        assert statistic(2, submitted=submitted) == (2, 10, 15, 20)
        assert statistic(3, submitted=submitted) is None
    assert differences(plan()) == []

    reports["MEX"] = submitted_with("MEX", m2="30")
    australia = User.objects.get(username="delegate-aus")
    write_section(australia, reports["AUS"], "1", **values(m2="40"))
    services.report_submit(report_id=reports["AUS"].pk, user=australia)
    assert statistic(2, submitted=True) == (4, 10, 25, 40)
    assert statistic(2, submitted=False) == (2, 10, 15, 20)
    assert differences(plan()) == []

    for code in ("AUS", "MEX"):
        services.report_accept(report_id=reports[code].pk, user=director)
    assert statistic(2, submitted=False) == (4, 10, 25, 40)
    assert differences(plan()) == []

    # The measure page's figures are the stored ones, and a direct computation's.
    window = Window(plan(), 2025, 2026)
    economies = list(Economy.objects.all())
    stats = measure_rollup(window, measure(2), economies=21, listed=economies).stats
    assert [(s.year, s.economies, s.minimum, s.median, s.maximum) for s in stats] == [
        (2025, 0, None, None, None),
        (2026, 4, 10, 25, 40),
    ]
    assert stats == year_statistics_direct(window, measure(2), of=21)


def test_an_even_median_keeps_its_fifth_decimal_place(director):
    """Stored values have four decimal places; the mean of two middle ones may need five."""
    for code, value in (("CHL", "0.0001"), ("PE", "0.0002")):
        report = submitted_with(code, m2=value)
        services.report_accept(report_id=report.pk, user=director)
    assert statistic(2, submitted=False) == (
        2,
        Decimal("0.0001"),
        Decimal("0.00015"),
        Decimal("0.0002"),
    )
    assert differences(plan()) == []


def test_check_rollups_reports_a_tampered_statistic(director, capsys):
    for code, value in (("CHL", "10"), ("PE", "20"), ("AUS", "40")):
        services.report_accept(report_id=submitted_with(code, m2=value).pk, user=director)
    call_command("check_rollups")
    assert "agree" in capsys.readouterr().out

    tampered = MeasureStatistic.objects.filter(measure=measure(2), submitted=False)
    assert tampered.update(median=21) == 1
    with pytest.raises(CommandError, match="differ"):
        call_command("check_rollups")
    out = capsys.readouterr().out
    assert (
        f"2025-2028 2026-2026 (accepted) statistics measure={measure(2).pk} "
        "reference year=2026: stored 3 economies, 10 / 21 / 40, MAD 10, "
        "computed 3 economies, 10 / 20 / 40, MAD 10"
    ) in out

    # A row missing, and a row where no value counts, are differences too.
    tampered.delete()
    MeasureStatistic.objects.create(
        plan=plan(),
        measure=measure(4),
        year=2025,
        submitted=True,
        economies=1,
        minimum=1,
        median=1,
        maximum=1,
    )
    with pytest.raises(CommandError, match="2 roll-up figures differ"):
        call_command("check_rollups")
    out = capsys.readouterr().out
    assert "(accepted) statistics measure=" in out
    assert "stored none, computed 3 economies, 10 / 20 / 40" in out
    assert (
        f"2025-2025 (accepted and submitted) statistics measure={measure(4).pk} "
        "reference year=-: stored 1 economies, 1 / 1 / 1, MAD 0, computed none"
    ) in out

    call_command("rebuild_rollups")
    call_command("check_rollups")
    assert "agree" in capsys.readouterr().out
    assert statistic(2, submitted=False) == (3, 10, 20, 40)


def test_check_rollups_prints_a_difference_and_fails(director, delegate_chl, capsys):
    chile = start_report(delegate_chl)
    fill_report(delegate_chl, chile)
    services.report_submit(report_id=chile.pk, user=delegate_chl)
    call_command("check_rollups")
    assert "agree" in capsys.readouterr().out

    RollupCount.objects.filter(kind=Kind.INITIATIVES).update(n=F("n") + 1)
    RollupCount.objects.filter(kind=Kind.REPORTING, start=2026, end=2026).update(n=5)
    with pytest.raises(CommandError, match="differ"):
        call_command("check_rollups")
    out = capsys.readouterr().out
    assert "2025-2028 2026-2026 (accepted and submitted) reporting area=0 key=-: stored 5, " in out
    assert "computed 1" in out

    call_command("rebuild_rollups")
    call_command("check_rollups")
    assert "agree" in capsys.readouterr().out


def test_report_content_is_read_only_in_the_admin(administrator, delegate_chl):
    chile = start_report(delegate_chl)
    fill_report(delegate_chl, chile)
    # Not through the forms: the admin's delete page needs a record to refuse to delete.
    initiative = chile.initiatives.create(
        area=chile.sections.get(position=1).area, title="Export coaching", kind="program"
    )
    entry = chile.entries.first()
    client = client_for(administrator)
    for path in (
        f"/admin/reporting/economyreport/{chile.pk}/change/",
        f"/admin/reporting/measureentry/{entry.pk}/change/",
    ):
        assert client.get(path).status_code == 200, path  # to read
        assert client.post(path, {"status": "accepted"}).status_code == 403, path
    assert client.get("/admin/reporting/initiative/add/").status_code == 403
    assert client.post(f"/admin/reporting/initiative/{initiative.pk}/delete/").status_code == 403
    chile.refresh_from_db()
    assert chile.status == ReportStatus.DRAFT
    assert chile.initiatives.filter(pk=initiative.pk).exists()
