"""An economy's team in a real browser, with axe-core at desktop and phone widths: the director
invites a contributor for Chile, who sets a password from the e-mail's link once Chile's delegate
has assigned them area 1 on the team page; the contributor fills area 1, cannot submit, and Chile's
delegate checks the report, sees who changed each section, and submits it."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from reporting.reports.models import EconomyReport
from tests.browser.conftest import sign_in
from tests.browser.test_invitations import open_emailed_link, set_password
from tests.browser.test_password_reset import BothWidths
from tests.browser.test_report_journey import AREA_1, REPORT, fill_area_1, sign_out
from tests.reporting.factories import start_report, write_section

pytestmark = pytest.mark.browser

CONTRIBUTOR = "stats@ine.example.cl"


def test_an_invited_contributor_fills_a_section_and_the_delegate_submits(page: Page):
    delegate = User.objects.get(username="delegate-chl")
    report = start_report(delegate)
    for slug in ["2", "3", "4", "5", "general"]:
        write_section(delegate, report, slug, nothing=True)
    journey = BothWidths(page, "team")

    sign_in(page, "director")
    page.goto("/accounts/invitations/")
    page.get_by_label("E-mail address").fill(CONTRIBUTOR)
    page.get_by_label("Role").select_option(label="Contributor of an economy")
    page.get_by_label("Economy").select_option(label="Chile")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation is on its way")).to_be_visible()
    expect(page.get_by_text("Contributor for Chile")).to_be_visible()
    journey.step("invited")
    sign_out(page)

    open_emailed_link(page)
    expect(page.get_by_text("You are invited as contributor for Chile")).to_be_visible()
    journey.step("accept")
    set_password(page)
    expect(page.get_by_text("Contributor for Chile")).to_be_visible()
    sign_out(page)

    # The delegate gives the newcomer area 1.
    sign_in(page, "delegate-chl")
    page.goto(REPORT)
    page.get_by_role("link", name="Your team").click()
    expect(page.get_by_role("heading", name="Chile’s team", level=1)).to_be_visible()
    journey.step("team")
    newcomer = page.get_by_role("region", name=re.compile(re.escape(CONTRIBUTOR)))
    newcomer.get_by_label(AREA_1, exact=True).check()
    newcomer.get_by_role("button", name="Save the sections").click()
    expect(page.get_by_text(f"The sections of {CONTRIBUTOR} are saved.")).to_be_visible()
    journey.step("assigned")
    sign_out(page)

    # The contributor fills area 1 and finds no way to submit.
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(CONTRIBUTOR)
    page.get_by_label("Password").fill("a-new-password-for-apec")
    page.get_by_role("button", name="Sign in").click()
    page.goto(REPORT)
    expect(page.get_by_text("(not one of your sections)")).to_have_count(5)
    journey.step("contributor-task-list")
    page.get_by_role("link", name=AREA_1).click()
    fill_area_1(page)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text(f"“{AREA_1}” is complete.")).to_be_visible()
    expect(page.get_by_text("6 of 6 sections complete")).to_be_visible()
    expect(page.get_by_role("link", name="Check and submit the report")).to_have_count(0)
    expect(page.get_by_text("Your economy's delegate checks the report")).to_be_visible()
    journey.step("contributor-cannot-submit")
    response = page.goto(f"{REPORT}check/")
    assert response is not None
    assert response.status == 403
    sign_out(page)

    # The delegate checks who changed what, and submits.
    sign_in(page, "delegate-chl")
    page.goto(REPORT)
    page.get_by_role("link", name="Check and submit the report").click()
    expect(page.get_by_text(f"Last changed by {CONTRIBUTOR} on")).to_be_visible()
    journey.step("check")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.get_by_role("heading", name="Report submitted")).to_be_visible()
    assert EconomyReport.objects.get(pk=report.pk).status == "submitted"
    journey.assert_accessible()
