"""The passage finder of a review: every passage of the counted reports, filtered, searched and
paginated, quoted without losing the Chair's text; nothing from a draft, submitted or returned
report; a fixed number of queries per page.

The data is test_rollups' dataset (Chile 2025 and 2026, Peru 2025 accepted; Australia 2025
submitted; Peru 2026 a draft) plus Japan's accepted 2025 report with a narrative, an initiative
description, lessons learned and a best practice, and Korea's 2025 report, returned, with texts
that must never show.
"""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Objective, PriorityArea
from reporting.models import EconomyReport, MeasureEntry
from reporting.reports import services
from reporting.reviews.models import QuoteSource, Review, ReviewQuote
from tests.conftest import client_for
from tests.reporting.factories import finish_report, start_report
from tests.reporting.reviews.test_writing import form_data
from tests.reporting.rollups.test_figures import answers, build_dataset, initiative

pytestmark = pytest.mark.django_db

URL = "/reviews/2025-2028/midterm/"
FINDER = f"{URL}passages/"
NARRATIVE = "Registration fees were abolished, and the index rose by a third."
DESCRIPTION = "A mentoring network for rural founders across twelve prefectures."
LESSON = "Coaching after the training mattered more than the training itself."
PRACTICE = "Shared our e-invoicing rules with two neighbours."
LEAK = "Returned draft wording that nobody has accepted."


def report_of(code: str, year: int, director: User, *, accept: bool = True, **sections):
    delegate = User.objects.get(username=f"delegate-{code.lower()}")
    report = start_report(delegate, code, year)
    finish_report(delegate, report, **sections)
    if accept:
        return services.report_accept(report_id=report.pk, user=director)
    return report


@pytest.fixture
def data(director) -> dict:
    found = build_dataset()
    o1 = found["o"][0]
    japan = report_of(
        "JPN",
        2025,
        director,
        s1={
            **answers(m1="progressing"),
            "entries-0-narrative": NARRATIVE,
            **initiative("Rural mentors", [o1], []),
            "initiatives-0-description": DESCRIPTION,
        },
        general={
            "lessons_learned": LESSON,
            "best_practices-0-title": "E-invoicing",
            "best_practices-0-direction": "shared",
            "best_practices-0-description": PRACTICE,
        },
    )
    korea = report_of(
        "ROK",
        2025,
        director,
        accept=False,
        s1={**answers(m1="progressing"), "entries-0-narrative": LEAK},
        general={"lessons_learned": LEAK},
    )
    services.report_return(
        report_id=korea.pk, user=director, comment="Add sources.", section_comments={}
    )
    return {"japan": japan, "o1": o1}


def texts(response) -> list[str]:
    return [passage["text"] for passage in response.context["passages"]]


def test_every_kind_of_passage_of_the_counted_reports_and_nothing_else(data, chair):
    response = client_for(chair).get(FINDER)
    assert response.status_code == 200
    found = {(p["source"], p["text"]) for p in response.context["passages"]}
    assert (QuoteSource.MEASURE, NARRATIVE) in found
    assert (QuoteSource.INITIATIVE, DESCRIPTION) in found
    assert (QuoteSource.LESSON, LESSON) in found
    assert (QuoteSource.BEST_PRACTICE, PRACTICE) in found
    assert (QuoteSource.DIALOGUE, "Round table with banks") in found
    assert LEAK not in response.text
    assert all(p["economy"] in {"Chile", "Peru", "Japan"} for p in response.context["passages"])
    assert LEAK not in client_for(chair).get(FINDER, {"q": "nobody"}).text
    assert texts(client_for(chair).get(FINDER, {"q": "nobody"})) == []


