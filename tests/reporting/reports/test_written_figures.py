"""A value on the report's page is written as everywhere else (the `figure` filter, through
plans/catalogue/rounding.py): thousands separated, no trailing zeros, never in exponent form."""

import pytest

from tests.conftest import client_for
from tests.reporting.factories import start_report, write_section
from tests.reporting.reports.test_checks import area_one, delegate

pytestmark = pytest.mark.django_db


def test_the_report_page_writes_a_round_thousand_as_people_do():
    # Measure 1.5 is a count: 2000 was shown "2E+3" (Decimal.normalize), and 40.4 as "40.4".
    chile = start_report(delegate("CHL"), "CHL", 2026)
    write_section(delegate("CHL"), chile, "1", **area_one(4, "2000", "2026"))
    page = client_for(delegate("CHL")).get("/reports/2026/CHL/check/").content.decode()
    assert "2,000 count" in page
    assert "2E+3" not in page
