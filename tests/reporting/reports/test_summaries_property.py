"""A property of the roll-up summaries: whatever sequence of workflow steps economies and the
program director take (save, submit, return, accept, reopen, a cycle closed or opened, its dates
moved), the summaries equal a computation from the reports after every step: the counts, and
the measures' statistics (the saves write values, so that lowest, median and highest move, an
odd or an even number of them, ties and five-decimal medians included).

Each example runs in a transaction rolled back after it (Hypothesis' Django TestCase), on the
database the suite runs on: SQLite, and PostgreSQL in CI."""

import datetime

from django.contrib.auth.models import User
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from plans.models import MeasureOfProgress, Objective, StrategicPlan, TargetGroup
from reporting.reports import services, summaries
from reporting.reports.models import EconomyReport, ReportingCycle
from reporting.rollups.areas import area_rollups
from reporting.rollups.check import (
    area_rollups_direct,
    figures,
    general_indicators_direct,
    year_statistics_direct,
)
from reporting.rollups.general import general_indicators
from reporting.rollups.measures import year_statistics
from reporting.rollups.window import Window
from tests.reporting.factories import make_cycle, start_report, write_section

PLAN = "2025-2028"
ECONOMIES = ("CHL", "PE", "AUS")
YEARS = (2025, 2026)
ASSESSMENTS = ("", "no_data", "not_started", "progressing", "achieved", "not_applicable")
STEPS = ("save", "submit", "return", "accept", "reopen", "toggle cycle", "move due date")
# Area 1's measures: an index and three rates, then a count (whole numbers only). Few values,
# so that economies share some; "0.0001" and "0.0002" have a median of five decimal places.
VALUES = (None, "0", "0.0001", "0.0002", "12.5", "40", "100")
WHOLE = (None, "0", "3", "40")

step = st.tuples(
    st.sampled_from(STEPS),
    st.sampled_from(ECONOMIES),
    st.sampled_from(YEARS),
    st.lists(st.sampled_from(ASSESSMENTS), min_size=5, max_size=5),  # area 1's measures
    st.tuples(*[st.sampled_from(VALUES)] * 4, st.sampled_from(WHOLE)),  # their values
    st.lists(st.integers(0, 3), max_size=3, unique=True),  # objectives of its initiative
    st.lists(st.integers(0, 2), max_size=2, unique=True),  # target groups it reaches
)


def report_of(code: str, year: int) -> EconomyReport | None:
    return EconomyReport.objects.filter(economy__code=code, cycle__year=year).first()


def save(code: str, year: int, assessments: list[str], values: tuple, picked: list, reached: list):
    """A delegate writes area 1 (its measures' assessments and values, an initiative) and says
    "Nothing to report" in the other sections."""
    delegate = User.objects.get(username=f"delegate-{code.lower()}")
    report = report_of(code, year) or start_report(delegate, code, year)
    fields = {f"entries-{index}-assessment": value for index, value in enumerate(assessments)}
    for index, value in enumerate(values):
        fields[f"entries-{index}-value"] = value or ""
        fields[f"entries-{index}-reference_year"] = str(year) if value else ""
    if picked:
        objectives = list(Objective.objects.filter(area__plan__code=PLAN, area__number=1))
        groups = list(TargetGroup.objects.order_by("pk"))
        fields |= {
            "initiatives-0-title": "Export coaching",
            "initiatives-0-kind": "program",
            "initiatives-0-objectives": [str(objectives[i].pk) for i in picked],
            "initiatives-0-target_groups": [str(groups[i].pk) for i in reached],
        }
    write_section(delegate, report, "1", **fields)
    for slug in ("2", "3", "4", "5", "general"):
        write_section(delegate, report, slug, nothing=True)
    return report


def submitted(code: str, year: int, *answers) -> EconomyReport:
    """The report submitted, saved first where a delegate may still write it: each step goes
    as far as the workflow lets it, so that the sequences reach every state."""
    report = report_of(code, year)
    if report is None or report.is_editable:
        report = save(code, year, *answers)
        delegate = User.objects.get(username=f"delegate-{code.lower()}")
        services.report_submit(report_id=report.pk, user=delegate)
    return report


def take(name: str, code: str, year: int, *answers) -> None:
    """One step of the workflow, by the delegate of `code` or the program director."""
    director = User.objects.get(username="director")
    cycle = ReportingCycle.objects.get(year=year)
    if name == "save":
        save(code, year, *answers)
    elif name == "submit":
        submitted(code, year, *answers)
    elif name == "return":
        report = submitted(code, year, *answers)
        services.report_return(
            report_id=report.pk, user=director, comment="Sources?", section_comments={}
        )
    elif name == "accept":
        services.report_accept(report_id=submitted(code, year, *answers).pk, user=director)
    elif name == "reopen":
        report = submitted(code, year, *answers)
        if cycle.is_open:
            services.cycle_set_open(cycle_id=cycle.pk, user=director, is_open=False)
        services.report_reopen(report_id=report.pk, user=director, comment="")
    elif name == "toggle cycle":
        services.cycle_set_open(cycle_id=cycle.pk, user=director, is_open=not cycle.is_open)
    elif name == "move due date":
        cycle.due -= datetime.timedelta(days=30)
        cycle.full_clean()
        cycle.save(update_fields=["due"])


class SummariesFollowTheWorkflow(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(step, min_size=1, max_size=8))
    def test_summaries_equal_a_direct_computation_after_every_step(self, steps):
        plan = StrategicPlan.objects.get(code=PLAN)
        for year in YEARS:
            make_cycle(year)
        for name, code, year, *answers in steps:
            try:
                take(name, code, year, *answers)
            except services.ReportError:
                pass  # the workflow refused the step: nothing changed
            except ValueError:
                pass  # a section the report cannot take now (its forms refuse it)
            assert summaries.rollups_differences(plan=plan) == [], (name, code, year)
        # The figures the pages read from the summaries, for the window the steps touched.
        for submitted_too in (False, True):
            window = Window(plan, 2025, 2026, include_submitted=submitted_too)
            read = [figures(r) for r in area_rollups(window)]
            direct = [figures(r) for r in area_rollups_direct(window)]
            assert read == direct
            general = general_indicators(window)
            assert general == general_indicators_direct(window)
            for measure in MeasureOfProgress.objects.filter(area__plan=plan, area__number=1):
                read_stats = year_statistics(window, measure, of=21)
                assert read_stats == year_statistics_direct(window, measure, of=21)
