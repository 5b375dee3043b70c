"""The dashboard pages show the roll-ups' numbers, to whom they may, in fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.models import EconomyReport
from reporting.reports import services
from tests.conftest import client_for
from tests.reporting.api.conftest import api_for
from tests.reporting.factories import finish_report, start_report, write_section
from tests.reporting.rollups.test_figures import dataset  # noqa: F401 - the hand-computed dataset

pytestmark = pytest.mark.django_db

URL = "/dashboard/2025-2028/"


def test_dashboard_shows_the_hand_computed_numbers(dataset, director):  # noqa: F811
    page = client_for(director).get(URL).text
    assert "2 of 21</strong> economies" in page  # 2025 counted
    assert "1 of 2" in page  # on time in 2025
    assert "63 %" in page  # area 1's progress score, 62.5 % rounded half-up
    assert (
        "from 4 assessments of 2 of 21 economies; 90 % interval 25–100 %; "
        "no clear change on 2025 (+12.5 points)"
    ) in page
    assert "Progress score = (Achieved × 1 + Progressing × 0.5" in page  # the method
    assert '2 of 21 <span class="hint">economies reported; 2 assessed this area' in page
    assert '4 <span class="hint">from 2 of 21 economies</span>' in page  # initiatives
    assert "Performance" not in page
    o4 = dataset["o"][3]
    assert "1 objective with no initiative at all" in page
    assert o4.text in page
    assert "Women (2), Youth (1)" in page


def test_the_director_may_count_submitted_reports(dataset, director):  # noqa: F811
    page = client_for(director).get(f"{URL}?statuses=submitted&start=2025&end=2026").text
    assert "70 %" in page  # 3 achieved, 1 progressing, 1 not started
    assert "no clear change on 2025 (+10.0 points)" in page  # 3 economies: a wide interval
    assert "no initiative at all" not in page.split('id="area-1"')[1].split('id="area-2"')[0]


def test_delegates_see_accepted_data_only(dataset, delegate_pe):  # noqa: F811
    client = client_for(delegate_pe)
    page = client.get(f"{URL}?statuses=submitted").text
    assert "Reports counted" not in page  # no such choice for a delegate
    assert "63 %" in page
    assert "70 %" not in page
    # Australia's submitted report is not searchable for a delegate...
    assert "Borrowed" not in client.get(f"{URL}search/?q=I4&statuses=submitted").text
    # ...nor are links to other economies' reports offered.
    assert 'href="/reports/2025/CHL/"' not in page
    assert 'href="/reports/2025/PE/"' in page


def test_drafts_never_leak(dataset, delegate_pe, director):  # noqa: F811
    report = EconomyReport.objects.get(economy__code="PE", cycle__year=2026)
    write_section(
        delegate_pe,
        report,
        "1",
        **{
            "entries-0-assessment": "achieved",
            "entries-0-narrative": "Unpublished zebra figures",
            "entries-1-assessment": "achieved",
            "entries-2-assessment": "achieved",
            "entries-3-assessment": "achieved",
            "entries-4-assessment": "achieved",
        },
    )
    for query in ["", "?statuses=submitted"]:
        page = client_for(director).get(f"{URL}{query}").text
        assert "Unpublished zebra" not in page
        results = client_for(director).get(f"{URL}search/{query or '?'}&q=zebra").text
        assert "<h2>0 results</h2>" in results


def test_measure_page(dataset, chair):  # noqa: F811
    page = client_for(chair).get(f"{URL}measures/1/2/").text
    assert "Rate of business start-up" in page
    assert "never added up" in page
    # 2025: 2 of 21 economies, 10 / 15 / 20; Chile's change +4 in 2026, on its 2025 data
    assert (
        '<td>2 of 21</td><td class="num">10</td><td class="num">15</td><td class="num">20</td>'
        in page
    )
    assert '+4 <span class="hint">change on 2025 data</span>' in page


def test_the_measure_page_counts_against_all_economies_under_a_filter(dataset, chair):  # noqa: F811
    page = client_for(chair).get(f"{URL}measures/1/2/?economy=CHL").text
    assert "<td>1 of 21</td>" in page  # Chile's value of 2025, as the dashboard counts it
    assert "<td>1 of 1</td>" not in page
    data = api_for(chair).get("/api/dashboard/2025-2028/measures/1/2/?economy=CHL").json()
    assert {(s["economies"], s["of"]) for s in data["stats"]} == {(1, 21)}


def test_search_finds_and_highlights(dataset, director):  # noqa: F811
    page = client_for(director).get(f"{URL}search/?q=I3").text
    assert "<h2>1 result</h2>" in page
    assert "<mark>I3</mark>" in page
    assert "Initiative · Peru · 2025 · area 1" in page


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


PAGES = [URL, f"{URL}?statuses=submitted", f"{URL}measures/1/2/", f"{URL}search/?q=rate"]


def test_fixed_number_of_queries_whatever_the_data(director, delegate_chl, delegate_pe, settings):
    """One report, then four: the same queries. (With no report at all a few aggregates are
    skipped, as their filters are empty.) The cost of building the pages: none kept."""
    settings.PAGE_CACHE_SECONDS = 0
    client = client_for(director)

    def report(user, code, year):
        written = start_report(user, code, year)
        finish_report(
            user,
            written,
            s1={f"entries-{i}-assessment": "progressing" for i in range(5)}
            | {"entries-1-value": "3", "entries-1-reference_year": "2025"}
            | initiative_fields(),
        )
        services.report_accept(report_id=written.pk, user=director)

    report(delegate_chl, "CHL", 2025)
    client.get(URL)
    small = {url: queries(client, url) for url in PAGES}
    assert small == {
        # session, user, plan, areas, the number of economies and the page of them, the
        # user's role; participation by status and on time (a row per year), the status
        # matrix of the page's economies; the area
        # roll-ups from the summaries (the window's summary rows, objectives, target groups,
        # measures); the general indicators' summary rows; the reports holding the lessons
        # shown, their lessons from reports, APEC activities and initiatives; the project
        # portfolio (funding and status, areas, proponents); the commitments with their areas,
        # their follow-ups, and the areas they are counted in; the flows of adopted best
        # practices, grouped in the database.
        URL: 25,
        f"{URL}?statuses=submitted": 25,
        # session, user, plan, areas, the measure, the number of economies and the page of them,
        # the user's role; the answers of the page's economies; the statistics kept by the
        # workflow (a row per year).
        f"{URL}measures/1/2/": 10,
        # session, user, plan, areas, the user's role (no economy read: none is filtered on);
        # one query per kind of text.
        f"{URL}search/?q=rate": 9,
    }
    report(delegate_chl, "CHL", 2026)
    report(delegate_pe, "PE", 2025)
    report(delegate_pe, "PE", 2026)
    assert {url: queries(client, url) for url in PAGES} == small


def initiative_fields() -> dict:
    from plans.models import Objective

    objective = Objective.objects.get(area__plan__code="2025-2028", area__number=1, number=1)
    return {
        "initiatives-0-title": "Rate of start-ups programme",
        "initiatives-0-kind": "program",
        "initiatives-0-objectives": [str(objective.pk)],
        "initiatives-0-target_groups": ["1"],
    }


def selected(page: str, name: str) -> str:
    """The option a filter's box shows."""
    box = page.split(f'name="{name}"')[1].split("</select>")[0]
    return box.split(" selected>")[0].rsplit('value="', 1)[1].split('"')[0]


