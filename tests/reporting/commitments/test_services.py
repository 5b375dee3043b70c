"""Making and following up commitments through the services: the rules, the lock's checks and
the history."""

import pytest

from plans.models import Objective
from reporting.commitments.models import Commitment, FollowUp
from reporting.commitments.open import open_commitments
from reporting.commitments.services import (
    CommitmentError,
    FollowUpChange,
    commitment_add,
    commitment_remove,
    follow_ups_save,
)
from tests.reporting.commitments.factories import (
    accept,
    accepted_with_commitment,
    commit,
    delegate_of,
    follow_up,
)
from tests.reporting.factories import start_report

pytestmark = pytest.mark.django_db


def test_a_commitment_is_due_in_a_later_year_of_the_plan(delegate_chl):
    report = start_report(delegate_chl, "CHL", 2026)
    for year in (2026, 2029):
        with pytest.raises(CommitmentError, match="2027 to 2028"):
            commit(report, due_year=year)
    made = commit(report, due_year=2028)
    assert list(made.objectives.values_list("area__number", flat=True)) == [1]
    assert made.history.first().history_user == delegate_chl


def test_an_objective_of_another_plan_is_refused(delegate_chl):
    report = start_report(delegate_chl, "CHL", 2026)
    other = Objective.objects.exclude(area__plan=report.cycle.plan).first()
    with pytest.raises(CommitmentError, match="objectives"):
        commitment_add(
            report_id=report.pk,
            user=delegate_chl,
            text="x",
            objective_ids=[other.pk],
            due_year=2027,
        )
    assert not Commitment.objects.exists()


def test_only_the_economy_changes_its_commitments_while_the_report_can_change(delegate_pe):
    report, made = accepted_with_commitment()
    with pytest.raises(CommitmentError, match="accepted"):
        commitment_remove(report_id=report.pk, user=delegate_of("CHL"), commitment_id=made.pk)
    draft = start_report(delegate_of("CHL"), "CHL", 2026)
    with pytest.raises(CommitmentError, match="delegates"):
        follow_ups_save(
            report_id=draft.pk, user=delegate_pe, changes=[FollowUpChange(made.pk, "done")]
        )
    assert Commitment.objects.filter(pk=made.pk).exists()


def test_a_2025_commitment_is_open_in_2026_prefilled_from_the_last_word():
    report_2025, made = accepted_with_commitment(due_year=2027)
    report_2026 = start_report(delegate_of("CHL"), "CHL", 2026)
    [item] = open_commitments(report_2026)
    assert (item.commitment, item.made_in, item.status) == (made, 2025, "")

    follow_up(report_2026, made, "under_way")
    accept(report_2026)
    report_2027 = start_report(delegate_of("CHL"), "CHL", 2027)
    [item] = open_commitments(report_2027)
    assert item.status == "under_way"  # prefilled from 2026
    assert item.current is None
    assert report_2025.pk != report_2027.pk


def test_dropping_needs_a_reason_and_nothing_is_half_saved():
    _report, made = accepted_with_commitment(due_year=2027)
    report = start_report(delegate_of("CHL"), "CHL", 2026)
    with pytest.raises(CommitmentError, match="Say why"):
        follow_up(report, made, "dropped")
    assert not FollowUp.objects.exists()
    follow_up(report, made, "dropped", "The budget went to disaster relief.")
    row = FollowUp.objects.get()
    assert (row.status, row.reason) == ("dropped", "The budget went to disaster relief.")
    assert row.history.count() == 1


def test_a_commitment_done_in_a_counted_report_is_no_longer_open():
    _report, made = accepted_with_commitment(due_year=2027)
    report_2026 = start_report(delegate_of("CHL"), "CHL", 2026)
    follow_up(report_2026, made, "done")
    assert [item.status for item in open_commitments(report_2026)] == ["done"]
    accept(report_2026)
    report_2027 = start_report(delegate_of("CHL"), "CHL", 2027)
    assert open_commitments(report_2027) == []
    with pytest.raises(CommitmentError, match="no longer open"):
        follow_up(report_2027, made, "under_way")


def test_a_draft_commitment_is_not_followed_up_by_the_next_report(delegate_chl):
    draft = start_report(delegate_chl, "CHL", 2025)
    commit(draft, due_year=2026)
    assert open_commitments(start_report(delegate_chl, "CHL", 2026)) == []
