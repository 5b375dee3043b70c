"""The commitments' figures, per priority area through the objectives each serves: made, done,
under way, dropped and overdue, with how many of the 21 economies made them; and the overdue
commitments per economy for the program director. The one place they are computed.

Only counted (accepted) reports count, of the plan's years up to the figures' year: the
commitments they made, and their follow-ups. A commitment's status is the one its economy's
latest counted report gave it. It is overdue when its due year is the figures' year or earlier
and that latest word is neither "done" nor "dropped" (or there is none). A commitment serving
objectives of several areas counts in each, so the areas' figures may add up to more than the
plan's, which counts each commitment once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from plans.models import Economy, PriorityArea, StrategicPlan
from reporting.commitments.models import CLOSED_STATUSES, Commitment, FollowUp, FollowUpStatus
from reporting.reports.models import ReportStatus

SCHEMA_VERSION = 1

# The table's columns, key and label, the same on the pages and in every file: the counts, then
# the economies that made commitments ("5 of 21").
TITLE = "Commitments followed up"
AREA_COLUMN = "Priority area"
COUNT_COLUMNS = (
    ("made", "Made"),
    ("done", "Done"),
    ("under_way", "Under way"),
    ("dropped", "Dropped"),
    ("overdue", "Overdue"),
)
ECONOMIES_COLUMN = "Economies"


def caption(year: int) -> str:
    return f"Commitments per priority area, from accepted reports up to {year}"


def note(year: int, economy_total: int) -> str:
    """How the table counts, under it wherever it is shown."""
    return (
        "A commitment counts in each area of the objectives it serves, so the areas may add up "
        "to more than all areas. Its status is what the economy's latest accepted report said; "
        f"it is overdue when due in {year} or earlier and not said done or dropped. Economies: "
        f"those that made commitments, of all {economy_total}."
    )


@dataclass(frozen=True)
class CommitmentCounts:
    """One row of the table: an area's (number and title) or, with number None, the plan's."""

    number: int | None
    title: str
    made: int
    done: int
    under_way: int
    dropped: int
    overdue: int
    economies: int  # that made commitments here
    economy_total: int  # all member economies: "5 of 21"

    @property
    def economies_label(self) -> str:
        return f"{self.economies} of {self.economy_total}"


@dataclass(frozen=True)
class OverdueCommitment:
    economy_code: str
    economy_name: str
    made_in: int
    due_year: int
    text: str
    areas: tuple[int, ...]
    status: str  # the latest counted word on it ("" when none)

    @property
    def status_label(self) -> str:
        return FollowUpStatus(self.status).label if self.status else "Not followed up yet"


@dataclass(frozen=True)
class CommitmentFigures:
    plan_code: str
    year: int
    areas: list[CommitmentCounts]
    plan: CommitmentCounts
    overdue: list[OverdueCommitment]
    schema_version: int = SCHEMA_VERSION

    def overdue_by_economy(self) -> list[tuple[str, list[OverdueCommitment]]]:
        grouped: dict[str, list[OverdueCommitment]] = defaultdict(list)
        for item in self.overdue:
            grouped[item.economy_name].append(item)
        return list(grouped.items())


@dataclass
class _Made:
    economy_id: int
    economy_code: str
    economy_name: str
    made_in: int
    due_year: int
    text: str
    areas: set[int]


def _count(
    number: int | None,
    title: str,
    made: dict[int, _Made],
    status: dict[int, str],
    overdue: set[int],
    total: int,
) -> CommitmentCounts:
    def having(value: str) -> int:
        return sum(1 for pk in made if status.get(pk) == value)

    return CommitmentCounts(
        number=number,
        title=title,
        made=len(made),
        done=having(FollowUpStatus.DONE),
        under_way=having(FollowUpStatus.UNDER_WAY),
        dropped=having(FollowUpStatus.DROPPED),
        overdue=len(overdue & made.keys()),
        economies=len({item.economy_id for item in made.values()}),
        economy_total=total,
    )


def commitment_figures(
    *,
    plan: StrategicPlan,
    year: int,
    economy: str | None = None,
    economy_total: int | None = None,
) -> CommitmentFigures:
    """Four queries: the counted commitments with their areas, their counted follow-ups, the
    number of economies (none when the caller knows it) and the plan's areas. `economy` (a
    code) keeps one economy's commitments."""
    made: dict[int, _Made] = {}
    commitments = Commitment.objects.filter(
        report__status=ReportStatus.ACCEPTED,
        report__cycle__plan=plan,
        report__cycle__year__lte=year,
    )
    if economy:
        commitments = commitments.filter(report__economy__code=economy)
    rows = commitments.values_list(
        "pk",
        "report__economy_id",
        "report__economy__code",
        "report__economy__short_name",
        "report__cycle__year",
        "due_year",
        "text",
        "objectives__area__number",
    ).order_by("report__economy__position", "due_year", "pk")
    for pk, economy_id, code, name, made_in, due, text, area in rows:
        item = made.setdefault(pk, _Made(economy_id, code, name, made_in, due, text, set()))
        if area is not None:
            item.areas.add(area)
    status: dict[int, str] = {}
    for commitment_id, value in (
        FollowUp.objects.filter(
            commitment__in=commitments,
            report__status=ReportStatus.ACCEPTED,
            report__cycle__year__lte=year,
        )
        .order_by("report__cycle__year")
        .values_list("commitment_id", "status")
    ):
        status[commitment_id] = value  # the latest year's wins
    overdue = {
        pk
        for pk, item in made.items()
        if item.due_year <= year and status.get(pk) not in CLOSED_STATUSES
    }
    total = Economy.objects.count() if economy_total is None else economy_total
    areas = [
        _count(
            area.number,
            area.name,
            {pk: item for pk, item in made.items() if area.number in item.areas},
            status,
            overdue,
            total,
        )
        for area in PriorityArea.objects.filter(plan=plan).order_by("number")
    ]
    return CommitmentFigures(
        plan_code=plan.code,
        year=year,
        areas=areas,
        plan=_count(None, "All priority areas", made, status, overdue, total),
        overdue=[
            OverdueCommitment(
                economy_code=item.economy_code,
                economy_name=item.economy_name,
                made_in=item.made_in,
                due_year=item.due_year,
                text=item.text,
                areas=tuple(sorted(item.areas)),
                status=status.get(pk, ""),
            )
            for pk, item in made.items()
            if pk in overdue
        ],
    )


def _row(row: CommitmentCounts) -> dict:
    return {
        "number": row.number,
        "title": row.title,
        "made": row.made,
        "done": row.done,
        "under_way": row.under_way,
        "dropped": row.dropped,
        "overdue": row.overdue,
        "economies": row.economies,
        "economy_total": row.economy_total,
        "economies_label": row.economies_label,
    }


def commitment_content(*, plan: StrategicPlan, year: int, economies: int) -> dict:
    """The figures as the review and the annual report keep them in their content (JSON, frozen
    with the document): the table's rows, read by templates/commitments/figures_table.html."""
    figures = commitment_figures(plan=plan, year=year, economy_total=economies)
    return {
        "schema_version": SCHEMA_VERSION,
        "year": figures.year,
        "areas": [_row(row) for row in figures.areas],
        "plan": _row(figures.plan),
    }
