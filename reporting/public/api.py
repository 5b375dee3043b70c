"""The public site and its acts through the API (under /api/, smewg/urls.py).

- The public data, for anyone without a token: the released reports and each one's public
  content, the published documents with their frozen figures; read through the publication
  layer alone (reporting/public/published.py), as the public pages are.
- The acts of publication, with a token: an economy's delegate releases or withdraws its
  accepted report, the program director publishes or withdraws a final annual report, the
  Chair a final review; the same access helpers and services as the confirmation pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from reporting.api.errors import Conflict, error_responses
from reporting.api.permissions import signed_in_user
from reporting.documents import publication
from reporting.documents.errors import DocumentError
from reporting.documents.models import FrozenContent
from reporting.public import published
from reporting.public.publishing import Publication, annual_publication, review_publication
from reporting.reports import services
from reporting.reports.access import check_is_head, get_report_for_user

TAGS = ["public"]


class PublicEntrySerializer(serializers.Serializer):
    area = serializers.IntegerField()
    measure = serializers.CharField(help_text="area.measure, e.g. 1.2.")
    measure_text = serializers.CharField()
    assessment = serializers.CharField()
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    unit = serializers.CharField()
    reference_year = serializers.IntegerField(allow_null=True)
    source = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.source
    narrative = serializers.CharField(help_text="Empty when the economy keeps it for members.")


class PublicInitiativeSerializer(serializers.Serializer):
    area = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    description = serializers.CharField()
    lessons_learned = serializers.CharField()
    objectives = serializers.ListField(child=serializers.CharField())


class PublicAreaSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    entries = PublicEntrySerializer(many=True)
    initiatives = PublicInitiativeSerializer(many=True)


class ReleasedReportSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    plan = serializers.CharField()
    economy = serializers.CharField(help_text="The economy's APEC code, e.g. CHL.")
    economy_name = serializers.CharField()
    released_at = serializers.DateTimeField()
    public_url = serializers.CharField(help_text="Its page on the public site.")


class PublicAnswerSerializer(serializers.Serializer):
    text = serializers.CharField()
    answered_at = serializers.DateTimeField()


class PublicThreadSerializer(serializers.Serializer):
    asked_by = serializers.CharField(help_text="The name of the economy that asked.")
    subject = serializers.CharField(help_text="What it asks about, e.g. “Initiative: ...”.")
    question = serializers.CharField()
    asked_at = serializers.DateTimeField()
    answers = PublicAnswerSerializer(many=True)


class PublicReportSerializer(ReleasedReportSerializer):
    lessons_learned = serializers.CharField()
    broader_priorities_contribution = serializers.CharField()
    areas = PublicAreaSerializer(many=True)
    threads = PublicThreadSerializer(
        many=True,
        help_text="The questions of other economies and the answers released with the report; "
        "empty unless its delegate released them.",
    )


class PublicAreaScoreSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    score = serializers.FloatField(allow_null=True, help_text="0 to 1; null: no assessment.")
    score_text = serializers.CharField(help_text="As the pages write it, e.g. “63 %”.")
    n = serializers.IntegerField(help_text="The assessments it rests on.")
    economies = serializers.IntegerField(help_text="The economies the plan counts.")


class PublicDocumentSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["annual", "midterm", "final"],
        help_text="annual: the program director's annual report; midterm, final: a review.",
    )
    title = serializers.CharField()
    plan = serializers.CharField()
    year = serializers.IntegerField(help_text="The annual report's year, the review's last.")
    published_at = serializers.DateTimeField()
    as_of = serializers.DateTimeField(allow_null=True, help_text="When its figures were frozen.")
    presented_at = serializers.CharField()
    introduction = serializers.CharField()
    method = serializers.CharField(help_text="How the progress score is worked out.")
    areas = PublicAreaScoreSerializer(many=True)
    public_url = serializers.CharField()
    files = serializers.DictField(
        child=serializers.CharField(), help_text="Its Word and PDF files: format -> address."
    )


def _released(report: published.PublicReport) -> dict:
    return {
        "year": report.year,
        "plan": report.plan_code,
        "economy": report.economy_code,
        "economy_name": report.economy_name,
        "released_at": report.released_at,
        "public_url": report.url,
    }


def _document(document: published.PublicDocument) -> dict:
    return {
        "kind": document.kind,
        "title": document.title,
        "plan": document.plan_code,
        "year": document.year,
        "published_at": document.published_at,
        "as_of": document.as_of,
        "presented_at": document.presented_at,
        "introduction": document.introduction,
        "method": document.method,
        "areas": [{**vars(area), "score_text": area.text} for area in document.areas],
        "public_url": document.url,
        "files": document.download_urls,
    }


@extend_schema(responses={200: ReleasedReportSerializer(many=True)}, tags=TAGS, auth=[])
@api_view(["GET"])
@permission_classes([AllowAny])
def released_reports(request: Request) -> Response:
    """Every report an economy released, the latest year first. No token needed."""
    found = [
        {
            "year": report.cycle.year,
            "plan": report.cycle.plan.code,
            "economy": report.economy.code,
            "economy_name": report.economy.name,
            "released_at": report.released_at,
            "public_url": published.public_report_url(report.cycle.year, report.economy.code),
        }
        for report in published.released_reports()
    ]
    return Response(ReleasedReportSerializer(found, many=True).data)


@extend_schema(responses={200: PublicReportSerializer, **error_responses(404)}, tags=TAGS, auth=[])
@api_view(["GET"])
@permission_classes([AllowAny])
def released_report(request: Request, year: int, code: str) -> Response:
    """A released report's public content: what its public page shows. 404 unless released."""
    report = published.released_report(year, code)
    data = {
        **_released(report),
        "lessons_learned": report.lessons_learned,
        "broader_priorities_contribution": report.broader_priorities_contribution,
        "areas": report.areas,
        "threads": report.threads,
    }
    return Response(PublicReportSerializer(data).data)


