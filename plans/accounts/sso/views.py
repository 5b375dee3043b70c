"""The button on the sign-in page and the provider's return.

The person comes back signed in like any other sign-in (django.contrib.auth's `login`): their
session is recorded, django-axes logs the sign-in, and a person who gives a second factor still
gives it on the next page. A provider may say it asked for a second factor (`amr`), but what it
asked for is its own policy: the director, the Chair and the administrator give ours.
"""

from __future__ import annotations

from authlib.integrations.base_client import OAuthError
from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from joserfc.errors import JoseError
from requests import RequestException

from plans.accounts.lockouts import lockout_response, remember_device
from plans.accounts.sso.services import (
    SignOnRefused,
    account_for_email,
    provider,
    sign_on_enabled,
    verified_email,
)

# Where the session keeps the page to go to after the provider's return.
_NEXT_KEY = "_smewg_sign_on_next"


def _require_enabled() -> None:
    if not sign_on_enabled():
        raise Http404("Single sign-on is not set up here.")


@login_not_required
@never_cache
@require_GET
def sign_on_start(request: HttpRequest) -> HttpResponse:
    """Sends the browser to the provider, with a fresh state, nonce and PKCE challenge. A link
    (GET) rather than a form: the Content-Security-Policy's form-action ('self') would stop a
    form's redirect to another site. Whoever opens it only reaches the provider: the state
    ties the return to this browser's session."""
    _require_enabled()
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        request.session[_NEXT_KEY] = target
    else:
        request.session.pop(_NEXT_KEY, None)
    return provider().authorize_redirect(
        request, request.build_absolute_uri(reverse("sign-on-return"))
    )


def _refused(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    """403: the provider vouched for someone the site does not let in; 400: the sign-in itself
    failed."""
    return render(
        request,
        "registration/sign_on_refused.html",
        {"reason": reason, "failed": status == 400},
        status=status,
    )


@login_not_required
@never_cache  # the address carries the provider's one-time code
@require_GET
def sign_on_return(request: HttpRequest) -> HttpResponse:
    """The provider's redirect back: the code is exchanged and the ID token verified (Authlib),
    then the verified e-mail address names the account."""
    _require_enabled()
    try:
        token = provider().authorize_access_token(request)
    except (OAuthError, JoseError, RequestException):
        # A state that is not this browser's, a code refused, a token that does not verify, or
        # a provider that did not answer: nothing is trusted, nobody is signed in.
        return _refused(
            request,
            "Your organisation's sign-in could not be checked, or this page was opened twice. "
            "Start again from the sign-in page.",
            status=400,
        )
    claims = token.get("userinfo")
    if not claims:
        return _refused(request, "Your organisation's sign-in sent no ID token.", status=400)
    email = str(claims.get("email") or "")
    try:
        email = verified_email(claims)
        user = account_for_email(email)
    except SignOnRefused as refusal:
        user_login_failed.send(sender=__name__, credentials={"username": email}, request=request)
        return _refused(request, str(refusal), status=403)
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return lockout_response(request, None, credentials)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    response = redirect(request.session.pop(_NEXT_KEY, None) or "home")
    remember_device(response, user.get_username())
    return response
