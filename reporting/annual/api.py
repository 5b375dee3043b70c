"""The director's annual report by API: the figures of the page (reporting.annual.content, the
snapshot once final), through the same access helper, with an explicit serializer."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from reporting.annual import content as annual
from reporting.annual.access import get_annual_report_for_user
from reporting.api.dashboards import (
    AssessmentCountsSerializer,
    GeneralYearSerializer,
    ParticipationSerializer,
)
from reporting.api.errors import error_responses


class AnnualPlanSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()


class AnnualAreaShareSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    projects = serializers.IntegerField(help_text="Projects of the year tagging the area.")
    share = serializers.FloatField(
        allow_null=True, help_text="`projects` over all the year's projects (`projects.total`)."
    )


class AnnualProjectSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    proponent = serializers.CharField()
    status = serializers.CharField()
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    areas = serializers.ListField(child=serializers.IntegerField())


class AnnualProjectsSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="APEC projects under way or completed in the year.")
    areas = AnnualAreaShareSerializer(many=True)
    list = AnnualProjectSerializer(many=True)
    method = serializers.CharField()


def _interval(help_text: str) -> serializers.ListField:
    """[low, high], absent from the reports frozen before the intervals were kept."""
    return serializers.ListField(
        child=serializers.FloatField(), allow_null=True, required=False, help_text=help_text
    )


class AnnualAreaSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    score = serializers.FloatField(
        allow_null=True, help_text="The progress score so far, 0 to 1 (see `method`)."
    )
    score_n = serializers.IntegerField()
    score_economies = serializers.IntegerField()
    distribution = AssessmentCountsSerializer()
    score_change = serializers.FloatField(
        allow_null=True, help_text="Points gained on the score at the end of the year before."
    )
    score_previous_year = serializers.IntegerField(allow_null=True)
    # How sure the score is, as the dashboard's API says it: not in reports frozen before it.
    score_interval = _interval(
        "The score's 90 % interval, [low, high] (0 to 1), from a bootstrap over economies (see "
        "`method`); null when nothing scores."
    )
    change_interval = _interval(
        "The change's 90 % interval in points; null: no change. A change whose interval "
        "includes zero reads “no clear change”."
    )
    balanced_change = serializers.FloatField(
        allow_null=True,
        required=False,
        help_text="The change in points over the economies assessing in both years only.",
    )
    balanced_economies = serializers.IntegerField(
        required=False, help_text="The economies assessing in both years."
    )
    comment = serializers.CharField(help_text="The program director's comment.")


class AnnualParticipationSerializer(ParticipationSerializer):
    missing = serializers.IntegerField(help_text="Economies with no report.")


class MeetingPracticeSerializer(serializers.Serializer):
    economy = serializers.CharField()
    title = serializers.CharField()
    area = serializers.IntegerField(allow_null=True)


class MeetingDialogueSerializer(serializers.Serializer):
    title = serializers.CharField()
    partner_kind = serializers.CharField()
    partner = serializers.CharField()
    forum = serializers.CharField()


class AnnualMeetingSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    host = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    best_practices = MeetingPracticeSerializer(many=True)
    dialogues = MeetingDialogueSerializer(many=True)


class AnnualReportSerializer(serializers.Serializer):
    plan = AnnualPlanSerializer()
    year = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=["draft", "final"])
    as_of = serializers.DateTimeField(
        allow_null=True, help_text="When the figures were frozen; null: a draft's live data."
    )
    presented_at = serializers.CharField(help_text="The meeting; empty until frozen.")
    economies = serializers.IntegerField()
    introduction = serializers.CharField()
    method = serializers.CharField(help_text="How the progress score is worked out.")
    projects = AnnualProjectsSerializer()
    areas = AnnualAreaSerializer(many=True)
    participation = AnnualParticipationSerializer(many=True)
    general = GeneralYearSerializer(many=True)
    meetings = AnnualMeetingSerializer(many=True)


@extend_schema(
    responses={200: AnnualReportSerializer, **error_responses(401, 404)},
    tags=["roll-ups"],
)
@api_view(["GET"])
def annual_report(request: Request, code: str, year: int) -> Response:
    """The program director's annual report on a plan for a year: the APEC projects of the
    year and each area's share of them, the progress score so far by priority area with its
    distribution and change on the year before, participation and timeliness of the year's
    reports, the general indicators, the year's SMEWG meetings, and the director's text. A
    final report gives its frozen figures."""
    report = get_annual_report_for_user(request.user, code, year)
    return Response(AnnualReportSerializer(annual.content_of(report)).data)
