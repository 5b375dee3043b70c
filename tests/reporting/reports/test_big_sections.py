"""A section at its cap of initiatives saves from its page, posted as a browser posts it."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import MeasureOfProgress, PriorityArea, TargetGroup
from reporting.models import EvidenceFile, Initiative, ReportSection
from reporting.reports import caps
from reporting.reports.sections import SectionForms, section_write
from tests.conftest import client_for
from tests.page_forms import page_form, post_form
from tests.reporting.factories import section_data, start_report

pytestmark = pytest.mark.django_db

SECTION = "/reports/2026/CHL/sections/1/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SAVE = ("action", "save")
CONTINUE = ("action", "continue")


def area_section(report) -> ReportSection:
    section = report.sections.select_related("area").get(position=1)
    section.report = report
    return section


def initiative_fields(section: ReportSection, index: int, number: int) -> dict:
    """An initiative as delegates write them: a few lines each, two objectives, two target
    groups, a broader priority, a lesson and a link."""
    objectives = [str(pk) for pk in section.area.objectives.values_list("pk", flat=True)[:2]]
    priorities = section.area.plan.broader_priorities.values_list("pk", flat=True)[:1]
    groups = TargetGroup.objects.values_list("pk", flat=True)[:2]
    return {
        f"initiatives-{index}-title": f"Export coaching for small firms, round {number}",
        f"initiatives-{index}-kind": "program",
        f"initiatives-{index}-description": "Coaching and credit guarantees for small "
        f"exporters in the regions; round {number} reached 40 firms.",
        f"initiatives-{index}-objectives": objectives,
        f"initiatives-{index}-target_groups": [str(pk) for pk in groups],
        f"initiatives-{index}-broader_priorities": [str(pk) for pk in priorities],
        f"initiatives-{index}-lessons_learned": "Firms stay when the coach is local.",
        f"initiatives-{index}-evidence_url": f"https://example.org/coaching/{number}",
    }


def fill_initiatives(user, section: ReportSection, count: int) -> None:
    """`count` initiatives, saved through the section's forms and service (as the API and the
    workbook save them)."""
    data = section_data(section)
    for index in range(count):
        data.update(initiative_fields(section, index, index + 1))
    data["initiatives-TOTAL_FORMS"] = str(count)
    section_write(section=section, user=user, data=data, complete=False)


def test_a_section_at_its_cap_saves_from_its_page(delegate_chl):
    report = start_report(delegate_chl)
    section = area_section(report)
    client = client_for(delegate_chl)
    cap = caps.MAX_ROWS["initiatives"]
    fill_initiatives(delegate_chl, section, cap)
    assert report.initiatives.count() == cap
    section.refresh_from_db()
    version = section.version

    page = client.get(SECTION)
    form = page_form(page.text, field_name="version")
    # What a browser posts: far over Django's default of 1,000 fields, a part per file input.
    assert len(form.fields) > 2_000
    assert len(form.files) > cap
    form.set("initiatives-149-title", "Export coaching, renamed")
    form.set("entries-0-narrative", "Start-ups grew after the one-stop shop opened.")
    response = post_form(client, SECTION, form, SAVE)

    assert response.status_code == 302, response.content.decode()[:2000]
    section.refresh_from_db()
    assert section.version == version + 1
    titles = list(report.initiatives.order_by("pk").values_list("title", flat=True))
    assert len(titles) == cap
    assert titles[149] == "Export coaching, renamed"
    assert titles[148] == "Export coaching for small firms, round 149"
    assert report.entries.filter(narrative__startswith="Start-ups grew").count() == 1

    # "Save and continue" on the same page, at the cap, completes the section.
    form = page_form(client.get(SECTION).text, field_name="version")
    for index in range(report.entries.filter(measure__area=section.area).count()):
        form.set(f"entries-{index}-assessment", "progressing")
    response = post_form(client, SECTION, form, CONTINUE)
    assert response.status_code == 302, response.content.decode()[:2000]
    section.refresh_from_db()
    assert section.state == ReportSection.State.COMPLETED
    assert Initiative.objects.filter(report=report).count() == cap


def test_many_files_save_at_once(delegate_chl):
    """More files in one save than Django's default limit of 100: five on each of 21 rows."""
    report = start_report(delegate_chl)
    section = area_section(report)
    client = client_for(delegate_chl)
    fill_initiatives(delegate_chl, section, 21)
    form = page_form(client.get(SECTION).text, field_name="version")
    files = {
        f"initiatives-{index}-evidence": [(f"page-{index}-{n}.png", PNG) for n in range(5)]
        for index in range(21)
    }

    response = post_form(client, SECTION, form, SAVE, files=files)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert EvidenceFile.objects.filter(report=report).count() == 105
    assert all(
        initiative.evidence.count() == 5
        for initiative in report.initiatives.prefetch_related("evidence")
    )


