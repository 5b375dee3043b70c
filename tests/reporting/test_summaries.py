"""The roll-up summaries, kept by the workflow services: after every step they equal a direct
computation from the reports, and `check_rollups` says so (or prints what differs)."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from plans.models import StrategicPlan
from reporting.dashboards import rollups
from reporting.reports import services
from reporting.reports.models import ReportStatus, RollupCount
from reporting.reports.summaries import Kind
from tests.conftest import client_for
from tests.reporting.factories import fill_report, make_cycle, start_report

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
    assert rollups.differences(plan()) == []

    services.report_accept(report_id=chile.pk, user=director)
    assert (reporting(2026, submitted=True), reporting(2026, submitted=False)) == (1, 1)
    assert rollups.differences(plan()) == []

    peru = start_report(delegate_pe, "PE")
    fill_report(delegate_pe, peru)
    services.report_submit(report_id=peru.pk, user=delegate_pe)
    assert reporting(2026, submitted=True) == 2
    services.report_return(
        report_id=peru.pk, user=director, comment="Add the sources.", section_comments={}
    )
    assert (reporting(2026, submitted=True), reporting(2026, submitted=False)) == (1, 1)
    assert rollups.differences(plan()) == []

    make_cycle(2026, is_open=False)
    services.report_reopen(report_id=chile.pk, user=director, comment="Fix the rate.")
    chile.refresh_from_db()
    assert chile.status == ReportStatus.RETURNED
    assert (reporting(2026, submitted=True), reporting(2026, submitted=False)) == (0, 0)
    assert rollups.differences(plan()) == []


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
