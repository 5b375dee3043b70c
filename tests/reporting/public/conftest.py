"""The public site of the pages' tests: what is public and, marked, what is not."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from reporting.annual import services as annual_services
from reporting.questions.services import post_hide, question_answer
from reporting.reports import services
from reporting.reports.evidence import evidence_add
from reporting.reviews import services as review_services
from tests.reporting.factories import PDF_BYTES, start_report
from tests.reporting.public.factories import (
    MARKER,
    final_annual_report,
    final_review,
    save_section,
    submit,
)
from tests.reporting.questions.factories import thread


def initiative(section_objective: str, title: str, **extra) -> dict:
    return {
        "initiatives-TOTAL_FORMS": "1",
        "initiatives-0-title": title,
        "initiatives-0-kind": "program",
        "initiatives-0-description": "Coaching for small exporters.",
        "initiatives-0-objectives": [section_objective],
        **extra,
    }


def first_objective(report) -> str:
    section = report.sections.select_related("area").get(position=1)
    return str(section.area.objectives.values_list("pk", flat=True).first())


def released_threads(chile, asker: User, director: User) -> None:
    """Peru's questions to Chile: an answered one that goes public with the report (beside a
    hidden answer), a hidden question, an unanswered one, and one on a members-only initiative."""
    section = chile.sections.get(position=1)
    shown = thread(
        asker, chile, "section", "Public question of Peru.", section, "Public answer of Chile."
    )
    hidden = question_answer(
        question_id=shown.pk,
        user=User.objects.get(username="delegate-chl"),
        text=f"{MARKER} hidden answer",
    )
    post_hide(post=hidden, user=director, reason="Not for the record.")
    gone = thread(asker, chile, "section", f"{MARKER} hidden question", section, f"{MARKER} answer")
    post_hide(post=gone, user=director, reason="Off topic.")
    thread(asker, chile, "section", f"{MARKER} unanswered", section)
    private = chile.initiatives.get(members_only=True)
    thread(asker, chile, "initiative", f"{MARKER} on members-only", private, f"{MARKER} answer")


@pytest.fixture
def site(delegate_chl, delegate_pe, director, chair):
    """Chile's report released with members-only parts and an evidence file, Peru's returned,
    Mexico's a draft, a published annual report and a final one not published, a published
    final review and a final mid-term review not published, questions and answers on Chile's
    and Australia's reports of which only one thread is released: the markers sit in everything
    that is not public."""
    chile = start_report(delegate_chl)
    objective = first_objective(chile)
    save_section(
        delegate_chl,
        chile,
        "1",
        **{
            "entries-0-assessment": "progressing",
            "entries-0-narrative": f"{MARKER} members-only narrative",
            "entries-0-members_only": "on",
            "entries-1-assessment": "achieved",
            "entries-1-narrative": "The public narrative of Chile.",
        },
        **initiative(objective, "Public one-stop shop"),
    )
    save_section(
        delegate_chl,
        chile,
        "1",
        **{
            "initiatives-TOTAL_FORMS": "2",
            "initiatives-1-title": f"{MARKER} members-only initiative",
            "initiatives-1-kind": "program",
            "initiatives-1-objectives": [objective],
            "initiatives-1-members_only": "on",
        },
    )
    save_section(
        delegate_chl,
        chile,
        "general",
        lessons_learned=f"{MARKER} members-only lessons",
        lessons_members_only="on",
    )
    evidence_add(
        report=chile,
        record=chile.entries.order_by("pk").first(),
        upload=SimpleUploadedFile(f"{MARKER}.pdf", PDF_BYTES, "application/pdf"),
        user=delegate_chl,
    )
    submit(delegate_chl, chile)
    services.report_accept(report_id=chile.pk, user=director)
    released_threads(chile, delegate_pe, director)
    services.report_release(report_id=chile.pk, user=delegate_chl, with_questions=True)
    # Asked and answered after the release: for members until the report is released again.
    thread(
        delegate_pe,
        chile,
        "section",
        "Asked after the release.",
        chile.sections.get(position=1),
        "Answered after the release.",
    )

    peru = start_report(delegate_pe, "PE")
    save_section(delegate_pe, peru, "1", **{"entries-0-narrative": f"{MARKER} returned"})
    submit(delegate_pe, peru)
    services.report_return(
        report_id=peru.pk, user=director, comment=f"{MARKER} comment", section_comments={}
    )
    mexico_delegate = User.objects.get(username="delegate-mex")
    mexico = start_report(mexico_delegate, "MEX")
    save_section(mexico_delegate, mexico, "1", **{"entries-0-narrative": f"{MARKER} draft"})
    # Accepted but never released: its economy keeps it.
    australia = User.objects.get(username="delegate-aus")
    unreleased = start_report(australia, "AUS")
    save_section(australia, unreleased, "1", **{"entries-0-narrative": f"{MARKER} unreleased"})
    submit(australia, unreleased)
    services.report_accept(report_id=unreleased.pk, user=director)
    thread(delegate_chl, unreleased, "lessons", f"{MARKER} unreleased", answer=f"{MARKER} answer")

    published = final_annual_report(director, 2026, introduction="The published year.")
    annual_services.annual_report_publish(report_id=published.pk, user=director)
    final_annual_report(director, 2025, introduction=f"{MARKER} unpublished annual report")
    review = final_review(chair, "final", summary="The published review.")
    review_services.review_publish(review_id=review.pk, user=chair)
    final_review(chair, "midterm", summary=f"{MARKER} unpublished review")
    return chile
