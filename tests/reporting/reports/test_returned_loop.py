"""The returned-report loop end to end: the director's comments on every page that asks for
changes, no resubmission until every commented section is confirmed "comments addressed" on its
page (a workbook upload never confirms it), and the director's view of what changed since."""

import pytest

from reporting.models import ReportSection, ReportStatus
from reporting.reports import services
from tests.conftest import client_for
from tests.reporting.factories import fill_report, section_data, start_report
from tests.reporting.workbook.test_round_trip import (
    PREVIEW,
    download,
    edited,
    entry_row,
    field_row,
    hidden_inputs,
    put,
    upload,
)

pytestmark = pytest.mark.django_db

URL = "/reports/2026/CHL/"
GENERAL = "Please give the source of the start-up rate."
ON_AREA_1 = "The start-up rate needs its data source."


@pytest.fixture
def returned(delegate_chl, director):
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    services.report_submit(report_id=report.pk, user=delegate_chl)
    area_1 = report.sections.get(position=1)
    services.report_return(
        report_id=report.pk,
        user=director,
        comment=GENERAL,
        section_comments={area_1.pk: ON_AREA_1},
    )
    report.refresh_from_db()
    return report


def test_the_comments_show_on_every_section_and_the_check_page(returned, delegate_chl):
    client = client_for(delegate_chl)
    for slug in ["1", "2", "general"]:
        page = client.get(f"{URL}sections/{slug}/").text
        assert GENERAL in page, slug
        assert (ON_AREA_1 in page) == (slug == "1"), slug
        assert ("I have addressed the program director" in page) == (slug == "1"), slug
    page = client.get(f"{URL}check/").text
    assert GENERAL in page
    assert ON_AREA_1 in page


def test_a_returned_section_is_complete_only_once_its_comments_are_addressed(
    returned, delegate_chl
):
    area_1 = returned.sections.get(position=1)
    assert area_1.state == ReportSection.State.IN_PROGRESS  # the return reopened it
    client = client_for(delegate_chl)
    page = client.get(URL).text
    assert "5 of 6 sections complete" in page
    assert "Returned with comments" in page
    assert "Check and submit the report" not in page

    # Saved and continued, unchanged and unconfirmed: refused, nothing saved.
    data = section_data(area_1, action="continue")
    response = client.post(f"{URL}sections/1/", data)
    assert response.status_code == 200
    assert "Confirm that you have addressed" in response.text
    area_1.refresh_from_db()
    assert (area_1.state, area_1.comments_addressed, area_1.version) == ("in_progress", False, 1)
    assert client.post(f"{URL}check/").status_code == 400  # cannot be resubmitted yet

    data["entries-1-source"] = "Ministry of Economy, business register"
    data["comments_addressed"] = "on"
    data["reply"] = "Source added; the rate is for 2025."
    assert client.post(f"{URL}sections/1/", data).status_code == 302
    area_1.refresh_from_db()
    assert area_1.state == ReportSection.State.COMPLETED
    assert area_1.comments_addressed
    assert area_1.reply == "Source added; the rate is for 2025."
    assert "6 of 6 sections complete" in client.get(URL).text
    assert client.post(f"{URL}check/").status_code == 302
    returned.refresh_from_db()
    assert returned.status == ReportStatus.SUBMITTED


def test_a_workbook_upload_does_not_mark_comments_addressed(returned, delegate_chl):
    client = client_for(delegate_chl)
    entry = returned.entries.get(measure__area__number=1, measure__number=2)

    def change_one_value(workbook):
        ws = workbook["Area 1"]
        put(ws, "entries", entry_row(ws, entry), value=13.5, reference_year=2025)

    def and_complete(workbook):
        change_one_value(workbook)
        ws = workbook["Area 1"]
        ws.cell(field_row(ws, "complete"), 3, "Yes")

    # Completing the returned section from the workbook is refused, and nothing is saved.
    upload(client, edited(download(client), and_complete))
    page = client.get(PREVIEW).text
    assert "confirm on the section&#x27;s page that the comments are addressed" in page
    client.post(PREVIEW, hidden_inputs(page))  # a page with problems has nothing to confirm
    entry.refresh_from_db()
    assert entry.value is None

    # The value alone is saved; the section still waits for its delegate's confirmation.
    upload(client, edited(download(client), change_one_value))
    page = client.get(PREVIEW).text
    assert client.post(PREVIEW, hidden_inputs(page)).status_code == 302
    entry.refresh_from_db()
    assert str(entry.value) == "13.5000"
    area_1 = returned.sections.get(position=1)
    assert not area_1.comments_addressed
    assert area_1.state == ReportSection.State.IN_PROGRESS
    assert client.post(f"{URL}check/").status_code == 400


def test_the_director_sees_what_changed_since_the_return(returned, delegate_chl, director):
    area_1 = returned.sections.get(position=1)
    data = section_data(area_1, action="continue")
    data["entries-1-value"] = "14,25"
    data["entries-1-reference_year"] = "2025"
    data["comments_addressed"] = "on"
    data["reply"] = "Value corrected."
    delegate = client_for(delegate_chl)
    assert delegate.post(f"{URL}sections/1/", data).status_code == 302
    assert delegate.post(f"{URL}check/").status_code == 302

    page = client_for(director).get(URL).text
    assert "Changed since you returned it on" in page
    assert "Measure 1.2 “Rate of business start-up”" in page
    assert (
        '<th scope="row">Value</th><td class="pre-line">–</td><td class="pre-line">14.25</td>'
        in page
    )
    assert (
        '<th scope="row">Reference year</th><td class="pre-line">–</td>'
        '<td class="pre-line">2025</td>' in page
    )
    assert "Value corrected." in page
    # Only what changed since the return: the first submission's answers are not listed.
    assert (
        "Progress assessment"
        not in page.split("Changed since you returned it on")[1].split("</section>")[0]
    )
    # The delegate does not get the director's comparison.
    assert "Changed since you returned it on" not in delegate.get(URL).text
