"""The account's forms: the profile's time zone, and the password reset that queues its e-mail."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import cast

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.cache import cache
from django.template import loader
from django.urls import reverse
from django.utils import timezone

from plans.accounts.mail import queue_mail
from plans.accounts.preferences import local_time, time_zone_choices, time_zone_of

# One reset e-mail per address this often at most, whatever is asked: the page answers the same,
# but a stranger asking again and again cannot fill someone's mailbox.
RESET_EMAIL_INTERVAL = timedelta(minutes=5)


def reset_link_hours() -> int:
    """How long a password reset link works, as the pages and the e-mail say it."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)


def error_summary(form: forms.Form) -> list[tuple[str, str]]:
    """(field id, message) of each error, for the error summary (includes/error_summary.html);
    an error of the whole form links to its first field."""
    first = next(iter(form), None)
    return [
        (
            form[name].auto_id if name in form.fields else first.auto_id if first else "",
            str(message),
        )
        for name, messages in form.errors.items()
        for message in messages
    ]


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Time zone",
        help_text="Every page and e-mail shows its times in this time zone.",
        error_messages={"invalid_choice": "Choose a time zone from the list."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = time_zone_choices()


class DigestForm(forms.Form):
    question_digest = forms.BooleanField(
        label="Send me the weekly digest of questions between economies",
        help_text="New questions to your economy and answers to your questions, once a week; "
        "nothing is sent in a week without any.",
        required=False,
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, whose e-mail goes through the mail queue instead of out of the
    request, and whose link starts with SITE_URL rather than the request's Host header (which a
    stranger could set to their own site)."""

    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="The address your account was set up with.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address like name@example.org.",
        },
    )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        sent_lately = f"password-reset-sent:{hashlib.sha256(to_email.lower().encode()).hexdigest()}"
        if not cache.add(sent_lately, True, timeout=RESET_EMAIL_INTERVAL.total_seconds()):
            return
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        context = {
            **context,
            "reset_url": f"{settings.SITE_URL}{path}",
            "timeout_hours": reset_link_hours(),
            # Until when, in the reader's time zone, the zone named.
            "works_until": local_time(
                timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
                time_zone_of(context["user"]),
            ),
        }
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        queue_mail(
            subject=subject,
            body=loader.render_to_string(email_template_name, context),
            recipients=[to_email],
        )


# The password validators' rules (AUTH_PASSWORD_VALIDATORS) in one sentence: Django's own help
# is an HTML list, which the hint paragraph under a label cannot hold.
RULES_OF_A_NEW_ONE = (
    "At least 8 characters, not only digits, not a common password, and not like your name, "
    "username or e-mail address."
)


class NewPasswordForm(SetPasswordForm):
    """The reset link's form: a new password, twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = RULES_OF_A_NEW_ONE


class ChangePasswordForm(PasswordChangeForm):
    """The profile's form: the current password, then a new one, twice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = RULES_OF_A_NEW_ONE


class InvitationForm(forms.Form):
    """The people page's invitation: an address, a role (those the inviter may give) and, for a
    delegate or a contributor, the economy."""

    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="The invitation's link goes to this address, which becomes the username.",
        error_messages={
            "required": "Enter the e-mail address of the person to invite.",
            "invalid": "Enter an e-mail address like name@example.org.",
        },
    )
    role = forms.ChoiceField(
        label="Role", error_messages={"invalid_choice": "Choose a role from the list."}
    )
    economy = forms.ChoiceField(
        label="Economy",
        required=False,
        help_text="For a delegate or a contributor: the economy they report for.",
        error_messages={"invalid_choice": "Choose an economy from the list."},
    )

    def __init__(self, *args, roles: list, economies: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        role_field = cast(forms.ChoiceField, self.fields["role"])
        role_field.choices = [(role.value, role.label) for role in roles]
        if len(roles) == 1:
            role_field.initial = roles[0].value
            role_field.widget = forms.HiddenInput()
        cast(forms.ChoiceField, self.fields["economy"]).choices = [("", "Choose an economy")] + [
            (code, name) for code, name in economies
        ]

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("role") in ("Delegate", "Contributor") and not cleaned.get("economy"):
            who = "delegate" if cleaned["role"] == "Delegate" else "contributor"
            self.add_error("economy", f"Choose the economy the {who} reports for.")
        return cleaned


class HandoverForm(forms.Form):
    """The delegate handing over, the successor's address, and optionally the day the
    predecessor's access ends."""

    predecessor = forms.ChoiceField(
        label="The delegate handing over",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the delegate handing over.",
            "invalid_choice": "Choose the delegate handing over.",
        },
    )

    email = forms.EmailField(
        label="The successor's e-mail address",
        max_length=254,
        error_messages={
            "required": "Enter the successor's e-mail address.",
            "invalid": "Enter an e-mail address like name@example.org.",
        },
    )
    access_ends = forms.DateField(
        label="The predecessor's access ends on (optional)",
        required=False,
        help_text="For example 2027-01-31. Left empty, it ends when the successor accepts.",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date like 2027-01-31."},
    )

    def __init__(self, *args, delegates: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        predecessor = cast(forms.ChoiceField, self.fields["predecessor"])
        predecessor.choices = [(str(pk), name) for pk, name in delegates]
        if len(delegates) == 1:
            predecessor.initial = str(delegates[0][0])
