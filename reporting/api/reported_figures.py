"""Figures the secretariat reported for a plan outside the app (plans.results), read-only and
apart from the roll-ups: the API never adds them to the dashboard's figures."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics

from plans.models import ReportedFigure, StrategicPlan
from plans.results.serializers import ReportedFigureSerializer
from reporting.api.errors import error_responses


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter(
                "code",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The plan's code, e.g. 2021-2024.",
            )
        ],
        responses={200: ReportedFigureSerializer(many=True), **error_responses(400, 401, 404)},
    )
)
class ReportedFigureList(generics.ListAPIView):
    """The figures the secretariat reported for the plan outside the app, word for word with
    their source and stated method (“method not stated” where none is given), newest report
    first, each report's figures in the source's order. The app did not compute them."""

    serializer_class = ReportedFigureSerializer
    queryset = ReportedFigure.objects.none()  # the model, for the schema; get_queryset reads

    def get_queryset(self):
        plan = get_object_or_404(StrategicPlan.objects.only("pk"), code=self.kwargs["code"])
        return ReportedFigure.objects.for_plan(plan)
