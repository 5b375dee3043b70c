"""Draft -> Submitted -> Returned -> Submitted -> Accepted, through real HTTP."""

import pytest
from django.core import mail

from reporting.models import EconomyReport, ReportSection, ReportStatus
from tests.conftest import client_for
from tests.reporting.factories import fill_report, make_cycle, section_data, start_report

pytestmark = pytest.mark.django_db

URL = "/reports/2026/CHL/"


def test_a_delegate_starts_the_report_with_a_section_per_area(delegate_chl):
    make_cycle(2026)
    client = client_for(delegate_chl)
    response = client.get(URL)
    assert "Start the report" in response.text
    assert not EconomyReport.objects.exists()

    response = client.post(f"{URL}start/")
    assert response.status_code == 302
    report = EconomyReport.objects.get(economy__code="CHL", cycle__year=2026)
    assert report.status == ReportStatus.DRAFT
    assert report.created_by == delegate_chl
    assert [s.title for s in report.sections.select_related("area")][-1] == "General indicators"
    assert report.sections.count() == 6
    assert report.entries.count() == 22

    response = client.get(URL)
    assert "0 of 6 sections complete" in response.text
    # Starting twice (two delegates at once) gives the same report.
    client.post(f"{URL}start/")
    assert EconomyReport.objects.count() == 1


def test_closed_cycle_cannot_be_started(delegate_chl):
    make_cycle(2026, is_open=False)
    client = client_for(delegate_chl)
    assert "Start the report" not in client.get(URL).text
    response = client.post(f"{URL}start/", follow=True)
    assert "reporting cycle is closed" in response.text
    assert not EconomyReport.objects.exists()


