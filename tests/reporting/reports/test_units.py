"""One unit per measure: conversion at the allowed scales, refusals that name the allowed units
and write nothing, the data migration that converts or flags the older entries, and roll-ups
that never pool values of different units."""

from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps as django_apps

from plans.catalogue.units import DEFAULT_SCALES
from plans.models import Economy, MeasureOfProgress, StrategicPlan
from reporting.models import MeasureEntry
from reporting.reports import services, summaries
from reporting.reports.units import convert_entries, convert_entry
from reporting.rollups.measures import measure_rollup
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.factories import section_data, start_report

pytestmark = pytest.mark.django_db

USD = {"measure_unit": "USD million", "kind": "value", "scales": DEFAULT_SCALES["USD million"]}
RATE = {"measure_unit": "%", "kind": "rate", "scales": {}}
COUNT = {"measure_unit": "count", "kind": "number", "scales": {}}
ALLOWED_USD = "enter the value in “USD million”, “USD thousand” or “USD billion”."


def measure(area: int, number: int) -> MeasureOfProgress:
    return MeasureOfProgress.objects.get(
        area__plan__code="2025-2028", area__number=area, number=number
    )


# The conversion, as the data migration runs it ---------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "given", "expected"),
    [
        ("34.719", "USD billion", USD, (Decimal("34719.0000"), "USD million", "")),
        ("250", "USD thousand", USD, (Decimal("0.2500"), "USD million", "")),
        ("12.5", "usd  Million.", USD, (Decimal("12.5000"), "USD million", "")),
        ("12.5", "", USD, (Decimal("12.5000"), "USD million", "")),  # no unit: the measure's
        ("40", "percent", RATE, (Decimal("40.0000"), "%", "")),
        ("7", "", COUNT, (Decimal("7.0000"), "count", "")),
        (None, "whatever", USD, (None, "USD million", "")),  # no value, nothing to convert
    ],
)
def test_the_migration_converts_allowed_scales(value, unit, given, expected):
    value = None if value is None else Decimal(value)
    assert convert_entry(value=value, unit=unit, **given) == expected


@pytest.mark.parametrize(
    ("value", "unit", "given", "problem"),
    [
        ("3", "EUR million", USD, f"The value 3 EUR million was not converted: “EUR million” "
         f"is not a unit of this measure: {ALLOWED_USD}"),
        ("140", "%", RATE, "The value 140 % was not converted: Enter a percentage between 0 and "
         "100."),
        ("2.5", "count", COUNT, "The value 2.5 count was not converted: Enter a whole number, "
         "like 12: a count has no fractions."),
        ("0.4", "share", RATE, "The value 0.4 share was not converted: “share” is not a unit of "
         "this measure: enter the value in “%”."),
    ],
)  # fmt: skip
def test_the_migration_flags_what_it_cannot_convert(value, unit, given, problem):
    """Left as it was, with the reason."""
    assert convert_entry(value=Decimal(value), unit=unit, **given) == (
        Decimal(value),
        unit,
        problem,
    )


def raw_entry(report, area: int, number: int, value: str, unit: str) -> MeasureEntry:
    """An entry as older versions stored it: any unit, written past the validation."""
    entry = report.entries.get(measure__area__number=area, measure__number=number)
    MeasureEntry.objects.filter(pk=entry.pk).update(
        value=Decimal(value), unit=unit, assessment="progressing", reference_year=2025
    )
    return entry


@pytest.fixture
def older_entries(delegate_chl, delegate_pe, director):
    """Chile's and Peru's accepted 2026 reports with values typed in free units."""
    reports = {}
    for user, code in ((delegate_chl, "CHL"), (delegate_pe, "PE")):
        report = start_report(user, code)
        for section in report.sections.all():
            section.report = report
        reports[code] = report
    raw_entry(reports["CHL"], 3, 2, "34.719", "USD billion")
    raw_entry(reports["PE"], 3, 2, "900", "USD million")
    raw_entry(reports["CHL"], 1, 2, "12", "per cent")
    raw_entry(reports["PE"], 1, 2, "15", "% of firms")
    for report in reports.values():
        report.status = "accepted"
        report.save(update_fields=["status"])
    # Loaded past the workflow: the summaries are rebuilt, as after any such load.
    summaries.rollups_rebuild(plan=StrategicPlan.objects.get(code="2025-2028"))
    return reports


def test_the_migration_converts_and_flags_the_stored_entries(older_entries, director):
    # Changed: Chile's USD billion and its "per cent"; flagged: Peru's "% of firms". Peru's
    # USD million and every entry without a value are in their unit already.
    assert convert_entries(MeasureEntry) == (2, 1)
    rows = {
        (e.report.economy.code, e.measure.area.number, e.measure.number): (
            e.value,
            e.unit,
            e.unit_problem,
        )
        for e in MeasureEntry.objects.exclude(value=None).select_related(
            "report__economy", "measure__area"
        )
    }
    assert rows[("CHL", 3, 2)] == (Decimal("34719"), "USD million", "")
    assert rows[("PE", 3, 2)] == (Decimal("900"), "USD million", "")
    assert rows[("CHL", 1, 2)] == (Decimal("12"), "%", "")
    assert rows[("PE", 1, 2)][:2] == (Decimal("15"), "% of firms")  # left as it was, flagged
    assert "“% of firms” is not a unit of this measure" in rows[("PE", 1, 2)][2]
    assert convert_entries(MeasureEntry) == (0, 0)  # a second run changes nothing
    # A data migration changes values past the workflow: the summaries are rebuilt after it.
    summaries.rollups_rebuild(plan=StrategicPlan.objects.get(code="2025-2028"))

    # Kept out of the statistics, listed for the director on the measure page and the queue.
    window = Window(plan=StrategicPlan.objects.get(code="2025-2028"), start=2026, end=2026)
    economies = list(Economy.objects.all())
    result = measure_rollup(window, measure(1, 2), economies=21, listed=economies)
    assert [(s.economies, s.minimum, s.maximum) for s in result.stats] == [(1, 12, 12)]
    assert [(economy.code, year) for economy, year, _cell in result.flagged] == [("PE", 2026)]
    page = client_for(director).get("/dashboard/2025-2028/measures/1/2/?start=2026&end=2026")
    assert "1 value left out: not in %" in page.text
    assert "Not counted" in page.text
    queue = client_for(director).get("/reports/queue/?year=2026").text
    assert "1 value not in their measure's unit" in queue
    assert "Peru, measure 1.2" in queue
    # USD million: 34,719 and 900, in one unit: the median is theirs, not 34.719's.
    usd = measure_rollup(window, measure(3, 2), economies=21, listed=economies)
    assert [(s.minimum, s.median, s.maximum) for s in usd.stats] == [(900, 17809.5, 34719)]


