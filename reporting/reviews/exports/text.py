"""How a review's figures read, the same in every format and on the page: "16 of 21",
"93 %", "55.6", "12 May 2026"."""

from __future__ import annotations

import datetime
import re
from typing import Any

from reporting.reports.models import ASSESSMENT_ORDER as ASSESSMENTS
from reporting.reports.models import Assessment, ReportStatus
from reporting.reports.scoring import LABELS, Score, points

NOT_WRITTEN = "Not written yet."
NONE = "–"
DRAFT_NOTE = "Draft – figures follow the live data"
# Keys of JSON objects lose their order in PostgreSQL's jsonb: read them in these orders.
STATUS_ORDER = [(value, str(label)) for value, label in ReportStatus.choices]
ASSESSMENT_LABELS = dict(Assessment.choices)
ASSESSMENT_ORDER = [str(ASSESSMENT_LABELS[value]) for value in ASSESSMENTS]
TEXT_HEADINGS = {
    "assessment": "The Chair’s assessment",
    "achievements": "Key achievements",
    "challenges": "Challenges",
    "recommendations": "Recommendations",
}
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
    return NONE if value is None or value == "" else f"{round(value * 100)} %"


def number(value: float | int | None) -> str:
    """A value as people write it: thousands separated, at most two decimals, no trailing
    zeros."""
    if value is None:
        return NONE
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def of(count: int | None, total: int) -> str:
    # "": a key the template did not find (a snapshot older than the figure).
    return NONE if count is None or count == "" else f"{count} of {total}"


def date(iso: str | None) -> str:
    if not iso:
        return ""
    moment = datetime.datetime.fromisoformat(iso).astimezone(datetime.UTC)
    return f"{moment.day} {moment:%B %Y}"


def data_note(content: dict[str, Any]) -> str:
    """What the figures are: frozen on a date, or the live data."""
    if content.get("as_of"):
        return f"Data as of {date(content['as_of'])}"
    return DRAFT_NOTE


def years(content: dict[str, Any]) -> str:
    start, end = content["start"], content["end"]
    return str(start) if start == end else f"{start}–{end}"


def status_label(content: dict[str, Any]) -> str:
    return "Final" if content["status"] == "final" else "Draft"


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a text box: blank lines separate them."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]


def score(area: dict[str, Any]) -> str:
    """“62 % from 74 assessments of 16 economies, +5 points on 2025” (an area or objective)."""
    if "score" not in area:
        return f"{NONE} (this snapshot was taken before the progress score)"
    if area["score"] is None:
        return f"{NONE} (no assessment)"
    found = (
        f"{percent(area['score'])} from {area['score_n']} assessments of "
        f"{area['score_economies']} economies"
    )
    return found + (f", {change(area)}" if area.get("score_change") is not None else "")


def change(area: dict[str, Any]) -> str:
    """The score's change on the year before, in points: “+5 points on 2025”."""
    if area.get("score_change") is None:
        return NONE
    return points(area["score_change"], area["score_previous_year"])


def distribution(area: dict[str, Any]) -> list[tuple[str, int, str]]:
    """(label, number, share of n) of the latest assessments: those that score, then those
    shown apart (outside n, no share)."""
    score = Score.of(area.get("distribution") or {})
    rows = [
        (LABELS[value], score.counts[value], percent(share) if score.n else NONE)
        for value, share in score.shares.items()
    ]
    return rows + [(label, n, "outside n") for label, n in score.apart]


def gaps(area: dict[str, Any]) -> str:
    if not area["gaps"]:
        return "None: every objective has an initiative"
    return ", ".join(f"{area['number']}.{number}" for number in area["gaps"])


def objectives(area_number: int, numbers: list[int]) -> str:
    return ", ".join(f"{area_number}.{number}" for number in numbers)


def target_groups(groups: dict[str, int]) -> list[tuple[str, int]]:
    """The groups reached, the most reached first."""
    return sorted(groups.items(), key=lambda item: (-item[1], item[0]))


def attribution(quote: dict[str, Any]) -> str:
    return f"— {quote['economy']}, {quote['year']}"


