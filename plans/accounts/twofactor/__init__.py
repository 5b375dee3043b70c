"""Two factors: an authenticator app's codes (TOTP) and single-use recovery codes, on
django-otp's devices.

- `services.py`: who must give a second factor, adding and removing an authenticator app,
  recovery codes, and checking a code (throttled per account).
- `middleware.py`: a session that has not passed the second step reaches no page but the step
  itself, its setup, signing out, static files and /healthz.
- `forms.py`, `views.py`, `urls.py`: the pages under /accounts/two-factor/.
"""
