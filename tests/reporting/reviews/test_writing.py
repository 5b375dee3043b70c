"""The Chair's review page: writing, quoting, making final, reopening, and who may do what."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.reports import services
from reporting.reviews import content as reviews
from reporting.reviews.exports import FORMATS, export_review
from reporting.reviews.models import Review, ReviewQuote
from tests.conftest import client_for
from tests.reporting.factories import finish_report, start_report
from tests.reporting.rollups.test_figures import answers

pytestmark = pytest.mark.django_db

URL = "/reviews/2025-2028/midterm/"
NARRATIVE = "Start-ups rose by a tenth once registration moved online."


def accepted_report(delegate, director, code: str, year: int, rate: str = "10"):
    report = start_report(delegate, code, year)
    finish_report(
        delegate,
        report,
        s1={
            **answers(m1="achieved", m2=(rate, "progressing")),
            "entries-1-reference_year": str(year),
            "entries-1-narrative": NARRATIVE if code == "CHL" else "",
        },
    )
    return services.report_accept(report_id=report.pk, user=director)


def form_data(page_context) -> dict:
    """The review form's fields as the browser would send them, unchanged."""
    form = page_context["form"]
    values = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else value for name, value in values.items()}


def test_everyone_reads_only_the_chair_and_director_write(delegate_chl, chair, director):
    page = client_for(delegate_chl).get(URL)
    assert page.status_code == 200
    assert "Mid-term review" in page.text
    assert page.context["form"] is None  # delegates read the document only
    assert client_for(delegate_chl).post(URL, {"version": 0}).status_code == 403
    for writer in (chair, director):
        assert client_for(writer).get(URL).context["form"] is not None
    assert not Review.objects.exists()  # reading writes nothing


def test_the_chair_writes_the_text_beside_the_figures(chair, director, delegate_chl):
    accepted_report(delegate_chl, director, "CHL", 2025)
    client = client_for(chair)
    page = client.get(URL)
    assert "1 of 21" in page.text  # economies reporting on area 1, beside its text boxes
    data = form_data(page.context) | {
        "executive_summary": "A good start.",
        "area1-assessment": "Area 1 moves ahead.",
    }
    response = client.post(URL, data)
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.executive_summary, review.version) == ("A good start.", 1)
    assert review.area_texts.get(area__number=1).assessment == "Area 1 moves ahead."
    assert "Area 1 moves ahead." in client_for(delegate_chl).get(URL).text


def test_a_stale_save_is_refused_and_keeps_the_text(chair, director):
    chair_page, director_page = client_for(chair).get(URL), client_for(director).get(URL)
    assert client_for(director).post(URL, form_data(director_page.context)).status_code == 302
    mine = form_data(chair_page.context) | {"executive_summary": "My careful words."}
    response = client_for(chair).post(URL, mine)
    assert response.status_code == 409
    assert "after you opened it" in response.text
    assert "My careful words." in response.text
    assert Review.objects.get().executive_summary == ""


def test_too_long_text_is_refused_next_to_the_field(chair):
    client = client_for(chair)
    data = form_data(client.get(URL).context) | {"area2-challenges": "x" * 5001}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert 'href="#id_area2-challenges"' in response.text
    assert not Review.objects.exists()


def test_a_quote_is_copied_with_its_attribution(chair, director, delegate_chl, delegate_pe):
    """The page renders no passages to quote: under each area "Choose passages to quote" saves
    the typed text and opens the passage finder on the area (a form button, no script); the
    finder's "Use this quote" comes back to the area with the quote and the text kept."""
    report = accepted_report(delegate_chl, director, "CHL", 2025)
    entry = report.entries.get(narrative=NARRATIVE)
    client = client_for(chair)
    page = client.get(URL)
    areas = page.context["review"].plan.areas.count()
    assert NARRATIVE not in page.text  # no candidates rendered
    assert "quote--candidate" not in page.text
    assert page.text.count("Choose passages to quote<span") == areas + 1  # and the lessons'
    data = form_data(page.context) | {"executive_summary": "Kept", "find": "1"}
    response = client.post(f"{URL}passages/", data)
    assert response.status_code == 302
    assert response["Location"] == f"{URL}passages/?area=1"
    assert Review.objects.get().executive_summary == "Kept"  # the typed text was saved first
    finder = client.get(response["Location"])
    assert [p["value"] for p in finder.context["passages"]] == [f"measure:{entry.pk}"]
    response = client.post(f"{URL}quotes/", {"quote": f"measure:{entry.pk}"})
    assert response.status_code == 302
    assert response["Location"].endswith("#area-1")
    quote = ReviewQuote.objects.get()
    assert (quote.text, quote.attribution, quote.area.number) == (NARRATIVE, "Chile, 2025", 1)
    back = client.get(URL)
    assert "— Chile, 2025" in back.text
    assert back.context["form"]["executive_summary"].value() == "Kept"
    assert "— Chile, 2025" in client_for(delegate_pe).get(URL).text