def test_submit_return_resubmit_accept(
    delegate_chl, director, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    delegate, boss = client_for(delegate_chl), client_for(director)

    assert "Check and submit the report" in delegate.get(URL).text
    response = delegate.get(f"{URL}check/")
    assert response.status_code == 200
    assert "Check your answers before submitting the report" in response.text
    assert "There is a problem" not in response.text

    with django_capture_on_commit_callbacks(execute=True):
        response = delegate.post(f"{URL}check/")
    assert response["Location"] == f"{URL}submitted/"
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == delegate_chl
    assert "Report submitted" in delegate.get(f"{URL}submitted/").text
    assert [m.to for m in mail.outbox] == [["director@example.org"]]
    assert "Chile submitted its 2026 report" in mail.outbox[0].subject

    # Submitted reports are read-only for delegates.
    assert delegate.get(f"{URL}sections/1/").status_code == 403
    assert delegate.post(f"{URL}check/").status_code == 403

    first_area = report.sections.get(position=1)
    response = boss.post(f"{URL}return/", {"comment": "", f"section_{first_area.pk}": "x"})
    assert response.status_code == 200
    assert "Enter your comments for the economy." in response.text
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    comments = {
        "comment": "Please add the 2025 start-up rate.",
        f"section_{first_area.pk}": "Rate?",
    }
    # First a page that says what returning does, with the comments; nothing changes yet.
    response = boss.post(f"{URL}return/", comments)
    assert response.status_code == 200
    assert "Return the 2026 report of Chile?" in response.text
    assert "Please add the 2025 start-up rate." in response.text
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert "Rate?" in boss.post(f"{URL}return/", {**comments, "edit": "yes"}).text
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        response = boss.post(f"{URL}return/", {**comments, "confirm": "yes"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.reviewed_by == director
    assert mail.outbox[-1].to == ["delegate-chl@example.org"]
    assert "Please add the 2025 start-up rate." in mail.outbox[-1].body

    page = delegate.get(URL).text
    assert "Please add the 2025 start-up rate." in page
    assert "Returned with comments" in page
    assert "Rate?" in delegate.get(f"{URL}sections/1/").text

    data = section_data(first_area, action="continue")
    data["entries-1-value"] = "12.5"
    data["entries-1-reference_year"] = "2025"
    # Not complete again until the delegate says the comments are addressed.
    response = delegate.post(f"{URL}sections/1/", data)
    assert response.status_code == 200
    assert "Confirm that you have addressed the program director&#x27;s comments" in response.text
    data["comments_addressed"] = "on"
    assert delegate.post(f"{URL}sections/1/", data).status_code == 302
    assert delegate.post(f"{URL}check/").status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert str(report.entries.get(measure__area__number=1, measure__number=2).value) == "12.5000"

    response = boss.post(f"{URL}accept/")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert not ReportSection.objects.filter(report=report).exclude(return_comment="").exists()
    assert delegate.get(f"{URL}sections/1/").status_code == 403
    # Accepting twice is refused with a message, not an error page.
    response = boss.post(f"{URL}accept/", follow=True)
    assert "Only a submitted report can be accepted." in response.text


def test_submit_lists_every_problem_linking_to_its_field(delegate_chl):
    report = start_report(delegate_chl)
    client = client_for(delegate_chl)
    response = client.post(f"{URL}check/")
    assert response.status_code == 400
    text = response.text
    assert "There is a problem" in text
    assert f'href="{URL}sections/1/#id_entries-0-assessment"' in text
    assert "“Rate of business start-up”: Choose a progress assessment" in text
    assert f'href="{URL}sections/general/#id_nothing_to_report"' in text
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_director_queue_filters_by_status(delegate_chl, delegate_pe, director):
    start_report(delegate_chl)
    submitted = start_report(delegate_pe, "PE")
    fill_report(delegate_pe, submitted)
    client_for(delegate_pe).post("/reports/2026/PE/check/")

    client = client_for(director)
    page = client.get("/reports/queue/?year=2026").text
    assert "1 draft · 1 submitted · 0 returned · 0 accepted" in page
    assert page.count('<th scope="row" data-label="Economy">') == 21
    page = client.get("/reports/queue/?year=2026&status=submitted").text
    assert page.count('<th scope="row" data-label="Economy">') == 1
    assert "Peru" in page
    page = client.get("/reports/queue/?year=2026&status=missing").text
    assert page.count('<th scope="row" data-label="Economy">') == 19


def test_the_director_opens_and_closes_cycles(director, delegate_chl):
    cycle = make_cycle(2026)
    report = start_report(delegate_chl)
    client = client_for(director)
    assert "Close 2026" in client.get("/reports/cycles/").text
    client.post("/reports/cycles/2026/close/")
    cycle.refresh_from_db()
    assert not cycle.is_open
    # A closed cycle is read-only, even for a draft.
    assert client_for(delegate_chl).get(f"{URL}sections/1/").status_code == 403

    # The director reopens one report for corrections.
    assert client.post(f"{URL}reopen/", {"comment": "Fix the rate"}).status_code == 302
    report.refresh_from_db()
    assert report.reopened
    assert client_for(delegate_chl).get(f"{URL}sections/1/").status_code == 200
    client.post("/reports/cycles/2026/open/")
    client.post("/reports/cycles/2026/close/")
    report.refresh_from_db()
    assert not report.reopened


def test_prefill_from_last_accepted_report_is_opt_in(delegate_chl, director):
    last_year = start_report(delegate_chl, year=2025)
    fill_report(delegate_chl, last_year)
    entry = last_year.entries.get(measure__area__number=1, measure__number=2)
    entry.value, entry.reference_year = 7.5, 2025
    entry.save()
    client_for(delegate_chl).post("/reports/2025/CHL/check/")
    client_for(director).post("/reports/2025/CHL/accept/")

    plain = start_report(delegate_chl, year=2026)
    assert plain.entries.filter(value__isnull=False).count() == 0
    plain.delete()

    client = client_for(delegate_chl)
    client.post(f"{URL}start/", {"prefill": "on"})
    report = EconomyReport.objects.get(cycle__year=2026, economy__code="CHL")
    assert report.prefilled_from == last_year
    copied = report.entries.get(measure__area__number=1, measure__number=2)
    assert (copied.value, copied.reference_year) == (7.5, 2025)
    page = client.get(f"{URL}sections/1/").text
    assert "Last year (2025): <strong>7.5 %</strong> (2025)" in page


def test_accepting_goes_through_a_page_that_says_what_it_does(delegate_chl, director):
    report = start_report(delegate_chl, year=2025)
    fill_report(delegate_chl, report)
    client_for(delegate_chl).post("/reports/2025/CHL/check/")
    boss = client_for(director)
    assert 'href="/reports/2025/CHL/accept/"' in boss.get("/reports/2025/CHL/").text
    page = boss.get("/reports/2025/CHL/accept/")
    assert "Accept the 2025 report of Chile?" in page.text
    assert "read-only for the delegates of Chile" in page.text
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert boss.post("/reports/2025/CHL/accept/").status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


def test_back_after_submitting_shows_the_submitted_report(delegate_chl, director, chair):
    """The browser's Back button after “Submit” asks for the check page again: its delegate
    sees the report as submitted and why it cannot change, not a refusal; a second submit is
    refused with that reason; the read-only roles are refused the page as before."""
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    delegate = client_for(delegate_chl)
    assert delegate.post(f"{URL}check/")["Location"] == f"{URL}submitted/"

    response = delegate.get(f"{URL}check/", follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert response.status_code == 200
    assert "This report is submitted: it cannot be changed." in response.text
    assert "Check and submit the report" not in response.text

    response = delegate.post(f"{URL}check/")
    assert response.status_code == 403
    assert "This report is submitted: it cannot be changed." in response.text
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    for reader in (director, chair):
        assert client_for(reader).get(f"{URL}check/").status_code == 403

    client_for(director).post(f"{URL}accept/")
    response = delegate.get(f"{URL}check/", follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "This report is accepted: it cannot be changed." in response.text


def test_the_director_queue_is_paged_and_filtered_by_economy(delegate_chl, director):
    """51 economies: three pages of 21, 21 and 9; the pager keeps the filters; an economy is
    found by its code or a part of its name."""
    from plans.models import Economy

    start_report(delegate_chl)
    Economy.objects.bulk_create(
        Economy(
            code=f"ZA{chr(65 + i)}",
            name=f"Economy {i}",
            short_name=f"Economy {i}",
            position=100 + i,
        )
        for i in range(26)
    )
    Economy.objects.bulk_create(
        Economy(
            code=f"ZB{chr(65 + i)}",
            name=f"Economy {26 + i}",
            short_name=f"Economy {26 + i}",
            position=200 + i,
        )
        for i in range(4)
    )
    client = client_for(director)
    rows = '<th scope="row" data-label="Economy">'
    page = client.get("/reports/queue/?year=2026").text
    assert page.count(rows) == 21
    assert "— of 51 economies." in page
    assert "Economies 1–21 of 51" in page
    assert 'href="?year=2026&amp;page=2" rel="next"' in page
    last = client.get("/reports/queue/?year=2026&page=3").text
    assert last.count(rows) == 9
    assert "Economy 29" in last
    assert "Chile" not in last
    missing = client.get("/reports/queue/?year=2026&status=missing&page=3").text
    assert missing.count(rows) == 8  # 50 not started: Chile's report is a draft
    assert 'href="?year=2026&amp;status=missing&amp;page=2" rel="prev"' in missing
    for typed in ("CHL", "chile", "Chil"):
        found = client.get(f"/reports/queue/?year=2026&economy={typed}").text
        assert found.count(rows) == 1, typed
        assert 'data-label="Economy">Chile</th>' in found
    assert (
        client.get("/reports/queue/?year=2026&economy=Chile&status=missing").text.count(rows) == 0
    )
