import pytest

from tests.conftest import client_for
from tests.reporting.factories import section_data, start_report

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_what_before_and_after(delegate_chl, director):
    report = start_report(delegate_chl)
    section = report.sections.get(position=1)
    client = client_for(delegate_chl)
    data = section_data(section, action="save")
    data["entries-1-value"] = "4.2"
    data["entries-1-reference_year"] = "2025"
    client.post("/reports/2026/CHL/sections/1/", data)
    data = section_data(section, action="save")
    data["entries-1-value"] = "5.1"
    client.post("/reports/2026/CHL/sections/1/", data)

    page = client_for(director).get("/reports/2026/CHL/history/").text
    assert "<strong>Measure 1.2 “Rate of business start-up”</strong> changed" in page
    assert '<td class="pre-line">Not started</td><td class="pre-line">In progress</td>' in page
    assert '<td class="pre-line">4.2</td><td class="pre-line">5.1</td>' in page
    assert "Demo Delegate (CHL)" in page  # who
    assert "<strong>Report</strong> started" in page
    assert "4 changes" in page  # started; the section once (its state); the measure twice
