"""`check --deploy` says so when production runs without two factors."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning as CheckWarning


def two_factors_in_production(app_configs, **kwargs) -> list[CheckWarning]:
    if settings.DEBUG or settings.TWO_FACTOR_REQUIRED:
        return []
    return [
        CheckWarning(
            "TWO_FACTOR_REQUIRED is off: the program director, the Chair and the administrator "
            "sign in with a password alone.",
            hint="Unset TWO_FACTOR_REQUIRED (it is on by default when DEBUG is off).",
            id="smewg.W001",
        )
    ]
