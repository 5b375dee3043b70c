from django import forms
from django.template.defaultfilters import pluralize


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why take it off the public site?",
        max_length=1000,
        help_text="Kept in its history.",
        widget=forms.Textarea(attrs={"rows": 3, "class": "textarea"}),
    )


class ReleaseForm(forms.Form):
    """The delegate's choice at the release: the report alone, or with its questions and answers."""

    with_questions = forms.BooleanField(required=False, initial=False)

    def __init__(self, *args, threads: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["with_questions"]
        field.label = (
            f"Also release the {threads} answered question{pluralize(threads)} "
            "from other economies, with their answers"
        )
        field.help_text = (
            "Hidden questions and answers, questions on best practices or on members-only "
            "content, and those posted after the release stay with the members."
        )