def test_the_request_limits_hold_the_largest_section_of_the_catalogue(settings, delegate_chl):
    """The limits are worked out from bounds on the forms and the catalogue: check those."""
    assert caps.page_fields() == settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    assert caps.page_files() == settings.DATA_UPLOAD_MAX_NUMBER_FILES
    for area in PriorityArea.objects.all():
        boxes = (
            area.objectives.count()
            + TargetGroup.objects.count()
            + area.plan.broader_priorities.count()
        )
        assert boxes <= caps.MAX_BOXES_PER_INITIATIVE, area
        assert MeasureOfProgress.objects.filter(area=area).count() <= caps.MAX_MEASURES_PER_AREA

    def single_fields(form) -> int:
        """Fields a row posts once whatever is chosen (a file input posts an empty part)."""
        return sum(
            not getattr(field.widget, "allow_multiple_selected", False)
            or isinstance(field.widget, forms.ClearableFileInput)
            for field in form.fields.values()
        )

    page = SectionForms(area_section(start_report(delegate_chl)))
    assert single_fields(page.initiatives.forms[0]) == caps.INITIATIVE_FIELDS
    assert single_fields(page.entries.forms[0]) == caps.ENTRY_FIELDS


def every_initiative_changed(section: ReportSection, *, suffix: str) -> dict:
    """The section's POST data with every initiative's title changed and its objectives
    swapped for the area's last one."""
    data = section_data(section, action="save")
    last_objective = str(section.area.objectives.order_by("pk").last().pk)
    for index in range(int(data["initiatives-INITIAL_FORMS"])):
        data[f"initiatives-{index}-title"] += suffix
        data[f"initiatives-{index}-objectives"] = [last_objective]
    return data