def test_the_boxes_show_the_window_the_figures_use(dataset, director):  # noqa: F811
    page = client_for(director).get(f"{URL}?economy=CHL").text
    assert (selected(page, "start"), selected(page, "end")) == ("2025", "2026")
    assert "Showing 2025–2026" in page
    assert "reports of Chile" in page  # named, not "of CHL"
    assert "Chile: 2 of 2 years reported" in page
    # Participation and the general indicators count against all 21 economies alike.
    assert "1 of 21</strong> economies" in page
    general = page.split('id="general"')[1].split("</section>")[0]
    assert "<td>1 of 21</td>" in general
    assert "<td>1 of 1</td>" not in general


def test_a_start_after_the_end_is_an_error_and_shown_swapped(dataset, director):  # noqa: F811
    page = client_for(director).get(f"{URL}?start=2026&end=2025").text
    assert "There is a problem" in page
    assert "“From” (2026) comes after “To” (2025)" in page
    assert (selected(page, "start"), selected(page, "end")) == ("2025", "2026")
    assert "Showing 2025–2026" in page
    api = client_for(director).get(f"/api{URL}?start=2026&end=2025")
    assert api.status_code == 400


def test_whole_plan_keeps_the_other_filters(dataset, director):  # noqa: F811
    page = client_for(director).get(f"{URL}?economy=CHL&area=1&statuses=submitted").text
    assert (
        'href="?economy=CHL&amp;area=1&amp;statuses=submitted&amp;start=2025&amp;end=2028">'
        "Whole plan (2025–2028)</a>"
    ) in page


def test_the_area_filter_reaches_what_carries_an_area(dataset, director):  # noqa: F811
    everything = client_for(director).get(URL).text
    assert "plan-wide, not filtered by area" not in everything
    response = client_for(director).get(f"{URL}?area=1")
    assert response.context["portfolio"].area == 1  # the portfolio follows the area filter
    page = response.text
    # Chile's best practice and dialogue name no area: not counted under area 1.
    general = page.split('id="general"')[1].split("</section>")[0]
    assert "records naming no area, and the economies reporting, are plan-wide" in general
    assert '<th scope="row">2025</th><td class="num">0</td><td class="num">0</td>' in general
    everything_general = everything.split('id="general"')[1].split("</section>")[0]
    assert '<th scope="row">2025</th><td class="num">1</td>' in everything_general


