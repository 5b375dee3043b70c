"""A report's commitments in the API: what it commits to and where the economy's earlier
commitments stand; adding a commitment and saving the follow-ups. The same access helper and
services as the page (reporting/commitments/)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from reporting.api.errors import error_responses
from reporting.api.paths import REPORT_PATH, may_name_a_report
from reporting.api.permissions import signed_in_user
from reporting.commitments import services
from reporting.commitments.forms import TEXT_LIMIT
from reporting.commitments.models import Commitment, FollowUpStatus
from reporting.commitments.open import OpenCommitment, open_commitments
from reporting.reports.access import get_report_for_user
from reporting.reports.models import EconomyReport

ID_MAX = 2**31 - 1
MAX_FOLLOW_UPS = 200


class CommitmentSerializer(serializers.ModelSerializer):
    objectives = serializers.SerializerMethodField(
        help_text='The objectives it serves, numbered as in the plan: "2.1".'
    )

    class Meta:
        model = Commitment
        fields = ["id", "text", "objectives", "due_year"]

    def get_objectives(self, commitment: Commitment) -> list[str]:
        return [f"{o.area.number}.{o.number}" for o in commitment.objectives.all()]


class OpenCommitmentSerializer(serializers.Serializer):
    commitment = CommitmentSerializer()
    made_in = serializers.IntegerField(help_text="The year of the report that made it.")
    previous_status = serializers.SerializerMethodField(
        help_text="What the latest earlier accepted report said; null when none said anything."
    )
    status = serializers.SerializerMethodField(help_text="What this report says; null if nothing.")
    reason = serializers.SerializerMethodField(help_text="Why it was dropped.")

    def get_previous_status(self, item: OpenCommitment) -> str | None:
        return item.previous.status if item.previous else None

    def get_status(self, item: OpenCommitment) -> str | None:
        return item.current.status if item.current else None

    def get_reason(self, item: OpenCommitment) -> str:
        return item.current.reason if item.current else ""


class CommitmentsSerializer(serializers.Serializer):
    commitments = CommitmentSerializer(many=True, help_text="This report's commitments.")
    follow_ups = OpenCommitmentSerializer(
        many=True, help_text="The economy's open commitments from its earlier accepted reports."
    )


class CommitmentInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_LIMIT)
    objectives = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=ID_MAX),
        min_length=1,
        max_length=50,
        help_text="The ids of the plan's objectives it serves (GET /api/plans/<code>/).",
    )
    due_year = serializers.IntegerField(min_value=1900, max_value=2200)


class FollowUpInputSerializer(serializers.Serializer):
    commitment = serializers.IntegerField(min_value=1, max_value=ID_MAX)
    status = serializers.ChoiceField(choices=FollowUpStatus.choices)
    reason = serializers.CharField(
        max_length=TEXT_LIMIT, required=False, allow_blank=True, default=""
    )


def _report(request: Request, year: int, code: str, *, write: bool = False) -> EconomyReport:
    if not may_name_a_report(year, code):
        raise Http404("No such report.")
    return get_report_for_user(request.user, year, code, write=write)


def _data(report: EconomyReport) -> dict:
    made = report.commitments.prefetch_related("objectives__area")
    return CommitmentsSerializer({"commitments": made, "follow_ups": open_commitments(report)}).data


WRITE_RESPONSES = error_responses(400, 401, 403, 404)


@extend_schema(
    methods=["GET"],
    parameters=REPORT_PATH,
    responses={200: CommitmentsSerializer, **error_responses(401, 404)},
)
@extend_schema(
    methods=["POST"],
    parameters=REPORT_PATH,
    request=CommitmentInputSerializer,
    responses={201: CommitmentsSerializer, **WRITE_RESPONSES},
)
@api_view(["GET", "POST"])
def report_commitments(request: Request, year: int, code: str) -> Response:
    """GET: the report's commitments and where the economy's earlier ones stand (who reads the
    report). POST: add a commitment (the economy's delegates, while the report can change)."""
    report = _report(request, year, code, write=request.method == "POST")
    if request.method == "GET":
        return Response(_data(report))
    body = CommitmentInputSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    try:
        services.commitment_add(
            report_id=report.pk,
            user=signed_in_user(request),
            text=body.validated_data["text"],
            objective_ids=body.validated_data["objectives"],
            due_year=body.validated_data["due_year"],
        )
    except services.CommitmentError as error:
        raise ValidationError({"detail": [str(error)]}) from error
    return Response(_data(report), status=status.HTTP_201_CREATED)


@extend_schema(
    parameters=REPORT_PATH,
    request=FollowUpInputSerializer(many=True),
    responses={200: CommitmentsSerializer, **WRITE_RESPONSES},
)
@api_view(["PUT"])
def report_follow_ups(request: Request, year: int, code: str) -> Response:
    """Say where some of the economy's open commitments stand: done, under way, or dropped with
    a reason (the economy's delegates). All are saved, or none."""
    report = _report(request, year, code, write=True)
    if isinstance(request.data, list) and len(request.data) > MAX_FOLLOW_UPS:
        raise ValidationError({"detail": [f"At most {MAX_FOLLOW_UPS} follow-ups at once."]})
    body = FollowUpInputSerializer(data=request.data, many=True)
    body.is_valid(raise_exception=True)
    changes = [
        services.FollowUpChange(row["commitment"], row["status"], row["reason"])
        for row in body.validated_data
    ]
    try:
        services.follow_ups_save(report_id=report.pk, user=signed_in_user(request), changes=changes)
    except services.CommitmentError as error:
        raise ValidationError({"detail": [str(error)]}) from error
    return Response(_data(report))
