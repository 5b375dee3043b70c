"""The permission matrix: every URL, every role, walked from the URLconf.

A URL added to the project without a row here fails `test_every_url_is_in_the_matrix`, so no
page can escape the access rules.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import client_for
from tests.reporting.factories import start_report

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
    # role -> expected status of an empty POST, for views that take one.
    post: dict = field(default_factory=dict)
    # Methods other than GET/HEAD that the view refuses with 405.
    refuses: tuple = ("post",)


def everyone(status: int = 200) -> dict:
    return {"anonymous": "login", **dict.fromkeys(SIGNED_IN, status)}


def roles(chl, pe, director, chair) -> dict:
    return {
        "anonymous": "login",
        "delegate_chl": chl,
        "delegate_pe": pe,
        "director": director,
        "chair": chair,
    }


CHL_2026 = {"year": 2026, "code": "CHL"}
POST_ONLY = roles(405, 405, 405, 405)

MATRIX = [
    Case("home", get=everyone()),
    Case("login", get={"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}, refuses=()),
    Case("logout", get={"anonymous": "login", **dict.fromkeys(SIGNED_IN, 405)}, refuses=()),
    Case("plans:plan-list", get=everyone()),
    Case("plans:plan-detail", {"code": "2025-2028"}, get=everyone()),
    Case("reporting:report-list", get=everyone()),
    Case("reporting:queue", get=roles(403, 403, 200, 200)),
    Case("reporting:cycle-list", get=roles(403, 403, 200, 200)),
    Case(
        "reporting:cycle-toggle",
        {"year": 2026, "action": "close"},
        get=POST_ONLY,
        post=roles(403, 403, 302, 403),
        refuses=(),
    ),
    Case("reporting:report-detail", CHL_2026, get=roles(200, 404, 200, 200)),
    Case(
        "reporting:report-start",
        CHL_2026,
        get=POST_ONLY,
        post=roles(302, 404, 403, 403),
        refuses=(),
    ),
    Case(
        "reporting:section-edit",
        {**CHL_2026, "section": "1"},
        get=roles(200, 404, 403, 403),
        post=roles(200, 404, 403, 403),
        refuses=("put", "delete"),
    ),
    Case(
        "reporting:report-check",
        CHL_2026,
        get=roles(200, 404, 403, 403),
        post=roles(400, 404, 403, 403),
        refuses=("put", "delete"),
    ),
    Case("reporting:report-submitted", CHL_2026, get=roles(302, 404, 302, 302)),
    Case(
        "reporting:report-return",
        CHL_2026,
        get=roles(403, 404, 200, 403),
        post=roles(403, 404, 200, 403),
        refuses=("put",),
    ),
    Case(
        "reporting:report-accept",
        CHL_2026,
        get=POST_ONLY,
        post=roles(403, 404, 302, 403),
        refuses=(),
    ),
    Case(
        "reporting:report-reopen",
        CHL_2026,
        get=roles(403, 404, 200, 403),
        post=roles(403, 404, 302, 403),
        refuses=("put",),
    ),
    Case("reporting:report-history", CHL_2026, get=roles(200, 404, 200, 200)),
    Case("dashboard:index", get=everyone(302)),
    Case("dashboard:plan", {"code": "2025-2028"}, get=everyone()),
    Case("dashboard:measure", {"code": "2025-2028", "area": 1, "number": 2}, get=everyone()),
    Case("dashboard:search", {"code": "2025-2028"}, get=everyone()),
]
# POSTs change things: the role that may make the change goes last.
POST_ORDER = ["anonymous", "delegate_pe", "delegate_chl", "chair", "director"]


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
    start_report(delegate_chl, "CHL", 2026)
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
        check(clients[role].get(url), case.get[role], role)


def check(response, expected, role: str) -> None:
    if expected == "login":
        assert response.status_code == 302, role
        assert response["Location"].startswith(f"{reverse('login')}?next="), role
    else:
        assert response.status_code == expected, (role, response.status_code)


@pytest.mark.parametrize("case", [c for c in MATRIX if c.post], ids=lambda case: case.name)
def test_post_as_every_role(case, clients):
    url = reverse(case.name, kwargs=case.kwargs)
    for role in POST_ORDER:
        check(clients[role].post(url), case.post[role], role)


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
