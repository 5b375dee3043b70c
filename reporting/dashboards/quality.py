"""The director's quality list: the open warnings of the data checks (reporting.reports.checks)
on a plan's submitted and accepted reports of a year, filtered by economy."""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from plans.accounts.roles import SignedInRequest, require_reader_of_all
from plans.models import Economy, StrategicPlan
from reporting.reports.checks import year_warnings
from reporting.reports.models import ReportingCycle


class QualityFilterForm(forms.Form):
    year = forms.TypedChoiceField(coerce=int, required=False)
    economy = forms.ChoiceField(required=False)

    def __init__(self, data, *, plan: StrategicPlan, economies: list[Economy], year: int) -> None:
        super().__init__(data, initial={"year": year})
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            (year, str(year)) for year in plan.years
        ]
        cast(forms.ChoiceField, self.fields["economy"]).choices = [
            ("", "All economies"),
            *((economy.code, economy.name) for economy in economies),
        ]


@require_safe
def quality(request: SignedInRequest, code: str) -> HttpResponse:
    require_reader_of_all(request.user)
    plan = get_object_or_404(StrategicPlan, code=code)
    economies = list(Economy.objects.order_by("position"))
    # The latest year whose cycle has opened, until the director chooses another: a cycle not
    # yet open has no reports to check.
    latest = ReportingCycle.objects.filter(plan=plan, opens__lte=timezone.localdate()).aggregate(
        year=Max("year")
    )["year"]
    year, economy = latest or plan.start_year, ""
    form = QualityFilterForm(request.GET or None, plan=plan, economies=economies, year=year)
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        economy = form.cleaned_data["economy"]
    warnings = year_warnings(plan.pk, year, economy=economy)
    return render(
        request,
        "dashboards/dashboard_quality.html",
        {
            "plan": plan,
            "form": form,
            "year": year,
            "economy": next((each for each in economies if each.code == economy), None),
            "warnings": warnings,
        },
    )
