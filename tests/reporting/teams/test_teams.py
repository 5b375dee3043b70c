"""An economy's team: the director invites a contributor, the delegate assigns sections on the
team page, the contributor edits those alone (pages, service, API, workbook) and never submits;
the delegate checks, sees who changed each section, and submits. The e-mails reach the people
of the sections concerned."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client

from plans.accounts.invitations import account_deactivate
from plans.accounts.models import Delegate, SectionAssignment
from plans.accounts.roles import Role, identity_of
from plans.accounts.teams import TeamRefused, team_assign
from plans.models import Economy
from reporting.reports import services
from reporting.reports.reminders import delegate_addresses
from reporting.reports.services import ReportError, SectionNotAssigned
from tests.conftest import client_for
from tests.reporting.api.conftest import api_for
from tests.reporting.factories import fill_report, start_report, write_section
from tests.reporting.workbook.test_round_trip import (
    PREVIEW,
    download,
    edited,
    field_row,
    hidden_inputs,
    upload,
)

pytestmark = pytest.mark.django_db

REPORT = "/reports/2026/CHL/"
TEAM = "/reports/team/CHL/"
PEOPLE = "/accounts/invitations/"
VALID = ["1", "2", "3", "4", "5", "general"]


def assign(delegate: User, contributor: User, sections: list[str], all_sections=False):
    return team_assign(
        by=delegate,
        contributor=contributor,
        all_sections=all_sections,
        sections=sections,
        valid=VALID,
    )


def fresh(user: User) -> User:
    """The user read again: identity_of keeps what it read on the object."""
    return User.objects.get(pk=user.pk)


def make_contributor(username: str, code: str = "CHL") -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "x", first_name="Ana")
    user.groups.add(Group.objects.get_or_create(name=Role.CONTRIBUTOR)[0])
    Delegate.objects.create(user=user, economy=Economy.objects.get(code=code))
    return user


def test_the_director_invites_a_contributor_who_starts_with_no_section(director):
    response = client_for(director).post(
        PEOPLE,
        {
            "action": "invite",
            "email": "stats@ine.example.cl",
            "role": "Contributor",
            "economy": "CHL",
        },
    )
    assert response.status_code == 302
    [sent] = mail.outbox
    assert "as contributor for Chile" in sent.body
    (link,) = re.findall(r"http://127\.0\.0\.1:8000(/accounts/invitations/\S+/)", sent.body)
    page = Client().get(link).text
    assert "You are invited as contributor for Chile" in page

    response = Client().post(
        link, {"new_password1": "a-new-password-ok", "new_password2": "a-new-password-ok"}
    )
    assert response.status_code == 302
    user = User.objects.get(username="stats@ine.example.cl")
    identity = identity_of(user)
    assert identity.is_contributor
    assert not identity.is_delegate
    assert identity.economy_code == "CHL"
    assert identity.label == "Contributor for Chile"
    assert not identity.edits_section("CHL", "1")  # until the delegate assigns
    response = Client().post(
        "/accounts/login/",
        {"username": "stats@ine.example.cl", "password": "a-new-password-ok"},
    )
    assert response.status_code == 302


def test_existing_delegates_are_heads_of_delegation(delegate_chl, delegate_pe):
    # The roles of before map unchanged: a Delegate group and economy make the head.
    for delegate, code in [(delegate_chl, "CHL"), (delegate_pe, "PE")]:
        identity = identity_of(delegate)
        assert identity.is_delegate
        assert not identity.is_contributor
        assert all(identity.edits_section(code, slug) for slug in VALID)


def test_the_delegate_assigns_sections_on_the_team_page(delegate_chl, contributor_chl):
    page = client_for(delegate_chl).get(TEAM).text
    assert "Demo Contributor (CHL)" in page
    prefix = f"c{contributor_chl.pk}"
    response = client_for(delegate_chl).post(
        TEAM, {"contributor": contributor_chl.pk, f"{prefix}-sections": ["3", "general"]}
    )
    assert response.status_code == 302
    assignment = SectionAssignment.objects.get(user=contributor_chl)
    assert (assignment.all_sections, assignment.sections) == (False, ["3", "general"])
    assert assignment.history.latest().history_user == delegate_chl
    identity = identity_of(fresh(contributor_chl))
    assert identity.edits_section("CHL", "3")
    assert not identity.edits_section("CHL", "1")

    client_for(delegate_chl).post(
        TEAM, {"contributor": contributor_chl.pk, f"{prefix}-all_sections": "on"}
    )
    assert all(identity_of(fresh(contributor_chl)).edits_section("CHL", s) for s in VALID)


def test_only_the_delegate_of_the_economy_assigns(contributor_chl, delegate_pe, director):
    for someone in (contributor_chl, delegate_pe, director):
        with pytest.raises(TeamRefused):
            assign(someone, contributor_chl, ["3"])
    response = client_for(contributor_chl).post(
        TEAM, {"contributor": contributor_chl.pk, f"c{contributor_chl.pk}-sections": ["3"]}
    )
    assert response.status_code == 403
    assert SectionAssignment.objects.get(user=contributor_chl).sections == ["1", "2"]


def test_a_contributor_edits_only_the_assigned_sections(delegate_chl, contributor_chl):
    report = start_report(delegate_chl)
    # Areas 1 and 2 are Chile's contributor's (plans/demo.py).
    assert client_for(contributor_chl).get(f"{REPORT}sections/1/").status_code == 200
    assert client_for(contributor_chl).get(f"{REPORT}sections/3/").status_code == 403
    write_section(contributor_chl, report, "1", nothing=True)
    assert report.sections.get(area__number=1).updated_by == contributor_chl

    # The service refuses on its own, whatever page or client calls it.
    with pytest.raises(SectionNotAssigned):
        write_section(contributor_chl, report, "3", nothing=True)
    assert report.sections.get(area__number=3).version == 0

    page = client_for(contributor_chl).get(REPORT).text
    assert f'href="{REPORT}sections/1/"' in page
    assert f'href="{REPORT}sections/3/"' not in page
    assert "3. " in page
    assert "(not one of your sections)" in page


def test_a_contributor_cannot_submit_the_delegate_does(delegate_chl, contributor_chl):
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    page = client_for(contributor_chl).get(REPORT).text
    assert "Check and submit the report" not in page
    assert "delegate checks the report and submits it" in page
    assert client_for(contributor_chl).post(f"{REPORT}check/").status_code == 403
    with pytest.raises(ReportError, match="Only the economy's delegate submits"):
        services.report_submit(report_id=report.pk, user=contributor_chl)
    response = api_for(contributor_chl).post("/api/reports/2026/CHL/submit/")
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "draft"

    assert "Check and submit the report" in client_for(delegate_chl).get(REPORT).text
    response = client_for(delegate_chl).post(f"{REPORT}check/")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"


def test_the_api_writes_only_the_contributors_sections(delegate_chl, contributor_chl):
    start_report(delegate_chl)
    client = api_for(contributor_chl)
    section = client.get("/api/reports/2026/CHL/sections/3/").json()
    body = {"version": section["version"], "complete": False, "nothing_to_report": True}
    response = client.put("/api/reports/2026/CHL/sections/3/", body, format="json")
    assert response.status_code == 403


def test_the_check_page_says_who_last_changed_each_section(delegate_chl, contributor_chl):
    report = start_report(delegate_chl)
    write_section(contributor_chl, report, "1", nothing=True)
    write_section(delegate_chl, report, "2", nothing=True)
    page = client_for(delegate_chl).get(f"{REPORT}check/").text
    changed = re.findall(r"Last changed by ([^<]+) on <time", page)
    assert changed == ["Demo Contributor (CHL)", "Demo Delegate (CHL)"]
    assert re.search(r"\d\d:\d\d UTC</time></p>", page)  # the zone named


def test_the_returned_e_mail_reaches_the_contributors_of_commented_sections(
    delegate_chl, contributor_chl, director, django_capture_on_commit_callbacks
):
    other = make_contributor("trade-chl")
    assign(delegate_chl, other, ["4"])
    report = start_report(delegate_chl)
    fill_report(delegate_chl, report)
    services.report_submit(report_id=report.pk, user=delegate_chl)
    area_2 = report.sections.get(area__number=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(
            report_id=report.pk,
            user=director,
            comment="Please check area 2.",
            section_comments={area_2.pk: "Which year?"},
        )
    [sent] = mail.outbox
    # Area 2 is contributor-chl's; area 4's contributor has nothing to address.
    assert sorted(sent.to) == ["contributor-chl@example.org", "delegate-chl@example.org"]


def test_reminders_go_to_contributors_with_sections(delegate_chl, contributor_chl):
    make_contributor("unassigned-chl")
    chile = Economy.objects.get(code="CHL")
    assert delegate_addresses(chile) == [
        "contributor-chl@example.org",
        "delegate-chl@example.org",
    ]
    assign(delegate_chl, contributor_chl, [])
    assert delegate_addresses(chile) == ["delegate-chl@example.org"]


def test_the_people_page_lists_contributors_and_deactivates_them(director, contributor_chl):
    page = client_for(director).get(PEOPLE).text
    assert "contributor-chl@example.org" in page
    # The sections by name, not by number.
    assert (
        "Contributor: 1. Start-up, entrepreneurship, and business environment; "
        "2. Scale-up, innovation, and growth, including through access to finance</th>"
    ) in page
    account_deactivate(by=director, user=contributor_chl)
    assert not fresh(contributor_chl).is_active
    assert "contributor-chl@example.org" not in delegate_addresses(Economy.objects.get(code="CHL"))


def test_a_contributors_workbook_saves_nothing_outside_their_sections(
    delegate_chl, contributor_chl
):
    report = start_report(delegate_chl)
    client = client_for(contributor_chl)

    def fill(workbook):
        for sheet in ("Area 1", "Area 3"):
            ws = workbook[sheet]
            ws.cell(field_row(ws, "nothing_to_report"), 3, "Yes")

    assert upload(client, edited(download(client), fill)).status_code == 302
    page = client.get(PREVIEW).text
    response = client.post(PREVIEW, hidden_inputs(page), follow=True)
    assert "The workbook changes sections that are not yours: “3. " in response.text
    assert not report.sections.filter(nothing_to_report=True).exists()

    # Within their sections, the upload is saved.
    def fill_own(workbook):
        ws = workbook["Area 1"]
        ws.cell(field_row(ws, "nothing_to_report"), 3, "Yes")

    assert upload(client, edited(download(client), fill_own)).status_code == 302
    page = client.get(PREVIEW).text
    assert client.post(PREVIEW, hidden_inputs(page)).status_code == 302
    section = report.sections.get(area__number=1)
    assert section.nothing_to_report
    assert section.updated_by == contributor_chl


def test_a_contributor_finds_the_economys_reports(delegate_chl, contributor_chl):
    start_report(delegate_chl)
    page = client_for(contributor_chl).get("/reports/").text
    assert "The voluntary reports of Chile" in page
    assert 'href="/reports/2026/CHL/"' in page
    assert "Annual reports of Chile" in client_for(contributor_chl).get("/").text
