"""The questions between economies in the API: a report's questions with their answers, asking
one, and answering one. The same access rules and services as the pages
(reporting/questions/)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from reporting.api.errors import Conflict, error_responses
from reporting.api.paths import REPORT_PATH, may_name_a_report
from reporting.api.permissions import signed_in_user
from reporting.questions import services
from reporting.questions.access import (
    check_may_answer,
    check_may_ask,
    get_question_for_user,
    get_questions_report,
    may_read_questions,
    questions_for,
)
from reporting.questions.figures import question_figures
from reporting.questions.forms import TEXT_LIMIT
from reporting.questions.models import SUBJECT_FIELDS, Answer, Question, Subject
from reporting.reports.models import EconomyReport
from reporting.rollups.filters import plan_or_404

QUESTION_PATH = [
    *REPORT_PATH,
    OpenApiParameter(
        "question", OpenApiTypes.INT, OpenApiParameter.PATH, description="The question's id."
    ),
]


class AnswerSerializer(serializers.ModelSerializer):
    hidden = serializers.BooleanField(source="is_hidden", read_only=True)

    class Meta:
        model = Answer
        fields = ["id", "text", "created_at", "hidden", "hidden_reason"]


class QuestionSerializer(serializers.ModelSerializer):
    asked_by_economy = serializers.CharField(source="asked_by_economy.code", read_only=True)
    record = serializers.SerializerMethodField(
        help_text="The id of the section, initiative or best practice asked about; null for the "
        "lessons learned."
    )
    subject_label = serializers.CharField(read_only=True)
    hidden = serializers.BooleanField(source="is_hidden", read_only=True)
    answers = AnswerSerializer(many=True, source="answer_list", read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "subject",
            "record",
            "subject_label",
            "asked_by_economy",
            "text",
            "created_at",
            "hidden",
            "hidden_reason",
            "answers",
        ]

    def get_record(self, question: Question) -> int | None:
        field = SUBJECT_FIELDS[Subject(question.subject)]
        return getattr(question, f"{field}_id") if field else None


class AskSerializer(serializers.Serializer):
    subject = serializers.ChoiceField(choices=Subject.choices)
    record = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**31 - 1,
        help_text="The id of the section, initiative or best practice; leave out for `lessons`.",
    )
    text = serializers.CharField(max_length=TEXT_LIMIT)


class AnswerInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_LIMIT)


def _report(request: Request, year: int, code: str) -> EconomyReport:
    if not may_name_a_report(year, code):
        raise Http404("No such report.")
    return get_questions_report(request.user, year, code)


def _question_data(request: Request, report: EconomyReport, pk: int) -> dict:
    question = questions_for(request.user, report).get(pk=pk)
    return QuestionSerializer(question).data


@extend_schema(
    methods=["GET"],
    parameters=REPORT_PATH,
    responses={200: QuestionSerializer(many=True), **error_responses(401, 404)},
)
@extend_schema(
    methods=["POST"],
    parameters=REPORT_PATH,
    request=AskSerializer,
    responses={201: QuestionSerializer, **error_responses(400, 401, 403, 404, 409)},
)
@api_view(["GET", "POST"])
def report_questions(request: Request, year: int, code: str) -> Response:
    """GET: the questions on the report, with their answers (every member, on an accepted
    report). POST: ask the economy a question (a delegate of another economy)."""
    report = _report(request, year, code)
    if request.method == "GET":
        questions = questions_for(request.user, report)
        return Response(QuestionSerializer(questions, many=True).data)
    check_may_ask(request.user, report)
    body = AskSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    try:
        question = services.question_ask(
            report_id=report.pk,
            user=signed_in_user(request),
            subject=body.validated_data["subject"],
            record_id=body.validated_data.get("record"),
            text=body.validated_data["text"],
        )
    except services.NotOfTheReport as error:
        raise ValidationError({"record": [str(error)]}) from error
    except services.QuestionError as error:
        raise Conflict(str(error), status=report.status) from error
    return Response(_question_data(request, report, question.pk), status=status.HTTP_201_CREATED)


@extend_schema(
    parameters=QUESTION_PATH,
    request=AnswerInputSerializer,
    responses={201: QuestionSerializer, **error_responses(400, 401, 403, 404, 409)},
)
@api_view(["POST"])
def question_answer(request: Request, year: int, code: str, question: int) -> Response:
    """Answer a question to your economy (its delegates): the question with its answers."""
    report = _report(request, year, code)
    asked = get_question_for_user(request.user, report, question)
    check_may_answer(request.user, report)
    body = AnswerInputSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    try:
        services.question_answer(
            question_id=asked.pk, user=signed_in_user(request), text=body.validated_data["text"]
        )
    except services.QuestionError as error:
        raise Conflict(str(error), status=report.status) from error
    return Response(_question_data(request, report, asked.pk), status=status.HTTP_201_CREATED)


class EconomyQuestionsSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    asked = serializers.IntegerField(help_text="Questions the economy asked others.")
    received = serializers.IntegerField(help_text="Questions asked to the economy.")
    answered = serializers.IntegerField(help_text="Of those asked to it, answered.")
    median_days = serializers.DecimalField(
        max_digits=8, decimal_places=1, allow_null=True, help_text="To its first answer."
    )


class AreaQuestionsSerializer(serializers.Serializer):
    number = serializers.IntegerField(
        allow_null=True, help_text="null: the lessons learned, or a record naming no area."
    )
    name = serializers.CharField()
    asked = serializers.IntegerField()
    answered = serializers.IntegerField()
    median_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


class QuestionFiguresSerializer(serializers.Serializer):
    schema_version = serializers.IntegerField()
    asked = serializers.IntegerField()
    answered = serializers.IntegerField()
    median_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    economies = serializers.IntegerField(help_text="Economies that asked or were asked.")
    of = serializers.IntegerField(help_text="All economies.")
    by_economy = EconomyQuestionsSerializer(many=True)
    by_area = AreaQuestionsSerializer(many=True)


@extend_schema(
    parameters=[
        OpenApiParameter("code", OpenApiTypes.STR, OpenApiParameter.PATH, description="2025-2028")
    ],
    responses={200: QuestionFiguresSerializer, **error_responses(401, 404)},
)
@api_view(["GET"])
def plan_question_figures(request: Request, code: str) -> Response:
    """The questions between economies on the plan's reports: asked, answered and the median
    days to an answer, per economy and per priority area, with the economies taking part of
    all of them. Hidden questions and answers never count. Every member reads them."""
    if not may_read_questions(request.user):
        raise Http404("No such page.")
    plan = plan_or_404(code)
    return Response(QuestionFiguresSerializer(question_figures(plan)).data)