def test_the_rollups_never_pool_two_units(older_entries):
    """Whatever way a value in another unit gets in, the statistics leave it out."""
    window = Window(plan=StrategicPlan.objects.get(code="2025-2028"), start=2026, end=2026)
    result = measure_rollup(window, measure(3, 2), economies=21, listed=list(Economy.objects.all()))
    # Not migrated: Chile's value is still in USD billion, Peru's in USD million.
    assert [(s.economies, s.minimum, s.median, s.maximum) for s in result.stats] == [
        (1, 900, 900, 900)
    ]
    flagged = {economy.code: cell for economy, _year, cell in result.flagged}
    assert set(flagged) == {"CHL"}
    assert flagged["CHL"].unit_problem == (
        "Stored in “USD billion”, not in the measure's unit “USD million”."
    )
    assert not flagged["CHL"].counted


# The form -----------------------------------------------------------------------------------

URL = "/reports/2026/CHL/sections/3/"


@pytest.fixture
def section(delegate_chl):
    return start_report(delegate_chl).sections.get(position=3)


def value_of(section) -> tuple:
    entry = section.report.entries.get(measure__area__number=3, measure__number=2)
    return entry.value, entry.unit


def test_the_form_offers_only_the_allowed_units(delegate_chl, section):
    page = client_for(delegate_chl).get(URL).text
    select = page.split('name="entries-1-unit"')[1].split("</select>")[0]
    assert [option for option in ("USD million", "USD thousand", "USD billion") if option in select]
    assert select.index("USD million") < select.index("USD thousand") < select.index("USD billion")
    assert "Values are stored in USD million." in page


def test_the_form_converts_an_allowed_scale(delegate_chl, section):
    data = section_data(section, action="save")
    data |= {"entries-1-value": "1.5", "entries-1-unit": "USD billion"}
    data["entries-1-reference_year"] = "2025"
    response = client_for(delegate_chl).post(URL, data)
    assert response.status_code == 302
    assert value_of(section) == (Decimal("1500"), "USD million")


@pytest.mark.parametrize(
    ("number", "value", "unit", "message"),
    [
        (2, "5", "EUR million", f"“EUR million” is not a unit of this measure: {ALLOWED_USD}"),
        (1, "101", "%", "Enter a percentage between 0 and 100."),
        (1, "12", "USD million", "“USD million” is not a unit of this measure: enter the value "
         "in “%”."),
    ],
)  # fmt: skip
def test_the_form_refuses_other_units_and_writes_nothing(
    delegate_chl, section, number, value, unit, message
):
    before = list(section.report.entries.values_list("value", "unit"))
    data = section_data(section, action="save")
    data |= {f"entries-{number - 1}-value": value, f"entries-{number - 1}-unit": unit}
    response = client_for(delegate_chl).post(URL, data)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert message.replace("“", "&ldquo;") in response.text or message in response.text
    assert list(section.report.entries.values_list("value", "unit")) == before


def test_a_count_must_be_whole(delegate_chl):
    section = start_report(delegate_chl).sections.get(position=1)
    data = section_data(section, action="save")
    data |= {"entries-4-value": "2.5"}
    response = client_for(delegate_chl).post("/reports/2026/CHL/sections/1/", data)
    assert "Enter a whole number, like 12: a count has no fractions." in response.text
    assert section.report.entries.get(measure__number=5, measure__area__number=1).value is None


def test_the_data_migration_added_the_scales():
    """Fresh databases get them from the fixture, older ones from plans' 0004 migration."""
    assert measure(3, 2).scales == {"USD thousand": "0.001", "USD billion": "1000"}
    MeasureOfProgress.objects.update(scales={})  # a database from before the migration
    import_module("plans.migrations.0004_measure_scales").add_scales(django_apps, None)
    assert measure(3, 2).scales == {"USD thousand": "0.001", "USD billion": "1000"}
    assert measure(1, 2).scales == {}
    assert measure(2, 6).allowed_units == ["USD million", "USD thousand", "USD billion"]
    assert measure(1, 2).allowed_units == ["%"]


def test_services_are_untouched_by_units(delegate_chl, director):
    """Accepting does not convert anything behind the delegate's back."""
    report = start_report(delegate_chl)
    raw_entry(report, 3, 2, "2", "USD billion")
    report.status = "submitted"
    report.save(update_fields=["status"])
    services.report_accept(report_id=report.pk, user=director)
    assert value_of(report.sections.get(position=3)) == (Decimal("2"), "USD billion")
