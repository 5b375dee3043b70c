"""The lists' filters: named query parameters mapped to fixed lookups (no client-built ORM
queries). A value that is not valid is a 400, not an empty or unfiltered list."""

import django_filters
from drf_spectacular.utils import extend_schema_field

from plans.models import ApecProject, Funding, ProjectStatus
from reporting.api.fields import AsciiIntegerFormField
from reporting.api.serializers import YEAR_MAX, YEAR_MIN
from reporting.reports.models import EconomyReport, ReportingCycle, ReportStatus


@extend_schema_field({"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX})
class YearFilter(django_filters.NumberFilter):
    field_class = AsciiIntegerFormField

    def __init__(self, **kwargs):
        super().__init__(min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 99})
class AreaFilter(django_filters.NumberFilter):
    field_class = AsciiIntegerFormField

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=99, **kwargs)


@extend_schema_field({"type": "string", "maxLength": 9})
class CodeFilter(django_filters.CharFilter):
    def __init__(self, field_name: str, help_text: str, **kwargs):
        super().__init__(field_name=field_name, max_length=9, help_text=help_text, **kwargs)


class CycleFilter(django_filters.FilterSet):
    plan = CodeFilter("plan__code", "The plan's code, e.g. 2025-2028.")
    year = YearFilter(field_name="year")

    class Meta:
        model = ReportingCycle
        fields = ["plan", "year"]


class ReportFilter(django_filters.FilterSet):
    plan = CodeFilter("cycle__plan__code", "The plan's code, e.g. 2025-2028.")
    year = YearFilter(field_name="cycle__year")
    economy = CodeFilter("economy__code", "The economy's code, e.g. CHL.")
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)

    class Meta:
        model = EconomyReport
        fields = ["plan", "year", "economy", "status"]


class ProjectFilter(django_filters.FilterSet):
    plan = CodeFilter("plan__code", "The plan's code, e.g. 2025-2028.")
    year = YearFilter(method="filter_year", help_text="Projects under way in that year.")
    area = AreaFilter(field_name="areas__number", help_text="A priority area's number in its plan.")
    economy = CodeFilter("proponent__code", "The proponent economy's code, e.g. CHL.")
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices)
    funding = django_filters.ChoiceFilter(choices=Funding.choices)

    class Meta:
        model = ApecProject
        fields = ["plan", "year", "area", "economy", "status", "funding"]

    def filter_year(self, queryset, _name, year: int):
        return queryset.active_in(year, year)
