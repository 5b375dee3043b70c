"""How the documents' figures read (the review's, the annual report's), the same in every
format and on the page: "16 of 21", "93 %", "55.6", "12 May 2026"."""

from __future__ import annotations

import datetime
import re

from plans.catalogue import rounding
from reporting.documents.content import DocumentContent, Progress
from reporting.reports.models import ASSESSMENT_ORDER as ASSESSMENTS
from reporting.reports.models import Assessment, ReportStatus
from reporting.reports.scoring import LABELS, LEVEL, Score, points

NOT_WRITTEN = "Not written yet."
# The dashboard's table shows a score's interval without its words (scoring.Score.interval_text).
INTERVAL_PREFIX = f"{LEVEL:.0%} interval ".replace("%", " %")
NONE = "–"
DRAFT_NOTE = "Draft – figures follow the live data"
# Keys of JSON objects lose their order in PostgreSQL's jsonb: read them in these orders.
STATUS_ORDER = [(value, str(label)) for value, label in ReportStatus.choices]
ASSESSMENT_LABELS = dict(Assessment.choices)
ASSESSMENT_ORDER = [str(ASSESSMENT_LABELS[value]) for value in ASSESSMENTS]
GENERAL_COLUMNS = {
    "economies": "Economies reporting",
    "shared": "Best practices shared",
    "adopted": "Best practices adopted",
    "dialogues": "Dialogues with partners",
    "apec_initiatives": "APEC initiatives and activities",
    "supported_activities": "APEC-supported activities",
    # Not in snapshots made before it: read with .get().
    "activity_economies": "Economies taking part in APEC activities",
}


def percent(value: float | None) -> str:
    # "": a key the template did not find (a snapshot older than the figure).
    return NONE if value is None or value == "" else rounding.percent(value)


def number(value: float | int | None) -> str:
    """A value as people write it: thousands separated, at most two decimals, no trailing
    zeros."""
    return rounding.number(value, none=NONE)


def of(count: int | None, total: int) -> str:
    # "": a key the template did not find (a snapshot older than the figure).
    return NONE if count is None or count == "" else f"{count} of {total}"


def date(iso: str | None) -> str:
    if not iso:
        return ""
    moment = datetime.datetime.fromisoformat(iso).astimezone(datetime.UTC)
    return f"{moment.day} {moment:%B %Y}"


def data_note(content: DocumentContent) -> str:
    """What the figures are: frozen on a date, or the live data."""
    if content.as_of:
        return f"Data as of {date(content.as_of)}"
    return DRAFT_NOTE


def years(content: DocumentContent) -> str:
    start, end = content.start, content.end
    return str(start) if start == end else f"{start}–{end}"


def status_label(content: DocumentContent) -> str:
    return "Final" if content.status == "final" else "Draft"


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a text box: blank lines separate them."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]


def score(progress: Progress | None, of: int | None = None) -> str:
    """“62 % from 74 assessments of 16 of 21 economies; 90 % interval 55–69 %; +5.0 points on
    2025; balanced: ...” (an area or objective), as the dashboard words it; in a content made
    before the score's interval: “62 % from 74 assessments of 16 economies, +5 points on
    2025”."""  # noqa: RUF002
    if progress is None:
        return f"{NONE} (this snapshot was taken before the progress score)"
    if progress.value is None:
        return f"{NONE} (no assessment)"
    if not progress.sure:
        found = (
            f"{percent(progress.value)} from {progress.n} assessments of "
            f"{progress.economies} economies"
        )
        return found + (f", {change(progress)}" if progress.change is not None else "")
    economies = f"{progress.economies} of {of}" if of else str(progress.economies)
    sure = progress.score
    parts = [
        f"{percent(progress.value)} from {progress.n} assessments of {economies} economies",
        sure.interval_text,
        sure.change_text,
        sure.balanced_text,
    ]
    return "; ".join(part for part in parts if part)


def change(progress: Progress | None) -> str:
    """The score's change on the year before, in points: “+5.0 points on 2025”, or “no clear
    change on 2025 (+1.4 points)” where its interval includes zero, as on the page."""
    if progress is None:
        return NONE
    if progress.sure:
        return progress.score.change_text or NONE
    if progress.change is None:
        return NONE
    return points(progress.change, progress.previous_year)


def interval(progress: Progress | None) -> str:
    """The score's 90 % interval, “52–61 %”, as the dashboard's table shows it."""  # noqa: RUF002
    found = progress.score.interval_text if progress is not None and progress.sure else ""
    return found.removeprefix(INTERVAL_PREFIX) or NONE


def balanced(progress: Progress | None) -> str:
    """The change over the economies reporting in both years, “-0.5 points over the 14
    economies reporting in 2025 and 2026”, with a note where it differs from the change."""
    if progress is None or not progress.sure:
        return NONE
    return progress.score.balanced_text.removeprefix("balanced: ") or NONE


def reopened(count: int) -> str:
    """“includes 2 reopened reports”, or “”."""
    if not count:
        return ""
    return f"includes {count} reopened report{'s' if count != 1 else ''}"


def reopened_note(content: DocumentContent) -> str:
    """What the figures of a document include of the reports reopened after acceptance."""
    count = sum(year.reopened for year in content.participation)
    if not count:
        return ""
    return (
        f"These figures {reopened(count)}: reports reopened after acceptance, out of the "
        "figures until accepted again."
    )


def distribution(progress: Progress | None) -> list[tuple[str, int, str]]:
    """(label, number, share of n) of the latest assessments: those that score, then those
    shown apart (outside n, no share)."""
    score = Score.of(progress.distribution if progress else {})
    rows = [
        (LABELS[value], score.counts[value], percent(share) if score.n else NONE)
        for value, share in score.shares.items()
    ]
    return rows + [(label, n, "outside n") for label, n in score.apart]
