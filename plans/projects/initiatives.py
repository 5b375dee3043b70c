"""The initiatives economies reported under an APEC project, for the project's page.

Economies name a project (by its code) on the initiatives of their annual reports, which belong
to the reporting app, a layer above this one: nothing here may import it (an import contract
checks that the plans app imports nothing of reporting). So the dependency points down: the
reporting app registers, when it is ready (`reporting.apps`), the provider that finds the
initiatives a reader may see, and the project's view calls it through `initiatives_naming`.
The rows have the shape declared here; the page reads nothing of the reports' models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class ReportedInitiative:
    """An initiative naming the project, as the project's page lists it."""

    year: int
    economy: str  # the economy's short name
    title: str
    area_number: int
    area_name: str
    report_status: str  # of the initiative's report, as people read it: "Accepted"
    report_url: str | None  # the report's page, where the reader may open it


InitiativesProvider = Callable[[User, str], list[ReportedInitiative]]

_provider: InitiativesProvider | None = None


def register_initiatives_provider(provider: InitiativesProvider) -> None:
    global _provider  # set once, as the apps start
    _provider = provider


def initiatives_naming(user: User, project_code: str) -> list[ReportedInitiative]:
    """The initiatives naming the project, from the reports the user may read."""
    if _provider is None:
        raise ImproperlyConfigured(
            "No provider of the initiatives naming a project is registered: the reporting app "
            "registers one when it is ready (reporting.apps)."
        )
    return _provider(user, project_code)
