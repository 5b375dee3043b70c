"""The review's Excel file: a column of a sheet (header, width, number format), and the sheets
of the annexes' records, each a key of the content and its columns with the field they read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 12
    format: str | None = None
    wrap: bool = False


RECORD_SHEETS: dict[str, tuple[str, list[tuple[Column, str]]]] = {
    "Best practices": (
        "best_practices",
        [
            (Column("Economy", 16), "economy"),
            (Column("Year", 7), "year"),
            (Column("Best practice", 36, wrap=True), "title"),
            (Column("Shared or adopted", 18, wrap=True), "direction"),
            (Column("Area", 6), "area"),
            (Column("Where", 30, wrap=True), "where"),
            (Column("Description", 60, wrap=True), "description"),
        ],
    ),
    "Dialogues": (
        "dialogues",
        [
            (Column("Economy", 16), "economy"),
            (Column("Year", 7), "year"),
            (Column("Dialogue", 40, wrap=True), "title"),
            (Column("Partner", 22, wrap=True), "partner_kind"),
            (Column("APEC forum", 10), "forum"),
            (Column("Area", 6), "area"),
            (Column("When and where", 40, wrap=True), "where"),
        ],
    ),
    "APEC activities": (
        "apec_activities",
        [
            (Column("Economy", 16), "economy"),
            (Column("Year", 7), "year"),
            (Column("APEC activity", 40, wrap=True), "title"),
            (Column("Kind", 24, wrap=True), "kind"),
            (Column("Role", 12), "role"),
            (Column("Area", 6), "area"),
            (Column("Lessons learned", 60, wrap=True), "lessons_learned"),
        ],
    ),
    "Questions": (
        "questions",
        [
            (Column("Asked to", 16), "economy"),
            (Column("Year", 7), "year"),
            (Column("Asked by", 16), "asked_by"),
            (Column("About", 36, wrap=True), "subject"),
            (Column("Asked on", 11), "date"),
            (Column("Question", 60, wrap=True), "text"),
            (Column("Answers", 80, wrap=True), "answers_text"),
        ],
    ),
}
