"""The director's annual report's content, typed: every part its page and its files show, and
the loader that reads a stored content (a draft's or a frozen snapshot) into it
(`load_annual`). Contents built before `SCHEMA_VERSION` was kept in them are schema 1; schema 2
adds how sure each score is and each year's reopened reports (reporting.documents.content)."""

from __future__ import annotations

from dataclasses import dataclass

from reporting.documents import content as document
from reporting.documents.content import PortfolioArea, Progress, Stored, record

SCHEMA_VERSION = 2


@dataclass(frozen=True, slots=True)
class Project:
    code: str
    title: str
    proponent: str
    status: str
    start: int
    end: int
    areas: list[int]


@dataclass(frozen=True, slots=True)
class Projects:
    """The APEC projects of the plan under way or done in the year."""

    total: int
    years: str
    areas: list[PortfolioArea]
    list: list[Project]
    method: str


@dataclass(frozen=True, slots=True)
class Area:
    """A priority area's progress so far, with the director's comment."""

    number: int
    name: str
    progress: Progress | None
    comment: str


@dataclass(frozen=True, slots=True)
class MeetingPractice:
    economy: str
    title: str
    area: int | None


@dataclass(frozen=True, slots=True)
class MeetingDialogue:
    title: str
    partner_kind: str
    partner: str
    forum: str


@dataclass(frozen=True, slots=True)
class Meeting:
    number: int
    name: str
    host: str
    start: str  # ISO dates
    end: str
    best_practices: list[MeetingPractice]
    dialogues: list[MeetingDialogue]


@dataclass(frozen=True, slots=True)
class Questions:
    """The year's questions between economies in figures (reporting/questions/figures.py)."""

    asked: int
    answered: int
    median_days: str | None
    economies: int
    of: int
    sentence: str


@dataclass(frozen=True, slots=True)
class AnnualContent:
    schema_version: int
    plan: document.PlanRef
    year: int
    start: int
    end: int
    title: str
    status: str
    as_of: str | None
    presented_at: str
    economies: int
    introduction: str
    method: str
    projects: Projects
    areas: list[Area]
    participation: list[document.ParticipationYear]
    general: list[document.GeneralYear]
    meetings: list[Meeting]
    # The commitments' figures; None in contents made before commitments were kept.
    commitments: document.Commitments | None = None
    # The questions' figures; None in contents made before they were kept.
    questions: Questions | None = None


def _meeting(data: Stored) -> Meeting:
    return record(
        Meeting,
        data,
        best_practices=[record(MeetingPractice, row) for row in data["best_practices"]],
        dialogues=[record(MeetingDialogue, row) for row in data["dialogues"]],
    )


def load_annual(content: Stored) -> AnnualContent:
    """The typed annual report of a stored content."""
    projects = content["projects"]
    return record(
        AnnualContent,
        content,
        **document.common_parts(content),
        presented_at=content.get("presented_at") or "",
        projects=record(
            Projects,
            projects,
            areas=document.portfolio_areas_of(projects),
            list=[record(Project, row) for row in projects["list"]],
        ),
        areas=[record(Area, area, progress=Progress.load(area)) for area in content["areas"]],
        meetings=[_meeting(meeting) for meeting in content["meetings"]],
        questions=record(Questions, content["questions"]) if "questions" in content else None,
    )
