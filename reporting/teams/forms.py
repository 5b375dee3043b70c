from typing import cast

from django import forms


class AssignmentForm(forms.Form):
    """One contributor's sections: every section, or those ticked. Each contributor's form on
    the page has their own prefix; the button names the contributor."""

    all_sections = forms.BooleanField(
        label="All sections, this year's and those to come", required=False
    )
    sections = forms.MultipleChoiceField(
        label="Sections",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose sections from the list."},
    )

    def __init__(self, *args, sections: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["sections"]).choices = sections
