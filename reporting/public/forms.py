from django import forms


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why take it off the public site?",
        max_length=1000,
        help_text="Kept in its history.",
        widget=forms.Textarea(attrs={"rows": 3, "class": "textarea"}),
    )
