"""Run under the provider's settings: `python -m tests.oidc_provider.setup SPEC`, where SPEC is
JSON naming the client (id, secret, redirect URIs) and the people (username, e-mail, password,
verified). Creates the provider's tables, its client application and its people."""

import json
import sys

import django


def main(spec: dict) -> None:
    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    from tests.oidc_provider.validator import UNVERIFIED

    call_command("migrate", verbosity=0)
    Application.objects.create(
        name="SMEWG Tracker",
        client_id=spec["client_id"],
        client_secret=spec["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=spec["redirect_uris"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    unverified = Group.objects.create(name=UNVERIFIED)
    for person in spec["people"]:
        user = User.objects.create_user(
            person["username"], email=person["email"], password=person["password"]
        )
        if not person["verified"]:
            user.groups.add(unverified)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
