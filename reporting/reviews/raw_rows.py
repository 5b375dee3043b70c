"""The entries behind a review as flat rows, one per answer, initiative, lesson learned of a
report, best practice, dialogue and APEC activity: what the review's CSV and JSON files hold
(reporting/reviews/exports/raw.py), built from the review's content."""

from __future__ import annotations

from typing import Any

from reporting.reports.models import Assessment
from reporting.rollups.lessons import REPORT_LESSON

ASSESSMENT_LABELS = dict(Assessment.choices)


RAW_COLUMNS = (
    "economy",
    "year",
    "area",
    "record",
    "objective",
    "measure",
    "value",
    "unit",
    "assessment",
    "narrative",
)


def raw_rows(
    entries: dict[int, list[dict]], initiatives: list[dict], content: dict[str, Any]
) -> list[dict]:
    """The entries behind the review, one row per answer, initiative, lesson learned of a report,
    best practice, dialogue and APEC activity."""
    rows = [
        {
            "economy": row["economy"],
            "year": row["year"],
            "area": row["area"],
            "record": "Measure",
            "objective": "",
            "measure": f"{row['area']}.{row['measure_number']} {row['measure_text']}",
            "value": row["value"],
            "unit": row["unit"],
            "assessment": ASSESSMENT_LABELS.get(row["assessment"], ""),
            "narrative": row["narrative"],
        }
        for found in entries.values()
        for row in found
    ]
    rows += [
        {
            "economy": row["economy"],
            "year": row["year"],
            "area": row["area"],
            "record": f"Initiative: {row['title']}",
            "objective": ", ".join(f"{row['area']}.{n}" for n in row["objectives"]),
            "measure": "",
            "value": None,
            "unit": "",
            "assessment": "",
            "narrative": "\n\n".join(t for t in (row["description"], row["lessons_learned"]) if t),
        }
        for row in initiatives
    ]

    def record(row: dict, label: str, narrative: str = "") -> dict:
        return {
            "economy": row["economy"],
            "year": row["year"],
            "area": row.get("area"),
            "record": label,
            "objective": "",
            "measure": "",
            "value": None,
            "unit": "",
            "assessment": "",
            "narrative": narrative,
        }

    rows += [
        record(lesson, "Lessons learned of the report", lesson["text"])
        for lesson in content["lessons"]
        if lesson["source"] == REPORT_LESSON
    ]
    rows += [
        record(row, f"Best practice ({row['direction']}): {row['title']}", row["description"])
        for row in content["best_practices"]
    ]
    rows += [
        record(row, f"Dialogue ({row['partner_kind']}): {row['title']}", row["where"])
        for row in content["dialogues"]
    ]
    rows += [
        record(row, f"{row['kind'] or 'APEC activity'}: {row['title']}", row["lessons_learned"])
        for row in content["apec_activities"]
    ]
    rows.sort(key=lambda r: (r["year"], r["economy"], r["area"] or 0, r["record"], r["measure"]))
    return rows
