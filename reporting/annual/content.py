"""What the director's annual report shows: the year's figures and the director's text, as one
JSON-ready dict.

Every figure comes from the functions the dashboard and the review use: the APEC project
portfolio (plans.projects.portfolio), the progress score and its change (rollups.areas,
reporting.reports.scoring), participation and the general indicators (rollups). Nothing is worked
out here but the choice of window. A draft reads the live data each time; a final report reads
the snapshot taken when it was frozen. The page, the Word file, the PDF and the API render this
dict and nothing else.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch

from plans.models import Economy, Meeting, MeetingBestPractice, MeetingDialogue
from plans.projects import portfolio
from reporting.annual.models import AnnualReport
from reporting.annual.schema import SCHEMA_VERSION
from reporting.commitments.figures import commitment_content
from reporting.documents.content import participation_fields, portfolio_figures, score_fields
from reporting.questions.figures import figures_sentence, question_figures
from reporting.reports import scoring
from reporting.rollups.areas import area_rollups
from reporting.rollups.general import general_indicators
from reporting.rollups.window import Window

Content = dict[str, Any]


def content_of(report: AnnualReport) -> Content:
    """The report as it is shown and exported: the snapshot once final, else the live data."""
    if report.is_final and report.snapshot:
        return report.snapshot
    return build_content(report)


def document_content(report: AnnualReport) -> Content:
    """The content as a snapshot stores it (through JSON), so that a draft and the final report
    made from it have the same types."""
    return json.loads(json.dumps(content_of(report), cls=DjangoJSONEncoder))


def title_of(report: AnnualReport) -> str:
    return (
        f"Program director's report {report.year} on the APEC SMEWG Strategic Plan "
        f"{report.plan.code}"
    )


def build_content(report: AnnualReport) -> Content:
    """The year's figures from the live data, with the director's text."""
    plan, year = report.plan, report.year
    economies = Economy.objects.count()
    # Progress so far: from the plan's first year to this one; the change is on the year before.
    # Like the review, the report counts the reports the director has accepted.
    so_far = Window(plan=plan, start=plan.start_year, end=year)
    this_year = Window(plan=plan, start=year, end=year)
    comments = {text.area_id: text.comment for text in report.area_texts.all()} if report.pk else {}
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {"code": plan.code, "title": plan.title},
        "year": year,
        "start": plan.start_year,
        "end": year,
        "title": title_of(report),
        "status": report.status,
        "as_of": report.frozen_at.isoformat() if report.frozen_at else None,
        "presented_at": report.meeting_label,
        "economies": economies,
        "introduction": report.introduction,
        "method": scoring.SCORE_METHOD,
        "projects": _projects(report),
        "areas": [
            {
                "number": rollup.area.number,
                "name": rollup.area.name,
                **score_fields(rollup.score),
                "comment": comments.get(rollup.area.pk, ""),
            }
            for rollup in area_rollups(so_far, economies=economies)
        ],
        "participation": participation_fields(this_year, economies),
        "general": [vars(found) for found in general_indicators(this_year, economies=economies)],
        "meetings": _meetings(year),
        "commitments": commitment_content(plan=plan, year=year, economies=economies),
        "questions": _questions(plan, year, economies),
    }


def _questions(plan, year: int, economies: int) -> dict:
    """The year's questions between economies on their accepted reports, in figures and in the
    sentence the report prints (reporting.questions.figures: hidden posts never count)."""
    found = question_figures(plan, years=range(year, year + 1), economy_total=economies)
    return {
        "asked": found.asked,
        "answered": found.answered,
        # As text: the content is kept as JSON, and a Decimal is not JSON.
        "median_days": None if found.median_days is None else str(found.median_days),
        "economies": found.economies,
        "of": found.of,
        "sentence": figures_sentence(found, year),
    }


def _projects(report: AnnualReport) -> dict:
    """The APEC projects of the plan under way or done in the year: the portfolio's figures
    (three queries) and the list (two)."""
    plan, year = report.plan, report.year
    found = portfolio.portfolio(plan=plan, start=year, end=year)
    projects = (
        portfolio.portfolio_projects(plan=plan, start=year, end=year)
        .select_related("proponent")
        .prefetch_related("areas")
        .order_by("code")
    )
    return {
        **portfolio_figures(found),
        "list": [
            {
                "code": project.code,
                "title": project.title,
                "proponent": project.proponent.short_name,
                "status": project.get_status_display(),
                "start": project.start_year,
                "end": project.end_year,
                "areas": sorted(area.number for area in project.areas.all()),
            }
            for project in projects
        ],
        "method": portfolio.PORTFOLIO_METHOD,
    }


def _meetings(year: int) -> list[dict]:
    """The SMEWG meetings held in the year, with the best practices shared and the dialogues
    held there (three queries)."""
    meetings = (
        Meeting.objects.filter(start_date__year=year)
        .select_related("economy")
        .prefetch_related(
            Prefetch(
                "best_practices",
                MeetingBestPractice.objects.select_related("economy", "area").order_by(
                    "economy__position", "pk"
                ),
            ),
            Prefetch("dialogues", MeetingDialogue.objects.select_related("forum").order_by("pk")),
        )
        .order_by("start_date", "number")
    )
    return [
        {
            "number": meeting.number,
            "name": str(meeting),
            "host": meeting.economy.short_name,
            "start": meeting.start_date.isoformat(),
            "end": meeting.end_date.isoformat(),
            "best_practices": [
                {
                    "economy": practice.economy.short_name,
                    "title": practice.title,
                    "area": practice.area.number if practice.area else None,
                }
                for practice in meeting.best_practices.all()
            ],
            "dialogues": [
                {
                    "title": dialogue.title,
                    "partner_kind": dialogue.get_partner_kind_display(),
                    "partner": dialogue.partner,
                    "forum": dialogue.forum.acronym if dialogue.forum else "",
                }
                for dialogue in meeting.dialogues.all()
            ],
        }
        for meeting in meetings
    ]
