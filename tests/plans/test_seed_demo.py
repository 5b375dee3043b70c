import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from plans.models import Delegate, Economy, Objective
from plans.roles import Role, identity_of

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    User.objects.all().delete()
    with pytest.raises(CommandError, match="only with DEBUG=1"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "another-demo-password"
    call_command("seed_demo")
    counts = (User.objects.count(), Delegate.objects.count(), Objective.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Delegate.objects.count(), Objective.objects.count()) == counts
    assert Delegate.objects.count() == Economy.objects.count() == 21

    client = Client()
    assert client.login(username="delegate-chl", password="another-demo-password")
    chl = User.objects.get(username="delegate-chl")
    identity = identity_of(chl)
    assert identity.is_delegate
    assert identity.economy_code == "CHL"
    assert identity.label == "Delegate of Chile"
    assert identity_of(User.objects.get(username="director")).roles == {Role.DIRECTOR}
    assert identity_of(User.objects.get(username="chair")).is_chair
