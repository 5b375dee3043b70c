"""The review as a Word document the Chair can send as is, or go on editing: the documents'
Word builder (reporting.documents.docx) with the review's layout, and every record in the
annexes."""

from __future__ import annotations

import datetime

from docx.enum.text import WD_ALIGN_PARAGRAPH

from reporting.commitments import figures as commitment_figures
from reporting.documents import docx as word
from reporting.documents import wording
from reporting.documents.charts import document_charts
from reporting.documents.content import Stored
from reporting.reviews.exports import text
from reporting.reviews.schema import (
    Area,
    Initiative,
    Lesson,
    Quote,
    ReviewContent,
    load_review,
)


def render(stored: Stored, *, fmt: str, stamp: datetime.datetime) -> bytes:
    content = load_review(stored)
    document = word.new_document(content, stamp)
    _title_page(document, content)
    _contents(document, content)
    _summary(document, content)
    _participation(document, content)
    for area in content.areas:
        _area(document, area, content)
    _general(document, content)
    _commitments(document, content)
    _projects(document, content)
    _lessons(document, content)
    _annex(document, content)
    _annexes(document, content)
    _questions(document, content)
    return word.finish(document, stamp)


def _title_page(document, content: ReviewContent) -> None:
    word.cover(
        document,
        content,
        [
            ("Plan", content.plan.title),
            ("Review", content.kind_label),
            ("Years reviewed", wording.years(content)),
            ("Status", wording.status_label(content)),
            ("Data", wording.data_note(content)),
        ],
    )


def _contents(document, content: ReviewContent) -> None:
    """The chapters, each a link to its heading's bookmark (the PDF's contents, without page
    numbers: those would need a field to update)."""
    word.contents_list(document, text.chapters(content))


def _chapter(document, anchor: str, title: str | None = None) -> None:
    word.chapter(document, anchor, title or CHAPTER_TITLES[anchor])


CHAPTER_TITLES = {
    "review-summary": "Executive summary",
    "review-participation": "Participation",
    "review-performance": "Progress score by priority area",
    "review-general": "General indicators",
    "review-projects": "APEC projects",
    "review-lessons": "Lessons learned",
    "review-annex": text.ANNEX_REPORTS,
    **dict(text.ANNEXES.values()),
}


def _summary(document, content: ReviewContent) -> None:
    _chapter(document, "review-summary")
    word.texts(document, content.executive_summary)


def _participation(document, content: ReviewContent) -> None:
    charts = document_charts(content)
    _chapter(document, "review-participation")
    document.add_paragraph(
        "Reports counted are those the program director has accepted, of "
        f"{content.economies} member economies. On time: submitted by the cycle’s due date, "
        "among the counted reports."
    )
    word.caption(document, "Reports by year and status")
    word.participation_table(document, content)
    word.chart(document, charts["participation"])
    _chapter(document, "review-performance")
    document.add_paragraph(content.method)
    note = wording.reopened_note(content)
    if note:
        document.add_paragraph().add_run(note).italic = True
    word.scores(document, content, charts)


def _area(document, area: Area, content: ReviewContent) -> None:
    economies = content.economies
    _chapter(document, f"review-area-{area.number}", text.area_title(area))
    for name, heading in text.TEXT_HEADINGS.items():
        word.heading(document, heading, 2)
        word.texts(document, area.texts.get(name, ""))

    word.heading(document, "Figures", 2)
    word.caption(document, f"Priority area {area.number}")
    word.table(
        document,
        ["Figure", "Value"],
        [list(row) for row in text.area_figures(area, economies)],
        widths=[1, 1],
    )
    word.caption(document, "Objectives and the initiatives addressing them")
    word.table(
        document,
        ["Objective", "Initiatives"],
        [
            [
                f"{area.number}.{objective.number} {objective.text}",
                objective.initiatives or "Gap",
            ]
            for objective in area.objectives
        ],
        numeric={1},
        widths=[5, 1],
    )
    objective_scores = text.objective_scores(area, economies)
    if objective_scores:
        word.caption(document, "Progress score by objective")
    for number, sentence in objective_scores:
        paragraph = word.paragraph(document, style="List Bullet")
        paragraph.add_run(number).bold = True
        paragraph.add_run(f": {sentence}")

    word.heading(document, "Initiative highlights", 2)
    if area.highlights:
        document.add_paragraph().add_run(text.highlights_note(content, area)).italic = True
    for initiative in area.highlights:
        paragraph = word.paragraph(document, style="List Bullet")
        paragraph.add_run(initiative.title).bold = True
        details = f" ({initiative.kind}) — {initiative.economy}, {initiative.year}"
        if initiative.objectives:
            details += f". Objectives {text.objectives(area.number, initiative.objectives)}"
        if initiative.apec_project_code:
            details += f". APEC project {initiative.apec_project_code}"
        paragraph.add_run(details + ".")
    if not area.highlights:
        document.add_paragraph().add_run("No initiative in the counted reports.").italic = True

    word.heading(document, "Measures of progress", 2)
    word.caption(
        document,
        "Values reported, by year: economies with a value and the minimum, median and maximum "
        "across them (never a sum)",
    )
    word.table(
        document,
        ["Measure", "Year", "Economies", "Minimum", "Median", "Maximum"],
        [
            [
                f"{area.number}.{measure.number} {measure.text} ({measure.kind_and_unit}"
                f"; answered by {wording.of(measure.answered, economies)})"
                if index == 0
                else "",
                text.year_label(year),
                wording.of(year.economies, economies),
                wording.number(year.min),
                wording.number(year.median),
                wording.number(year.max),
            ]
            for measure in area.measures
            for index, year in enumerate(measure.years)
        ],
        numeric={2, 3, 4, 5},
        widths=[3.4, 0.7, 1.2, 1.2, 1.2, 1.2],
    )
    if area.quotes:
        word.heading(document, "From the economies’ reports", 2)
        _quotes(document, area.quotes)


