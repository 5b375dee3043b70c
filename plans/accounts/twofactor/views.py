"""The pages of two factors: the second step after the password, and the setup (an
authenticator app with its QR code, recovery codes shown once, removing an app)."""

from __future__ import annotations

import json
from base64 import b32encode
from collections.abc import Callable
from functools import partial

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from plans.accounts.forms import error_summary
from plans.accounts.roles import SignedInRequest
from plans.accounts.twofactor import security_keys, services
from plans.accounts.twofactor.forms import AppCodeForm, CodeForm


def _refusal_status(form: CodeForm, check: Callable[..., object]) -> int | None:
    """None when the posted form's code passes `check(code=)`; else the page's status, 400 (the
    code refused: the reason is on the form) or 429 (too many codes tried)."""
    if not form.is_valid():
        return 400
    try:
        check(code=form.cleaned_data["code"])
    except services.CodeLockedOut as refusal:
        form.add_error("code", str(refusal))
        return 429
    except services.CodeRefused as refusal:
        form.add_error("code", str(refusal))
        return 400
    return None


def _codes_page(request: SignedInRequest, codes: list[str]) -> HttpResponse:
    """The recovery codes, shown this once (never cached)."""
    return render(request, "registration/two_factor_codes.html", {"codes": codes})


@never_cache
@require_http_methods(["GET"])
def overview(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if services.demand_refresh(request).verify:
        return redirect("two-factor-verify")
    return render(
        request,
        "registration/two_factor.html",
        {
            "apps": services.authenticator_apps(user),
            "codes_left": services.recovery_codes_left(user),
            "required": services.role_requires_two_factors(user),
            "demo_skip": settings.DEBUG and not settings.TWO_FACTOR_REQUIRED,
            "verified": user.is_verified(),  # type: ignore[attr-defined]
            "keys": security_keys.security_keys(user),
        },
    )


def _require_verified_if_set_up(request: SignedInRequest) -> None:
    """Who already has an app adds or changes nothing before giving a code from it (the
    middleware sends them to the second step; this holds if it ever did not)."""
    if services.has_second_factor(request.user) and not request.user.is_verified():  # type: ignore[attr-defined]
        raise PermissionDenied("Give your second factor first.")


@never_cache  # the page holds the app's secret
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def authenticator_add(request: SignedInRequest) -> HttpResponse:
    _require_verified_if_set_up(request)
    device = services.authenticator_draft(user=request.user)
    form = AppCodeForm()
    status = 200
    if request.method == "POST":
        form = AppCodeForm(request.POST)
        if form.is_valid():
            try:
                codes = services.authenticator_confirm(
                    request=request, device=device, code=form.cleaned_data["code"]
                )
            except services.CodeRefused as refusal:
                form.add_error("code", str(refusal))
            else:
                messages.success(request, "Your authenticator app is set up.")
                if codes:
                    return _codes_page(request, codes)
                return redirect("two-factor")
        status = 400
    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "registration/two_factor_add.html",
        {
            "qr_svg": mark_safe(  # noqa: S308  # segno's SVG, made from our own URL
                qr.svg_inline(
                    scale=5, dark="#0b0c0c", light="#ffffff", title="QR code of the key below"
                )
            ),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
            "demo_skip": settings.DEBUG and not settings.TWO_FACTOR_REQUIRED,
        },
        status=status,
    )


def _safe_next(request: SignedInRequest, next_url: str) -> str:
    """Where to go after the second step: a page of this site, else nowhere in particular."""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request: SignedInRequest) -> HttpResponse:
    """The second step of signing in."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next") or "")
    if request.user.is_verified():  # type: ignore[attr-defined]
        return redirect(next_url or "home")
    if not services.demand_refresh(request).verify:  # the app was removed since
        return redirect(next_url or "two-factor")
    form = CodeForm(request.POST if request.method == "POST" else None)
    check = partial(services.code_check, request=request)
    status = _refusal_status(form, check) if form.is_bound else 200
    if status is None:
        left = services.recovery_codes_left(request.user)
        if left <= 3:
            messages.warning(
                request,
                f"You have {left} recovery code{'s' if left != 1 else ''} left: "
                "make new ones on your two-factor page.",
            )
        return redirect(next_url or "home")
    return render(
        request,
        "registration/two_factor_verify.html",
        {
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
            "next": next_url,
            "has_keys": security_keys.security_keys(request.user).exists(),
        },
        status=status,
    )


@never_cache
@require_POST
def recovery_codes(request: SignedInRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), shown once."""
    if not services.has_second_factor(request.user):
        messages.error(request, "Set up an authenticator app first.")
        return redirect("two-factor")
    return _codes_page(request, services.recovery_codes_issue(user=request.user))


