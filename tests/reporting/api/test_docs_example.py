"""The API guide's worked example (docs/api.md) runs as written, and so do the schema's request
examples: a reader who pastes them must not meet a 400."""

import re
import shlex
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from rest_framework.test import APIClient

from plans.accounts.services import token_issue
from reporting.api.views import GENERAL_EXAMPLE, SUBMISSION_EXAMPLE
from tests.reporting.api.conftest import api_for, complete_body
from tests.reporting.factories import make_cycle

pytestmark = pytest.mark.django_db

API_GUIDE = Path(__file__).resolve().parents[3] / "docs" / "api.md"


def worked_example_commands() -> list[list[str]]:
    """The shell lines of the first ```sh block of the API guide's "A worked example" section,
    each command split as the shell would (a quoted body may span lines), variables expanded."""
    text = API_GUIDE.read_text(encoding="utf-8")
    section = text.split("\n## A worked example\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("\n```", 1)[0]
    commands, pending = [], ""
    for line in block.splitlines():
        pending += line + "\n"
        try:
            words = shlex.split(pending, comments=True)
        except ValueError:  # a quote still open: the command goes on
            continue
        pending = ""
        if words:
            commands.append(words)
    assert not pending, "A quote is left open in the API guide's worked example."
    return commands


def expand(word: str, variables: dict[str, str]) -> str:
    return re.sub(r"\$(\w+)", lambda found: variables[found.group(1)], word)


def run_curl(client: Client, words: list[str], variables: dict[str, str]):
    """A curl command line through Django's test client: -H, -X, -d and the URL."""
    words = [expand(word, variables) for word in words]
    assert words[0] == "curl"
    headers, method, body, url = {}, None, None, None
    options = iter(words[1:])
    for word in options:
        if word == "-H":
            name, _, value = next(options).partition(":")
            headers[name.strip().lower()] = value.strip()
        elif word == "-X":
            method = next(options)
        elif word == "-d":
            body = next(options)
        else:
            url = word
    assert url is not None
    assert url.startswith("http://127.0.0.1:8000/api/"), url
    path = url.removeprefix("http://127.0.0.1:8000")
    method = method or ("POST" if body is not None else "GET")
    extra = {"HTTP_AUTHORIZATION": headers.pop("authorization")}
    content_type = headers.pop("content-type", "application/octet-stream")
    assert not headers, f"A header the test does not send: {headers}"
    return client.generic(method, path, body or "", content_type=content_type, **extra)


def test_the_api_guides_worked_example_runs_as_written(delegate_chl):
    make_cycle(2026)
    # The reader pastes their own token where the example says TOKEN=...
    variables = {"TOKEN": token_issue(user=delegate_chl).key}
    answers = []
    for words in worked_example_commands():
        if words[0] != "curl":  # NAME=value
            name, _, value = words[0].partition("=")
            if name != "TOKEN":
                variables[name] = expand(value, variables)
            continue
        if "submit" in words[-1]:
            # "... the other sections the same way": what the example leaves to the reader.
            fill_the_other_sections(variables["TOKEN"])
        answer = run_curl(Client(), words, variables)
        assert answer.status_code in (200, 201), (answer.request["PATH_INFO"], answer.json())
        answers.append(answer)
    assert [a.request["REQUEST_METHOD"] for a in answers] == ["POST", "GET", "PUT", "POST"]
    written = answers[2].json()
    assert written["state"] == "completed"
    rate = next(entry for entry in written["entries"] if entry["value"] is not None)
    assert (Decimal(rate["value"]), rate["unit"]) == (Decimal("12.5"), "%")
    assert answers[3].json()["status"] == "submitted"


def fill_the_other_sections(token: str) -> None:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    report = api.get("/api/reports/2026/CHL/").json()
    for section in report["sections"]:
        if section["slug"] == "1":
            continue
        url = f"/api/reports/2026/CHL/sections/{section['slug']}/"
        body = (
            complete_body(section)
            if section["slug"] != "general"
            else {"version": section["version"], "complete": True, "nothing_to_report": True}
        )
        assert api.put(url, body, format="json").status_code == 200


@pytest.mark.parametrize(
    ("example", "slug"), [(SUBMISSION_EXAMPLE, "1"), (GENERAL_EXAMPLE, "general")]
)
def test_the_schema_examples_are_accepted(delegate_chl, example, slug):
    make_cycle(2026)
    api = api_for(delegate_chl)
    assert api.post("/api/reports/", {"year": 2026, "economy": "CHL"}, format="json").status_code
    url = f"/api/reports/2026/CHL/sections/{slug}/"
    answer = api.put(url, example.value, format="json")
    assert answer.status_code == 200, answer.json()
