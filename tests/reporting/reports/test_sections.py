"""Section pages: drafts, completing, bad input, and two delegates at once."""

import pytest

from reporting.models import Initiative, MeasureEntry, ReportSection
from tests.conftest import client_for
from tests.reporting.factories import complete_area, section_data, start_report

pytestmark = pytest.mark.django_db

URL = "/reports/2026/CHL/sections/1/"


@pytest.fixture
def report(delegate_chl):
    return start_report(delegate_chl)


@pytest.fixture
def section(report) -> ReportSection:
    return report.sections.get(position=1)


def entry(report, number: int) -> MeasureEntry:
    return report.entries.get(measure__area__number=1, measure__number=number)


def test_save_draft_requires_nothing_and_keeps_what_was_typed(delegate_chl, report, section):
    client = client_for(delegate_chl)
    data = section_data(section, action="save")
    data["entries-1-narrative"] = "Start-ups grew after the one-stop shop opened."
    response = client.post(URL, data)
    assert response.status_code == 302
    assert response["Location"] == URL
    assert entry(report, 2).narrative == "Start-ups grew after the one-stop shop opened."
    section.refresh_from_db()
    assert (section.state, section.version) == (ReportSection.State.IN_PROGRESS, 1)
    page = client.get(URL).text
    assert "Draft saved." in page
    assert "Start-ups grew after the one-stop shop opened." in page


def test_continue_validates_the_section_and_lists_errors(delegate_chl, report, section):
    client = client_for(delegate_chl)
    data = section_data(section, action="continue")
    data["entries-0-narrative"] = "Typed but not assessed"
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'href="#id_entries-0-assessment"' in response.text
    assert "Typed but not assessed" in response.text  # the input stays on the page
    assert entry(report, 1).narrative == ""  # and nothing was saved
    section.refresh_from_db()
    assert section.state == ReportSection.State.NOT_STARTED

    response = client.post(URL, complete_area(section, action="continue"))
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.state == ReportSection.State.COMPLETED


def test_nothing_to_report_is_an_explicit_answer(delegate_chl, report, section):
    client = client_for(delegate_chl)
    response = client.post(URL, section_data(section, action="continue", nothing_to_report="on"))
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.nothing_to_report
    assert section.state == ReportSection.State.COMPLETED

    # "Nothing to report" with something entered is a contradiction the page points out.
    data = section_data(section, action="continue", nothing_to_report="on")
    data["entries-0-assessment"] = "achieved"
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "You chose “Nothing to report” but entered information" in response.text


def test_the_general_section_needs_a_record_or_nothing_to_report(delegate_chl, report):
    client = client_for(delegate_chl)
    general = report.sections.get(area__isnull=True)
    url = "/reports/2026/CHL/sections/general/"
    response = client.post(url, section_data(general, action="continue"))
    assert "Enter at least one record or narrative" in response.text
    data = section_data(general, action="continue")
    data.update(
        {
            "best_practices-0-title": "One-stop shop for start-ups",
            "best_practices-0-direction": "shared",
            "best_practices-0-where": "58th SMEWG meeting, Pucallpa",
        }
    )
    assert client.post(url, data).status_code == 302
    assert report.best_practices.get().where == "58th SMEWG meeting, Pucallpa"


def test_initiatives_are_added_and_removed(delegate_chl, report, section):
    client = client_for(delegate_chl)
    objective = section.area.objectives.first()
    data = complete_area(section, action="continue")
    data.update(
        {
            "initiatives-0-title": "Women Entrepreneurs Academy",
            "initiatives-0-kind": "training",
            "initiatives-0-objectives": [str(objective.pk)],
            "initiatives-0-target_groups": ["1"],
            "initiatives-0-evidence_url": "https://example.org/academy",
        }
    )
    assert client.post(URL, data).status_code == 302
    initiative = Initiative.objects.get()
    assert (initiative.area, initiative.report) == (section.area, report)
    assert list(initiative.objectives.all()) == [objective]

    page = client.get(URL).text
    assert "Initiative 1" in page
    assert "Add an initiative" in page  # a blank one to add another

    data = section_data(section, action="save")
    data["initiatives-0-DELETE"] = "on"
    assert client.post(URL, data).status_code == 302
    assert not Initiative.objects.exists()