def _quotes(document, quotes: list[Quote]) -> None:
    for quote in quotes:
        for part in wording.paragraphs(quote.text):
            word.paragraph(document, part, "Quote")
        word.paragraph(
            document, text.attribution(quote), "Quote"
        ).alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _general(document, content: ReviewContent) -> None:
    _chapter(document, "review-general")
    word.caption(
        document, "General indicators by year, counted from the records in the counted reports"
    )
    word.table(
        document,
        ["Year", *wording.GENERAL_COLUMNS.values()],
        [
            [year.year, wording.of(year.economies, content.economies)]
            + [getattr(year, key) for key in list(wording.GENERAL_COLUMNS)[1:-1]]
            + [wording.of(year.activity_economies, content.economies)]
            for year in content.general
        ],
        numeric=set(range(1, 8)),
        widths=[0.8, 1.2, 1, 1, 1, 1.1, 1.1, 1.2],
    )


def _commitments(document, content: ReviewContent) -> None:
    if content.commitments is None:  # a snapshot made before commitments were kept
        return
    _chapter(document, "review-commitments", commitment_figures.TITLE)
    word.commitments_table(document, content.commitments)


def _projects(document, content: ReviewContent) -> None:
    found = content.portfolio
    _chapter(document, "review-projects")
    if not found.total:
        word.paragraph(
            document, f"No APEC project of the plan was under way or done in {found.years}."
        )
    else:
        proponents = len(found.proponents)
        word.paragraph(
            document,
            f"{found.total} APEC projects of the plan under way or done in {found.years}, "
            f"proposed by {proponents} econom{'y' if proponents == 1 else 'ies'}.",
        )
        word.caption(
            document, "APEC projects addressing each priority area (a project may address several)"
        )
        word.table(
            document,
            ["Priority area", "Projects", "Share"],
            [
                [
                    f"{row.number}. {row.name}",
                    wording.of(row.projects, found.total),
                    wording.percent(row.share),
                ]
                for row in found.areas
            ],
            numeric={1, 2},
            widths=[4, 1, 1],
        )
        for title, pairs in (("Funding", found.funding), ("Status", found.statuses)):
            word.paragraph(
                document, f"{title}: " + " · ".join(f"{label} {n}" for label, n in pairs)
            )
    word.paragraph(document, found.method).runs[0].italic = True


def _lessons(document, content: ReviewContent) -> None:
    _chapter(document, "review-lessons")
    _quotes(document, content.general_quotes)
    note = text.lessons_note(content)
    if note:
        document.add_paragraph().add_run(note).italic = True
    _lesson_list(document, text.body_lessons(content))
    if not content.lessons and not content.general_quotes:
        document.add_paragraph().add_run("No lesson learned in the counted reports.").italic = True


def _lesson_list(document, lessons: list[Lesson]) -> None:
    for lesson in lessons:
        paragraph = word.paragraph(document, lesson.text, "List Bullet")
        paragraph.add_run(f" — {lesson.economy}, {lesson.year} ({lesson.source})").italic = True


def _annex(document, content: ReviewContent) -> None:
    _chapter(document, "review-annex")
    if _bounded(document, content, "reports"):
        return
    word.caption(
        document,
        "Each economy’s report by year: status and, for counted reports, initiatives, measures "
        "answered and lessons learned",
    )
    word.table(
        document,
        ["Economy", "Year", "Status", "Initiatives", "Measures answered", "Lessons learned"],
        [
            [
                economy.economy if index == 0 else "",
                year.year,
                year.status,
                wording.number(year.initiatives),
                wording.number(year.measures_answered),
                year.lessons,
            ]
            for economy in content.annex or []
            for index, year in enumerate(economy.years)
        ],
        numeric={3, 4},
        widths=[1.6, 0.7, 1.1, 1.1, 1.1, 4],
    )


