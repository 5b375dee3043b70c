from django import forms


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why withdraw the report from the public site?",
        max_length=1000,
        help_text="Kept in the report's history.",
        widget=forms.Textarea(attrs={"rows": 3, "class": "textarea"}),
    )
