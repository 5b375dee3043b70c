"""The review's content, typed: every part its page and its files show, with kind and unit as
separate fields, and the loader that reads a stored content (a draft's, a frozen body, a
snapshot) of any schema into it (`load_review`).

`SCHEMA_VERSION` is kept in every content built (`schema_version`). Schema 3 adds how sure each
score is (its interval, a clear change or not, the balanced change), each year's reopened
reports and the measures' statistics by reference year; older contents load without them and
their files show what they showed. Snapshots frozen before the version was kept (schema 1)
hold a measure's kind with its unit ("Rate, %") beside the unit ("%"): the loader splits them,
so that every renderer prints the unit once ("Rate, %"), for old and new reviews alike. The
stored measures count their assessments under the assessments' labels ("Not started"); the
typed ones under their values (Assessment's keys), as the distributions do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from reporting.documents.content import (
    Commitments,
    GeneralYear,
    ParticipationYear,
    PlanRef,
    PortfolioArea,
    Progress,
    Stored,
    common_parts,
    portfolio_areas_of,
    record,
)
from reporting.reports.models import Assessment

SCHEMA_VERSION = 3
T = TypeVar("T")
ASSESSMENT_VALUES = {str(label): str(value) for value, label in Assessment.choices}


@dataclass(frozen=True, slots=True)
class MeasureYear:
    """One year's values of a measure across the economies: never a sum."""

    year: int
    economies: int
    min: float | None
    median: float | None
    max: float | None
    # The year the data is about (0: not given; None: no value) and the page's heading of it,
    # "2024 data": "" in contents made before them (schema 2 and older).
    reference_year: int | None = None
    data_label: str = ""


@dataclass(frozen=True, slots=True)
class Measure:
    number: int
    text: str
    kind: str  # "Rate", "Value" ...
    unit: str  # "%", "USD million" ... ("" where there is none)
    answered: int
    counts: dict[str, int]  # by assessment value
    years: list[MeasureYear]

    @property
    def kind_and_unit(self) -> str:
        """“Rate, %”: the unit once, after the kind."""
        return f"{self.kind}, {self.unit}" if self.unit else self.kind


@dataclass(frozen=True, slots=True)
class Objective:
    number: int
    text: str
    initiatives: int
    progress: Progress | None
    # The row of the plan's table it shares with other objectives (and so their measures and
    # score), and that row's number of measures; None in contents made before they were kept.
    row: int | None = None
    measures: int | None = None


@dataclass(frozen=True, slots=True)
class Initiative:
    """An initiative of a counted report: a chapter's highlight or a row of annex B."""

    area: int
    economy: str
    year: int
    title: str
    kind: str
    objectives: list[int]
    apec_project_code: str
    description: str
    lessons_learned: str
    highlight: bool = True


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    economy: str
    year: int
    source: str
    attribution: str = ""


@dataclass(frozen=True, slots=True)
class Lesson:
    economy: str
    year: int
    source: str
    text: str
    highlight: bool = True


@dataclass(frozen=True, slots=True)
class Area:
    number: int
    name: str
    economies_reporting: int
    initiatives: int
    contributing_economies: int
    objectives: list[Objective]
    gaps: list[int]
    target_groups: dict[str, int]
    progress: Progress | None
    assessing_economies: int
    measures: list[Measure]
    highlights: list[Initiative]
    texts: dict[str, str]
    quotes: list[Quote]


@dataclass(frozen=True, slots=True)
class Portfolio:
    """The APEC projects of the plan under way or done in the review's window."""

    total: int
    years: str
    areas: list[PortfolioArea]
    funding: list[tuple[str, int]]
    statuses: list[tuple[str, int]]
    proponents: list[tuple[str, int]]
    method: str


@dataclass(frozen=True, slots=True)
class BestPractice:
    economy: str
    year: int
    area: int | None
    title: str
    direction: str
    where: str
    description: str


@dataclass(frozen=True, slots=True)
class Dialogue:
    economy: str
    year: int
    area: int | None
    title: str
    partner_kind: str
    where: str
    forum: str | None


@dataclass(frozen=True, slots=True)
class ApecActivity:
    economy: str
    year: int
    area: int | None
    title: str
    kind: str
    role: str
    lessons_learned: str


@dataclass(frozen=True, slots=True)
class Evidence:
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class AnnexYear:
    """An economy's report of a year: counted ones with their figures, others without."""

    year: int
    status: str
    initiatives: int | None
    measures_answered: int | None
    lessons: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AnnexEconomy:
    economy: str
    code: str
    years: list[AnnexYear]


@dataclass(frozen=True, slots=True)
class AnnexCounts:
    """What the annexes the page leaves to the files hold."""

    reports: int
    initiatives: int
    best_practices: int
    dialogues: int
    apec_activities: int


@dataclass(frozen=True, slots=True)
class QuestionAnswer:
    date: str
    text: str


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """A question of annex F (reporting/reviews/questions_annex.py), with its answers."""

    year: int
    economy: str
    asked_by: str
    subject: str
    date: str
    text: str
    answers: list[QuestionAnswer]
    answers_text: str