def test_an_incomplete_initiative_blocks_continue(delegate_chl, report, section):
    data = complete_area(section, action="continue")
    data["initiatives-0-description"] = "No title, no type, no objective"
    response = client_for(delegate_chl).post(URL, data)
    assert response.status_code == 200
    for message in [
        "Enter the initiative&#x27;s title.",
        "Choose the type of initiative.",
        "Choose at least one objective the initiative addresses.",
    ]:
        assert message in response.text
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("entries-1-value", "twelve", "Enter the value as a number"),
        ("entries-1-value", "140", "Enter a percentage between 0 and 100."),
        ("entries-1-value", "-3", "Enter a percentage between 0 and 100."),
        ("entries-4-value", "-3", "A number of things cannot be negative."),
        ("entries-1-reference_year", "20x5", "Enter the year as four digits"),
        ("entries-1-narrative", "x" * 1_000_000, "Ensure this value has at most 5000 characters"),
        ("initiatives-0-evidence_url", "not a url", "Enter a full web address"),
        ("initiatives-0-apec_project_code", "SME-1", "Write an APEC project code"),
        ("entries-0-assessment", "excellent", "Select a valid choice."),
    ],
)
def test_bad_input_gets_a_message_and_nothing_is_saved(
    delegate_chl, report, section, field, value, message
):
    data = section_data(section, action="save")
    data["entries-0-narrative"] = "This would be saved if the rest were valid"
    data["initiatives-0-title"] = "Valid title"
    data[field] = value
    response = client_for(delegate_chl).post(URL, data)
    assert response.status_code == 200
    assert message in response.text
    assert entry(report, 1).narrative == ""
    assert not Initiative.objects.exists()
    section.refresh_from_db()
    assert section.version == 0


def test_narratives_are_shown_escaped(delegate_chl, report, section):
    client = client_for(delegate_chl)
    data = section_data(section, action="save")
    data["entries-0-narrative"] = "<script>alert('x')</script>"
    client.post(URL, data)
    for url in [URL, "/reports/2026/CHL/check/", "/reports/2026/CHL/history/"]:
        page = client.get(url).text
        assert "<script>alert('x')</script>" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_a_stale_save_is_refused_and_the_input_stays(delegate_chl, report, section):
    """Two delegates of Chile open the section; the second to save is told, and loses nothing."""
    from django.contrib.auth.models import User

    from plans.models import Delegate, Economy

    colleague = User.objects.create_user("delegate-chl-2", first_name="Ana", last_name="Rojas")
    Delegate.objects.create(user=colleague, economy=Economy.objects.get(code="CHL"))
    colleague.groups.set(delegate_chl.groups.all())

    first_view = section_data(section, action="save")  # both open version 0
    second_view = dict(first_view)

    first_view["entries-0-narrative"] = "Ana's narrative"
    assert client_for(colleague).post(URL, first_view).status_code == 302

    second_view["entries-0-narrative"] = "My conflicting narrative"
    response = client_for(delegate_chl).post(URL, second_view)
    assert response.status_code == 409
    assert "Ana Rojas saved this section at" in response.text
    assert "My conflicting narrative" in response.text  # still on the page
    assert entry(report, 1).narrative == "Ana's narrative"  # nothing overwritten
    section.refresh_from_db()
    assert section.version == 1


def test_forged_posts_to_other_reports_change_nothing(delegate_chl, delegate_pe, report, section):
    peru = start_report(delegate_pe, "PE")
    peru_entry = peru.entries.get(measure__area__number=1, measure__number=1)
    data = section_data(section, action="save")
    # An entry id of Peru's report smuggled into Chile's form.
    data["entries-0-id"] = str(peru_entry.pk)
    data["entries-0-narrative"] = "forged"
    response = client_for(delegate_chl).post(URL, data)
    assert response.status_code == 200
    assert "This page is out of date" in response.text
    assert entry(report, 1).narrative == ""
    peru_entry.refresh_from_db()
    assert peru_entry.narrative == ""
    # Posting to Peru's report as Chile's delegate: 404.
    assert client_for(delegate_chl).post("/reports/2026/PE/sections/1/", data).status_code == 404


def test_unknown_section_is_404(delegate_chl, report):
    client = client_for(delegate_chl)
    assert client.get("/reports/2026/CHL/sections/9/").status_code == 404
    assert client.get("/reports/2026/CHL/sections/x/").status_code == 404
