"""The catalogue as the API shows it: a plan as one nested tree, read-only.

Items are named as the plan names them (area 3, objective 3.2, the forum's acronym, the target
group's slug); the report endpoints take the same names, never database ids.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from plans.catalogue.models import (
    Action,
    BroaderPriority,
    Economy,
    Forum,
    GeneralIndicator,
    IndicatorGroup,
    MeasureOfProgress,
    Objective,
    PriorityArea,
    StrategicPlan,
    TargetGroup,
)


class EconomySerializer(serializers.ModelSerializer):
    class Meta:
        model = Economy
        fields = ["code", "name", "short_name", "position"]


class ForumSerializer(serializers.ModelSerializer):
    class Meta:
        model = Forum
        fields = ["acronym", "name"]


class TargetGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["slug", "name"]


class BroaderPrioritySerializer(serializers.ModelSerializer):
    class Meta:
        model = BroaderPriority
        fields = ["slug", "name", "year"]


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ["number", "row", "text"]


class ActionSerializer(serializers.ModelSerializer):
    forum: serializers.SlugRelatedField[Forum] = serializers.SlugRelatedField(
        slug_field="acronym", read_only=True, allow_null=True
    )

    class Meta:
        model = Action
        fields = ["number", "row", "text", "forum"]


class MeasureSerializer(serializers.ModelSerializer):
    is_percentage = serializers.BooleanField(read_only=True)
    allowed_units = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="The units an entry may give: the measure's own first, where it is stored.",
    )

    class Meta:
        model = MeasureOfProgress
        fields = ["number", "row", "text", "kind", "unit", "allowed_units", "is_percentage"]


class AreaSerializer(serializers.ModelSerializer):
    objectives = ObjectiveSerializer(many=True, read_only=True)
    actions = ActionSerializer(many=True, read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = PriorityArea
        fields = ["number", "name", "objectives", "actions", "measures"]


class GeneralIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = GeneralIndicator
        fields = ["number", "text", "kind"]


class IndicatorGroupSerializer(serializers.ModelSerializer):
    indicators = GeneralIndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = IndicatorGroup
        fields = ["number", "name", "indicators"]


class PlanSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = StrategicPlan
        fields = [
            "code",
            "title",
            "start_year",
            "end_year",
            "midterm_review_year",
            "final_review_year",
            "url",
        ]

    def get_url(self, plan: StrategicPlan) -> str:
        return reverse(
            "api:plan-detail", kwargs={"code": plan.code}, request=self.context.get("request")
        )


class PlanSerializer(PlanSummarySerializer):
    """The plan with its areas, objectives, actions, measures and general indicators, and the
    lists a report's answers choose from (target groups, fora)."""

    critical_success_factors = serializers.ListField(
        source="critical_success_factor_list", child=serializers.CharField(), read_only=True
    )
    broader_priorities = BroaderPrioritySerializer(many=True, read_only=True)
    areas = AreaSerializer(many=True, read_only=True)
    indicator_groups = IndicatorGroupSerializer(many=True, read_only=True)
    target_groups = serializers.SerializerMethodField()
    forums = serializers.SerializerMethodField()

    class Meta(PlanSummarySerializer.Meta):
        fields = [
            *PlanSummarySerializer.Meta.fields,
            "vision",
            "mission",
            "critical_success_factors",
            "broader_priorities",
            "areas",
            "indicator_groups",
            "target_groups",
            "forums",
        ]

    @extend_schema_field(TargetGroupSerializer(many=True))
    def get_target_groups(self, plan) -> list[dict]:
        # DRF's stubs type a serializer's data as one object's, even with many=True.
        return TargetGroupSerializer(self.context["target_groups"], many=True).data  # type: ignore[return-value]

    @extend_schema_field(ForumSerializer(many=True))
    def get_forums(self, plan) -> list[dict]:
        # DRF's stubs type a serializer's data as one object's, even with many=True.
        return ForumSerializer(self.context["forums"], many=True).data  # type: ignore[return-value]