def save_queries(client, data: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(SECTION, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return len(queries)


# A section page's save, whatever its number of initiatives:
# - the request: session, user, the user's role and economy (3);
# - the report: cycle with plan, economy, report; the section (4);
# - its forms: the area's objectives, the target groups, the plan's broader priorities; the
#   entries and their evidence files; the initiatives (6) and, where there are any, their
#   objectives, target groups, broader priorities and evidence files (4);
# - section_save: a savepoint, the section's report, then under the lock the report and the
#   section (4);
# - the initiatives: all those added inserted in one statement, or all those changed updated in
#   one; their new versions in the history, in one (2);
# - their choices, per field (objectives, target groups, broader priorities): the links dropped
#   deleted in one statement, those chosen inserted in one (added: 3 fields; changed here: the
#   objectives), then read back and kept with the versions, in one each (added 3 + 6, changed
#   2 + 6);
# - their search vectors, on PostgreSQL only (1);
# - the section's state, its version in the history, the savepoint released (3).
SAVE_QUERIES = {"added": 31, "changed": 34}


def add_initiatives(section: ReportSection, count: int) -> dict:
    data = section_data(section, action="save")
    for index in range(count):
        data.update(initiative_fields(section, index, index + 1))
    data["initiatives-TOTAL_FORMS"] = str(count)
    return data


@pytest.mark.parametrize("count", [20, 200])
def test_adding_initiatives_runs_the_same_queries_for_20_as_for_200(delegate_chl, count):
    report = start_report(delegate_chl)
    section = area_section(report)

    queries = save_queries(client_for(delegate_chl), add_initiatives(section, count))

    assert queries == SAVE_QUERIES["added"] + int(connection.vendor == "postgresql")
    assert report.initiatives.count() == count
    assert Initiative.history.filter(report_id=report.pk, history_type="+").count() == count
    assert {
        len(initiative.objectives.all())
        for initiative in report.initiatives.prefetch_related("objectives")
    } == {2}


@pytest.mark.parametrize("count", [20, 200])
def test_changing_initiatives_runs_the_same_queries_for_20_as_for_200(delegate_chl, count):
    report = start_report(delegate_chl)
    section = area_section(report)
    client = client_for(delegate_chl)
    fill_initiatives(delegate_chl, section, count)

    queries = save_queries(client, every_initiative_changed(section, suffix=" (revised)"))

    assert queries == SAVE_QUERIES["changed"] + int(connection.vendor == "postgresql")
    titles = set(report.initiatives.values_list("title", flat=True))
    assert len(titles) == count
    assert all(title.endswith(" (revised)") for title in titles)
    last_objective = section.area.objectives.order_by("pk").last()
    assert {
        tuple(initiative.objectives.all())
        for initiative in report.initiatives.prefetch_related("objectives")
    } == {(last_objective,)}
    versions = Initiative.history.filter(report_id=report.pk, history_type="~")
    assert versions.count() == count
    assert {
        tuple(version.objectives.values_list("objective_id", flat=True)) for version in versions[:3]
    } == {(last_objective.pk,)}


def test_an_unchanged_initiative_is_not_written_again(delegate_chl, director):
    report = start_report(delegate_chl)
    section = area_section(report)
    client = client_for(delegate_chl)
    fill_initiatives(delegate_chl, section, 30)
    history = Initiative.history.filter(report_id=report.pk)
    before = history.count()
    links = set(Initiative.objectives.through.objects.values_list("pk", flat=True))

    data = section_data(section, action="save")
    data["initiatives-7-title"] = "Export coaching, renamed"
    data["initiatives-7-target_groups"] = data["initiatives-7-target_groups"][:1]
    assert client.post(SECTION, data).status_code == 302

    # One new version, of the one initiative changed, by its author, with its choices as saved.
    assert history.count() == before + 1
    latest = history.latest("history_id")
    assert (latest.title, latest.history_type, latest.history_user) == (
        "Export coaching, renamed",
        "~",
        delegate_chl,
    )
    assert len(latest.target_groups.all()) == 1
    assert len(latest.objectives.all()) == 2
    # Nobody's links to objectives were rewritten.
    assert set(Initiative.objectives.through.objects.values_list("pk", flat=True)) == links
    page = client_for(director).get("/reports/2026/CHL/history/").text
    assert "<strong>Initiative “Export coaching, renamed”</strong> changed" in page
    assert "Export coaching for small firms, round 8" in page  # the title before


@pytest.mark.parametrize("count", [10, 100])
def test_the_general_section_saves_in_the_same_queries_for_10_records_as_for_100(
    delegate_chl, count
):
    """Each best practice names an area, which Django's forms and models would each look up
    in the database, per row."""
    report = start_report(delegate_chl)
    general = report.sections.select_related("area").get(area__isnull=True)
    general.report = report
    area = str(report.cycle.plan.areas.first().pk)
    data = section_data(general, action="save")
    for index in range(count):
        data[f"best_practices-{index}-title"] = f"One-stop shop, {index}"
        data[f"best_practices-{index}-direction"] = "shared"
        data[f"best_practices-{index}-area"] = area
    data["best_practices-TOTAL_FORMS"] = str(count)
    client = client_for(delegate_chl)

    with CaptureQueriesContext(connection) as queries:
        response = client.post("/reports/2026/CHL/sections/general/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    # The request (3), the report and the section (4); the areas, the fora, the plan's broader
    # priorities, the report's broader priorities, best practices, dialogues, APEC activities
    # (7); a savepoint, the section's report, the report and the section locked (4); the best
    # practices added and their versions (2); the section, its version, the savepoint (3).
    assert len(queries) == 23
    assert report.best_practices.filter(area_id=area).count() == count