def test_a_quote_posted_with_the_page_saves_its_text(chair, director, delegate_chl):
    """A "Use this quote" posted with the review's form (a page kept from before) saves the
    typed text too."""
    report = accepted_report(delegate_chl, director, "CHL", 2025)
    entry = report.entries.get(narrative=NARRATIVE)
    client = client_for(chair)
    data = form_data(client.get(URL).context) | {
        "quote": f"measure:{entry.pk}",
        "executive_summary": "Kept",
    }
    response = client.post(f"{URL}quotes/", data)
    assert response.status_code == 302
    assert response["Location"].endswith("#area-1")
    assert ReviewQuote.objects.get().attribution == "Chile, 2025"
    assert Review.objects.get().executive_summary == "Kept"


def test_a_draft_reports_passage_cannot_be_quoted(chair, delegate_chl):
    report = start_report(delegate_chl, "CHL", 2025)
    finish_report(
        delegate_chl, report, s1={**answers(), "entries-1-narrative": "Not accepted yet."}
    )
    entry = report.entries.get(narrative="Not accepted yet.")
    client = client_for(chair)
    data = form_data(client.get(URL).context) | {"quote": f"measure:{entry.pk}"}
    response = client.post(f"{URL}quotes/", data, follow=True)
    assert "not in a report this review counts" in response.text
    assert not ReviewQuote.objects.exists()


def test_final_review_is_frozen_and_shows_what_changed(chair, director, delegate_chl, delegate_pe):
    accepted_report(delegate_chl, director, "CHL", 2025)
    client = client_for(director)
    # "Save and make final" saves the text, then asks: nothing is frozen yet.
    response = client.post(f"{URL}finalize/", form_data(client.get(URL).context))
    assert response.status_code == 302
    assert response["Location"] == f"{URL}finalize/"
    assert not Review.objects.get().is_final
    confirmation = client.get(f"{URL}finalize/")
    assert "Make the mid-term review final?" in confirmation.text
    assert "freeze every figure and quote" in confirmation.text
    response = client.post(f"{URL}finalize/", {"confirm": "yes"})
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.is_final
    assert review.frozen_at
    assert review.snapshot
    frozen = reviews.content_of(review)
    assert frozen["participation"][0]["counted"] == 1

    accepted_report(delegate_pe, director, "PE", 2025)  # a report accepted afterwards
    review.refresh_from_db()
    assert reviews.content_of(review) == frozen
    page = client_for(delegate_chl).get(URL).text
    assert "Data as of" in page
    assert "differs from the snapshot in" in page
    assert "Reports counted in 2025" in page
    # No more writing until the Chair reopens it.
    assert client_for(chair).get(URL).context["form"] is None
    refused = client.post(f"{URL}quotes/", {"version": review.version, "quote": "measure:1"})
    assert refused.status_code == 302
    assert ReviewQuote.objects.count() == 0


def test_only_the_chair_reopens_with_a_reason_in_the_history(chair, director):
    client = client_for(chair)
    client.post(f"{URL}finalize/", form_data(client.get(URL).context))
    client.post(f"{URL}finalize/", {"confirm": "yes"})
    assert client_for(director).post(f"{URL}reopen/", {"reason": "Late report"}).status_code == 403
    assert client.post(f"{URL}reopen/", {"reason": ""}).status_code == 400
    assert Review.objects.get().is_final
    assert client.post(f"{URL}reopen/", {"reason": "Peru's late report"}).status_code == 302
    review = Review.objects.get()
    assert not review.is_final
    assert review.snapshot is None
    reasons = list(review.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["Reopened: Peru's late report", "Made final: figures and quotes frozen."]


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_the_page_runs_a_fixed_number_of_queries(chair, director, delegate_chl, delegate_pe):
    client = client_for(chair)
    accepted_report(delegate_chl, director, "CHL", 2025)
    client.get(URL)
    small = queries(client)
    accepted_report(delegate_pe, director, "PE", 2025)
    accepted_report(delegate_chl, director, "CHL", 2026)
    assert queries(client) == small


SCORE_KEYS = (
    "score",
    "score_n",
    "score_economies",
    "distribution",
    "score_change",
    "score_previous_year",
)


def test_a_snapshot_taken_before_the_progress_score_still_renders(chair, director, delegate_chl):
    """Frozen reviews keep their dict as it was: one made when areas carried a "performance"
    reads with defaults, on the page and in every file, and says the score is not in it."""
    accepted_report(delegate_chl, director, "CHL", 2025)
    client = client_for(director)
    client.post(f"{URL}finalize/", form_data(client.get(URL).context))
    client.post(f"{URL}finalize/", {"confirm": "yes"})
    review = Review.objects.get()
    snapshot = review.snapshot
    for area in snapshot["areas"]:
        for key in SCORE_KEYS:
            area.pop(key)
        area |= {"performance": 0.8, "on_track": 4, "assessed": 5}
        for objective in area["objectives"]:
            for key in SCORE_KEYS:
                objective.pop(key)
    for year in snapshot["general"]:
        year.pop("activity_economies")
        year.pop("of")
    # Made final then, it has no frozen body either: the page reads the whole snapshot.
    Review.objects.filter(pk=review.pk).update(frozen_content=json.dumps(snapshot), frozen_body="")
    review = Review.objects.get(pk=review.pk)
    assert "score" not in review.snapshot["areas"][0]

    page = client_for(chair).get(URL)
    assert page.status_code == 200
    assert "this snapshot was taken before the progress score" in page.text
    for fmt in FORMATS:
        assert export_review(review, fmt).content
