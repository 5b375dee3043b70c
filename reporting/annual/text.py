"""How the annual report's figures read, the same on the page, in the PDF and in the Word
file. The documents' wording (reporting.documents.wording) for what both show: percentages,
"x of N", the score and its change."""

from __future__ import annotations

import datetime

from reporting.annual.schema import AnnualContent, Meeting, Project
from reporting.commitments import figures as commitment_figures
from reporting.documents.content import PortfolioArea
from reporting.documents.wording import NONE, of, percent


def chapters(content: AnnualContent) -> list[tuple[str, str]]:
    """The chapters in order, anchor and heading: the contents and headings of both files."""
    year = content.year
    # Contents made before commitments were kept have no table of them.
    commitments = [("annual-commitments", commitment_figures.TITLE)] if content.commitments else []
    return [
        ("annual-introduction", "Introduction"),
        *commitments,
        ("annual-projects", f"APEC projects in {year}"),
        ("annual-progress", f"Progress by priority area, {content.start}–{year}"),
        ("annual-participation", f"The economies’ annual reports for {year}"),
        ("annual-general", f"General indicators, {year}"),
        ("annual-meetings", f"SMEWG meetings in {year}"),
    ]


def projects_note(content: AnnualContent) -> str:
    found = content.projects
    if not found.total:
        return f"No APEC project of the plan was under way or completed in {content.year}."
    return (
        f"{found.total} APEC project{'s' if found.total != 1 else ''} of the plan under way "
        f"or completed in {content.year}."
    )


def project_share(row: PortfolioArea, total: int) -> str:
    """“75 % (15 of 20 projects)”."""
    if not total:
        return NONE
    return f"{percent(row.share)} ({row.projects} of {total} projects)"


def project_areas(project: Project) -> str:
    return ", ".join(str(number) for number in project.areas) or NONE


def project_years(project: Project) -> str:
    start, end = project.start, project.end
    return str(start) if start == end else f"{start}–{end}"


def participation_note(content: AnnualContent) -> str:
    """“14 of 21 economies sent a report for 2026; 9 accepted; 8 of 9 on time.”"""
    year = content.participation[0]
    sent = sum(n for status, n in year.by_status.items() if status != "draft")
    note = (
        f"{of(sent, year.economies)} economies sent a report for {year.year}; "
        f"{year.counted} accepted so far."
    )
    if year.submitted:
        note += f" On time: {year.on_time} of {year.submitted} accepted reports."
    return note


def participation_caption(content: AnnualContent) -> str:
    return f"Reports for {content.year} by status, of {content.economies} member economies"


def presented(content: AnnualContent) -> str:
    return content.presented_at or "Not presented yet"


def meeting_dates(meeting: Meeting) -> str:
    """“22-23 May 2025” (with an en dash), or the day of a one-day meeting."""
    start = datetime.date.fromisoformat(meeting.start)
    end = datetime.date.fromisoformat(meeting.end)
    if start == end:
        return f"{end.day} {end:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"
