"""The APEC projects as the API shows them."""

from rest_framework import serializers

from plans.catalogue.models import BroaderPriority, Economy, PriorityArea, StrategicPlan
from plans.projects.models import ApecProject


class ApecProjectSerializer(serializers.ModelSerializer):
    """An APEC project, naming what it links to by code and number, never by database id."""

    proponent: serializers.SlugRelatedField[Economy] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    co_sponsors: serializers.SlugRelatedField[Economy] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    participating_economies: serializers.SlugRelatedField[Economy] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    plan: serializers.SlugRelatedField[StrategicPlan] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    areas: serializers.SlugRelatedField[PriorityArea] = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True
    )
    objectives = serializers.SerializerMethodField()
    broader_priorities: serializers.SlugRelatedField[BroaderPriority] = (
        serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    )
    type = serializers.CharField(source="kind", read_only=True)

    class Meta:
        model = ApecProject
        fields = [
            "code",
            "slug",
            "title",
            "proponent",
            "co_sponsors",
            "funding",
            "sub_fund",
            "session",
            "start_year",
            "end_year",
            "status",
            "type",
            "plan",
            "areas",
            "objectives",
            "broader_priorities",
            "participating_economies",
            "outcomes",
            "lessons_learned",
        ]

    def get_objectives(self, project: ApecProject) -> list[str]:
        """Objectives as the plan numbers them, e.g. "1.2" (area 1, objective 2)."""
        return [f"{o.area.number}.{o.number}" for o in project.objectives.all()]
