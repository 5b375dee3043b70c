"""API tokens: a signed-in person issues one on their profile page, sees it once, and can
replace or revoke it (services.py). One token per person.

Only a SHA-256 digest of the key is stored (and its first characters, to name it on the
profile page): a copy of the database signs nobody in. A token expires after
API_TOKEN_LIFETIME, and a new password revokes it (`revoke_access_on_new_password`, connected
when the app is ready).
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone
from rest_framework import authentication, exceptions

from plans.accounts.models import ApiToken
from plans.accounts.sessions import sessions_end

# A token's use is written down at most this often: reading the API writes nothing otherwise.
LAST_USED_PRECISION = timedelta(minutes=15)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def revoke_access_on_new_password(sender, instance: User, update_fields=None, **kwargs) -> None:
    """A new password revokes the person's API tokens and ends their sessions (a `pre_save`
    receiver of the user). The password change page then keeps its own session going
    (views.PasswordChange).

    A signal, against the style guide's rule, because passwords change in places that are not
    ours: the admin's password form, `manage.py changepassword`, Django's password views,
    `set_password()` in a shell. Each of them saves the user with the new hash, so comparing
    the hash with the stored one catches every path. It writes nothing else and cascades
    nowhere; saves that cannot change the password (the sign-in's `last_login`) are skipped.
    """
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        ApiToken.objects.filter(user_id=instance.pk).delete()
        sessions_end(user_id=instance.pk)


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, looked up by the key's digest."""

    keyword = "Token"

    def authenticate_credentials(self, key: str):
        token = ApiToken.objects.select_related("user").filter(digest=key_digest(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                "The token has expired: issue a new one on your profile page."
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        now = timezone.now()
        if token.last_used is None or token.last_used < now - LAST_USED_PRECISION:
            ApiToken.objects.filter(
                Q(last_used__isnull=True) | Q(last_used__lt=now - LAST_USED_PRECISION),
                pk=token.pk,
            ).update(last_used=now)
        return (token.user, token)
