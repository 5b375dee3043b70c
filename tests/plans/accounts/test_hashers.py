"""Passwords are hashed with Argon2 outside the tests, and a hash of an older kind (Django's
previous default, PBKDF2) becomes an Argon2 hash when its user next signs in."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.contrib.auth.models import User
from django.test import Client, override_settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_argon2_comes_first_and_the_older_kinds_are_still_read():
    assert settings.STRONG_PASSWORD_HASHERS[0] == "plans.accounts.hashers.Argon2Hasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in settings.STRONG_PASSWORD_HASHERS


@override_settings(PASSWORD_HASHERS=settings.STRONG_PASSWORD_HASHERS)
def test_a_pbkdf2_hash_becomes_argon2_at_the_next_sign_in():
    user = User.objects.get(username="delegate-chl")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    assert user.password.startswith("pbkdf2_sha256$")

    response = Client().post("/accounts/login/", {"username": "delegate-chl", "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)


@override_settings(PASSWORD_HASHERS=settings.STRONG_PASSWORD_HASHERS)
def test_an_argon2_hash_of_django_s_parameters_takes_the_project_s_at_the_next_sign_in():
    """Django's default Argon2 parameters cost ten times the CPU: such a hash is made again."""
    user = User.objects.get(username="delegate-chl")
    user.password = make_password(PASSWORD, hasher=Argon2PasswordHasher())
    user.save(update_fields=["password"])
    assert user.password.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")

    Client().post("/accounts/login/", {"username": "delegate-chl", "password": PASSWORD})

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")


@override_settings(PASSWORD_HASHERS=settings.STRONG_PASSWORD_HASHERS)
def test_a_wrong_password_leaves_the_old_hash():
    user = User.objects.get(username="delegate-chl")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = Client().post("/accounts/login/", {"username": "delegate-chl", "password": "no"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$")
