"""The commitments page's forms: a new commitment, and where each open commitment stands."""

from __future__ import annotations

from typing import cast

from django import forms

from plans.models import Objective
from reporting.commitments.models import FollowUpStatus
from reporting.commitments.open import OpenCommitment
from reporting.commitments.services import FollowUpChange
from reporting.reports.models import EconomyReport

TEXT_LIMIT = 2000


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label="What will your economy do?",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what your economy will do."},
    )
    objectives = forms.TypedMultipleChoiceField(
        label="Objectives it serves",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the objectives it serves."},
    )
    due_year = forms.TypedChoiceField(
        label="Year it is due",
        coerce=int,
        error_messages={"required": "Choose the year it is due."},
    )

    def __init__(self, data=None, *, report: EconomyReport):
        super().__init__(data, prefix="new")
        plan = report.cycle.plan
        objectives = Objective.objects.filter(area__plan=plan).select_related("area")
        cast(forms.ChoiceField, self.fields["objectives"]).choices = [
            (objective.pk, str(objective)) for objective in objectives.order_by("area__number")
        ]
        cast(forms.ChoiceField, self.fields["due_year"]).choices = [("", "Choose a year")] + [
            (year, str(year)) for year in range(report.cycle.year + 1, plan.end_year + 1)
        ]


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(
        label="Where does it stand?",
        choices=FollowUpStatus.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        label="If dropped, why?",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, data=None, *, item: OpenCommitment):
        super().__init__(
            data,
            prefix=f"c{item.commitment.pk}",
            initial={"status": item.status, "reason": item.reason},
        )
        self.item = item

    def clean(self):
        data = self.cleaned_data
        if data.get("status") == FollowUpStatus.DROPPED and not data.get("reason", "").strip():
            self.add_error("reason", "Say why the commitment was dropped.")
        return data

    def change(self) -> FollowUpChange | None:
        if not self.cleaned_data["status"]:
            return None
        return FollowUpChange(
            self.item.commitment.pk, self.cleaned_data["status"], self.cleaned_data["reason"]
        )


def follow_up_forms(items: list[OpenCommitment], data=None) -> list[FollowUpForm]:
    """One form per open commitment. On a save, a commitment left unanswered is left as it
    was: the delegate may answer some now and the rest later."""
    return [FollowUpForm(data, item=item) for item in items]