@dataclass(frozen=True, slots=True)
class ReviewContent:
    schema_version: int
    plan: PlanRef
    kind: str
    kind_label: str
    title: str
    start: int
    end: int
    status: str
    as_of: str | None
    economies: int
    executive_summary: str
    method: str
    participation: list[ParticipationYear]
    areas: list[Area]
    general: list[GeneralYear]
    # The body's lessons learned (taken from the annex's flags in a snapshot older than them).
    lesson_highlights: list[Lesson]
    # How the body chose its highlights and lessons; None in a snapshot older than it.
    selection: dict[str, str] | None
    general_quotes: list[Quote]
    portfolio: Portfolio
    # The annexes: None in the page's body, and in snapshots made before annexes B to E.
    initiatives: list[Initiative] | None = None
    lessons: list[Lesson] | None = None
    best_practices: list[BestPractice] | None = None
    dialogues: list[Dialogue] | None = None
    apec_activities: list[ApecActivity] | None = None
    annex: list[AnnexEconomy] | None = None
    # Annex F; None in snapshots made before it.
    questions: list[QuestionRow] | None = None
    # The page's body only: what the annexes left to the files hold.
    annexes_in_files: AnnexCounts | None = None
    # The commitments' figures; None in snapshots made before commitments were kept.
    commitments: Commitments | None = None


def schema_of(content: Stored) -> int:
    return content.get("schema_version", 1)


def measure_from(data: Stored, *, schema_version: int) -> Measure:
    """A measure of a stored content, of this schema."""
    kind, unit = data["kind"], data["unit"] or ""
    if schema_version < 2 and unit and kind.endswith(f", {unit}"):
        kind = kind.removesuffix(f", {unit}")
    return Measure(
        number=data["number"],
        text=data["text"],
        kind=kind,
        unit=unit,
        answered=data["answered"],
        counts={ASSESSMENT_VALUES.get(key, key): n for key, n in data["counts"].items()},
        years=[record(MeasureYear, year) for year in data["years"]],
    )


def measures_of(content: Stored, area: Stored) -> list[Measure]:
    """The area's measures, whatever the schema its content was stored in."""
    version = schema_of(content)
    return [measure_from(measure, schema_version=version) for measure in area["measures"]]


def _initiative(data: Stored) -> Initiative:
    return record(Initiative, data)


def _area(content: Stored, data: Stored) -> Area:
    return record(
        Area,
        data,
        objectives=[
            record(Objective, objective, progress=Progress.load(objective))
            for objective in data["objectives"]
        ],
        progress=Progress.load(data),
        measures=measures_of(content, data),
        highlights=[_initiative(row) for row in data["highlights"]],
        quotes=[record(Quote, quote) for quote in data["quotes"]],
    )


def _portfolio(data: Stored) -> Portfolio:
    return record(
        Portfolio,
        data,
        areas=portfolio_areas_of(data),
        funding=[(label, n) for label, n in data["funding"]],
        statuses=[(label, n) for label, n in data["statuses"]],
        proponents=[(name, n) for name, n in data["proponents"]],
    )


def _annex_economy(data: Stored) -> AnnexEconomy:
    years = [
        record(AnnexYear, year, evidence=[record(Evidence, e) for e in year.get("evidence", [])])
        for year in data["years"]
    ]
    return record(AnnexEconomy, data, years=years)


def _listed(content: Stored, key: str, cls: type[T]) -> list[T] | None:
    if key not in content:
        return None
    return [record(cls, row) for row in content[key]]


def _questions(content: Stored) -> list[QuestionRow] | None:
    if "questions" not in content:
        return None
    return [
        record(QuestionRow, row, answers=[record(QuestionAnswer, a) for a in row["answers"]])
        for row in content["questions"]
    ]


def load_review(content: Stored) -> ReviewContent:
    """The typed review of a stored content of any schema."""
    lessons = _listed(content, "lessons", Lesson)
    if "lesson_highlights" in content:
        highlights = [record(Lesson, lesson) for lesson in content["lesson_highlights"]]
    else:  # a snapshot made before the body had its own
        highlights = [lesson for lesson in lessons or [] if lesson.highlight]
    annex = content.get("annex")
    counts = content.get("annexes_in_files")
    return record(
        ReviewContent,
        content,
        **common_parts(content),
        areas=[_area(content, area) for area in content["areas"]],
        lesson_highlights=highlights,
        selection=content.get("selection"),
        general_quotes=[record(Quote, quote) for quote in content["general_quotes"]],
        portfolio=_portfolio(content["portfolio"]),
        initiatives=_listed(content, "initiatives", Initiative),
        lessons=lessons,
        best_practices=_listed(content, "best_practices", BestPractice),
        dialogues=_listed(content, "dialogues", Dialogue),
        apec_activities=_listed(content, "apec_activities", ApecActivity),
        annex=None if annex is None else [_annex_economy(economy) for economy in annex],
        questions=_questions(content),
        annexes_in_files=None if counts is None else record(AnnexCounts, counts),
    )
