"""Who a provider's ID token names: an active account with its verified e-mail address, or the
holder of an open invitation to it (accepted then, as by its link). Nobody else gets in: the
provider says who someone is, the SMEWG says who has an account.

Authlib runs the protocol: the authorization code flow with PKCE (S256), the state kept in the
session and checked on return, and the ID token verified (signature by the provider's published
keys, issuer, audience, expiry, nonce) before any claim here is read.
"""

from __future__ import annotations

from functools import lru_cache

from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from plans.accounts.invitations import InvitationRefused, invitation_accept_by_sign_on

# The claims asked for: the ID token then carries the e-mail address and whether it is verified.
SCOPE = "openid email profile"


class SignOnRefused(Exception):
    """The provider signed someone in whom the site does not let in; the message says why."""


def sign_on_enabled() -> bool:
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_CLIENT_ID)


def sign_on_label() -> str | None:
    """The words of the sign-in page's button, or None when single sign-on is off."""
    return settings.OIDC_BUTTON_LABEL if sign_on_enabled() else None


def provider() -> DjangoOAuth2App:
    """The provider's client; its discovery document and keys are fetched once per process
    (and the keys again when a token names a key not seen yet)."""
    return _client(
        settings.OIDC_DISCOVERY_URL, settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET
    )


@lru_cache(maxsize=4)
def _client(discovery_url: str, client_id: str, client_secret: str) -> DjangoOAuth2App:
    registry = OAuth()
    return registry.register(
        "oidc",
        server_metadata_url=discovery_url,
        client_id=client_id,
        client_secret=client_secret,
        client_kwargs={"scope": SCOPE, "code_challenge_method": "S256"},
    )


def verified_email(claims: dict) -> str:
    """The e-mail address of a verified ID token's claims, if the provider verified it."""
    email = str(claims.get("email") or "").strip()
    if not email:
        raise SignOnRefused(
            "Your organisation's sign-in gave no e-mail address, so we cannot tell which "
            "account is yours."
        )
    # Some providers send the flag as the string "true"; anything else is not a verification.
    if claims.get("email_verified") not in (True, "true"):
        raise SignOnRefused(
            f"Your organisation has not verified the address {email}, so it cannot sign you "
            "in here."
        )
    return email


@transaction.atomic
def account_for_email(email: str) -> User:
    """The active account with the address (in any case), else the account of an open
    invitation to it, accepted now."""
    accounts = list(User.objects.filter(email__iexact=email, is_active=True)[:2])
    if len(accounts) > 1:
        raise SignOnRefused(
            f"More than one account has the address {email}: sign in with your username and "
            "password, and ask the program director to give each account its own address."
        )
    if accounts:
        return accounts[0]
    try:
        invited = invitation_accept_by_sign_on(email=email)
    except InvitationRefused as refusal:
        raise SignOnRefused(str(refusal)) from refusal
    if invited is None:
        raise SignOnRefused(
            f"No account here has the address {email}, and no invitation to it is waiting. "
            "Ask the program director for an invitation."
        )
    return invited
