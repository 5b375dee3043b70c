"""The review page's form: the executive summary and the Chair's text on each priority area."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from reporting.documents.forms import DocumentTextForm, narrative_field
from reporting.reviews.content import TEXT_FIELDS
from reporting.reviews.models import QuoteSource, Review

LABELS = {
    "assessment": "The Chair's assessment",
    "achievements": "Key achievements",
    "challenges": "Challenges",
    "recommendations": "Recommendations",
}


class ReviewTextForm(DocumentTextForm):
    executive_summary = narrative_field("Executive summary", rows=8)

    def __init__(self, data=None, *, review: Review, area_texts: list):
        initial = {"version": review.version, "executive_summary": review.executive_summary}
        self.area_fields: list[tuple] = []  # (area, [bound fields])
        super().__init__(data, initial=initial)
        for area, text in area_texts:
            names = []
            for name in TEXT_FIELDS:
                key = f"area{area.number}-{name}"
                self.fields[key] = narrative_field(LABELS[name])
                self.initial[key] = getattr(text, name)
                names.append(key)
            self.area_fields.append((area, names))

    @property
    def areas(self) -> list[tuple]:
        return [(area, [self[name] for name in names]) for area, names in self.area_fields]

    def texts(self) -> dict[str, Any]:
        return {
            "executive_summary": self.cleaned_data["executive_summary"],
            "area_texts": {
                area.pk: {
                    name: self.cleaned_data[f"area{area.number}-{name}"] for name in TEXT_FIELDS
                }
                for area, _names in self.area_fields
            },
        }


class QuoteForm(forms.Form):
    """Which passage to quote, as "<source>:<id>" (the button's value)."""

    quote = forms.RegexField(regex=r"^[a-z]+:\d+$")

    def clean_quote(self) -> tuple[str, int]:
        source, _, pk = self.cleaned_data["quote"].partition(":")
        if source not in QuoteSource.values:
            raise forms.ValidationError("Choose a passage from the list.")
        return source, int(pk)


class PassageFilterForm(forms.Form):
    """The passage finder's filters, all optional; choices from the review's plan and window."""

    q = forms.CharField(label="Words to find", required=False, max_length=200)
    area = forms.TypedChoiceField(label="Priority area", required=False, coerce=int)
    objective = forms.TypedChoiceField(label="Objective", required=False, coerce=int)
    measure = forms.TypedChoiceField(label="Measure of progress", required=False, coerce=int)
    economy = forms.ChoiceField(label="Economy", required=False)
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int)
    target_group = forms.ChoiceField(label="Target group (initiatives)", required=False)

    def __init__(self, data, *, review: Review, areas, objectives, measures, economies, groups):
        super().__init__(data)
        every = [("", "All")]
        choices = {
            "area": [(a.number, str(a)) for a in areas],
            "objective": [(o.pk, f"{o.area.number}.{o.number} {o.text[:90]}") for o in objectives],
            "measure": [(m.pk, f"{m.area.number}.{m.number} {m.text[:90]}") for m in measures],
            "economy": [(e.code, str(e)) for e in economies],
            "year": [(y, str(y)) for y in review.years],
            "target_group": [(g.slug, g.name) for g in groups],
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = every + options
        for field in self.fields.values():
            field.widget.attrs["class"] = "select" if hasattr(field, "choices") else "input"
