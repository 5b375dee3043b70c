"""A section at its cap of initiatives saves from its page, posted as a browser posts it."""

import pytest
from django import forms

from plans.models import MeasureOfProgress, PriorityArea, TargetGroup
from reporting.models import EvidenceFile, Initiative, ReportSection
from reporting.reports import caps
from reporting.reports.forms import SectionForms, section_write
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
