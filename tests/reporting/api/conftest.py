"""API clients that sign in as a program would: with the user's token."""

from django.contrib.auth.models import User
from rest_framework.test import APIClient

from plans.accounts.services import token_issue


def api_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(user=user).key}")
    return client


def api_in_use(user: User) -> APIClient:
    """A client whose token has been used: a token's first use is written down (`last_used`,
    at most every 15 minutes), so that query counts measure the steady state."""
    client = api_for(user)
    assert client.get("/api/").status_code == 200
    return client


def complete_body(section: dict, *, assessment: str = "progressing", **extra) -> dict:
    """A PUT body completing the section as read by GET: every measure assessed."""
    return {
        "version": section["version"],
        "complete": True,
        "entries": [
            {"measure": entry["measure"], "assessment": assessment} for entry in section["entries"]
        ],
        **extra,
    }
