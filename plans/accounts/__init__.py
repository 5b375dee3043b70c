"""Accounts: who a signed-in person is in the SMEWG and what belongs to their account.

- `roles.py`: roles (Django groups) and a delegate's economy, read by `identity_of`; the role
  checks every access helper is built on.
- `lockouts.py`: sign-in throttling (django-axes): the lockout page, and the attempts the
  program director may lift.
- `tokens.py`: API tokens, stored as digests: the API's token sign-in, and their revocation when
  a password changes.
- `preferences.py`: a person's time zone.
- `invitations.py`: invitations by e-mail, deactivations and an economy's handover to a new
  delegate, and the people page's reads.
- `twofactor/`: two-factor sign-in (django-otp): who must give a second factor, its pages and
  the middleware that closes the site until it is given.
- `models.py`, `services.py`, `forms.py`, `views.py` (the profile, the lockouts page, the people
  page and the invitation's link), `urls.py` (everything under /accounts/) and
  `context_processors.py` (who the header says is signed in).

The lowest layer of the project: it imports nothing else of it (an import contract holds this).
It names the catalogue's models by string ("plans.Economy") and reads them through the ORM.
"""
