"""The annual report's content typed: a snapshot frozen before the schema version was kept
(schema 1, the demo's final 2025 report) loads into the dataclasses the renderers read, and a
content built now carries the version."""

import json
from pathlib import Path

import pytest

from plans.models import StrategicPlan
from reporting.annual import text
from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.annual.models import AnnualReport
from reporting.annual.schema import SCHEMA_VERSION, AnnualContent, Meeting, Project, load_annual
from reporting.documents.content import GeneralYear, ParticipationYear, Progress

OLD = Path(__file__).parent / "fixtures" / "annual_snapshot_schema1.json"


def test_a_schema_1_snapshot_loads_into_every_typed_part():
    data = json.loads(OLD.read_text())
    assert "schema_version" not in data
    report = load_annual(data)
    assert isinstance(report, AnnualContent)
    assert report.schema_version == 1
    assert report.year == 2025
    assert report.plan.code == "2025-2028"
    assert all(isinstance(area.progress, Progress) for area in report.areas)
    assert report.areas[0].progress.n == data["areas"][0]["score_n"]
    assert all(isinstance(year, ParticipationYear) for year in report.participation)
    assert all(isinstance(year, GeneralYear) for year in report.general)
    assert all(isinstance(project, Project) for project in report.projects.list)
    assert report.projects.total == data["projects"]["total"]
    assert all(isinstance(meeting, Meeting) for meeting in report.meetings)
    assert text.participation_note(report).startswith(
        f"{sum(n for s, n in data['participation'][0]['by_status'].items() if s != 'draft')} of"
    )


@pytest.mark.django_db
def test_a_content_built_now_has_the_schema_version(db):
    plan = StrategicPlan.objects.get(code="2025-2028")
    content = ANNUAL_DOCUMENT.content(AnnualReport.objects.for_page(plan, 2026))
    assert content["schema_version"] == SCHEMA_VERSION == 2
    assert load_annual(content).year == 2026
