"""What has changed in the live data since a review was made final: its page shows the headline
figures that differ from its snapshot."""

from __future__ import annotations

from typing import Any

from plans.catalogue import rounding
from reporting.reviews.content import Content


def differences(snapshot: Content, live: Content) -> list[dict]:
    """Where the live data now differs from a final review's snapshot: the headline figures."""

    def figures(content: Content) -> dict[str, Any]:
        found = {}
        for year in content["participation"]:
            found[f"Reports counted in {year['year']}"] = year["counted"]
        for area in content["areas"]:
            prefix = f"Area {area['number']}"
            found[f"{prefix}: initiatives"] = area["initiatives"]
            found[f"{prefix}: economies contributing"] = area["contributing_economies"]
            found[f"{prefix}: assessments"] = area.get("score_n")
            found[f"{prefix}: progress score"] = (
                None if area.get("score") is None else int(rounding.percent_of(area["score"]))
            )
        for year in content["general"]:
            found[f"Best practices shared in {year['year']}"] = year["shared"]
        return found

    then, now = figures(snapshot), figures(live)
    return [
        {"label": label, "then": then.get(label), "now": now.get(label)}
        for label in dict.fromkeys([*then, *now])
        if then.get(label) != now.get(label)
    ]
