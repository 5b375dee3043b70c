"""The data checks on a report's entries: each one warns on a flagged value and stays silent on
a plausible one, never refuses a save, and a delegate's confirmation is kept in the history."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import User

from plans.models import Economy, MeasureOfProgress
from reporting.reports import checks, services
from reporting.reports.checks import Kind
from reporting.reports.models import EconomyReport, MeasureEntry
from tests.conftest import client_for
from tests.reporting.factories import finish_report, make_cycle, start_report, write_section

pytestmark = pytest.mark.django_db


def measure(number: int) -> MeasureOfProgress:
    return MeasureOfProgress.objects.get(
        area__plan__code="2025-2028", area__number=1, number=number
    )


def area_one(index: int, value: str = "", reference_year: str = "", **extra: str) -> dict:
    """Area 1's section: one measure given a value and assessed, the others "no data"."""
    data = {f"entries-{each}-assessment": "no_data" for each in range(5)}
    data |= {
        f"entries-{index}-value": value,
        f"entries-{index}-reference_year": reference_year,
        f"entries-{index}-assessment": "progressing",
    }
    return data | extra


def delegate(code: str) -> User:
    return User.objects.get(username=f"delegate-{code.lower()}")


def accepted(code: str, year: int, value: str, reference_year: int, director: User) -> None:
    report = start_report(delegate(code), code, year)
    finish_report(delegate(code), report, s1=area_one(1, value, str(reference_year)))
    services.report_accept(report_id=report.pk, user=director)


def chile_2026(value: str, reference_year: str = "2026") -> EconomyReport:
    report = start_report(delegate("CHL"), "CHL", 2026)
    write_section(delegate("CHL"), report, "1", **area_one(1, value, reference_year))
    return report


def kinds(report: EconomyReport) -> list[Kind]:
    return [warning.kind for warning in checks.report_warnings(report)]


def test_a_value_three_times_last_years_warns(director):
    accepted("CHL", 2025, "10", 2025, director)
    assert kinds(chile_2026("31")) == [Kind.RATIO]
    [warning] = checks.report_warnings(EconomyReport.objects.get(cycle__year=2026))
    assert warning.measure == measure(2)
    assert "the value for 2025" in warning.message


def test_a_value_a_third_of_last_years_warns(director):
    accepted("CHL", 2025, "10", 2025, director)
    [warning] = checks.report_warnings(chile_2026("3.2"))
    assert (warning.kind, warning.message) == (
        Kind.RATIO,
        "3.2 is less than 1/3 of 10, the value for 2025.",
    )


def test_a_value_within_three_times_last_years_does_not_warn(director):
    accepted("CHL", 2025, "10", 2025, director)
    assert kinds(chile_2026("29.9")) == []
    assert kinds(EconomyReport.objects.get(cycle__year=2025, economy__code="CHL")) == []


def test_a_value_far_from_the_other_economies_warns(director):
    peers = Economy.objects.exclude(code="CHL").order_by("position")[:5]
    for value, economy in zip(["10", "11", "12", "13", "14"], peers, strict=True):
        accepted(economy.code, 2026, value, 2026, director)
    report = chile_2026("40")
    [warning] = checks.report_warnings(report)
    assert warning.kind == Kind.OUTLIER
    assert "5 other economies' values for 2026 (median 12)" in warning.message


def test_a_value_among_the_other_economies_does_not_warn(director):
    peers = Economy.objects.exclude(code="CHL").order_by("position")[:5]
    for value, economy in zip(["10", "11", "12", "13", "14"], peers, strict=True):
        accepted(economy.code, 2026, value, 2026, director)
    assert kinds(chile_2026("15")) == []


def test_far_values_among_fewer_than_five_economies_do_not_warn(director):
    peers = Economy.objects.exclude(code="CHL").order_by("position")[:4]
    for value, economy in zip(["10", "11", "12", "13"], peers, strict=True):
        accepted(economy.code, 2026, value, 2026, director)
    assert kinds(chile_2026("90")) == []


def test_the_modified_z_score_against_a_hand_worked_case():
    # Median 12, absolute deviations 2 1 0 1 2: MAD 1; 0.6745 * (17.2 - 12) / 1 = 3.5074.
    others = [checks.Decimal(value) for value in ("10", "11", "12", "13", "14")]
    assert checks.modified_z(checks.Decimal("17.2"), others) == checks.Decimal("3.50740")
    assert checks.modified_z(checks.Decimal("17"), others[:4]) is None


def test_old_data_warns_and_recent_data_does_not():
    chile = chile_2026("10", "2023")
    assert kinds(chile) == [Kind.OLD_REFERENCE]
    write_section(delegate("CHL"), chile, "1", **area_one(1, "10", "2024"))
    assert kinds(chile) == []


