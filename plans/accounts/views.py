"""The pages of an account: the profile (time zone, API token), the password pages and the
director's lockouts.

The password pages are Django's own views (single-use links that expire, by construction), in
the site's templates, with the reset e-mail queued (forms.QueuedPasswordResetForm).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from plans.accounts import invitations as invitation_service
from plans.accounts import services
from plans.accounts.forms import (
    ChangePasswordForm,
    DigestForm,
    HandoverForm,
    InvitationForm,
    NewPasswordForm,
    QueuedPasswordResetForm,
    TimeZoneForm,
    error_summary,
    reset_link_hours,
)
from plans.accounts.invitations import may_manage_accounts, people_of_economies, roles_invitable_by
from plans.accounts.lockouts import (
    account_wait,
    locked_out_attempts,
    lockouts_lift,
    remember_device,
    slowed_response,
)
from plans.accounts.models import ApiToken, Delegate, Invitation, InvitedRole
from plans.accounts.preferences import preferences_of, zone_remember
from plans.accounts.roles import Role, SignedInRequest, identity_of, require_director
from plans.accounts.sessions import session_touch, sessions_of
from plans.accounts.sso.services import sign_on_label


@never_cache  # the page shows a new token once: no copy in any cache
@require_http_methods(["GET", "POST"])
def profile(request: SignedInRequest) -> HttpResponse:
    new_key = None
    status = 200
    zone, digest = preferences_of(request.user)
    zone_form = TimeZoneForm(initial={"time_zone": str(zone)})
    digest_form = DigestForm(initial={"question_digest": digest})
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "time_zone":
            zone_form = TimeZoneForm(request.POST)
            if zone_form.is_valid():
                services.preferences_set_time_zone(
                    user=request.user, time_zone=zone_form.cleaned_data["time_zone"]
                )
                zone_remember(request, ZoneInfo(zone_form.cleaned_data["time_zone"]))
                messages.success(request, "Your time zone is saved.")
                return redirect("profile")
            status = 400
        elif action == "digest":
            digest_form = DigestForm(request.POST)
            if digest_form.is_valid():
                services.preferences_set_digest(
                    user=request.user, question_digest=digest_form.cleaned_data["question_digest"]
                )
                messages.success(request, "Your choice of the weekly digest is saved.")
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
            "manages_accounts": may_manage_accounts(request.user),
            "sessions": sessions_of(request.user),
            "token": token,
            "new_key": new_key,
            "bad_request": status == 400 and not zone_form.errors,
            "zone_form": zone_form,
            "digest_form": digest_form,
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

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "sign_on_label": sign_on_label()}


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


def _require_account_manager(user) -> None:
    if not may_manage_accounts(user):
        raise PermissionDenied("Only the program director and the administrator manage accounts.")


def _economies() -> list[tuple[str, str]]:
    Economy = apps.get_model("plans", "Economy")
    return list(Economy.objects.order_by("short_name").values_list("code", "short_name"))


@require_http_methods(["GET", "POST"])
def invitations(request: SignedInRequest) -> HttpResponse:
    """The people page: the economies' delegates with their last sign-in, the invitations
    waiting (send again, withdraw), and the form that invites someone."""
    _require_account_manager(request.user)
    roles = roles_invitable_by(request.user)
    form = InvitationForm(roles=roles, economies=_economies())
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "invite":
            form = InvitationForm(request.POST, roles=roles, economies=_economies())
            if form.is_valid():
                try:
                    sent = invitation_service.invitation_send(
                        by=request.user,
                        email=form.cleaned_data["email"],
                        role=form.cleaned_data["role"],
                        economy_code=form.cleaned_data["economy"] or None,
                    )
                except invitation_service.InvitationRefused as refusal:
                    form.add_error("email", str(refusal))
                else:
                    messages.success(
                        request, f"An invitation is on its way to {sent.invitation.email}."
                    )
                    return redirect("invitations")
            status = 400
        elif action in ("resend", "withdraw"):
            invitation = get_object_or_404(
                Invitation.objects.pending().filter(role__in=roles),
                pk=request.POST.get("invitation") or 0,
            )
            try:
                if action == "resend":
                    invitation_service.invitation_resend(by=request.user, invitation=invitation)
                    messages.success(request, f"A new link is on its way to {invitation.email}.")
                else:
                    invitation_service.invitation_withdraw(by=request.user, invitation=invitation)
                    messages.success(
                        request,
                        f"The invitation of {invitation.email} is withdrawn: "
                        "its link no longer works.",
                    )
            except invitation_service.InvitationRefused as refusal:
                raise PermissionDenied(str(refusal)) from refusal
            return redirect("invitations")
        else:
            return HttpResponseBadRequest("Choose what to do.")
    return render(
        request,
        "registration/invitations.html",
        {
            "people": people_of_economies(),
            "pending": Invitation.objects.pending()
            .filter(role__in=roles)
            .select_related("economy", "predecessor"),
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
        },
        status=status,
    )


def _manageable_user(request: SignedInRequest, user_id: int) -> User:
    """An active account the person may deactivate: the director, delegates; the administrator,
    anyone but an administrator. Others are 404."""
    _require_account_manager(request.user)
    users = User.objects.filter(is_active=True, is_superuser=False)
    if roles_invitable_by(request.user) != list(InvitedRole):
        users = users.filter(delegate__isnull=False)
    return get_object_or_404(users.select_related("delegate__economy"), pk=user_id)


@require_http_methods(["GET", "POST"])
def account_deactivate(request: SignedInRequest, user_id: int) -> HttpResponse:
    """Asks first; then the person can no longer sign in."""
    person = _manageable_user(request, user_id)
    if request.method == "POST":
        try:
            invitation_service.account_deactivate(by=request.user, user=person)
        except invitation_service.InvitationRefused as refusal:
            raise PermissionDenied(str(refusal)) from refusal
        messages.success(
            request,
            f"{person.get_full_name() or person.get_username()} can no longer sign in. "
            "Their reports and history stay.",
        )
        return redirect("invitations")
    return render(request, "registration/account_deactivate.html", {"person": person})


@require_http_methods(["GET", "POST"])
def handover(request: SignedInRequest, code: str) -> HttpResponse:
    """An economy's delegate hands over to a successor, who is invited."""
    _require_account_manager(request.user)
    Economy = apps.get_model("plans", "Economy")
    economy = get_object_or_404(Economy, code=code.upper())
    delegates = [
        (
            link.user_id,
            f"{link.user.get_full_name() or link.user.get_username()} "
            f"({link.user.email or 'no e-mail address'})",
        )
        for link in Delegate.objects.filter(
            economy=economy, user__is_active=True, user__groups__name=Role.DELEGATE
        ).select_related("user")
    ]
    if not delegates:
        raise Http404("The economy has no active delegate to hand over.")
    form = HandoverForm(delegates=delegates)
    status = 200
    if request.method == "POST":
        form = HandoverForm(request.POST, delegates=delegates)
        if form.is_valid():
            try:
                invitation_service.invitation_send(
                    by=request.user,
                    email=form.cleaned_data["email"],
                    role=InvitedRole.DELEGATE,
                    economy_code=economy.code,
                    predecessor=User.objects.get(pk=form.cleaned_data["predecessor"]),
                    predecessor_access_ends=form.cleaned_data["access_ends"],
                )
            except invitation_service.InvitationRefused as refusal:
                form.add_error("email", str(refusal))
            else:
                messages.success(
                    request,
                    f"{form.cleaned_data['email']} is invited as the delegate of {economy}.",
                )
                return redirect("invitations")
        status = 400
    return render(
        request,
        "registration/handover.html",
        {"economy": economy, "form": form, "errors": error_summary(form) if form.is_bound else []},
        status=status,
    )


