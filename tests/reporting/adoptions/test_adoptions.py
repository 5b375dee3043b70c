"""Naming an adopted best practice's source, the rules' refusals, and the general indicator
"best practices that are adapted and adopted", which counts these links in counted reports.

The hand-built case (2025-2028 plan, all in 2025 unless said):
    Chile      accepted   shares "One-stop registration portal" (the source)
    Peru       accepted   adopts "Portal" from Chile's practice and "Coaching" from Chile's
                          initiative; "Unsourced" is marked adopted but names no source
    Australia  submitted  adopts "Portal too" from Chile's practice
    Japan      draft      adopts "Draft portal" from Chile's practice
-> adopted 2025, accepted reports: 2 (Peru's two links; "Unsourced" is no link, Japan's draft
   is not counted); with submitted reports too: 3 (Australia's).
Chile's practice shows "adopted by Peru (2025)": Australia's and Japan's reports are not
accepted."""

import datetime

import pytest
from django.core.management import call_command

from plans.models import Economy, StrategicPlan
from reporting.adoptions.services import AdoptionError, Source, adoption_record, adoption_remove
from reporting.models import Adoption, BestPractice, ReportingCycle, RollupCount
from reporting.reports.adoptions import report_adoptions
from reporting.reports.services import report_start
from reporting.reports.summaries import Kind
from reporting.rollups.check import differences, general_indicators_direct
from reporting.rollups.general import general_indicators
from reporting.rollups.window import Window
from tests.reporting.adoptions.factories import adopting_report, delegate, submit
from tests.reporting.factories import start_report
from tests.reporting.questions.factories import INITIATIVE, PRACTICE

pytestmark = pytest.mark.django_db


def window(**kwargs) -> Window:
    return Window(StrategicPlan.objects.get(code="2025-2028"), 2025, 2025, **kwargs)


def test_the_indicator_counts_the_links_in_counted_reports(case):
    assert Adoption.objects.count() == 4
    assert BestPractice.objects.filter(direction="adopted").count() == 5
    [accepted] = general_indicators(window())
    assert (accepted.economies, accepted.shared, accepted.adopted) == (2, 1, 2)
    [with_submitted] = general_indicators(window(include_submitted=True))
    assert (with_submitted.economies, with_submitted.adopted) == (3, 3)
    assert general_indicators(window()) == general_indicators_direct(window())
    assert general_indicators(window(include_submitted=True)) == general_indicators_direct(
        window(include_submitted=True)
    )
    assert differences(StrategicPlan.objects.get(code="2025-2028")) == []


def test_rebuild_rollups_reproduces_the_links_count(case):
    # The sums over every economy (each economy's part is kept beside them).
    adopted = RollupCount.objects.filter(kind=Kind.ADOPTED, area=0, economy=0)
    kept = sorted(adopted.values_list("start", "submitted", "n"))
    assert kept == [(2025, False, 2), (2025, True, 3)]
    RollupCount.objects.all().delete()
    call_command("rebuild_rollups", stdout=None)
    assert sorted(adopted.values_list("start", "submitted", "n")) == kept
    assert general_indicators(window())[0].adopted == 2


def test_the_source_says_who_adopted_it(case):
    chile = report_adoptions(case["chile"])
    assert chile.practices_adopted_by == {case["source"].pk: "Peru (2025)"}
    assert chile.initiatives_adopted_by == {
        case["chile"].initiatives.get(title=INITIATIVE).pk: "Peru (2025)"
    }
    peru = report_adoptions(case["peru"])
    portal = case["peru"].best_practices.get(title="Portal")
    assert peru.sources[portal.pk].text == f"Chile's 2025 report, best practice “{PRACTICE}”"
    assert peru.sources[portal.pk].url == "/reports/2025/CHL/"
    assert len(peru.sources) == 2


def test_a_draft_record_or_another_plans_record_is_refused(chile, delegate_pe, delegate_chl):
    peru = adopting_report("PE", 2026, ["Portal"])
    practice = peru.best_practices.get()
    draft = start_report(delegate("AUS"), "AUS", 2026)
    BestPractice.objects.create(report=draft, title="Draft practice", direction="shared")
    draft_practice = BestPractice.objects.get(title="Draft practice")
    with pytest.raises(AdoptionError, match="is draft: only a record of an accepted report"):
        adoption_record(
            practice_id=practice.pk,
            user=delegate_pe,
            source=Source("practice", draft_practice.pk),
            what_changed="Moved online.",
        )
    cycle = ReportingCycle.objects.create(
        plan=StrategicPlan.objects.get(code="2017-2020"),
        year=2019,
        opens=datetime.date(2019, 1, 15),
        due=datetime.date(2019, 10, 31),
        closes=datetime.date(2019, 12, 15),
        is_open=True,
    )
    older, _ = report_start(
        cycle=cycle, economy=Economy.objects.get(code="AUS"), user=delegate("AUS")
    )
    other_plan = BestPractice.objects.create(report=older, title="Older", direction="shared")
    with pytest.raises(AdoptionError, match="same strategic plan"):
        adoption_record(
            practice_id=practice.pk,
            user=delegate_pe,
            source=Source("practice", other_plan.pk),
            what_changed="Moved online.",
        )
    own = chile.best_practices.get()
    with pytest.raises(AdoptionError, match="Only Peru's delegates"):
        adoption_record(
            practice_id=practice.pk,
            user=delegate_chl,
            source=Source("practice", own.pk),
            what_changed="Moved online.",
        )
    with pytest.raises(AdoptionError, match="what the practice changed"):
        adoption_record(
            practice_id=practice.pk,
            user=delegate_pe,
            source=Source("practice", own.pk),
            what_changed="  ",
        )
    assert Adoption.objects.count() == 0


def test_a_shared_practice_names_no_source_and_a_submitted_report_cannot_change(chile):
    peru = adopting_report("PE", 2025, ["Portal"])
    BestPractice.objects.filter(report=peru).update(direction="shared")
    source = Source("practice", chile.best_practices.get().pk)
    practice = peru.best_practices.get()
    with pytest.raises(AdoptionError, match="adapted and adopted"):
        adoption_record(
            practice_id=practice.pk, user=delegate("PE"), source=source, what_changed="x"
        )
    BestPractice.objects.filter(report=peru).update(direction="adopted")
    adoption = adoption_record(
        practice_id=practice.pk, user=delegate("PE"), source=source, what_changed="Online."
    )
    assert adoption.history.count() == 1
    submit(peru)
    with pytest.raises(AdoptionError, match="submitted: it cannot be changed"):
        adoption_remove(practice_id=practice.pk, user=delegate("PE"))
    assert Adoption.objects.count() == 1
