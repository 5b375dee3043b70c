"""Until a session has given its second factor, the site is closed to it but for the second step
(or the setup of an authenticator app, for a role that needs one and has none), signing out,
static files and /healthz. The admin site is closed the same way (its staff need two factors).

An API request that carries a token is left to the API: a token is not a session, and whoever
issued it had a verified session then (the profile is closed to an unverified one).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from plans.accounts.twofactor.services import demand_of

# Names of the pages an unverified session may reach.
_ALWAYS_OPEN = {"logout", "healthz"}
_SET_UP_PAGES = {"two-factor", "two-factor-add"}
_VERIFY_PAGES = {
    "two-factor-verify",
    "two-factor-key-sign-in-options",
    "two-factor-key-sign-in",
}


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        name = request.resolver_match.url_name if request.resolver_match else None
        if name in _ALWAYS_OPEN:
            return None
        demand = demand_of(request)
        if demand.verify and name not in _VERIFY_PAGES:
            page = "two-factor-verify"
        elif demand.set_up and name not in _SET_UP_PAGES:
            page = "two-factor"
        else:
            return None
        if request.path.startswith("/api/"):
            if "HTTP_AUTHORIZATION" in request.META:
                return None  # the API's token sign-in decides
            return JsonResponse(
                {"detail": "Give your second factor on the site's sign-in page first."},
                status=403,
            )
        target = reverse(page)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