def test_an_assessment_without_a_value_on_a_quantitative_measure_warns():
    quantitative = measure(2)
    assert quantitative.kind != MeasureOfProgress.Kind.QUALITATIVE
    chile = chile_2026("")
    assert kinds(chile) == [Kind.NO_VALUE]
    [warning] = checks.report_warnings(chile)
    assert warning.entry.measure == quantitative
    write_section(
        delegate("CHL"), chile, "1", **area_one(1, "", "", **{"entries-1-assessment": "no_data"})
    )
    assert kinds(chile) == []


def test_a_qualitative_measure_assessed_without_a_value_does_not_warn():
    qualitative = MeasureOfProgress.objects.filter(kind=MeasureOfProgress.Kind.QUALITATIVE).first()
    assert qualitative is not None
    entry = MeasureEntry(measure=qualitative, assessment="progressing")
    assert checks.check_value_missing(entry) is None


def test_a_confirmed_warning_is_kept_in_the_history_and_shows_confirmed(director):
    accepted("CHL", 2025, "10", 2025, director)
    chile = chile_2026("100")
    [warning] = checks.report_warnings(chile)
    assert not warning.confirmed
    write_section(
        delegate("CHL"),
        chile,
        "1",
        **area_one(
            1, "100", "2026", **{"entries-1-confirmed_reason": "A new survey counts all firms."}
        ),
    )
    [warning] = checks.report_warnings(chile)
    assert warning.confirmed
    assert checks.open_warnings([warning]) == []
    entry = MeasureEntry.objects.get(report=chile, measure=measure(2))
    reasons = list(
        entry.history.order_by("history_date").values_list("confirmed_reason", flat=True)
    )
    assert reasons[0] == ""
    assert reasons[-1] == "A new survey counts all firms."
    assert entry.history.latest().history_user == delegate("CHL")


def test_the_checks_of_a_report_take_a_fixed_number_of_queries(director, django_assert_num_queries):
    peers = Economy.objects.exclude(code="CHL").order_by("position")[:6]
    for value, economy in zip(["10", "11", "12", "13", "14", "15"], peers, strict=True):
        accepted(economy.code, 2025, value, 2025, director)
        accepted(economy.code, 2026, value, 2026, director)
    chile = EconomyReport.objects.select_related("cycle").get(pk=chile_2026("100").pk)
    # The entries with their measures, the economy's earlier values, the others' values.
    with django_assert_num_queries(3):
        assert kinds(chile) == [Kind.OUTLIER]


def test_the_delegate_sees_the_warning_beside_the_field_and_on_the_check_page(director):
    accepted("CHL", 2025, "10", 2025, director)
    chile = chile_2026("100")
    client = client_for(delegate("CHL"))
    section = client.get("/reports/2026/CHL/sections/1/").content.decode()
    assert "100 is more than 3 times 10" in section
    assert 'class="warning-text"' in section
    assert 'name="entries-1-confirmed_reason"' in section
    assert 'name="entries-0-confirmed_reason"' not in section  # no warning, no question
    check = client.get("/reports/2026/CHL/check/").content.decode()
    assert "Figures to check" in check
    assert 'href="/reports/2026/CHL/sections/1/#measure-2"' in check

    write_section(
        delegate("CHL"),
        chile,
        "1",
        **area_one(1, "100", "2026", **{"entries-1-confirmed_reason": "A census."}),
    )
    section = client.get("/reports/2026/CHL/sections/1/").content.decode()
    assert 'class="warning-text warning-text--confirmed"' in section
    assert "Confirmed: “A census.”" in section


def test_the_director_sees_the_open_warnings_on_the_accept_page(director):
    accepted("CHL", 2025, "10", 2025, director)
    chile = start_report(delegate("CHL"), "CHL", 2026)
    finish_report(delegate("CHL"), chile, s1=area_one(1, "100", "2026"))
    client = client_for(director)
    page = client.get("/reports/2026/CHL/accept/").content.decode()
    assert "1 figure the checks flag, not confirmed by the delegate" in page
    assert "Measure 1.2: 100 is more than 3 times" in page


def test_a_confirmed_warning_is_not_open_on_the_accept_page(director):
    accepted("CHL", 2025, "10", 2025, director)
    chile = start_report(delegate("CHL"), "CHL", 2026)
    finish_report(
        delegate("CHL"),
        chile,
        s1=area_one(1, "100", "2026", **{"entries-1-confirmed_reason": "A census."}),
    )
    page = client_for(director).get("/reports/2026/CHL/accept/").content.decode()
    assert "the checks flag" not in page
    assert "Accept the report" in page


