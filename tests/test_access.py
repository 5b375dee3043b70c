"""The permission matrix: every URL, every role, walked from the URLconf.

A URL added to the project without a row here fails `test_every_url_is_in_the_matrix`, so no
page can escape the access rules.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "delegate_chl", "delegate_pe", "director", "chair"]
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
# The Django admin guards itself (staff only) and is tested in test_admin_is_staff_only.
OWN_ACCESS_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class Case:
    name: str
    kwargs: dict = field(default_factory=dict)
    # role -> expected status of a GET; anonymous users are sent to the login page.
    get: dict = field(default_factory=dict)
    # Methods other than GET/HEAD that the view refuses with 405.
    refuses: tuple = ("post",)


def everyone(status: int = 200) -> dict:
    return {"anonymous": "login", **dict.fromkeys(SIGNED_IN, status)}


MATRIX = [
    Case("home", get=everyone()),
    Case("login", get={"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}, refuses=()),
    Case("logout", get={"anonymous": "login", **dict.fromkeys(SIGNED_IN, 405)}, refuses=()),
    Case("plans:plan-list", get=everyone()),
    Case("plans:plan-detail", {"code": "2025-2028"}, get=everyone()),
]


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in OWN_ACCESS_NAMESPACES:
                continue
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}<unnamed {pattern.pattern}>")
    return names


def test_every_url_is_in_the_matrix():
    assert url_names() == {case.name for case in MATRIX}


@pytest.fixture
def clients(delegate_chl, delegate_pe, director, chair):
    users = {
        "delegate_chl": delegate_chl,
        "delegate_pe": delegate_pe,
        "director": director,
        "chair": chair,
    }
    return {"anonymous": client_for(None)} | {
        role: client_for(user) for role, user in users.items()
    }


@pytest.mark.parametrize("case", MATRIX, ids=lambda case: case.name)
def test_get_as_every_role(case, clients):
    url = reverse(case.name, kwargs=case.kwargs)
    for role in ROLES:
        expected = case.get[role]
        response = clients[role].get(url)
        if expected == "login":
            assert response.status_code == 302, role
            assert response["Location"].startswith(f"{reverse('login')}?next="), role
        else:
            assert response.status_code == expected, (role, response.status_code)


@pytest.mark.parametrize("case", [c for c in MATRIX if c.refuses], ids=lambda case: case.name)
def test_wrong_method_is_405(case, clients):
    url = reverse(case.name, kwargs=case.kwargs)
    for method in case.refuses:
        response = getattr(clients["director"], method)(url)
        assert response.status_code == 405, method


def test_admin_is_staff_only(clients, administrator):
    assert clients["anonymous"].get("/admin/").status_code == 302
    for role in SIGNED_IN:
        response = clients[role].get("/admin/")
        assert response.status_code == 302, role
        assert response["Location"].startswith("/admin/login/"), role
    assert client_for(administrator).get("/admin/").status_code == 200
