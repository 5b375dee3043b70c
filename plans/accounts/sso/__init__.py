"""Single sign-on through the organisation's OpenID Connect provider (Microsoft Entra, Google
Workspace, Keycloak ...), when the environment names one (OIDC_DISCOVERY_URL): `services.py`
matches the provider's verified e-mail address to an account or an invitation, `views.py` runs
the authorization code flow (Authlib) and signs the person in."""
