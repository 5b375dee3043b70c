"""A real OpenID Connect provider for the single sign-on tests (django-oauth-toolkit): its own
Django project, started as a separate server by tests/plans/accounts/test_sign_on.py."""
