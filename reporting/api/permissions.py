from rest_framework.permissions import IsAuthenticated


class SignedIn(IsAuthenticated):
    """Every resource needs a signed-in user. A method the endpoint does not have is a 405 for
    everyone, signed in or not: which methods exist is no secret."""

    def has_permission(self, request, view) -> bool:
        if request.method not in view.allowed_methods:
            return True
        return super().has_permission(request, view)
