"""The program director's annual report as a Word file: the documents' Word builder (page,
cover, contents, headings, tables, charts), fed the annual report's content."""

from __future__ import annotations

import datetime

from reporting.annual import text
from reporting.annual.schema import AnnualContent, load_annual
from reporting.documents import docx as word
from reporting.documents import wording
from reporting.documents.charts import document_charts
from reporting.documents.content import Stored


def cover_facts(content: AnnualContent) -> list[tuple[str, str]]:
    return [
        ("Plan", content.plan.title),
        ("Year", str(content.year)),
        ("Presented at", text.presented(content)),
        ("Status", wording.status_label(content)),
        ("Data", wording.data_note(content)),
    ]


def render(stored: Stored, *, fmt: str, stamp: datetime.datetime) -> bytes:
    content = load_annual(stored)
    chapters = text.chapters(content)
    titles = dict(chapters)
    document = word.new_document(content, stamp)
    word.cover(document, content, cover_facts(content))
    word.contents_list(document, chapters)

    def chapter(anchor: str) -> None:
        word.chapter(document, anchor, titles[anchor])

    chapter("annual-introduction")
    if content.presented_at:
        document.add_paragraph().add_run(content.presented_at + ".").bold = True
    word.texts(document, content.introduction)

    if content.commitments:  # absent from contents made before commitments were kept
        chapter("annual-commitments")
        word.commitments_table(document, content.commitments)

    chapter("annual-projects")
    found = content.projects
    word.paragraph(document, text.projects_note(content))
    if found.total:
        word.caption(
            document,
            "Share of the year’s projects addressing each priority area (a project may address "
            "several)",
        )
        word.table(
            document,
            ["Priority area", "Share"],
            [
                [f"{row.number}. {row.name}", text.project_share(row, found.total)]
                for row in found.areas
            ],
            numeric={1},
            widths=[4, 1.6],
        )
        word.caption(document, "The projects")
        word.table(
            document,
            ["Project", "Title", "Proponent", "Status", "Years", "Areas"],
            [
                [
                    project.code,
                    project.title,
                    project.proponent,
                    project.status,
                    text.project_years(project),
                    text.project_areas(project),
                ]
                for project in found.list
            ],
            widths=[1.5, 4, 1.3, 1.4, 1, 0.8],
        )
    word.paragraph(document, found.method).runs[0].italic = True

    chapter("annual-progress")
    word.paragraph(
        document,
        f"{content.method} Reports counted: those the program director has accepted, of "
        f"{content.start}–{content.year}.",
    )
    note = wording.reopened_note(content)
    if note:
        document.add_paragraph().add_run(note).italic = True
    word.scores(document, content, document_charts(content))
    for area in content.areas:
        word.heading(document, f"{area.number}. {area.name}", 2)
        word.paragraph(
            document, f"Progress score: {wording.score(area.progress, content.economies)}."
        )
        parts = wording.paragraphs(area.comment)
        for part in parts:
            document.add_paragraph(part)
        if not parts:
            document.add_paragraph().add_run("No comment yet.").italic = True

    chapter("annual-participation")
    word.paragraph(document, text.participation_note(content))
    word.caption(document, text.participation_caption(content))
    word.participation_table(document, content)
    word.paragraph(
        document, "On time: submitted by the cycle’s due date, among the accepted reports."
    ).runs[0].italic = True

    chapter("annual-general")
    word.caption(document, f"Counted from the records in the accepted reports for {content.year}")
    rows: list[list[str | int | None]] = []
    for year in content.general:
        for key, label in wording.GENERAL_COLUMNS.items():
            value = getattr(year, key)
            shown = (
                wording.of(value, content.economies)
                if key in ("economies", "activity_economies")
                else value
            )
            rows.append([label, shown])
    word.table(document, ["Indicator", str(content.year)], rows, numeric={1}, widths=[5, 1])
    if content.questions:  # absent from snapshots made before it existed
        word.paragraph(document, f"Questions between economies: {content.questions.sentence}")

    chapter("annual-meetings")
    for meeting in content.meetings:
        word.heading(
            document,
            f"The {meeting.name} ({meeting.host}), {text.meeting_dates(meeting)}",
            2,
        )
        document.add_paragraph().add_run(
            f"Best practices shared ({len(meeting.best_practices)})"
        ).bold = True
        for practice in meeting.best_practices:
            where = f", priority area {practice.area}" if practice.area else ""
            word.paragraph(document, f"{practice.title} — {practice.economy}{where}", "List Bullet")
        if not meeting.best_practices:
            document.add_paragraph().add_run("None recorded.").italic = True
        document.add_paragraph().add_run(
            f"Dialogues with partners ({len(meeting.dialogues)})"
        ).bold = True
        for dialogue in meeting.dialogues:
            forum = f", {dialogue.forum}" if dialogue.forum else ""
            word.paragraph(
                document,
                f"{dialogue.title} — {dialogue.partner} ({dialogue.partner_kind.lower()}{forum})",
                "List Bullet",
            )
        if not meeting.dialogues:
            document.add_paragraph().add_run("None recorded.").italic = True
    if not content.meetings:
        document.add_paragraph().add_run(
            f"No SMEWG meeting of {content.year} is recorded."
        ).italic = True
    return word.finish(document, stamp)
