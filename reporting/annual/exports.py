"""The program director's annual report as Word and PDF, made by the review's export machinery
(reporting.reviews.exports): the same document builder, page, cover, contents, headings, tables,
charts and print stylesheet, fed the annual report's content.

As for the review, a file's bytes depend on its content alone (every date in it is the "as of"
time), and files are kept in the default storage under the hash of that content, as the
review's are (`reporting.reviews.exports.stored`): a final report's files are made when it is
frozen and every later download reads them, byte for byte, whatever happens to the live data; a
draft's are made again only when its content changed, and replace its older ones.
"""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

from reporting.annual import text
from reporting.annual.content import document_content
from reporting.annual.models import AnnualReport
from reporting.reviews.exports import CONTENT_TYPES, Export, stamp_of, stored
from reporting.reviews.exports import text as wording
from reporting.reviews.exports.charts import review_charts

FORMATS = ("docx", "pdf")
FORMAT_LABELS = {"docx": "Word", "pdf": "PDF"}
FOLDER = "annual"

logger = logging.getLogger(__name__)


def filename_of(code: str, year: int, fmt: str) -> str:
    return f"smewg-{code}-director-report-{year}.{fmt}"


def render_export(content: dict[str, Any], fmt: str) -> Export:
    """The file of this content: its bytes depend on the content alone."""
    stamp = stamp_of(content)
    data = render_docx(content, stamp) if fmt == "docx" else render_pdf(content, stamp)
    return Export(
        data, CONTENT_TYPES[fmt], filename_of(content["plan"]["code"], content["year"], fmt)
    )


def report_root(report: AnnualReport) -> str:
    return f"{FOLDER}/{report.plan.code}/{report.year}"


def annual_file(report: AnnualReport, fmt: str) -> Export:
    """The report's file in this format: the kept one when its content has one, else made now
    and kept (a draft's replacing its older one). A final report's key is its snapshot as
    stored: nothing is built or parsed."""
    final = bool(report.is_final and report.frozen_content)
    if final:
        key, content = report.frozen_content, None
    else:
        content = document_content(report)
        key = json.dumps(content, sort_keys=True, ensure_ascii=False)
    root, digest = report_root(report), stored.digest_of(key)
    filename = filename_of(report.plan.code, report.year, fmt)
    if (data := stored.read_kept(root, digest, fmt, final=final)) is not None:
        return Export(data, CONTENT_TYPES[fmt], filename)
    export = render_export(content or document_content(report), fmt)
    stored.keep(root, digest, fmt, export.content, final=final)
    return export


def store_annual_files(report: AnnualReport) -> None:
    """Make and keep the files of a report just frozen. A failure is logged, not raised: the
    report is final either way, and a download makes a missing file."""
    for fmt in FORMATS:
        try:
            annual_file(report, fmt)
        except Exception:
            logger.exception("Could not store the %s file of %s", fmt, report)


def render_pdf(content: dict[str, Any], stamp: datetime.datetime) -> bytes:
    from reporting.reviews.exports import pdf

    return pdf.render_document(
        "annual/annual_pdf.html", content, stamp=stamp, chapters=text.chapters(content)
    )


def cover_facts(content: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        ("Plan", content["plan"]["title"]),
        ("Year", str(content["year"])),
        ("Presented at", text.presented(content)),
        ("Status", wording.status_label(content)),
        ("Data", wording.data_note(content)),
    ]


def render_docx(content: dict[str, Any], stamp: datetime.datetime) -> bytes:
    # The Word library is heavy: imported when a file is made, as the review's exports do.
    from reporting.reviews.exports import docx as word

    chapters = text.chapters(content)
    titles = dict(chapters)
    document = word.new_document(content, stamp)
    word.cover(document, content, cover_facts(content))
    word.contents_list(document, chapters)

    def chapter(anchor: str) -> None:
        word.chapter(document, anchor, titles[anchor])

    chapter("annual-introduction")
    if content["presented_at"]:
        document.add_paragraph().add_run(content["presented_at"] + ".").bold = True
    word.texts(document, content["introduction"])

    chapter("annual-projects")
    found = content["projects"]
    word.paragraph(document, text.projects_note(content))
    if found["total"]:
        word.caption(
            document,
            "Share of the year’s projects addressing each priority area (a project may address "
            "several)",
        )
        word.table(
            document,
            ["Priority area", "Share"],
            [
                [f"{row['number']}. {row['name']}", text.project_share(row, found["total"])]
                for row in found["areas"]
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
                    project["code"],
                    project["title"],
                    project["proponent"],
                    project["status"],
                    text.project_years(project),
                    text.project_areas(project),
                ]
                for project in found["list"]
            ],
            widths=[1.5, 4, 1.3, 1.4, 1, 0.8],
        )
    word.paragraph(document, found["method"]).runs[0].italic = True

    chapter("annual-progress")
    word.paragraph(
        document,
        f"{content['method']} Reports counted: those the program director has accepted, of "
        f"{content['start']}–{content['year']}.",
    )
    word.scores(document, content, review_charts(content))
    for area in content["areas"]:
        word.heading(document, f"{area['number']}. {area['name']}", 2)
        word.paragraph(document, f"Progress score: {wording.score(area)}.")
        parts = wording.paragraphs(area["comment"])
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
    word.caption(
        document, f"Counted from the records in the accepted reports for {content['year']}"
    )
    rows = []
    for year in content["general"]:
        for key, label in wording.GENERAL_COLUMNS.items():
            value = year.get(key)
            shown = (
                wording.of(value, content["economies"])
                if key in ("economies", "activity_economies")
                else value
            )
            rows.append([label, shown])
    word.table(document, ["Indicator", str(content["year"])], rows, numeric={1}, widths=[5, 1])

    chapter("annual-meetings")
    for meeting in content["meetings"]:
        word.heading(
            document,
            f"The {meeting['name']} ({meeting['host']}), {text.meeting_dates(meeting)}",
            2,
        )
        document.add_paragraph().add_run(
            f"Best practices shared ({len(meeting['best_practices'])})"
        ).bold = True
        for practice in meeting["best_practices"]:
            area = f", priority area {practice['area']}" if practice["area"] else ""
            word.paragraph(
                document, f"{practice['title']} — {practice['economy']}{area}", "List Bullet"
            )
        if not meeting["best_practices"]:
            document.add_paragraph().add_run("None recorded.").italic = True
        document.add_paragraph().add_run(
            f"Dialogues with partners ({len(meeting['dialogues'])})"
        ).bold = True
        for dialogue in meeting["dialogues"]:
            forum = f", {dialogue['forum']}" if dialogue["forum"] else ""
            word.paragraph(
                document,
                f"{dialogue['title']} — {dialogue['partner']} "
                f"({dialogue['partner_kind'].lower()}{forum})",
                "List Bullet",
            )
        if not meeting["dialogues"]:
            document.add_paragraph().add_run("None recorded.").italic = True
    if not content["meetings"]:
        document.add_paragraph().add_run(
            f"No SMEWG meeting of {content['year']} is recorded."
        ).italic = True
    return word.finish(document, stamp)
