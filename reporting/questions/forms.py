"""The forms of the questions' pages: ask (the subject chosen among the report's records),
answer, and hide a post with a reason."""

from __future__ import annotations

from typing import cast

from django import forms

from reporting.questions.models import Subject
from reporting.reports.models import EconomyReport

TEXT_LIMIT = 5000
LESSONS = Subject.LESSONS.value


def subject_choices(report: EconomyReport) -> list[tuple[str, object]]:
    """The report's sections, initiatives and best practices, each as `<kind>:<id>`, grouped by
    kind, and its lessons learned: three queries."""
    sections = [
        (f"{Subject.SECTION}:{section.pk}", section.title)
        for section in report.sections.select_related("area")
    ]
    initiatives = [
        (f"{Subject.INITIATIVE}:{pk}", title or "(untitled initiative)")
        for pk, title in report.initiatives.values_list("pk", "title")
    ]
    practices = [
        (f"{Subject.BEST_PRACTICE}:{pk}", title or "(untitled best practice)")
        for pk, title in report.best_practices.values_list("pk", "title")
    ]
    choices: list[tuple[str, object]] = [("", "Choose what your question is about")]
    for label, group in (
        ("Sections", sections),
        ("Initiatives", initiatives),
        ("Best practices", practices),
    ):
        if group:
            choices.append((label, group))
    choices.append((LESSONS, "The report's lessons learned"))
    return choices


class AskForm(forms.Form):
    subject = forms.ChoiceField(
        label="What is your question about?",
        error_messages={"required": "Choose what your question is about."},
    )
    text = forms.CharField(
        label="Your question",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_LIMIT,
        error_messages={"required": "Write your question."},
    )

    def __init__(self, *args, report: EconomyReport, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["subject"]).choices = subject_choices(report)

    def subject_parts(self) -> tuple[str, int | None]:
        """(kind, record id) of the subject chosen."""
        value = self.cleaned_data["subject"]
        if value == LESSONS:
            return LESSONS, None
        kind, pk = value.split(":")
        return kind, int(pk)


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_LIMIT,
        error_messages={"required": "Write your answer."},
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label="Why hide it?",
        help_text="The writer and the program director see the reason; it stays in the history.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_LIMIT,
        error_messages={"required": "Say why you hide it."},
    )
