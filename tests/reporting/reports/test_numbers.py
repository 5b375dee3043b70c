"""Numbers as economies write them: a decimal comma or point, thousands separators; bad ones
get a message naming the measure, and nothing of the section is saved."""

import re
from decimal import Decimal

import pytest

from reporting.reports.numbers import AmbiguousNumber, parse_number
from tests.conftest import client_for
from tests.reporting.factories import section_data, start_report

pytestmark = pytest.mark.django_db
SECTION = "/reports/2026/CHL/sections/1/"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("14,2", "14.2"),
        ("14.2", "14.2"),
        ("1 234,5", "1234.5"),
        ("1\u00a0234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1.234,5", "1234.5"),
        ("1'234.5", "1234.5"),
        ("1,234,567", "1234567"),
        ("1.234.567", "1234567"),
        ("0,125", "0.125"),
        ("-3,5", "-3.5"),
        (",5", "0.5"),
    ],
)
def test_numbers_are_read_as_written(text, number):
    assert parse_number(text) == Decimal(number)


@pytest.mark.parametrize("text", ["abc", "12%", "1.2.3", "1,2,3", "1,23.4", "12,34,56", "1e5"])
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError, match=re.escape(text)) as refused:
        parse_number(text)
    assert not isinstance(refused.value, AmbiguousNumber)


def test_a_lone_comma_before_three_digits_is_asked_about():
    with pytest.raises(AmbiguousNumber, match="1,234"):
        parse_number("1,234")


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("14,2", "14.2000", "14.2"),
        ("1 234,5", "1234.5000", "1234.5"),
        ("1,234.5", "1234.5000", "1234.5"),
    ],
)
def test_a_decimal_comma_and_thousands_separators_are_saved_and_shown_normalised(
    delegate_chl, typed, stored, shown
):
    report = start_report(delegate_chl)
    section = report.sections.get(position=1)
    data = section_data(section, action="save")
    # 1.1 is an index: neither bounded to 0-100 as a rate nor whole as a count.
    data["entries-0-value"] = typed
    data["entries-0-reference_year"] = "2025"
    client = client_for(delegate_chl)
    assert client.post(SECTION, data).status_code == 302
    entry = report.entries.get(measure__area__number=1, measure__number=1)
    assert str(entry.value) == stored
    assert f'value="{shown}"' in client.get(SECTION).text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("twelve", "Measure 1.2, value: Enter the value as a number, like 12.5 or 12,5"),
        ("12%", "Measure 1.2, value: Enter the value as a number"),
        ("1,234", "Measure 1.2, value: Is “1,234” a whole number in thousands, or a decimal?"),
    ],
)
def test_bad_numbers_get_a_message_naming_the_measure_and_save_nothing(
    delegate_chl, typed, message
):
    report = start_report(delegate_chl)
    section = report.sections.get(position=1)
    data = section_data(section, action="save")
    data["entries-1-value"] = typed
    data["entries-0-narrative"] = "Would be saved with the rest."
    response = client_for(delegate_chl).post(SECTION, data)
    assert response.status_code == 200
    assert message in response.text
    assert typed in response.text  # what was typed stays in the field
    section.refresh_from_db()
    assert section.version == 0
    assert not report.entries.exclude(narrative="").exists()


def test_a_number_that_is_read_is_shown_back_normalised_while_other_fields_have_errors(
    delegate_chl,
):
    report = start_report(delegate_chl)
    section = report.sections.get(position=1)
    data = section_data(section, action="save")
    data["entries-1-value"] = "1 234,5"
    data["entries-1-reference_year"] = "year"
    response = client_for(delegate_chl).post(SECTION, data)
    assert "Measure 1.2, reference year: Enter the year as four digits" in response.text
    assert 'value="1234.5"' in response.text


def test_qualitative_measures_ask_only_the_assessment_and_the_narrative(delegate_chl):
    report = start_report(delegate_chl)
    page = client_for(delegate_chl).get("/reports/2026/CHL/sections/2/").text
    # Measure 2.3 (innovative financial solutions) is qualitative; 2.2 a rate.
    assert report.entries.get(measure__area__number=2, measure__number=3).measure.kind == (
        "qualitative"
    )
    qualitative = page.split('id="measure-3"')[1].split("</fieldset>")[0]
    assert 'name="entries-2-assessment"' in qualitative
    assert 'name="entries-2-narrative"' in qualitative
    for name in ("value", "unit", "reference_year", "source"):
        assert f'name="entries-2-{name}"' not in qualitative
    rate = page.split('id="measure-2"')[1].split("</fieldset>")[0]
    assert 'name="entries-1-value"' in rate