@extend_schema(responses={200: PublicDocumentSerializer(many=True)}, tags=TAGS, auth=[])
@api_view(["GET"])
@permission_classes([AllowAny])
def published_documents(request: Request) -> Response:
    """Every published annual report and review with its figures as frozen, the latest
    published first. No token needed."""
    found = [_document(document) for document in published.published_documents()]
    return Response(PublicDocumentSerializer(found, many=True).data)


# --- The acts of publication --------------------------------------------------------------


class ReleaseSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    economy = serializers.CharField()
    released_at = serializers.DateTimeField(allow_null=True, help_text="null: not released.")
    questions_released = serializers.BooleanField(
        help_text="Whether the questions and answers on it were released with it."
    )
    public_url = serializers.CharField(allow_null=True)


class ReleaseRequestSerializer(serializers.Serializer):
    with_questions = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Release the questions of other economies and their answers with the report: "
        "the answered ones on its public content, as they stand now, never a hidden post.",
    )


class PublicationSerializer(serializers.Serializer):
    title = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True, help_text="null: not published.")
    public_url = serializers.CharField(allow_null=True)


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=1000, help_text="Why it leaves the public site: kept in its history."
    )


ACT_ERRORS = error_responses(400, 401, 403, 404, 409)


def _release_data(report) -> Response:
    released = report.released_at is not None
    url = published.public_report_url(report.cycle.year, report.economy.code)
    return Response(
        ReleaseSerializer(
            {
                "year": report.cycle.year,
                "economy": report.economy.code,
                "released_at": report.released_at,
                "questions_released": report.questions_released,
                "public_url": url if released else None,
            }
        ).data
    )


def _release_act(
    request: Request,
    year: int,
    code: str,
    act: Callable[..., Any],
    choice: type[serializers.Serializer] | None = None,
) -> Response:
    """`act(report_id=, user=, **choice)` on the economy's report, by its head of delegation; the
    choice read from the request's body after the access checks; 409 with a refusal."""
    report = get_report_for_user(request.user, year, code)
    check_is_head(request.user, report.economy)
    choices = {}
    if choice is not None:
        given = choice(data=request.data)
        given.is_valid(raise_exception=True)
        choices = dict(given.validated_data)
    try:
        report = act(report_id=report.pk, user=signed_in_user(request), **choices)
    except services.ReportError as error:
        raise Conflict(str(error), status=report.status) from error
    return _release_data(report)


@extend_schema(
    request=ReleaseRequestSerializer, responses={200: ReleaseSerializer, **ACT_ERRORS}, tags=TAGS
)
@api_view(["POST"])
def report_release(request: Request, year: int, code: str) -> Response:
    """Release the economy's accepted report to the public site (its delegate): its public
    parts, never what the economy keeps for members or its evidence files; with the questions
    and answers on it if asked."""
    return _release_act(
        request, year, code, services.report_release, choice=ReleaseRequestSerializer
    )


@extend_schema(request=None, responses={200: ReleaseSerializer, **ACT_ERRORS}, tags=TAGS)
@api_view(["POST"])
def report_withdraw(request: Request, year: int, code: str) -> Response:
    """Take the economy's report off the public site (its delegate)."""
    return _release_act(request, year, code, services.report_withdraw)


def _publication_data(document: FrozenContent, public: published.PublicDocument) -> Response:
    return Response(
        PublicationSerializer(
            {
                "title": public.title,
                "published_at": document.published_at,
                "public_url": public.url if document.published_at else None,
            }
        ).data
    )


def _reason(request: Request) -> str:
    form = WithdrawSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    return form.validated_data["reason"]


def _act_schema(body: type[serializers.Serializer] | None, description: str) -> Callable:
    return extend_schema(
        request=body,
        responses={200: PublicationSerializer, **ACT_ERRORS},
        tags=TAGS,
        description=description,
    )


def _publication_act(
    found: Publication, act: Callable[[], FrozenContent], refusal: str
) -> Response:
    """`act()` on the found document; 409 with the refusal (`refusal` when no one has written
    the document yet)."""
    document = found.document
    try:
        if document.pk is None:
            raise DocumentError(refusal)
        document = act()
    except DocumentError as error:
        raise Conflict(str(error), status=document.status) from error
    return _publication_data(document, found.public)


def _publication_views(find: Callable[..., Publication], *, title: str, by: str) -> tuple:
    """The publish and withdraw acts on a document that `find(request, <its URL's arguments>)`
    finds, checking who may act: `title` names it (“annual report”), `by` who acts."""

    @_act_schema(None, f"Publish the final {title} on the public site ({by}).")
    @api_view(["POST"])
    def publish(request: Request, **address: Any) -> Response:
        found = find(request, **address)
        act = partial(
            publication.locked_publish,
            found.kind,
            found.document.pk,
            user=signed_in_user(request),
        )
        return _publication_act(found, act, f"Only a final {found.kind.noun} can be published.")

    @_act_schema(
        WithdrawSerializer, f"Take the {title} off the public site, with the reason ({by})."
    )
    @api_view(["POST"])
    def withdraw(request: Request, **address: Any) -> Response:
        found = find(request, **address)
        reason = _reason(request)
        act = partial(publication.locked_withdraw, found.kind, found.document.pk, reason=reason)
        return _publication_act(found, act, f"This {found.kind.noun} is not published.")

    return publish, withdraw


annual_publish, annual_withdraw = _publication_views(
    annual_publication, title="annual report", by="the program director"
)
review_publish, review_withdraw = _publication_views(
    review_publication, title="review", by="the Chair"
)
