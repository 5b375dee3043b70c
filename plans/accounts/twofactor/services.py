"""Who gives a second factor, their devices, and checking a code.

A person gives a code after their password when they have set up an authenticator app (anyone
may: a delegate who does is asked for it from then on), and must set one up first when their
role calls for it: the program director, the Chair and the administrator (staff or superuser),
while TWO_FACTOR_REQUIRED is on. Recovery codes are one of django-otp's static devices: each
works once (the device deletes it as it accepts it).

A wrong code counts as a failed sign-in of the account (django-axes' signal): five from one
address lock that address out like five wrong passwords, and the failures add to the slowing
per account (lockouts.py). Each device also doubles its own wait after each wrong code
(django-otp's throttling, in the device's row), whatever the address: nobody can try codes
fast enough to guess one.
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plans.accounts.roles import READ_ALL_ROLES, Role, identity_of
from plans.accounts.twofactor.models import WebAuthnDevice

RECOVERY_CODE_COUNT = 10
# The roles that can change every figure and the final review.
ROLES_WITH_TWO_FACTORS = READ_ALL_ROLES | {Role.ADMINISTRATOR}
RECOVERY_DEVICE_NAME = "Recovery codes"


class CodeRefused(Exception):
    """A code that does not work, or that cannot be tried now; the message says which."""


class CodeLockedOut(CodeRefused):
    """Too many wrong codes or passwords for the account from this address: no code is tried."""


def role_requires_two_factors(user: User) -> bool:
    return bool(
        settings.TWO_FACTOR_REQUIRED
        and user.is_authenticated
        and (user.is_staff or user.is_superuser or identity_of(user).roles & ROLES_WITH_TWO_FACTORS)
    )


def authenticator_apps(user: User):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("created_at")


def has_second_factor(user: User) -> bool:
    return authenticator_apps(user).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@dataclass(frozen=True)
class Demand:
    """What the session still owes before it reaches the site's pages."""

    set_up: bool  # no authenticator app yet, and the role requires one
    verify: bool  # an app is set up and this session has not given a code


# Where the session keeps what it owes ("verify", "set-up" or "none"), worked out as it signs in
# (`demand_record`): a page then costs no query for this. A session that has given its code asks
# no more (django-otp keeps the device in the session).
_DEMAND_KEY = "_smewg_second_factor"


def _demand_now(user: User) -> str:
    if has_second_factor(user):
        return "verify"
    return "set-up" if role_requires_two_factors(user) else "none"


def demand_record(sender, request: HttpRequest | None, user: User, **kwargs) -> None:
    """At sign-in (the `user_logged_in` signal, so every way in counts)."""
    if request is not None and hasattr(request, "session"):
        request.session[_DEMAND_KEY] = _demand_now(user)


def demand_refresh(request: HttpRequest) -> Demand:
    """Works out again what the session owes: an app added in another session, or removed by
    the administrator, since it signed in."""
    request.session.pop(_DEMAND_KEY, None)
    return demand_of(request)


def demand_of(request: HttpRequest) -> Demand:
    user: User = request.user  # type: ignore[assignment]
    if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
        return Demand(set_up=False, verify=False)
    state = request.session.get(_DEMAND_KEY)
    if state is None:  # a session begun before two factors existed
        state = request.session[_DEMAND_KEY] = _demand_now(user)
    return Demand(set_up=state == "set-up", verify=state == "verify")


def authenticator_draft(*, user: User) -> TOTPDevice:
    """The authenticator app being set up (unconfirmed until a code from it is given): the same
    secret on every view of the setup page, so that a reload does not void a scanned code."""
    draft = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if draft is None:
        draft = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return draft


def authenticator_confirm(*, request: HttpRequest, device: TOTPDevice, code: str) -> list[str]:
    """The first code from the app confirms it and verifies this session. Returns new recovery
    codes when the person had none left (to show once), else []."""
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(code.strip()):
            raise CodeRefused("The code does not match: enter the 6 digits the app shows now.")
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return recovery_codes_issue(user=user) if recovery_codes_left(user) == 0 else []  # type: ignore[arg-type]


def recovery_codes_issue(*, user: User) -> list[str]:
    """Ten new single-use codes; the earlier ones stop working."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_match(*, user: User, codes: list[str]) -> bool:
    """Whether these are codes the person still holds (the download repeats only those)."""
    held = set(
        StaticToken.objects.filter(device__user=user, token__in=codes).values_list(
            "token", flat=True
        )
    )
    return bool(codes) and held == set(codes)


def authenticator_remove(*, request: HttpRequest, device: TOTPDevice, code: str) -> None:
    """Removing an app needs a current code from any of the person's devices. A role that
    requires two factors keeps at least one app; without any app left, the recovery codes go
    too, and the person signs in with their password alone."""
    user: User = request.user  # type: ignore[assignment]
    with transaction.atomic():
        apps_left = authenticator_apps(user).select_for_update().exclude(pk=device.pk)
        if role_requires_two_factors(user) and not apps_left.exists():
            raise CodeRefused(
                "Your role signs in with two factors: add another authenticator app before "
                "removing this one."
            )
        code_check(request=request, code=code)
        device.delete()
        if not apps_left.exists():  # nothing left to sign in with where a key cannot be used
            StaticDevice.objects.filter(user=user).delete()
            WebAuthnDevice.objects.filter(user=user).delete()


def code_check(*, request: HttpRequest, code: str) -> None:
    """The second step: a code from an authenticator app or an unused recovery code. Verifies
    the session; raises CodeRefused otherwise (and counts a failure of the account)."""
    user: User = request.user  # type: ignore[assignment]
    credentials = lockout_check(request=request)
    code = "".join(code.split())
    device = None
    if code:
        with transaction.atomic():
            for candidate in devices_for_user(user, confirmed=True, for_verify=True):
                allowed, _ = candidate.verify_is_allowed()
                if allowed and candidate.verify_token(code):
                    device = candidate
                    break
    if device is None:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        raise CodeRefused(
            "The code does not work: enter the 6 digits your authenticator app shows now, or "
            "one of your recovery codes. After a few wrong codes, each try must wait longer."
        )
    otp_login(request, device)


def lockout_check(*, request: HttpRequest) -> dict[str, str]:
    """Raises CodeLockedOut while the account is locked out for this address (no second factor
    is tried then); else gives the credentials a failure is counted against."""
    credentials = {"username": request.user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        raise CodeLockedOut(
            f"Too many wrong codes or passwords: wait {_cool_off_minutes()} minutes, then try "
            "again."
        )
    return credentials


def _cool_off_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