def test_the_participating_economies_indicator_is_shown(dataset, director):  # noqa: F811
    page = client_for(director).get(URL).text
    assert "Economies taking part in APEC activities" in page


def test_the_economy_tables_list_a_page_of_economies(dataset, director, monkeypatch):  # noqa: F811
    """The economy x year table and the measure's values list a page of economies, with links to
    the others that keep the filters; the figures above still count every economy."""
    from reporting.rollups import filters

    monkeypatch.setattr(filters, "ECONOMIES_PER_PAGE", 4)
    client = client_for(director)
    first = client.get(f"{URL}?area=1").text
    matrix = first.split("Every economy by year")[1].split("</details>")[0]
    assert "Australia" in matrix
    assert "Chile" in matrix
    assert "Peru" not in matrix
    assert "Economies 1–4 of 21" in matrix
    assert 'href="?area=1&amp;page=2#participation" rel="next"' in matrix
    later = client.get(f"{URL}?area=1&page=4").text
    matrix = later.split("Every economy by year")[1].split("</details>")[0]
    assert "Peru" in matrix
    assert "Chile" not in matrix
    assert '<details class="details" open>' in later

    measure = f"{URL}measures/1/2/"
    page = client.get(measure).text
    assert "<h3>Chile</h3>" in page
    assert "<h3>Peru</h3>" not in page
    assert "2 of 21" in page  # the statistics of 2025 count Chile and Peru alike
    assert "<h3>Peru</h3>" in client.get(f"{measure}?page=4").text


def test_the_economy_filter_lists_that_economy_whatever_its_place(dataset, director, monkeypatch):  # noqa: F811
    """Peru sits past the first page of economies: filtered on, it is the one listed."""
    from reporting.rollups import filters

    monkeypatch.setattr(filters, "ECONOMIES_PER_PAGE", 4)
    client = client_for(director)
    page = client.get(f"{URL}measures/1/2/?economy=PE").text
    assert "<h3>Peru</h3>" in page
    matrix = client.get(f"{URL}?economy=PE").text.split("Every economy by year")[1]
    assert "Peru" in matrix.split("</details>")[0]


def test_the_economy_is_a_list_when_every_economy_fits_on_a_page(dataset, director):  # noqa: F811
    """The 21 members fit on one page of the economy tables: the filter lists them all."""
    page = client_for(director).get(f"{URL}?economy=PE").text
    box = page.split('name="economy"')[1].split("</select>")[0]
    assert box.count("<option") == 22  # all economies, then the 21
    assert selected(page, "economy") == "PE"
    assert "Peru: 1 of 2 years reported" in page
    assert '<select name="economy" id="id_economy">' in page
    assert 'type="text" class="input--short" name="economy"' not in page


def test_beyond_a_page_of_economies_the_economy_is_typed(dataset, director, monkeypatch):  # noqa: F811
    """More economies than a page lists: a text box for the code, looked up and checked,
    instead of a list of every economy."""
    from reporting.rollups import filters

    monkeypatch.setattr(filters, "ECONOMIES_PER_PAGE", 4)
    client = client_for(director)
    page = client.get(f"{URL}?economy=pe").text
    assert '<select name="economy"' not in page
    assert 'type="text" class="input--short" name="economy" id="id_economy" value="pe"' in page
    assert "reports of Peru" in page  # found by its code, named
    assert "Peru: 1 of 2 years reported" in page
    matrix = page.split("Every economy by year")[1].split("</details>")[0]
    assert "Peru" in matrix
    assert "Chile" not in matrix
    assert "There is a problem" not in page

    wrong = client.get(f"{URL}?economy=ZZZ").text
    assert "There is a problem" in wrong
    assert '<a href="#id_economy">No economy has the code “ZZZ”' in wrong
    assert 'class="form-group form-group--error"' in wrong
    assert 'aria-invalid="true"' in wrong
    assert "Economies 1–4 of 21" in wrong  # every economy's figures, as without the filter

    # The measure page, which reads every economy, and search take the code alike.
    assert "<h3>Peru</h3>" in client.get(f"{URL}measures/1/2/?economy=PE").text
    search = client.get(f"{URL}search/?q=I3&economy=PE").text
    assert "Initiative · Peru · 2025 · area 1" in search
    assert "reports of PE" in search
    assert "<h2>0 results</h2>" in client.get(f"{URL}search/?q=I3&economy=CHL").text
