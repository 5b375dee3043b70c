from django.http import HttpRequest

from plans.accounts.roles import identity_of


def signed_in_as(request: HttpRequest) -> dict:
    """The header shows who is signed in and as which role or economy."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"identity": identity_of(user)}
