"""The pages of an account: the profile (time zone, API token), the password pages and the
director's lockouts.

The password pages are Django's own views (single-use links that expire, by construction), in
the site's templates, with the reset e-mail queued (forms.QueuedPasswordResetForm).
"""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from plans.accounts import services
from plans.accounts.forms import (
    ChangePasswordForm,
    NewPasswordForm,
    QueuedPasswordResetForm,
    TimeZoneForm,
    error_summary,
    reset_link_hours,
)
from plans.accounts.lockouts import (
    account_wait,
    locked_out_attempts,
    lockouts_lift,
    remember_device,
    slowed_response,
)
from plans.accounts.models import ApiToken
from plans.accounts.preferences import time_zone_of
from plans.accounts.roles import SignedInRequest, identity_of, require_director
from plans.accounts.sessions import session_touch, sessions_of


@never_cache  # the page shows a new token once: no copy in any cache
@require_http_methods(["GET", "POST"])
def profile(request: SignedInRequest) -> HttpResponse:
    new_key = None
    status = 200
    zone = time_zone_of(request.user)
    zone_form = TimeZoneForm(initial={"time_zone": str(zone)})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "time_zone":
            zone_form = TimeZoneForm(request.POST)
            if zone_form.is_valid():
                services.preferences_set_time_zone(
                    user=request.user, time_zone=zone_form.cleaned_data["time_zone"]
                )
                messages.success(request, "Your time zone is saved.")
                return redirect("profile")
            status = 400
        elif action == "issue":
            new_key = services.token_issue(user=request.user).key
        elif action == "revoke":
            if services.token_revoke(user=request.user):
                messages.success(request, "Your API token is revoked: it no longer works.")
            return redirect("profile")
        elif action == "sign_out_everywhere":
            services.access_end_everywhere(user=request.user)
            logout(request)
            messages.success(
                request,
                "You are signed out everywhere, here too, and your API token, if you had one, "
                "no longer works.",
            )
            return redirect("login")
        else:
            status = 400
    token = ApiToken.objects.filter(user=request.user).first()
    return render(
        request,
        "registration/profile.html",
        {
            "identity": identity_of(request.user),
            "time_zone": zone,
            "sessions": sessions_of(request.user),
            "token": token,
            "new_key": new_key,
            "bad_request": status == 400 and not zone_form.errors,
            "zone_form": zone_form,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def lockouts(request: HttpRequest) -> HttpResponse:
    require_director(request.user)
    if request.method == "POST":
        try:
            attempt_id = int(request.POST.get("attempt", ""))
        except ValueError:
            return HttpResponseBadRequest("Choose the lockout to lift.")
        attempt = get_object_or_404(AccessAttempt, pk=attempt_id)
        attempt.delete()
        messages.success(
            request, f"“{attempt.username}” can sign in again from {attempt.ip_address}."
        )
        return redirect("lockouts")
    return render(
        request,
        "registration/lockouts.html",
        {
            "attempts": locked_out_attempts(),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "time_zone": time_zone_of(request.user),
        },
    )


class SignIn(auth_views.LoginView):
    """Django's sign-in, slowed for a username that many addresses guess at (lockouts.py)."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        wait = account_wait(request, username)
        if wait:
            return slowed_response(request, username, wait)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        remember_device(response, form.get_user().get_username())
        return response


class SignOut(auth_views.LogoutView):
    """Django's sign-out (it ends the session, and its record with it), saying so."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You are signed out.")
        return response


class _ErrorSummary:
    """The error summary of the other forms, above a password form that was sent with errors."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        form = context.get("form")
        context["errors"] = error_summary(form) if form is not None and form.is_bound else []
        return context


class PasswordReset(_ErrorSummary, auth_views.PasswordResetView):
    """Answers the same whether or not an account has the address, so that the page tells a
    stranger nothing about who has an account."""

    form_class = QueuedPasswordResetForm
    template_name = "registration/password_reset.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetDone(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_sent.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "timeout_hours": reset_link_hours()}


class PasswordResetConfirm(_ErrorSummary, auth_views.PasswordResetConfirmView):
    """The new password ends the person's sessions and revokes their token (tokens.py), and
    lifts the pauses of their sign-in, so that they sign in at once."""

    form_class = NewPasswordForm
    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        lockouts_lift(form.user.get_username())
        return response


class PasswordResetComplete(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChange(_ErrorSummary, auth_views.PasswordChangeView):
    """Django's view keeps this session signed in (update_session_auth_hash) and so ends the
    person's other sessions; the new password revokes their API token (tokens.py)."""

    form_class = ChangePasswordForm
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The new password ended every session (tokens.py); this one goes on under a new key.
        session_touch(self.request, form.user)
        messages.success(
            self.request,
            "Your password is changed. You are signed out everywhere else, and your API token, "
            "if you had one, no longer works.",
        )
        return response
