"""Who may read and change a review: every signed-in person reads; the Chair and the program
director write; only the Chair reopens a final review."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from plans.accounts.roles import identity_of
from plans.models import StrategicPlan
from reporting.reviews.models import Review, ReviewKind


def get_review_for_user(
    user, code: str, kind: str, *, write: bool = False, body_only: bool = False
):
    """The plan's review of that kind (unsaved until first written): every signed-in person
    reads it; the Chair and the program director write it. `body_only`: for the page, without
    the frozen content."""
    if kind not in ReviewKind.values:
        raise Http404("No such review.")
    try:
        plan = StrategicPlan.objects.get(code=code)
    except StrategicPlan.DoesNotExist as missing:
        raise Http404("No such plan.") from missing
    if write:
        require_review_writer(user)
    review = Review.objects.for_page(plan, kind, body_only=body_only)
    review.plan = plan
    return review


def require_review_writer(user) -> None:
    identity = identity_of(user)
    if not (identity.is_chair or identity.is_director):
        raise PermissionDenied("Only the Chair and the program director can change a review.")


def require_chair(user) -> None:
    if not identity_of(user).is_chair:
        raise PermissionDenied("Only the Chair can do this.")
