"""The review's charts, drawn from its content (never from the live data), for the page and the
PDF: participation by year, performance by area and the assessments by area."""

from __future__ import annotations

from typing import Any

from reporting import charts
from reporting.exports import text

MISSING = "missing"
MISSING_COLOUR = "#dee0e2"
PARTICIPATION_COLOURS = {**charts.STATUS_COLOURS, MISSING: MISSING_COLOUR}
# The assessment colours of the dashboard, keyed by the labels the content uses.
ASSESSMENT_COLOURS = {
    label: charts.ASSESSMENT_COLOURS[value]
    for value, label in zip(
        ("no_data", "not_started", "progressing", "achieved", "not_applicable"),
        text.ASSESSMENT_ORDER,
        strict=True,
    )
}


def review_charts(content: dict[str, Any]) -> dict[str, charts.BarChart | charts.StackedChart]:
    status_labels = {**dict(text.STATUS_ORDER), MISSING: "No report"}
    participation = charts.StackedChart(
        title="Reports by year and status",
        description="; ".join(
            f"{year['year']}: {year['counted']} of {year['economies']} economies counted, "
            + ", ".join(
                f"{year['by_status'].get(status, 0)} {label.lower()}"
                for status, label in text.STATUS_ORDER
            )
            + f", {year['missing']} with no report"
            for year in content["participation"]
        ),
        rows=[
            charts.stacked(
                str(year["year"]),
                {**year["by_status"], MISSING: year["missing"]},
                status_labels,
                PARTICIPATION_COLOURS,
            )
            for year in content["participation"]
        ],
        legend=[(status_labels[key], colour) for key, colour in PARTICIPATION_COLOURS.items()],
        maximum=content["economies"] or None,
        slug="review-participation-chart",
    )
    areas = content["areas"]
    performance = charts.BarChart(
        title="Performance by priority area",
        description="; ".join(f"area {area['number']}: {text.performance(area)}" for area in areas),
        bars=[
            charts.Bar(
                f"{area['number']}. {area['name']}",
                None if area["performance"] is None else area["performance"] * 100,
                charts.percent(area["performance"]),
            )
            for area in areas
        ],
        slug="review-performance-chart",
    )
    totals = [assessments(area) for area in areas]
    assessment = charts.StackedChart(
        title="Progress assessments by priority area",
        description="; ".join(
            f"area {area['number']}: "
            + ", ".join(f"{n} {label.lower()}" for label, n in total.items())
            for area, total in zip(areas, totals, strict=True)
        ),
        rows=[
            charts.stacked(
                f"{area['number']}. {area['name']}",
                total,
                {label: label for label in ASSESSMENT_COLOURS},
                ASSESSMENT_COLOURS,
            )
            for area, total in zip(areas, totals, strict=True)
        ],
        legend=list(ASSESSMENT_COLOURS.items()),
        slug="review-assessment-chart",
    )
    return {"participation": participation, "performance": performance, "assessment": assessment}


def assessments(area: dict[str, Any]) -> dict[str, int]:
    """The area's answers per assessment (label -> count), over all its measures."""
    return {
        label: sum(measure["counts"].get(label, 0) for measure in area["measures"])
        for label in text.ASSESSMENT_ORDER
    }