def _closed(request: HttpRequest, state: str) -> HttpResponse:
    """A link that no longer works says why: 404 for one that never did, 410 for a used one."""
    return render(
        request,
        "registration/invitation_closed.html",
        {"state": state},
        status=404 if state == "unknown" else 410,
    )


@login_not_required
@never_cache  # the page is reached with a secret in its address
@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation's link: the invitee sets a password and lands signed in on their home."""
    invitation = invitation_service.invitation_for_token(token)
    state = invitation_service.invitation_state(invitation)
    if invitation is None or state != "open":
        return _closed(request, state)
    newcomer = User(username=invitation.email, email=invitation.email)
    form = NewPasswordForm(newcomer)
    status = 200
    if request.method == "POST":
        form = NewPasswordForm(newcomer, request.POST)
        if form.is_valid():
            try:
                user = invitation_service.invitation_accept(
                    token=token, password=form.cleaned_data["new_password1"]
                )
            except invitation_service.InvitationRefused as refusal:
                state = invitation_service.invitation_state(
                    invitation_service.invitation_for_token(token)
                )
                if state != "open":  # accepted or withdrawn a moment ago
                    return _closed(request, state)
                form.add_error(None, str(refusal))
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, "Welcome: your password is set and you are signed in.")
                return redirect("home")
        status = 400
    return render(
        request,
        "registration/invitation_accept.html",
        {
            "invitation": invitation,
            "sign_on_label": sign_on_label(),
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
        },
        status=status,
    )
