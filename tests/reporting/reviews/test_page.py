"""The review's page shows the body of the review, the same as the files', and leaves the
annexes (every record of the counted reports) to the files, saying what they hold."""

import dataclasses
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import StrategicPlan
from reporting.models import ApecActivity, BestPractice, DialogueSession, Initiative
from reporting.reviews import content as reviews
from reporting.reviews import services as review_services
from reporting.reviews.models import Review
from reporting.reviews.schema import AnnexCounts, load_review
from tests.conftest import client_for
from tests.reporting.reviews.test_writing import form_data
from tests.reporting.rollups.test_flat_cost import reported

pytestmark = pytest.mark.django_db

URL = "/reviews/2025-2028/midterm/"


def files_content() -> dict:
    review = Review.objects.for_page(StrategicPlan.objects.get(code="2025-2028"), "midterm")
    return reviews.build_content(review, raw=False)


def test_the_page_shows_the_files_body_and_counts_their_annexes(director, chair):
    for code in ("AUS", "PE"):
        reported(code, 2025, director)
    page = client_for(chair).get(URL)
    shown = page.context["content"]
    files = files_content()

    body = {key: value for key, value in files.items() if key not in reviews.ANNEX_KEYS}
    assert dataclasses.replace(shown, annexes_in_files=None) == load_review(body)
    counts = shown.annexes_in_files
    assert counts == AnnexCounts(
        reports=2, initiatives=2, best_practices=0, dialogues=0, apec_activities=2
    )
    # The counts, read from the summaries, are what the files' annexes list.
    assert counts.initiatives == len(files["initiatives"]) == Initiative.objects.count()
    assert counts.apec_activities == len(files["apec_activities"])
    assert counts.apec_activities == ApecActivity.objects.count()
    assert counts.best_practices == BestPractice.objects.count() == 0
    assert counts.dialogues == DialogueSession.objects.count() == 0
    counted = [y for row in files["annex"] for y in row["years"] if y["status"] == "Accepted"]
    assert counts.reports == len(counted)

    assert "Annex B: Initiatives</strong>: 2 initiatives." in page.text
    assert "Annex E: APEC activities</strong>: 2 APEC activities." in page.text
    assert "They are in the Word, PDF and Excel files" in page.text
    assert 'class="table table--compact review-annex"' not in page.text  # no annex table
    assert "Coaching needs follow-up." not in page.text  # an APEC activity's lesson: annex E
    assert "all of them are in Annex C of the files" in page.text


def test_the_highlights_are_those_of_the_first_economies(director, chair, monkeypatch):
    """With more economies than a page holds (the benchmark's hundreds), the chapters highlight
    the first page's and say so; the files' annexes still hold every record."""
    monkeypatch.setattr(reviews, "HIGHLIGHTED_ECONOMIES", 1)
    for code in ("AUS", "PE"):
        reported(code, 2025, director)
    page = client_for(chair).get(URL)
    area = page.context["content"].areas[0]
    assert [row.economy for row in area.highlights] == ["Australia"]
    assert "1 of 2 initiatives, the most recent of each of the first 1 economies" in page.text
    lessons = page.context["content"].lesson_highlights
    assert {lesson.economy for lesson in lessons} == {"Australia"}

    files = files_content()
    assert [(row["economy"], row["highlight"]) for row in files["initiatives"]] == [
        ("Australia", True),
        ("Peru", False),
    ]
    assert {lesson["economy"] for lesson in files["lessons"]} == {"Australia", "Peru"}
    assert [
        load_review({**files, "lesson_highlights": [lesson]}).lesson_highlights[0]
        for lesson in files["lessons"]
        if lesson["highlight"]
    ] == lessons


def test_a_final_reviews_page_reads_its_frozen_body_only(director, chair):
    """The frozen content holds every record (its size grows with the data): the page of a final
    review reads the body frozen beside it, and never that column."""
    reported("AUS", 2025, director)
    client = client_for(director)
    client.post(f"{URL}finalize/", form_data(client.get(URL).context))
    client.post(f"{URL}finalize/", {"confirm": "yes"})
    review = Review.objects.get()
    assert review.is_final
    assert json.loads(review.frozen_body) == reviews.without_annexes(review.snapshot)

    with CaptureQueriesContext(connection) as captured:
        page = client_for(chair).get(URL)
    assert page.status_code == 200
    assert not [q for q in captured.captured_queries if "frozen_content" in q["sql"]]
    assert page.context["content"] == load_review(json.loads(review.frozen_body))
    assert "Annex B: Initiatives</strong>: 1 initiative." in page.text

    # A review made final before its body was kept is read from the whole snapshot.
    Review.objects.update(frozen_body="")
    assert client_for(chair).get(URL).context["content"] == page.context["content"]

    review_services.review_reopen(review_id=review.pk, user=chair, reason="A late report")
    assert Review.objects.values_list("frozen_content", "frozen_body").get() == ("", "")
