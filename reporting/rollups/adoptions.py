"""Who learned from whom: the links between an adopted best practice of a counted report and
its source (`Adoption`), grouped by adopting economy, source economy and priority area.

One grouped query: the rows are at most economies x economies x areas, whatever the number of
reports and records. The count of links per year is the general indicator "best practices that
are adapted and adopted" (reporting.rollups.general), kept in the summaries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F
from django.db.models.functions import Coalesce

from reporting.reports.models import Adoption, BestPractice
from reporting.rollups.window import Window


@dataclass(frozen=True)
class Flow:
    adopter: str  # the adopting economy's short name
    source: str  # the economy whose practice or initiative was adopted
    area: int | None  # the priority area's number: the adopted practice's, else its source's
    through_meeting: bool  # the source was shared at a SMEWG meeting, not read in a report
    links: int


def adoption_flows(window: Window) -> list[Flow]:
    adoptions = Adoption.objects.filter(
        window.counts("practice__report"), practice__direction=BestPractice.Direction.ADOPTED
    ).annotate(
        adopter=F("practice__report__economy__short_name"),
        adopter_position=F("practice__report__economy__position"),
        source_economy=Coalesce(
            "source_practice__report__economy__short_name",
            "source_initiative__report__economy__short_name",
            "source_meeting_practice__economy__short_name",
        ),
        area_number=Coalesce(
            "practice__area__number",
            "source_practice__area__number",
            "source_initiative__area__number",
            "source_meeting_practice__area__number",
        ),
    )
    if window.area:
        adoptions = adoptions.filter(area_number=window.area)
    rows = (
        adoptions.values("adopter", "adopter_position", "source_economy", "area_number")
        .annotate(links=Count("pk"), meetings=Count("source_meeting_practice"))
        .order_by("area_number", "adopter_position", "source_economy")
    )
    flows = []
    for row in rows:
        reported = row["links"] - row["meetings"]
        for through_meeting, links in ((False, reported), (True, row["meetings"])):
            if links:
                flows.append(
                    Flow(
                        row["adopter"],
                        row["source_economy"],
                        row["area_number"],
                        through_meeting,
                        links,
                    )
                )
    return flows
