"""A year built by hand for the program director's annual report, through the services.

On top of the roll-ups' dataset (tests/reporting/rollups/test_figures.py: Chile, Peru and
Australia in 2025, Chile's accepted report and Peru's draft in 2026), for 2026:

    reports    Mexico's report, nothing to report in any area, accepted; submitted on
               1 October 2026 (due 31 October: on time); Chile's submitted on 5 November
               2026 (late)
               -> 2026: 2 accepted (Chile, Mexico) + 1 draft (Peru); 18 economies with no
                  report; on time 1 of 2 accepted reports
    projects   A (areas 1, 2; 2025-2026, in implementation), B (area 1; 2026-2027,
               approved), C (area 3; 2024-2026, completed) are under way or done in 2026;
               D (area 1; 2026, concept note), E (area 2; 2027-2028) and F (the 2021-2024
               plan) are not
               -> 3 projects; area 1: A, B = 2 of 3 (67 %); area 2: A = 1 of 3 (33 %);
                  area 3: C = 1 of 3 (33 %); areas 4 and 5: 0 of 3 (0 %)
    progress   accepted reports of 2025-2026 (the plan's start to the year), as the
               roll-ups' dataset works it out: area 1 62.5 % from n = 4 (2 achieved,
               1 progressing, 1 not started), +12.5 points on 2025; Mexico assesses
               nothing, so nothing changes; areas 2-5: no assessment (no score)
    general    2026: economies reporting 2 of 21; nothing shared, adopted or held
    meetings   the 60th meeting (Lima, 2026) with one best practice and one dialogue;
               the 59th (2025) is not in the 2026 report
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from plans.models import Economy, Meeting, MeetingBestPractice, MeetingDialogue, StrategicPlan
from reporting.models import EconomyReport
from reporting.reports import services
from tests.plans.projects.factories import make_project
from tests.reporting.factories import backdate_submission, finish_report, start_report
from tests.reporting.rollups.test_figures import at, build_dataset

PLAN = "2025-2028"
URL = "/reports/annual/2025-2028/2026/"


def make_meeting(number: int, day: datetime.date, place: str = "Lima") -> Meeting:
    meeting = Meeting(
        number=number,
        place=place,
        economy=Economy.objects.get(code="PE"),
        start_date=day,
        end_date=day + datetime.timedelta(days=1),
    )
    meeting.full_clean()
    meeting.save()
    return meeting


def build_year() -> None:
    build_dataset()
    director = User.objects.get(username="director")
    mexico = User.objects.get(username="delegate-mex")
    mex26 = start_report(mexico, "MEX", 2026)
    finish_report(mexico, mex26)
    services.report_accept(report_id=mex26.pk, user=director)
    backdate_submission(EconomyReport.objects.filter(pk=mex26.pk), at(2026, 10, 1))
    backdate_submission(
        EconomyReport.objects.filter(cycle__year=2026, economy__code="CHL", status="accepted"),
        at(2026, 11, 5),
    )

    make_project("SME 01 2025A", areas=(1, 2), years=(2025, 2026), status="in_implementation")
    make_project("SME 02 2026A", areas=(1,), years=(2026, 2027), status="approved")
    make_project("SME 03 2024A", areas=(3,), years=(2024, 2026), status="completed")
    make_project("SME 04 2026A", areas=(1,), years=(2026, 2026), status="concept_note")
    make_project("SME 05 2027A", areas=(2,), years=(2027, 2028), status="approved")
    make_project("SME 06 2023A", plan="2021-2024", areas=(1,), years=(2023, 2026))

    meeting = make_meeting(60, datetime.date(2026, 5, 14))
    MeetingBestPractice.objects.create(
        meeting=meeting,
        economy=Economy.objects.get(code="CHL"),
        title="Digital one-stop shop",
        area=StrategicPlan.objects.get(code=PLAN).areas.get(number=4),
    )
    MeetingDialogue.objects.create(
        meeting=meeting, title="Finance round table", partner_kind="private", partner="ABAC"
    )
    make_meeting(59, datetime.date(2025, 5, 22), place="Hachioji City, Tokyo")


def more_data() -> None:
    """More of everything the page lists: reports, projects, meetings' records."""
    director = User.objects.get(username="director")
    for code in ("AUS", "NZ", "SGP"):
        delegate = User.objects.get(username=f"delegate-{code.lower()}")
        report = start_report(delegate, code, 2026)
        finish_report(delegate, report)
        services.report_accept(report_id=report.pk, user=director)
    for n in range(7, 12):
        make_project(f"SME {n:02d} 2026A", areas=(n % 5 + 1,), years=(2026, 2026))
    meeting = Meeting.objects.get(number=60)
    for n in range(3):
        MeetingDialogue.objects.create(
            meeting=meeting, title=f"Dialogue {n}", partner_kind="forum", partner="PSU"
        )