def _bounded(document, content: ReviewContent, key: str) -> bool:
    """An annex beyond the bound: its counts by year and where its records are, instead of
    them (text.ANNEX_BOUND). Whether it was."""
    found = text.annex_bounded(content, key)
    if found is None:
        return False
    document.add_paragraph().add_run(found.note).italic = True
    word.table(
        document,
        ["Year", found.label],
        [[year, f"{n:,}"] for year, n in found.by_year] + [["All years", f"{found.total:,}"]],
        numeric={1},
        widths=[1, 1],
    )
    return True


def _annexes(document, content: ReviewContent) -> None:
    """Annexes B to E: every initiative, lesson learned, best practice, dialogue and APEC
    activity of the counted reports (absent from snapshots made before they existed), or their
    counts beyond the bound."""
    if content.initiatives is not None:
        _chapter(document, text.ANNEXES["initiatives"][0])
        if not _bounded(document, content, "initiatives"):
            _initiative_annex(document, content.initiatives)
    if content.best_practices is None:
        return
    _chapter(document, text.ANNEXES["lessons"][0])
    if not _bounded(document, content, "lessons"):
        document.add_paragraph(
            "Every lesson learned of the counted reports: of the reports themselves, their "
            "initiatives and their APEC activities, the newest first."
        )
        _lesson_list(document, content.lessons or [])
    _chapter(document, text.ANNEXES["best_practices"][0])
    word.heading(document, f"Best practices ({len(content.best_practices)})", 2)
    if not _bounded(document, content, "best_practices"):
        for practice in content.best_practices:
            paragraph = word.paragraph(document, style="List Bullet")
            paragraph.add_run(practice.title).bold = True
            where = f", {practice.where}" if practice.where else ""
            paragraph.add_run(
                f" — {practice.economy}, {practice.year}. {practice.direction}{where}."
            )
            if practice.description:
                paragraph.add_run(f" {practice.description}")
    dialogues = content.dialogues or []
    word.heading(document, f"Dialogues with partners ({len(dialogues)})", 2)
    if not _bounded(document, content, "dialogues"):
        for dialogue in dialogues:
            paragraph = word.paragraph(document, style="List Bullet")
            paragraph.add_run(dialogue.title).bold = True
            forum = f" ({dialogue.forum})" if dialogue.forum else ""
            where = f", {dialogue.where}" if dialogue.where else ""
            paragraph.add_run(
                f" — {dialogue.economy}, {dialogue.year}. {dialogue.partner_kind}{forum}{where}."
            )
    _chapter(document, text.ANNEXES["apec_activities"][0])
    if _bounded(document, content, "apec_activities"):
        return
    for activity in content.apec_activities or []:
        paragraph = word.paragraph(document, style="List Bullet")
        paragraph.add_run(activity.title).bold = True
        area = f", priority area {activity.area}" if activity.area else ""
        paragraph.add_run(
            f" — {activity.economy}, {activity.year}. {activity.kind}, "
            f"{activity.role.lower()}{area}."
        )


def _initiative_annex(document, initiatives: list[Initiative]) -> None:
    document.add_paragraph(
        "Every initiative of the counted reports, by priority area, the newest first."
    )
    word.table(
        document,
        ["Area", "Initiative", "Type", "Economy", "Year", "Objectives"],
        [
            [
                row.area,
                row.title + _project(row),
                row.kind,
                row.economy,
                row.year,
                text.objectives(row.area, row.objectives),
            ]
            for row in initiatives
        ],
        widths=[0.6, 4, 1.3, 1.5, 0.7, 1.3],
    )


def _project(row: Initiative) -> str:
    return f" (APEC project {row.apec_project_code})" if row.apec_project_code else ""


def _questions(document, content: ReviewContent) -> None:
    """Annex F: every question between economies on the counted reports with its answers
    (absent from snapshots made before it existed), or their counts beyond the bound."""
    if content.questions is None:
        return
    _chapter(document, text.ANNEXES["questions"][0])
    if _bounded(document, content, "questions"):
        return
    if not content.questions:
        document.add_paragraph("No question in the counted reports.")
    for row in content.questions:
        paragraph = word.paragraph(document, style="List Bullet")
        paragraph.add_run(f"{row.asked_by} to {row.economy}, {row.year} report").bold = True
        paragraph.add_run(f" — {row.subject}, asked on {row.date}. {row.text}")
        for answer in row.answers:
            reply = word.paragraph(document)
            reply.add_run(f"Answer, {answer.date}: ").italic = True
            reply.add_run(answer.text)
        if not row.answers:
            word.paragraph(document).add_run("Not answered yet.").italic = True