@never_cache
@require_POST
def recovery_codes_download(request: SignedInRequest) -> HttpResponse:
    """The codes just shown, as a text file: only codes the person still holds."""
    codes = [code.strip() for code in request.POST.getlist("code")]
    if not services.recovery_codes_match(user=request.user, codes=codes):
        messages.error(request, "Those codes no longer work: make new ones.")
        return redirect("two-factor")
    text = (
        f"Recovery codes for {request.user.get_username()} on the SMEWG Strategic Plan Tracker "
        f"({settings.SITE_URL}).\nEach works once, in place of a code from your authenticator "
        "app.\n\n" + "\n".join(codes) + "\n"
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="smewg-recovery-codes.txt"'
    return response


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def authenticator_remove(request: SignedInRequest, device_id: int) -> HttpResponse:
    device = get_object_or_404(services.authenticator_apps(request.user), pk=device_id)
    form = CodeForm(request.POST if request.method == "POST" else None)
    remove = partial(services.authenticator_remove, request=request, device=device)
    status = _refusal_status(form, remove) if form.is_bound else 200
    if status is None:
        messages.success(request, "The authenticator app is removed.")
        return redirect("two-factor")
    return render(
        request,
        "registration/two_factor_remove.html",
        {
            "device": device,
            "form": form,
            "errors": error_summary(form) if form.is_bound else [],
            "required": services.role_requires_two_factors(request.user),
        },
        status=status,
    )


# Security keys: JSON for the page's script (static/js/security-keys.js), which a browser
# without WebAuthn never runs; the pages above work without it.


def _key_refused(refusal: services.CodeRefused) -> JsonResponse:
    status = 429 if isinstance(refusal, services.CodeLockedOut) else 400
    return JsonResponse({"error": str(refusal)}, status=status)


def _posted_json(request: SignedInRequest) -> dict:
    try:
        payload = json.loads(request.body)
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        raise security_keys.KeyRefused("The key's answer was not understood.")
    return payload


def _key_options(request: SignedInRequest, make) -> HttpResponse:
    try:
        options = make(request=request)
    except services.CodeRefused as refusal:
        return _key_refused(refusal)
    return HttpResponse(options, content_type="application/json")


@never_cache
@require_POST
def key_add_options(request: SignedInRequest) -> HttpResponse:
    _require_verified_if_set_up(request)
    return _key_options(request, security_keys.key_add_options)


@never_cache
@require_POST
def key_add(request: SignedInRequest) -> JsonResponse:
    _require_verified_if_set_up(request)
    try:
        payload = _posted_json(request)
        device = security_keys.key_add(
            request=request,
            name=str(payload.get("name", ""))[:64],
            credential=payload.get("credential") or {},
        )
    except services.CodeRefused as refusal:
        return _key_refused(refusal)
    messages.success(request, f"Your security key “{device.name}” is added.")
    return JsonResponse({"redirect": reverse("two-factor")})


@never_cache
@require_POST
def key_sign_in_options(request: SignedInRequest) -> HttpResponse:
    return _key_options(request, security_keys.key_sign_in_options)


@never_cache
@require_POST
def key_sign_in(request: SignedInRequest) -> JsonResponse:
    """The second step of signing in, with a key instead of a code."""
    try:
        payload = _posted_json(request)
        security_keys.key_sign_in(request=request, credential=payload.get("credential") or {})
    except services.CodeRefused as refusal:
        return _key_refused(refusal)
    next_url = _safe_next(request, str(payload.get("next", "")))
    return JsonResponse({"redirect": next_url or reverse("home")})


@never_cache
@require_POST
def key_remove(request: SignedInRequest, device_id: int) -> HttpResponse:
    device = get_object_or_404(security_keys.security_keys(request.user), pk=device_id)
    security_keys.key_remove(user=request.user, device=device)
    messages.success(request, f"The security key “{device.name}” is removed.")
    return redirect("two-factor")
