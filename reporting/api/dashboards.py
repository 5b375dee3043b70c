"""The dashboard's roll-ups by API: the same functions (reporting.rollups), the same filters
(reporting.rollups.filters), so the numbers are the page's."""

from __future__ import annotations

import re

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from plans.models import MeasureOfProgress
from reporting.api.errors import error_responses
from reporting.reports import scoring
from reporting.reports.models import Assessment, ReportStatus
from reporting.rollups.areas import area_rollups
from reporting.rollups.filters import plan_or_404, window_filters
from reporting.rollups.general import general_indicators
from reporting.rollups.lessons import lessons_learned
from reporting.rollups.measures import measure_rollup
from reporting.rollups.participation import participation, status_matrix
from reporting.rollups.window import Window

PLAN_CODE = re.compile(r"^\d{4}-\d{4}$")
STATUSES = ("accepted", "submitted")


def _by_key(name: str, values: list[str]) -> type[serializers.Serializer]:
    """An object with one count per choice, e.g. {"draft": 2, "submitted": 5, ...}; the schema
    names it after the class."""
    fields = {value: serializers.IntegerField() for value in values}
    return type(name, (serializers.Serializer,), fields)


StatusCountsSerializer = _by_key("StatusCountsSerializer", ReportStatus.values)
AssessmentCountsSerializer = _by_key("AssessmentCountsSerializer", Assessment.values)


class WindowSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    economy = serializers.CharField(allow_null=True)
    area = serializers.IntegerField(allow_null=True)
    statuses = serializers.ListField(child=serializers.CharField())


class ParticipationSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    by_status = StatusCountsSerializer()
    counted = serializers.IntegerField(help_text="Reports whose contents count.")
    economies = serializers.IntegerField(help_text="Member economies (the N of “x of N”).")
    submitted = serializers.IntegerField()
    on_time = serializers.IntegerField()
    on_time_rate = serializers.FloatField(allow_null=True)


class StatusCellSerializer(serializers.Serializer):
    economy = serializers.CharField()
    year = serializers.IntegerField()
    status = serializers.CharField()


class IntervalSerializer(serializers.Serializer):
    low = serializers.FloatField()
    high = serializers.FloatField()


class ScoreSerializer(serializers.Serializer):
    value = serializers.FloatField(
        allow_null=True, help_text="The progress score, 0 to 1 (see `method`); null: n is 0."
    )
    text = serializers.CharField(
        help_text="The score as every page and file writes it, rounded half-up to a whole "
        "percent (“63 %” for 62.5 %), or “n/a” when n is 0."
    )
    n = serializers.IntegerField(help_text=f"Assessments {scoring.SCORED_WORDS}.")
    economies = serializers.IntegerField(help_text="Economies behind those assessments.")
    distribution = AssessmentCountsSerializer(
        source="counts",
        help_text="The latest assessment of each economy and measure, by value; "
        + scoring.listed([f"“{value}”" for value in scoring.UNSCORED])
        + " are outside n.",
    )
    change = serializers.FloatField(
        allow_null=True,
        help_text="Points gained on the score at the end of `previous_year`; null when there is "
        "nothing to compare with, or no new data (`no_reports_in`).",
    )
    previous = serializers.FloatField(allow_null=True)
    previous_year = serializers.IntegerField(allow_null=True)
    interval = IntervalSerializer(
        allow_null=True,
        help_text="The score's 90 % interval (0 to 1), from a bootstrap over economies (see "
        "`method`); null when nothing scores.",
    )
    change_interval = IntervalSerializer(
        allow_null=True, help_text="The change's 90 % interval, in points; null: no change."
    )
    clear_change = serializers.BooleanField(
        help_text="False: the change's interval includes zero (“no clear change”)."
    )
    balanced_change = serializers.FloatField(
        allow_null=True,
        help_text="The change in points over the economies assessing in both years only.",
    )
    balanced_economies = serializers.IntegerField(
        source="sureness.balanced_economies",
        help_text="The economies assessing in both years (the balanced change's).",
    )
    no_reports_in = serializers.IntegerField(
        allow_null=True,
        help_text="The window's last year when none of its reports counts: the score carries "
        "earlier assessments forward, so no change is given.",
    )


class ObjectiveCoverageSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    initiatives = serializers.IntegerField()
    row = serializers.IntegerField(
        help_text="Its row of the plan's table: objectives of one row share its measures, "
        "hence their score."
    )
    measures = serializers.IntegerField(
        help_text="The measures of its row; 0: the plan sets none, the score is always null."
    )
    score = ScoreSerializer(help_text="Over the measures of the objective's row of the plan.")


class MeasureDistributionSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="measure.number")
    text = serializers.CharField(source="measure.text")
    counts = AssessmentCountsSerializer()
    answered = serializers.IntegerField()
    economies = serializers.IntegerField(help_text="Economies that answered.")


class AreaRollupSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="area.number")
    name = serializers.CharField(source="area.name")
    economies_reporting = serializers.IntegerField()
    economies = serializers.IntegerField(help_text="All economies (the N of “x of N”).")
    initiatives = serializers.IntegerField()
    contributing_economies = serializers.IntegerField()
    score = ScoreSerializer(help_text="See `method`.")
    assessing_economies = serializers.IntegerField()
    objectives = ObjectiveCoverageSerializer(many=True)
    target_groups = serializers.DictField(
        child=serializers.IntegerField(), help_text="Initiatives reaching each target group."
    )
    measures = MeasureDistributionSerializer(many=True)


class GeneralYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    economies = serializers.IntegerField()
    shared = serializers.IntegerField()
    adopted = serializers.IntegerField()
    dialogues = serializers.IntegerField()
    apec_initiatives = serializers.IntegerField()
    supported_activities = serializers.IntegerField()
    activity_economies = serializers.IntegerField(
        help_text="Economies taking part in APEC initiatives and activities."
    )
    of = serializers.IntegerField(help_text="All economies (the N of “x of N”).")


class LessonSerializer(serializers.Serializer):
    economy = serializers.CharField()
    year = serializers.IntegerField()
    # A field, which DRF's metaclass takes out of the class: Field.source is left as it was.
    source = serializers.CharField()  # type: ignore[assignment]
    text = serializers.CharField()


class DashboardSerializer(serializers.Serializer):
    plan = serializers.CharField()
    window = WindowSerializer()
    method = serializers.CharField()
    participation = ParticipationSerializer(many=True)
    status_matrix = StatusCellSerializer(many=True)
    areas = AreaRollupSerializer(many=True)
    general_indicators = GeneralYearSerializer(many=True)
    lessons_learned = LessonSerializer(many=True)


class ValueCellSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    unit = serializers.CharField()
    assessment = serializers.CharField()
    narrative = serializers.CharField()
    reference_year = serializers.IntegerField(allow_null=True)
    unit_problem = serializers.CharField(
        help_text="Not empty: not in the measure's unit, left out of `stats`."
    )
    change = serializers.DecimalField(
        max_digits=19,
        decimal_places=4,
        allow_null=True,
        help_text="Against the economy's value for the reference year before (`change_on`).",
    )
    change_on = serializers.IntegerField(allow_null=True)


class MeasureRowSerializer(serializers.Serializer):
    economy = serializers.CharField()
    values = ValueCellSerializer(many=True)


class YearStatsSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="The year of the reports.")
    reference_year = serializers.IntegerField(
        allow_null=True,
        help_text="The year the data is about (0: not given): a year's reports' values of "
        "different reference years are given apart. Null: no value that year.",
    )
    economies = serializers.IntegerField(help_text="Economies that reported a value.")
    minimum = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    median = serializers.DecimalField(max_digits=19, decimal_places=4, allow_null=True)
    maximum = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    mad = serializers.DecimalField(
        max_digits=20,
        decimal_places=6,
        allow_null=True,
        help_text="The median absolute deviation: the median of the values' distances from "
        "`median`.",
    )
    of = serializers.IntegerField(
        help_text="All economies (the N of “x of N”), under an economy filter too."
    )


class MeasureRollupSerializer(serializers.Serializer):
    plan = serializers.CharField()
    area = serializers.IntegerField()
    number = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField()
    unit = serializers.CharField(help_text="Every value and statistic is in this unit.")
    scales = serializers.DictField(
        child=serializers.CharField(), help_text="Other units accepted on entry, with factors."
    )
    window = WindowSerializer()
    rows = MeasureRowSerializer(many=True)
    stats = YearStatsSerializer(many=True)