def test_the_quality_list_shows_the_open_warnings_of_a_year(
    director, chair, delegate_chl, django_assert_num_queries
):
    peers = Economy.objects.exclude(code="CHL").order_by("position")[:5]
    for value, economy in zip(["10", "11", "12", "13", "14"], peers, strict=True):
        accepted(economy.code, 2025, value, 2025, director)
    for value, economy in zip(["10", "11", "12", "50", "14"], peers, strict=True):
        accepted(economy.code, 2026, value, 2026, director)
    chile = start_report(delegate("CHL"), "CHL", 2026)
    finish_report(delegate("CHL"), chile, s1=area_one(1, "12", "2023"))
    client = client_for(director)
    # session, user, role, plan, economies, the latest cycle, the entries of the year's
    # submitted and accepted reports, earlier values, the other economies' values
    with django_assert_num_queries(9):
        page = client.get("/dashboard/2025-2028/quality/?year=2026").content.decode()
    assert "2 open warnings" in page
    assert "50 is more than 3 times 13" in page  # the 4th economy
    assert "The data are for 2023" in page  # Chile's
    page = client.get("/dashboard/2025-2028/quality/?year=2026&economy=CHL").content.decode()
    assert "1 open warning<" in page
    assert "The data are for 2023" in page
    assert (
        "1 open warning<"
        not in client.get("/dashboard/2025-2028/quality/?year=2025").content.decode()
    )
    assert client_for(chair).get("/dashboard/2025-2028/quality/").status_code == 200
    assert client_for(delegate_chl).get("/dashboard/2025-2028/quality/").status_code == 403


def test_a_confirmed_value_leaves_the_quality_list(director):
    chile = start_report(delegate("CHL"), "CHL", 2026)
    finish_report(
        delegate("CHL"),
        chile,
        s1=area_one(1, "12", "2023", **{"entries-1-confirmed_reason": "The latest census."}),
    )
    page = client_for(director).get("/dashboard/2025-2028/quality/?year=2026").content.decode()
    assert "0 open warnings" in page


def test_a_confirmation_lapses_when_the_value_changes(director):
    accepted("CHL", 2025, "10", 2025, director)
    chile = chile_2026("100")
    reason = {"entries-1-confirmed_reason": "A census."}
    write_section(delegate("CHL"), chile, "1", **area_one(1, "100", "2026", **reason))
    entry = MeasureEntry.objects.get(report=chile, measure=measure(2))
    assert entry.confirmed_reason == "A census."
    # Saved again unchanged: still confirmed.
    write_section(delegate("CHL"), chile, "1", **area_one(1, "100", "2026", **reason))
    entry.refresh_from_db()
    assert entry.confirmed_reason == "A census."
    # Another value sent with the old reason still in its box: the warning is open again.
    write_section(delegate("CHL"), chile, "1", **area_one(1, "90", "2026", **reason))
    entry.refresh_from_db()
    assert (entry.value, entry.confirmed_reason) == (Decimal("90"), "")
    [warning] = checks.report_warnings(chile)
    assert not warning.confirmed


def test_the_accept_page_takes_a_fixed_number_of_queries(director, django_assert_num_queries):
    chile = start_report(delegate("CHL"), "CHL", 2026)
    finish_report(delegate("CHL"), chile, s1=area_one(1, "100", "2023"))
    client = client_for(director)
    # session, user, role, cycle (with plan), economy, report, the data checks (the entries
    # with their measures, the economy's earlier values, the other economies' values)
    with django_assert_num_queries(9):
        assert "1 figure the checks flag" in client.get("/reports/2026/CHL/accept/").text
    peers = Economy.objects.exclude(code="CHL").order_by("position")[:6]
    for value, economy in zip(["10", "11", "12", "13", "14", "15"], peers, strict=True):
        accepted(economy.code, 2023, value, 2023, director)
        accepted(economy.code, 2025, value, 2023, director)
    accepted("CHL", 2025, "10", 2023, director)
    with django_assert_num_queries(9):
        page = client.get("/reports/2026/CHL/accept/").text
    assert "3 figures the checks flag" in page


def test_the_api_reads_and_writes_the_reason(director):
    accepted("CHL", 2025, "10", 2025, director)
    chile = chile_2026("100")
    client = client_for(delegate("CHL"))
    url = "/api/reports/2026/CHL/sections/1/"
    section = client.get(url).json()
    entry = next(item for item in section["entries"] if item["measure"] == 2)
    assert entry["confirmed_reason"] == ""
    body = {
        "version": section["version"],
        "complete": False,
        "nothing_to_report": False,
        "entries": [
            {
                "measure": 2,
                "value": "100",
                "reference_year": 2026,
                "assessment": "progressing",
                "confirmed_reason": "A census.",
            }
        ],
        "initiatives": [],
    }
    response = client.put(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    [warning] = checks.report_warnings(chile)
    assert warning.confirmed
    assert warning.entry.confirmed_reason == "A census."


def test_the_quality_list_opens_on_the_latest_cycle_that_has_opened(director):
    """Cycles not yet open have no reports to check: the list starts on the latest opened one,
    and its year box says so (it said 2028 in the heading and showed 2025 in the box)."""
    make_cycle(2026)
    make_cycle(2027, is_open=False)  # opens 15 January 2027
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        page = client_for(director).get("/dashboard/2025-2028/quality/").content.decode()
    assert "Data checks: 2026 reports" in page
    assert '<option value="2026" selected>2026</option>' in page
