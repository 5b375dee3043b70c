"""The public pages kept whole for anonymous readers, per page, until an act changes what the
page shows (a release, a withdrawal, a publication, a catalogue change); the headers let a
proxy keep them, never a signed-in reader's."""

import re

import pytest

from plans.catalogue.data_version import data_version_bump
from plans.models import StrategicPlan
from reporting.annual import services as annual_services
from reporting.reports import services
from tests.conftest import client_for
from tests.reporting.public.factories import accepted_report, final_annual_report

pytestmark = pytest.mark.django_db

REPORT = "/public/reports/2026/CHL/"


@pytest.fixture(autouse=True)
def kept(settings):
    settings.PUBLIC_CACHE_SECONDS = 3600
    settings.PUBLIC_MAX_AGE = 300


def test_an_anonymous_readers_page_is_kept_with_headers_for_a_proxy(
    delegate_chl, director, django_assert_max_num_queries
):
    report = accepted_report(delegate_chl, director)
    services.report_release(report_id=report.pk, user=delegate_chl)
    anonymous = client_for(None)
    first = anonymous.get(REPORT)
    assert first["Cache-Control"] == "public, max-age=300"
    # Kept: the topics' generations, the catalogue's version, the page.
    with django_assert_max_num_queries(3):
        again = anonymous.get(REPORT)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert anonymous.get(REPORT, headers={"If-None-Match": first["ETag"]}).status_code == 304
    data = anonymous.get("/public/data/released-reports.csv")
    with django_assert_max_num_queries(3):
        kept_data = anonymous.get("/public/data/released-reports.csv")
    assert kept_data["Access-Control-Allow-Origin"] == "*"
    assert kept_data["Content-Type"] == data["Content-Type"]


def test_a_signed_in_readers_page_is_private_and_never_kept(delegate_chl, director):
    report = accepted_report(delegate_chl, director)
    services.report_release(report_id=report.pk, user=delegate_chl)
    for path in ("/public/", REPORT, "/public/feed.atom"):
        response = client_for(director).get(path)
        assert "public" not in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path
        assert "ETag" not in response, path


def test_each_act_changes_the_pages_that_show_it_at_once(delegate_chl, director):
    anonymous = client_for(None)
    report = accepted_report(delegate_chl, director)
    assert "CHL" not in anonymous.get("/public/").text
    documents = published_links(anonymous.get("/public/documents/").text)
    assert anonymous.get(REPORT).status_code == 404

    services.report_release(report_id=report.pk, user=delegate_chl)
    assert anonymous.get(REPORT).status_code == 200
    assert "/public/economies/CHL/" in anonymous.get("/public/").text
    assert "/public/reports/2026/CHL/" in anonymous.get("/public/feed.atom").text
    # A release leaves the documents listed as they were (the page's as-of date and the
    # catalogue's figures follow the plan's data version, which a release moves).
    assert published_links(anonymous.get("/public/documents/").text) == documents

    annual = final_annual_report(director)
    annual_services.annual_report_publish(report_id=annual.pk, user=director)
    assert "/public/documents/2025-2028/2026/" in anonymous.get("/public/documents/").text
    assert "/public/documents/2025-2028/2026/" in anonymous.get("/public/").text
    annual_services.annual_report_withdraw(report_id=annual.pk, user=director, reason="Wrong.")
    assert "/public/documents/2025-2028/2026/" not in anonymous.get("/public/documents/").text

    services.report_withdraw(report_id=report.pk, user=delegate_chl)
    assert anonymous.get(REPORT).status_code == 404
    assert anonymous.get("/public/economies/CHL/").status_code == 404
    assert "/public/economies/CHL/" not in anonymous.get("/public/").text
    assert "/public/reports/2026/CHL/" not in anonymous.get("/public/sitemap.xml").text


def test_a_catalogue_change_shows_on_the_plans_page(db):
    anonymous = client_for(None)
    assert "A fairer region." not in anonymous.get("/public/").text
    # What the admin does on a catalogue change: the row, then every plan's data version.
    StrategicPlan.objects.filter(code="2025-2028").update(vision="A fairer region.")
    data_version_bump()
    assert "A fairer region." in anonymous.get("/public/").text


def published_links(page: str) -> list[str]:
    return re.findall(r'href="(/public/documents/[^"]+)"', page)