FILTERS = [
    OpenApiParameter("start", OpenApiTypes.INT, description="First year (default: the plan's)."),
    OpenApiParameter(
        "end", OpenApiTypes.INT, description="Last year (default: the mid-term review's)."
    ),
    OpenApiParameter("economy", OpenApiTypes.STR, description="One economy's code, e.g. CHL."),
    OpenApiParameter(
        "statuses",
        OpenApiTypes.STR,
        enum=list(STATUSES),
        description="Count accepted reports only (default) or submitted ones too; the "
        "secretariat and the Chair only (delegates always get accepted reports only).",
    ),
]
AREA_FILTER = OpenApiParameter("area", OpenApiTypes.INT, description="One priority area's number.")


def _window(request: Request, code: str, *, measure_page: bool = False):
    if not PLAN_CODE.match(code):
        raise Http404("No such plan.")
    if request.GET.get("statuses", "accepted") not in STATUSES:
        # A delegate's form has no such field and would ignore the value: refuse it instead.
        raise ValidationError({"statuses": [f"Choose one of: {', '.join(STATUSES)}."]})
    plan = plan_or_404(code)
    form, _window, economies = window_filters(request, plan)
    if measure_page:
        form.fields.pop("area")  # the measure has its area, as on the page
        form.full_clean()
    if form.is_bound and not form.is_valid():
        # django-stubs types an ErrorList's items as ValidationErrors; it yields their messages.
        raise ValidationError(form.errors)  # type: ignore[arg-type]
    return plan, form.to_window(), economies


def _window_data(window: Window) -> dict:
    return {
        "start": window.start,
        "end": window.end,
        "economy": window.economy,
        "area": window.area,
        "statuses": list(window.statuses),
    }


@extend_schema(
    parameters=[*FILTERS, AREA_FILTER],
    responses={200: DashboardSerializer, **error_responses(400, 401, 404)},
    tags=["roll-ups"],
)
@api_view(["GET"])
def dashboard(request: Request, code: str) -> Response:
    """A plan's roll-ups, as the dashboard page shows them: participation, each priority area's
    progress score (and each objective's) with its distribution, initiatives, objectives
    covered, target groups and assessments, the general
    indicators and the latest lessons learned. Every figure says how many economies it rests
    on; a missing report is never a zero."""
    plan, window, economies = _window(request, code)
    codes = {economy.pk: economy.code for economy in economies}
    matrix = status_matrix(window)
    data = {
        "plan": plan.code,
        "window": _window_data(window),
        "method": scoring.SCORE_METHOD,
        "participation": participation(window, economies),
        "status_matrix": [
            {"economy": codes[economy_id], "year": year, "status": status}
            for (economy_id, year), status in sorted(
                matrix.items(), key=lambda cell: (cell[0][1], cell[0][0])
            )
        ],
        "areas": area_rollups(window, economies=len(economies)),
        "general_indicators": general_indicators(window, economies=len(economies)),
        "lessons_learned": lessons_learned(window),
    }
    return Response(DashboardSerializer(data).data)


@extend_schema(
    parameters=FILTERS,
    responses={200: MeasureRollupSerializer, **error_responses(400, 401, 404)},
    tags=["roll-ups"],
)
@api_view(["GET"])
def measure(request: Request, code: str, area: int, number: int) -> Response:
    """One measure: values by economy and year, the change on the year before, and lowest /
    median / highest per year (never a sum of rates)."""
    plan, window, economies = _window(request, code, measure_page=True)
    found = get_object_or_404(
        MeasureOfProgress.objects.select_related("area"),
        area__plan=plan,
        area__number=min(area, 32767),
        number=min(number, 32767),
    )
    result = measure_rollup(window, found, economies=len(economies), listed=economies)
    data = {
        "plan": plan.code,
        "area": found.area.number,
        "number": found.number,
        "text": found.text,
        "kind": found.kind,
        "unit": found.unit,
        "scales": found.scales,
        "window": _window_data(window),
        "rows": [
            {
                "economy": economy.code,
                "values": [{"year": year, **vars(cell)} for year, cell in sorted(cells.items())],
            }
            for economy, cells in result.rows
        ],
        "stats": result.stats,
    }
    return Response(MeasureRollupSerializer(data).data)