def area_title(area: dict[str, Any]) -> str:
    return f"Priority area {area['number']}: {area['name']}"


def area_figures(area: dict[str, Any], economies: int) -> list[tuple[str, str]]:
    """The figures table of an area's chapter, label and value."""
    return [
        ("Economies reporting", of(area["economies_reporting"], economies)),
        ("Initiatives", number(area["initiatives"])),
        ("Economies contributing initiatives", of(area["contributing_economies"], economies)),
        ("Progress score", score(area)),
        ("Economies assessing progress", of(area["assessing_economies"], economies)),
        ("Objectives with no initiative (gaps)", gaps(area)),
        (
            "Target groups reached (initiatives)",
            ", ".join(f"{name} {n}" for name, n in target_groups(area["target_groups"])) or NONE,
        ),
    ]


ANNEXES = {
    "initiatives": ("review-annex-initiatives", "Annex B: Initiatives"),
    "lessons": ("review-annex-lessons", "Annex C: Lessons learned"),
    "best_practices": ("review-annex-practices", "Annex D: Best practices and dialogues"),
    "apec_activities": ("review-annex-activities", "Annex E: APEC activities"),
}
ANNEX_REPORTS = "Annex A: The economies’ reports"


def chapters(content: dict[str, Any]) -> list[tuple[str, str]]:
    """The chapters of the document in order, anchor and heading: the PDF's and the Word file's
    contents and headings read the same. Snapshots made before the annexes B to E existed have
    none of them."""
    found = [
        ("review-summary", "Executive summary"),
        ("review-participation", "Participation"),
        ("review-performance", "Progress score by priority area"),
        *[(f"review-area-{area['number']}", area_title(area)) for area in content["areas"]],
        ("review-general", "General indicators"),
        ("review-projects", "APEC projects"),
        ("review-lessons", "Lessons learned"),
        ("review-annex", ANNEX_REPORTS),
    ]
    found += [chapter for key, chapter in ANNEXES.items() if key in content]
    return found


def annex_title(key: str) -> str:
    return ANNEX_REPORTS if key == "reports" else ANNEXES[key][1]


def area_initiatives(content: dict[str, Any], area: dict[str, Any]) -> list[dict[str, Any]]:
    """Every initiative of the area (annex B), or its highlights in an older snapshot."""
    if "initiatives" not in content:
        return area["highlights"]
    return [row for row in content["initiatives"] if row["area"] == area["number"]]


def highlights_note(content: dict[str, Any], area: dict[str, Any]) -> str:
    """What the chapter's list of initiatives is a selection of, and where the rest is."""
    shown = len(area["highlights"])
    how = content.get("selection", {}).get("initiatives", "")
    if "annexes_in_files" in content:  # the review's page: the annexes are in the files
        total = area["initiatives"]
        if shown == total:
            return f"All {total} initiatives of the area; with their descriptions in Annex B."
        return f"{shown} of {total} initiatives, {how}; all {total} in Annex B of the files."
    total = len(area_initiatives(content, area))
    if "initiatives" not in content:
        return f"The {shown} most recent initiatives of the area."
    if shown == total:
        return f"All {total} initiatives of the area; with their descriptions in Annex B."
    return f"{shown} of {total} initiatives, {how}; all {total} in Annex B."


def body_lessons(content: dict[str, Any]) -> list[dict[str, Any]]:
    """The chapter's lessons learned: the body's own list, or in a snapshot made before it
    had one, the lessons flagged in the annex's."""
    if "lesson_highlights" in content:
        return content["lesson_highlights"]
    return [lesson for lesson in content["lessons"] if lesson.get("highlight", True)]


def lessons_note(content: dict[str, Any]) -> str:
    shown = len(body_lessons(content))
    how = content.get("selection", {}).get("lessons", "")
    if "annexes_in_files" in content:  # the review's page: every lesson is in the files
        return f"The lessons learned shown are {how}; all of them are in Annex C of the files."
    total = len(content["lessons"])
    if "selection" not in content or not total:
        return ""
    if shown == total:
        return f"All {total} lessons learned of the counted reports."
    return f"{shown} of {total} lessons learned, {how}; all {total} in Annex C."
