"""How the review's own figures and chapters read, the same in every format and on the page
(the wording every document shares: reporting.documents.wording)."""

from __future__ import annotations

from dataclasses import dataclass

from reporting.commitments import figures as commitment_figures
from reporting.documents.wording import NONE, number, of, score
from reporting.reviews.schema import (
    AnnexYear,
    ApecActivity,
    Area,
    BestPractice,
    Dialogue,
    Initiative,
    Lesson,
    MeasureYear,
    Objective,
    QuestionRow,
    Quote,
    ReviewContent,
)

TEXT_HEADINGS = {
    "assessment": "The Chair’s assessment",
    "achievements": "Key achievements",
    "challenges": "Challenges",
    "recommendations": "Recommendations",
}


def gaps(area: Area) -> str:
    if not area.gaps:
        return "None: every objective has an initiative"
    return ", ".join(f"{area.number}.{number}" for number in area.gaps)


def objectives(area_number: int, numbers: list[int]) -> str:
    return ", ".join(f"{area_number}.{number}" for number in numbers)


def target_groups(groups: dict[str, int]) -> list[tuple[str, int]]:
    """The groups reached, the most reached first."""
    return sorted(groups.items(), key=lambda item: (-item[1], item[0]))


def attribution(quote: Quote) -> str:
    return f"— {quote.economy}, {quote.year}"


def area_title(area: Area) -> str:
    return f"Priority area {area.number}: {area.name}"


def area_figures(area: Area, economies: int) -> list[tuple[str, str]]:
    """The figures table of an area's chapter, label and value."""
    return [
        ("Economies reporting", of(area.economies_reporting, economies)),
        ("Initiatives", number(area.initiatives)),
        ("Economies contributing initiatives", of(area.contributing_economies, economies)),
        ("Progress score", score(area.progress, economies)),
        ("Economies assessing progress", of(area.assessing_economies, economies)),
        ("Objectives with no initiative (gaps)", gaps(area)),
        (
            "Target groups reached (initiatives)",
            ", ".join(f"{name} {n}" for name, n in target_groups(area.target_groups)) or NONE,
        ),
    ]


def objective_scores(area: Area, economies: int) -> list[tuple[str, str]]:
    """Each row of the plan's objectives with its progress score as the dashboard words it,
    with its interval, change and balanced change (“1.1 and 1.2”, sentence): objectives of one
    row share its measures and so its score, and are named together once; those whose row has
    no measure are named once. None in a content made before the interval."""
    rows: dict[tuple[str, int], list[Objective]] = {}
    without = []
    for objective in area.objectives:
        if objective.measures == 0:
            without.append(objective)
        elif objective.row is not None:
            rows.setdefault(("row", objective.row), []).append(objective)
        else:  # a content made before the rows were kept
            rows.setdefault(("objective", objective.number), []).append(objective)
    found = [
        (_numbers(area, group), score(group[0].progress, economies))
        for group in rows.values()
        if group[0].progress is not None and group[0].progress.sure
    ]
    if without:
        found.append((_numbers(area, without), "no measure of progress in the plan, so no score"))
    return found


def _numbers(area: Area, objectives: list[Objective]) -> str:
    """“1.1”, “1.1 and 1.2”, “2.3, 2.4 and 2.5”."""
    numbers = [f"{area.number}.{objective.number}" for objective in objectives]
    return numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"


def year_label(year: MeasureYear) -> str:
    """“2025 (2024 data)”: a year's reports and the year their data is about."""
    return f"{year.year} ({year.data_label})" if year.data_label else str(year.year)


ANNEXES = {
    "initiatives": ("review-annex-initiatives", "Annex B: Initiatives"),
    "lessons": ("review-annex-lessons", "Annex C: Lessons learned"),
    "best_practices": ("review-annex-practices", "Annex D: Best practices and dialogues"),
    "apec_activities": ("review-annex-activities", "Annex E: APEC activities"),
    "questions": ("review-annex-questions", "Annex F: Questions between economies"),
}
ANNEX_REPORTS = "Annex A: The economies’ reports"


def chapters(content: ReviewContent) -> list[tuple[str, str]]:
    """The chapters of the document in order, anchor and heading: the PDF's and the Word file's
    contents and headings read the same. Snapshots made before the annexes B to E existed have
    none of them."""
    found = [
        ("review-summary", "Executive summary"),
        ("review-participation", "Participation"),
        ("review-performance", "Progress score by priority area"),
        *[(f"review-area-{area.number}", area_title(area)) for area in content.areas],
        ("review-general", "General indicators"),
        # Absent from snapshots made before commitments were kept.
        *([("review-commitments", commitment_figures.TITLE)] if content.commitments else []),
        ("review-projects", "APEC projects"),
        ("review-lessons", "Lessons learned"),
        ("review-annex", ANNEX_REPORTS),
    ]
    found += [chapter for key, chapter in ANNEXES.items() if getattr(content, key) is not None]
    return found


