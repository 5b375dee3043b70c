"""The page's form naming an adopted practice's source: the choices are the sources the report
may name, so that a draft's record or another plan's is refused as the field's error before the
service refuses it too."""

from __future__ import annotations

from django import forms

from plans.models import MeetingBestPractice
from reporting.adoptions.services import AdoptionError, Source
from reporting.reports.models import (
    NARRATIVE_VALIDATORS,
    BestPractice,
    EconomyReport,
    Initiative,
    ReportStatus,
)


def source_choices(report: EconomyReport) -> list[tuple[str, list[tuple[str, str]]]]:
    """Other economies' best practices and initiatives on accepted reports of the report's plan,
    then the best practices other economies shared at SMEWG meetings (three queries)."""
    accepted = {
        "report__status": ReportStatus.ACCEPTED,
        "report__cycle__plan_id": report.cycle.plan_id,
    }
    order = ("report__cycle__year", "report__economy__position", "pk")
    practices = [
        (f"practice:{pk}", f"{economy} {year}: {title}")
        for pk, economy, year, title in BestPractice.objects.filter(**accepted)
        .exclude(report__economy_id=report.economy_id)
        .order_by(*order)
        .values_list("pk", "report__economy__short_name", "report__cycle__year", "title")
    ]
    initiatives = [
        (f"initiative:{pk}", f"{economy} {year}: {title}")
        for pk, economy, year, title in Initiative.objects.filter(**accepted)
        .exclude(report__economy_id=report.economy_id)
        .order_by(*order)
        .values_list("pk", "report__economy__short_name", "report__cycle__year", "title")
    ]
    shared = [
        (f"meeting:{pk}", f"{number}th meeting, {economy}: {title}")
        for pk, number, economy, title in MeetingBestPractice.objects.exclude(
            economy_id=report.economy_id
        )
        .order_by("-meeting__number", "economy__position", "pk")
        .values_list("pk", "meeting__number", "economy__short_name", "title")
    ]
    return [
        ("Best practices on other economies' accepted reports", practices),
        ("Initiatives on other economies' accepted reports", initiatives),
        ("Best practices shared at SMEWG meetings", shared),
    ]


class AdoptionForm(forms.Form):
    source = forms.ChoiceField(
        label="Where it came from",
        help_text="Another economy's record on an accepted report, or a practice shared at a "
        "SMEWG meeting.",
    )
    what_changed = forms.CharField(
        label="What it changed",
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=NARRATIVE_VALIDATORS,
        help_text="What your economy changed in adapting it, and what it changed for SMEs.",
    )

    def __init__(self, *args, report: EconomyReport, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        source = self.fields["source"]
        assert isinstance(source, forms.ChoiceField)
        source.choices = [("", "Choose a source"), *source_choices(report)]

    def clean_source(self) -> Source:
        try:
            return Source.parse(self.cleaned_data["source"])
        except AdoptionError as error:
            raise forms.ValidationError(str(error)) from error
