"""The Content-Security-Policy header: our own scripts and styles only, no inline code."""

import re

import pytest
from django.test import Client

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_every_page_says_only_our_own_files_run():
    response = Client().get("/accounts/login/")
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url", ["/dashboard/2025-2028/", "/reviews/2025-2028/midterm/", "/plans/2025-2028/"]
)
def test_pages_with_charts_have_no_inline_style_or_script(director, url):
    response = client_for(director).get(url)
    assert response.status_code == 200
    page = response.text
    assert "style=" not in page
    assert "<style" not in page
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", page) == []


def test_the_api_docs_run_no_inline_script():
    response = Client().get("/api/docs/")
    assert response.status_code == 200
    directives = policy(response)
    # Swagger UI sets styles from its script and ships an inline <style>: on this page only.
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["script-src"] == ["'self'"]
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", response.text) == []
    script = re.search(r'<script src="([^"]*\?script=[^"]*)"', response.text).group(1)
    init = Client().get(script.replace("&amp;", "&"))
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