def annex_title(key: str) -> str:
    return ANNEX_REPORTS if key == "reports" else ANNEXES[key][1]


def area_initiatives(content: ReviewContent, area: Area) -> list[Initiative]:
    """Every initiative of the area (annex B), or its highlights in an older snapshot."""
    if content.initiatives is None:
        return area.highlights
    return [row for row in content.initiatives if row.area == area.number]


def highlights_note(content: ReviewContent, area: Area) -> str:
    """What the chapter's list of initiatives is a selection of, and where the rest is."""
    shown = len(area.highlights)
    how = (content.selection or {}).get("initiatives", "")
    if content.annexes_in_files is not None:  # the review's page: the annexes are in the files
        total = area.initiatives
        if shown == total:
            return f"All {total} initiatives of the area; with their descriptions in Annex B."
        return f"{shown} of {total} initiatives, {how}; all {total} in Annex B of the files."
    total = len(area_initiatives(content, area))
    if content.initiatives is None:
        return f"The {shown} most recent initiatives of the area."
    if shown == total:
        return f"All {total} initiatives of the area; with their descriptions in Annex B."
    return f"{shown} of {total} initiatives, {how}; all {total} in Annex B."


def body_lessons(content: ReviewContent) -> list[Lesson]:
    """The chapter's lessons learned: the body's own list, or in a snapshot made before it
    had one, the lessons flagged in the annex's (the loader takes them)."""
    return content.lesson_highlights


def lessons_note(content: ReviewContent) -> str:
    shown = len(body_lessons(content))
    how = (content.selection or {}).get("lessons", "")
    if content.annexes_in_files is not None:  # the review's page: every lesson is in the files
        return f"The lessons learned shown are {how}; all of them are in Annex C of the files."
    total = len(content.lessons or [])
    if content.selection is None or not total:
        return ""
    if shown == total:
        return f"All {total} lessons learned of the counted reports."
    return f"{shown} of {total} lessons learned, {how}; all {total} in Annex C."


# The Word file and the PDF list at most this many records in an annex: the whole of a real
# SMEWG cycle, and a file whose size and making time do not grow with the data. Beyond it the
# annex gives its counts and says where every record is: the Excel file holds every record of
# every annex, the CSV and JSON files every entry and initiative.
ANNEX_BOUND = 500
# The records of each annex's lists: what they are called, and the Excel sheet holding them all.
ANNEX_RECORDS = {
    "reports": ("reports", "Annex"),
    "initiatives": ("initiatives", "Initiatives"),
    "lessons": ("lessons learned", "Lessons learned"),
    "best_practices": ("best practices", "Best practices"),
    "dialogues": ("dialogues with partners", "Dialogues"),
    "apec_activities": ("APEC activities", "APEC activities"),
    "questions": ("questions between economies", "Questions"),
}


@dataclass(frozen=True)
class BoundedAnnex:
    """What an annex beyond the bound shows instead of its records."""

    label: str  # the records' column: "Initiatives"
    total: int
    by_year: list[tuple[int, int]]
    note: str


AnnexRecord = AnnexYear | Initiative | Lesson | BestPractice | Dialogue | ApecActivity | QuestionRow


def annex_records(content: ReviewContent, key: str) -> list[AnnexRecord]:
    """The records an annex lists: each economy's report of each year for annex A."""
    if key == "reports":
        return [year for economy in content.annex or [] for year in economy.years]
    records: list[AnnexRecord] = getattr(content, key) or []
    return records


def annex_bounded(content: ReviewContent, key: str) -> BoundedAnnex | None:
    """None when the annex lists its records in the Word file and the PDF; else its counts and
    a note saying that it does not, and where they are."""
    records = annex_records(content, key)
    if len(records) <= ANNEX_BOUND:
        return None
    noun, sheet = ANNEX_RECORDS[key]
    years: dict[int, int] = {}
    for record in records:
        years[record.year] = years.get(record.year, 0) + 1
    raw = " The CSV and JSON files hold every entry and initiative." if key == "initiatives" else ""
    return BoundedAnnex(
        label=noun[0].upper() + noun[1:],
        total=len(records),
        by_year=sorted(years.items()),
        note=(
            f"{len(records):,} {noun}: more than this file lists in an annex (at most "
            f"{ANNEX_BOUND:,}), so it gives their number by year. Every one of them is in the "
            f"Excel file, sheet “{sheet}”.{raw}"
        ),
    )
