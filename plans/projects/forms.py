"""Forms of the project pages: the list's filters, the portfolio window, the score sheet and the
implementation schedule's activities."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.db.models import Q

from plans.catalogue.models import Economy, ImplementationActivity, PriorityArea, StrategicPlan
from plans.projects.models import (
    ApecProjectQuerySet,
    Funding,
    ProjectStatus,
    Proposal,
    ScoreCriterion,
)
from plans.projects.services import Score


def _all(label: str) -> list[tuple[str, str]]:
    return [("", label)]


class ProjectFilterForm(forms.Form):
    """GET filters of /projects/: every choice is read from lists loaded once per page."""

    plan = forms.ChoiceField(required=False)
    year = forms.IntegerField(
        required=False,
        min_value=1989,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input--year"}),
        error_messages={"invalid": "Enter the year as four digits, like 2025."},
    )
    area = forms.ChoiceField(required=False, label="Priority area")
    economy = forms.ChoiceField(required=False, label="Economy (proponent or co-sponsor)")
    status = forms.ChoiceField(required=False, choices=_all("Any status") + ProjectStatus.choices)
    funding = forms.ChoiceField(required=False, choices=_all("Any funding") + Funding.choices)

    def __init__(self, data, *, plans: list[StrategicPlan], areas: list[PriorityArea], economies):
        super().__init__(data)
        codes = {plan.pk: plan.code for plan in plans}
        # The form's own copies of the fields declared above (typed only as Field in `fields`).
        plan_field = cast(forms.ChoiceField, self.fields["plan"])
        area_field = cast(forms.ChoiceField, self.fields["area"])
        economy_field = cast(forms.ChoiceField, self.fields["economy"])
        plan_field.choices = _all("All plans") + [(p.code, p.title) for p in plans]
        grouped: dict[str, list] = {}
        for area in areas:
            code = codes[area.plan_id]
            grouped.setdefault(code, []).append((f"{code}:{area.number}", str(area)))
        # The page shows the areas grouped by plan: "2025-2028:1" names area 1 of that plan.
        self.area_groups = list(grouped.items())
        area_field.choices = _all("Any area") + [
            option for options in grouped.values() for option in options
        ]
        economy_field.choices = _all("Any economy") + [(e.code, e.short_name) for e in economies]

    def filter(self, projects: ApecProjectQuerySet) -> ApecProjectQuerySet:
        if not self.is_bound or not self.is_valid():
            return projects
        data = self.cleaned_data
        if data["plan"]:
            projects = projects.filter(plan__code=data["plan"])
        if data["year"]:
            projects = projects.active_in(data["year"], data["year"])
        if data["area"]:
            code, number = data["area"].split(":")
            projects = projects.filter(areas__plan__code=code, areas__number=number)
        if data["economy"]:
            projects = projects.filter(
                Q(proponent__code=data["economy"]) | Q(co_sponsors__code=data["economy"])
            ).distinct()
        if data["status"]:
            projects = projects.filter(status=data["status"])
        if data["funding"]:
            projects = projects.filter(funding=data["funding"])
        return projects


class PortfolioForm(forms.Form):
    """The plan and the window of years of the portfolio page."""

    plan = forms.ChoiceField(required=False)
    start = forms.TypedChoiceField(coerce=int, required=False, label="From")
    end = forms.TypedChoiceField(coerce=int, required=False, label="To")

    def __init__(self, data, *, plans: list[StrategicPlan]):
        super().__init__(data)
        self.plans = {plan.code: plan for plan in plans}
        # The form's own copies of the fields declared above (typed only as Field in `fields`).
        cast(forms.ChoiceField, self.fields["plan"]).choices = [(p.code, p.title) for p in plans]
        years = sorted({year for plan in plans for year in plan.years})
        year_choices = [(y, str(y)) for y in years]
        cast(forms.TypedChoiceField, self.fields["start"]).choices = year_choices
        cast(forms.TypedChoiceField, self.fields["end"]).choices = year_choices

    def window(self) -> tuple[StrategicPlan, int, int] | None:
        """The plan (the one in force unless chosen) and the years, clamped to the plan;
        without a choice, the current year (or the plan's nearest year)."""
        if not self.plans:
            return None
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        plan = self.plans.get(data.get("plan") or "") or next(iter(self.plans.values()))
        this_year = min(max(datetime.date.today().year, plan.start_year), plan.end_year)
        start = data.get("start") or this_year
        end = data.get("end") or start
        start, end = sorted((start, end))
        start = min(max(start, plan.start_year), plan.end_year)
        end = min(max(end, plan.start_year), plan.end_year)
        return plan, start, end


SCORE_CHOICES = [("", "Not scored"), *[(n, str(n)) for n in range(1, 6)]]


class ProposalScoreForm(forms.Form):
    """One proposal's row of the score sheet: all three criteria, or none to leave it unscored."""

    def __init__(self, data, *, proposal: Proposal, initial: dict[str, Any]):
        super().__init__(data, prefix=f"p{proposal.number}", initial=initial)
        self.proposal = proposal
        for criterion in ScoreCriterion:
            self.fields[criterion.value] = forms.TypedChoiceField(
                label=criterion.label,
                choices=SCORE_CHOICES,
                coerce=int,
                required=False,
                empty_value=None,
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        given = [cleaned.get(name) for name in ScoreCriterion.values]
        if any(value is not None for value in given) and None in given:
            for name, value in zip(ScoreCriterion.values, given, strict=True):
                if value is None and name not in self.errors:
                    self.add_error(
                        name, f"Score “{self.proposal.title}” on every criterion, or on none."
                    )
        return cleaned

    def score(self) -> Score | None:
        if self.cleaned_data.get("plan_link") is None:
            return None
        return Score(**{name: self.cleaned_data[name] for name in ScoreCriterion.values})


class ScoreSheet:
    """The score forms of every proposal of a round, for one economy."""

    def __init__(self, proposals: list[Proposal], existing: dict, data=None):
        self.forms = []
        for proposal in proposals:
            score = existing.get(proposal.pk)
            initial = (
                {name: getattr(score, name) for name in ScoreCriterion.values} if score else {}
            )
            self.forms.append(ProposalScoreForm(data, proposal=proposal, initial=initial))

    def is_valid(self) -> bool:
        # Every form validates, so that each shows its own errors; no short cut.
        valid = [form.is_valid() for form in self.forms]
        return all(valid)

    def scores(self) -> dict[int, Score | None]:
        return {form.proposal.pk: form.score() for form in self.forms}

    def errors(self) -> list[tuple[str, str]]:
        return [
            (form[name].auto_id, str(message))
            for form in self.forms
            for name, messages in form.errors.items()
            for message in messages
        ]


class ActivityForm(forms.ModelForm):
    class Meta:
        model = ImplementationActivity
        fields = ["number", "area", "title", "start_year", "end_year", "proponents"]
        widgets = {
            "number": forms.TextInput(attrs={"inputmode": "numeric", "class": "input--short"}),
            "title": forms.Textarea(attrs={"rows": 3}),
            "start_year": forms.TextInput(attrs={"inputmode": "numeric", "class": "input--year"}),
            "end_year": forms.TextInput(attrs={"inputmode": "numeric", "class": "input--year"}),
            "proponents": forms.CheckboxSelectMultiple,
        }
        help_texts = {"number": "Its place in the schedule."}

    def __init__(self, *args, plan: StrategicPlan, economies: list[Economy], **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        # The form's own copies of the model's fields (typed only as Field in `fields`).
        area = cast(forms.ModelChoiceField, self.fields["area"])
        proponents = cast(forms.ModelMultipleChoiceField, self.fields["proponents"])
        area.queryset = plan.areas.all()
        area.empty_label = "No single area"
        proponents.queryset = Economy.objects.all()
        # One list of economies for the choices, not a query per rendering.
        proponents.choices = [(e.pk, e.short_name) for e in economies]

    def clean_number(self) -> int:
        # The plan is not a field of the form, so the model's unique constraint would not be
        # checked here: say it next to the field.
        number = self.cleaned_data["number"]
        taken = ImplementationActivity.objects.filter(plan=self.instance.plan, number=number)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"The schedule has an activity {number} already.")
        return number

    def errors_for_summary(self) -> list[tuple[str, str]]:
        return [
            (self[name].auto_id if name in self.fields else "activity-form", str(message))
            for name, messages in self.errors.items()
            for message in messages
        ]
