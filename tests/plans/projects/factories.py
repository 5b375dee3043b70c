"""Projects, rounds and meetings set up the way the secretariat makes them: through the
services."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from plans.models import (
    ApecProject,
    Economy,
    Meeting,
    MeetingBestPractice,
    MeetingDialogue,
    ProposalRound,
    StrategicPlan,
)
from plans.projects import services
from reporting.models import EconomyReport
from tests.reporting.factories import finish_report, start_report, write_section

PLAN = "2025-2028"


def economies(*codes: str) -> list[Economy]:
    found = {economy.code: economy for economy in Economy.objects.filter(code__in=codes)}
    return [found[code] for code in codes]


def make_project(
    code: str = "SME 01 2025A",
    *,
    plan: str = PLAN,
    proponent: str = "CHL",
    areas: tuple[int, ...] = (1,),
    years: tuple[int, int] = (2025, 2026),
    funding: str = "apec",
    status: str = "in_implementation",
    co_sponsors: tuple[str, ...] = (),
    title: str | None = None,
) -> ApecProject:
    plan_obj = StrategicPlan.objects.get(code=plan)
    return services.project_create(
        plan=plan_obj,
        code=code,
        title=title or f"Project {code}",
        proponent=Economy.objects.get(code=proponent),
        co_sponsors=economies(*co_sponsors),
        funding=funding,
        sub_fund="APEC Support Fund" if funding == "apec" else "",
        start_year=years[0],
        end_year=years[1],
        status=status,
        kind="workshop",
        areas=plan_obj.areas.filter(number__in=areas),
    )


def make_round(
    *, year: int = 2026, number: int = 1, proposals: int = 3, proponent: str = "MEX"
) -> ProposalRound:
    plan = StrategicPlan.objects.get(code=PLAN)
    economy = Economy.objects.get(code=proponent)
    return services.round_create(
        plan=plan,
        year=year,
        number=number,
        opens=datetime.date(year, 2, 1),
        closes=datetime.date(year, 4, 30),
        proposals=[
            {
                "title": f"Concept note {n}",
                "proponent": economy,
                "areas": plan.areas.filter(number__in=[1 + n % 5]),
            }
            for n in range(1, proposals + 1)
        ],
    )


def score(user: User, round_: ProposalRound, **by_number: tuple[int, int, int] | None) -> int:
    """Score proposals as the user's economy: score(u, r, p1=(5, 4, 3), p2=None)."""
    proposals = {f"p{p.number}": p for p in round_.proposals.all()}
    return services.round_scores_save(
        round_id=round_.pk,
        economy=user.delegate.economy,
        user=user,
        scores={
            proposals[key].pk: services.Score(*given) if given else None
            for key, given in by_number.items()
        },
    )


def make_meeting(number: int = 58, *, practices: int = 1, dialogues: int = 1) -> Meeting:
    meeting = Meeting(
        number=number,
        place="Pucallpa",
        economy=Economy.objects.get(code="PE"),
        start_date=datetime.date(2024, 9, 11),
        end_date=datetime.date(2024, 9, 12),
    )
    meeting.full_clean()
    meeting.save()
    area = StrategicPlan.objects.get(code="2021-2024").areas.get(number=1)
    chl = Economy.objects.get(code="CHL")
    MeetingBestPractice.objects.bulk_create(
        MeetingBestPractice(meeting=meeting, economy=chl, title=f"Practice {n}", area=area)
        for n in range(practices)
    )
    MeetingDialogue.objects.bulk_create(
        MeetingDialogue(meeting=meeting, title=f"Dialogue {n}", partner_kind="forum", partner="PSU")
        for n in range(dialogues)
    )
    return meeting


NO_DATA = {f"entries-{index}-assessment": "no_data" for index in range(5)}


def initiative_fields(title: str, code: str, objective_id: int) -> dict:
    return {
        **NO_DATA,
        "initiatives-0-title": title,
        "initiatives-0-kind": "program",
        "initiatives-0-objectives": [str(objective_id)],
        "initiatives-0-apec_project_code": code,
    }


def report_initiative(
    user: User, economy: str, year: int, title: str, code: str, *, submit: bool = True
) -> EconomyReport:
    """A report of the economy naming the project on an initiative of area 1, submitted (or
    left a draft)."""
    report = start_report(user, economy, year)
    objective = report.cycle.plan.areas.get(number=1).objectives.first()
    fields = initiative_fields(title, code, objective.pk)
    if submit:
        finish_report(user, report, s1=fields)
    else:
        write_section(user, report, "1", **fields)
    return report


def make_matrix_data() -> None:
    """What the permission matrix's project URLs point at."""
    make_project("SME 01 2025A")
    make_round(year=2026, number=1)
    make_meeting(58)
