"""The Chair publishes a final review on the public site through a confirmation page, and
withdraws it with a reason; its public page shows the figures frozen in it, never live data."""

import pytest

from reporting.reviews import services as review_services
from tests.conftest import client_for
from tests.reporting.public.factories import MEASURE_1, accepted_report, final_review

pytestmark = pytest.mark.django_db

PUBLIC = "/public/documents/2025-2028/final/"
PUBLISH = "/reviews/2025-2028/final/publish/"
WITHDRAW = "/reviews/2025-2028/final/withdraw/"


def test_the_chair_publishes_and_withdraws_a_final_review(chair):
    review = final_review(chair, summary="Ministers, the plan worked.")
    assert client_for(None).get(PUBLIC).status_code == 404

    review_services.review_publish(review_id=review.pk, user=chair)
    page = client_for(None).get(PUBLIC)
    assert page.status_code == 200
    assert "Ministers, the plan worked." in page.text
    for listing in ("/public/", "/public/documents/"):
        assert "Final review of the APEC SMEWG Strategic Plan 2025-2028" in (
            client_for(None).get(listing).text
        )
    with pytest.raises(review_services.ReviewError, match="published already"):
        review_services.review_publish(review_id=review.pk, user=chair)
    with pytest.raises(review_services.ReviewError, match="Say why"):
        review_services.review_withdraw(review_id=review.pk, user=chair, reason=" ")

    review_services.review_withdraw(review_id=review.pk, user=chair, reason="A quote was wrong.")
    assert client_for(None).get(PUBLIC).status_code == 404
    reasons = [entry.history_change_reason for entry in review.history.all()[:2]]
    assert reasons == [
        "Withdrawn from the public site: A quote was wrong.",
        "Published on the public site.",
    ]


def test_a_draft_review_is_never_public(chair):
    review = final_review(chair)
    review_services.review_publish(review_id=review.pk, user=chair)
    review_services.review_reopen(review_id=review.pk, user=chair, reason="Redo.")
    review.refresh_from_db()
    assert review.published_at is None
    with pytest.raises(review_services.ReviewError, match="Only a final review"):
        review_services.review_publish(review_id=review.pk, user=chair)
    assert client_for(None).get(PUBLIC).status_code == 404


def test_the_public_page_shows_the_frozen_figures_not_the_live_ones(chair, delegate_chl, director):
    review = final_review(chair)
    review_services.review_publish(review_id=review.pk, user=chair)
    frozen = client_for(None).get(PUBLIC).text
    assert "No score" in frozen
    # An accepted report after the review was made final moves the live score of area 1.
    accepted_report(delegate_chl, director, **{"1": MEASURE_1})
    assert client_for(None).get(PUBLIC).text.count("No score") == frozen.count("No score")
    assert "50 %" not in client_for(None).get(PUBLIC).text


def test_publishing_goes_through_a_confirmation_page(chair, director, delegate_chl):
    final_review(chair)
    assert client_for(delegate_chl).get(PUBLISH).status_code == 403
    assert client_for(director).get(PUBLISH).status_code == 403
    assert client_for(director).post(PUBLISH).status_code == 403
    assert client_for(None).get(PUBLIC).status_code == 404
    boss = client_for(chair)
    page = boss.get(PUBLISH)
    assert page.status_code == 200
    assert "What will be public" in page.text
    assert boss.post(PUBLISH)["Location"] == PUBLIC
    assert client_for(None).get(PUBLIC).status_code == 200
    assert "Withdraw from the public site" in boss.get("/reviews/2025-2028/final/").text
    assert client_for(director).post(WITHDRAW, {"reason": "No."}).status_code == 403
    assert boss.post(WITHDRAW, {"reason": ""}).status_code == 200
    assert client_for(None).get(PUBLIC).status_code == 200
    assert boss.post(WITHDRAW, {"reason": "Wrong year."}).status_code == 302
    assert client_for(None).get(PUBLIC).status_code == 404
