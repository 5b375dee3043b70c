"""Which economies adopted each best practice shared at a meeting, for the meeting's page.

Economies adopt them in their annual reports, which belong to the reporting app, a layer above
this one: as for a project's initiatives (plans/projects/initiatives.py), the reporting app
registers, when it is ready (`reporting.apps`), the provider that words the adopters ("Peru
(2026), Viet Nam (2027)", as every page words them), and the meeting's view calls it through
`adopters_of`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

# The meeting's best practices' ids -> the adopters' wording, for those adopted.
AdoptersProvider = Callable[[list[int]], dict[int, str]]

_provider: AdoptersProvider | None = None


def register_adopters_provider(provider: AdoptersProvider) -> None:
    global _provider  # set once, as the apps start
    _provider = provider


def adopters_of(practice_ids: list[int]) -> dict[int, str]:
    """Who adopted each of these best practices, by its id: only those adopted are keys."""
    if _provider is None:
        raise ImproperlyConfigured(
            "No provider of the adopters of a meeting's best practices is registered: the "
            "reporting app registers one when it is ready (reporting.apps)."
        )
    return _provider(practice_ids)