def test_search_and_filters(data, chair, director):
    client = client_for(director)
    assert texts(client.get(FINDER, {"q": "mentoring"})) == [DESCRIPTION]
    assert texts(client.get(FINDER, {"q": "coaching", "economy": "JPN"})) == [LESSON]
    assert texts(client.get(FINDER, {"q": "coaching", "economy": "CHL"})) == []
    assert texts(client.get(FINDER, {"q": "coaching", "year": "2026"})) == []
    # An area keeps its narratives and initiatives; a report's own lessons have no area.
    in_area_1 = texts(client.get(FINDER, {"area": "1"}))
    assert NARRATIVE in in_area_1
    assert DESCRIPTION in in_area_1
    assert LESSON not in in_area_1
    assert texts(client.get(FINDER, {"area": "2"})) == []
    measure = MeasureEntry.objects.get(narrative=NARRATIVE).measure
    assert texts(client.get(FINDER, {"measure": measure.pk})) == [NARRATIVE]
    objective = texts(client.get(FINDER, {"objective": data["o1"].pk}))
    assert DESCRIPTION in objective
    assert LESSON not in objective
    other = Objective.objects.get(area__plan__code="2025-2028", area__number=2, number=1)
    assert DESCRIPTION not in texts(client.get(FINDER, {"objective": other.pk}))


def test_quoting_from_the_finder_keeps_the_text_typed_on_the_review_page(data, chair):
    client = client_for(chair)
    data_ = form_data(client.get(URL).context) | {"executive_summary": "Typed, not saved yet."}
    # The review page's "Find passages to quote" saves the text, then opens the finder.
    response = client.post(FINDER, {**data_, "find": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{FINDER}?area=1"
    assert Review.objects.get().executive_summary == "Typed, not saved yet."
    found = client.get(FINDER, {"q": "mentoring"}).context["passages"][0]
    response = client.post(f"{URL}quotes/", {"quote": found["value"]})
    assert response.status_code == 302
    quote = ReviewQuote.objects.get()
    assert (quote.text, quote.year, str(quote.economy)) == (DESCRIPTION, 2025, "Japan")
    assert quote.area == PriorityArea.objects.get(plan__code="2025-2028", number=1)
    assert Review.objects.get().executive_summary == "Typed, not saved yet."
    assert client.get(FINDER, {"q": "mentoring"}).context["passages"][0]["chosen"]


def test_a_returned_reports_passage_cannot_be_quoted(data, chair):
    korea = EconomyReport.objects.get(economy__code="ROK")
    entry = MeasureEntry.objects.get(report=korea, narrative=LEAK)
    for value in (f"measure:{entry.pk}", f"lesson:{korea.pk}"):
        client_for(chair).post(f"{URL}quotes/", {"quote": value})
    assert not ReviewQuote.objects.exists()


def test_pages_of_twenty(data, chair, director):
    for code in ("MEX", "NZ", "PHL", "SGP", "THA", "VN", "USA", "MAS", "INA", "CDA"):
        report_of(
            code,
            2025,
            director,
            s1={**answers(m1="achieved"), "entries-0-narrative": f"{code} grew."},
            general={"lessons_learned": f"{code} learned."},
        )
    client = client_for(chair)
    first = client.get(FINDER)
    total = first.context["page"].paginator.count
    assert total > 20
    assert len(first.context["passages"]) == 20
    assert 'rel="next"' in first.text
    second = client.get(FINDER, {"page": 2})
    seen = {p["value"] for p in first.context["passages"]}
    assert not seen & {p["value"] for p in second.context["passages"]}


def count(client, url: str, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


# Session, user, the user's role and economy (3), the plan and the review (2), the filters'
# choices (areas, objectives, measures, economies, target groups: 5), the passages counted and
# one page of them (2); once the review is saved, the quotes already chosen (1).
FINDER_QUERIES = 12


def test_the_finder_and_the_review_page_make_the_same_queries_at_two_sizes(data, chair, director):
    client = client_for(chair)
    small = (
        count(client, FINDER),
        count(client, FINDER, {"q": "registration", "area": "1"}),
        count(client, URL),
    )
    assert small[0] == FINDER_QUERIES
    for code in ("MEX", "NZ", "PHL", "SGP", "THA"):
        for year in (2025, 2026):
            report_of(
                code,
                year,
                director,
                s1={
                    **answers(m1="achieved"),
                    "entries-0-narrative": f"{code} grew in {year}.",
                    **initiative(f"{code} {year}", [data["o1"]], []),
                },
                general={"lessons_learned": f"{code} learned in {year}."},
            )
    big = (
        count(client, FINDER),
        count(client, FINDER, {"q": "registration", "area": "1"}),
        count(client, URL),
    )
    assert big == small
