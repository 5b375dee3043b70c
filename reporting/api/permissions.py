from django.contrib.auth.models import User
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request


class SignedIn(IsAuthenticated):
    """Every resource needs a signed-in user. A method the endpoint does not have is a 405 for
    everyone, signed in or not: which methods exist is no secret."""

    def has_permission(self, request, view) -> bool:
        if request.method not in view.allowed_methods:
            return True
        return super().has_permission(request, view)


def signed_in_user(request: Request) -> User:
    """The user of a request that SignedIn let through to an endpoint's code: always signed in,
    which this says to the type checker (request.user may be AnonymousUser elsewhere)."""
    user = request.user
    if not user.is_authenticated:  # never reached: SignedIn answered 401 or 405 already
        raise NotAuthenticated
    return user
