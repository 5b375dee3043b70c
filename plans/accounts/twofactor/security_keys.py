"""Security keys and passkeys (WebAuthn), a second factor beside the authenticator app.

A ceremony has two requests: the options (with a fresh challenge, kept in the session), then the
browser's answer, checked by py_webauthn against that challenge, which is spent on the first
answer whether it passes or not. A key is added by a verified session of someone who already has
an authenticator app, so that a browser without WebAuthn can still sign in with a code; it goes
when the last app goes. The relying party (the site's host name and origin the key binds itself
to) comes from settings, or from the request's host with DEBUG on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url, parse_authentication_credential_json
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from plans.accounts.twofactor.models import WebAuthnDevice
from plans.accounts.twofactor.services import CodeRefused, has_second_factor, lockout_check

SITE_NAME = "SMEWG Strategic Plan Tracker"
_CHALLENGE_KEY = "_smewg_webauthn_challenge"
Ceremony = Literal["add", "sign-in"]


class KeyRefused(CodeRefused):
    """A key's answer that does not sign in or add the key; the message says why."""


@dataclass(frozen=True)
class RelyingParty:
    id: str  # the host name the key binds itself to
    origin: str  # scheme, host and port of the pages that may ask for the key


def relying_party(request: HttpRequest) -> RelyingParty:
    if settings.WEBAUTHN_RP_ID:
        origin = settings.WEBAUTHN_ORIGIN or f"https://{settings.WEBAUTHN_RP_ID}"
        return RelyingParty(id=settings.WEBAUTHN_RP_ID, origin=origin)
    if settings.DEBUG:  # localhost, 127.0.0.1 or a workshop machine's name: whatever was typed
        site = urlsplit(f"{request.scheme}://{request.get_host()}")
    else:
        site = urlsplit(settings.SITE_URL)
    return RelyingParty(id=site.hostname or "", origin=f"{site.scheme}://{site.netloc}")


def security_keys(user: User):
    return WebAuthnDevice.objects.filter(user=user, confirmed=True).order_by("created_at")


def _descriptors(user: User) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(id=base64url_to_bytes(credential_id))
        for credential_id in security_keys(user).values_list("credential_id", flat=True)
    ]


def _remember(request: HttpRequest, ceremony: Ceremony, challenge: bytes) -> None:
    request.session[_CHALLENGE_KEY] = {
        "ceremony": ceremony,
        "challenge": bytes_to_base64url(challenge),
    }


def _spend(request: HttpRequest, ceremony: Ceremony) -> bytes:
    """The challenge the session was given for this ceremony, which no answer can use again."""
    kept = request.session.pop(_CHALLENGE_KEY, None)
    if not kept or kept.get("ceremony") != ceremony:
        raise KeyRefused("That request has expired: try your security key again.")
    return base64url_to_bytes(kept["challenge"])


def _expected(request: HttpRequest, challenge: bytes) -> dict:
    """What every answer of a key must carry: the session's challenge, our host and origin."""
    rp = relying_party(request)
    return {"expected_challenge": challenge, "expected_rp_id": rp.id, "expected_origin": rp.origin}


def key_add_options(*, request: HttpRequest) -> str:
    """The options of navigator.credentials.create(), as JSON."""
    user: User = request.user  # type: ignore[assignment]
    if not has_second_factor(user):
        raise KeyRefused("Set up an authenticator app first: it signs you in where a key cannot.")
    rp = relying_party(request)
    options = generate_registration_options(
        rp_id=rp.id,
        rp_name=SITE_NAME,
        user_id=str(user.pk).encode(),
        user_name=user.get_username(),
        user_display_name=user.get_full_name() or user.get_username(),
        exclude_credentials=_descriptors(user),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
    )
    _remember(request, "add", options.challenge)
    return options_to_json(options)


def key_add(*, request: HttpRequest, name: str, credential: dict) -> WebAuthnDevice:
    """Checks the new key's answer and keeps the key (in its history, as added by the person)."""
    user: User = request.user  # type: ignore[assignment]
    expected = _expected(request, _spend(request, "add"))
    try:
        verified = verify_registration_response(credential=credential, **expected)
    except WebAuthnException as error:
        raise KeyRefused(f"The key's answer was not accepted ({error}).") from error
    credential_id = bytes_to_base64url(verified.credential_id)
    if WebAuthnDevice.objects.filter(credential_id=credential_id).exists():
        raise KeyRefused("This key is already added.")
    transports = credential.get("response", {}).get("transports") or []
    device = WebAuthnDevice(
        user=user,
        name=name.strip() or "Security key",
        confirmed=True,
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=[str(t) for t in transports if isinstance(t, str)][:8],
    )
    device._history_user = user
    device.full_clean()
    device.save()
    return device


def key_sign_in_options(*, request: HttpRequest) -> str:
    """The options of navigator.credentials.get() for the signed-in person's own keys."""
    user: User = request.user  # type: ignore[assignment]
    allowed = _descriptors(user)
    if not allowed:
        raise KeyRefused("You have no security key: enter a code instead.")
    options = generate_authentication_options(
        rp_id=relying_party(request).id,
        allow_credentials=allowed,
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    _remember(request, "sign-in", options.challenge)
    return options_to_json(options)


def key_sign_in(*, request: HttpRequest, credential: dict) -> WebAuthnDevice:
    """The second step with a key: verifies the session, or counts a failed sign-in of the
    account (as a wrong code does) and raises KeyRefused."""
    user: User = request.user  # type: ignore[assignment]
    credentials = lockout_check(request=request)
    try:
        expected = _expected(request, _spend(request, "sign-in"))
        try:
            credential_id = parse_authentication_credential_json(json.dumps(credential)).id
        except WebAuthnException as error:
            raise KeyRefused("The key's answer was not understood.") from error
        with transaction.atomic():
            device = (
                security_keys(user).select_for_update().filter(credential_id=credential_id).first()
            )
            if device is None:
                raise KeyRefused("That key is not one of yours: use a key you added, or a code.")
            try:
                verified = verify_authentication_response(
                    credential=credential,
                    **expected,
                    credential_public_key=bytes(device.public_key),
                    credential_current_sign_count=device.sign_count,
                )
            except WebAuthnException as error:
                raise KeyRefused("The key's answer was not accepted: try again.") from error
            # Not in the key's history: a use changes nothing the person set.
            WebAuthnDevice.objects.filter(pk=device.pk).update(
                sign_count=verified.new_sign_count, last_used_at=timezone.now()
            )
    except KeyRefused:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        raise
    otp_login(request, device)
    return device


def key_remove(*, user: User, device: WebAuthnDevice) -> None:
    device._history_user = user
    device.delete()
