"""Demo data: the catalogue from fixtures/ and one account per role and economy."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import transaction

from plans.models import Delegate, Economy
from plans.roles import Role

CATALOGUE_FIXTURES = ["catalogue", "plan_2025_2028", "plan_2017_2020", "plans_earlier"]


def load_catalogue() -> None:
    """Economies, fora, priorities and the plans. Fixtures use natural keys, so this updates
    rows in place and can run again safely."""
    call_command("loaddata", *CATALOGUE_FIXTURES, verbosity=0)


def _account(username: str, *, password: str, first_name: str, last_name: str, **extra) -> User:
    """`password` is already hashed: one slow hash serves every demo account."""
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.org",
            "is_active": True,
            **extra,
        },
    )
    if user.password != password:
        user.password = password
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def create_demo_accounts(*, password: str) -> list[User]:
    """`admin`, `chair`, `director` and `delegate-<code>` for each economy, with one password."""
    existing = User.objects.filter(username="admin").first()
    if existing is None or not existing.check_password(password):
        password = make_password(password)
    else:
        password = existing.password
    groups = {
        role: Group.objects.get_or_create(name=role.value)[0]
        for role in (Role.CHAIR, Role.DIRECTOR, Role.DELEGATE)
    }
    admin = _account(
        "admin",
        password=password,
        first_name="Demo",
        last_name="Administrator",
        is_staff=True,
        is_superuser=True,
    )
    chair = _account("chair", password=password, first_name="Demo", last_name="Chair")
    chair.groups.set([groups[Role.CHAIR]])
    director = _account("director", password=password, first_name="Demo", last_name="Director")
    director.groups.set([groups[Role.DIRECTOR]])
    users = [admin, chair, director]
    for economy in Economy.objects.all():
        delegate = _account(
            f"delegate-{economy.code.lower()}",
            password=password,
            first_name="Demo",
            last_name=f"Delegate ({economy.code})",
        )
        delegate.groups.set([groups[Role.DELEGATE]])
        link, _ = Delegate.objects.get_or_create(user=delegate, defaults={"economy": economy})
        if link.economy_id != economy.pk:
            link.economy = economy
            link.save()
        users.append(delegate)
    return users
