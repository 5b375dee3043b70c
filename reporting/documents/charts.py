"""A document's charts (the review's, the annual report's), drawn from its content (never from
the live data), for the page, the PDF and the Word file, by the dashboard's own chart builder."""

from __future__ import annotations

from typing import Any

from reporting.dashboards import charts


def document_charts(content: dict[str, Any]) -> dict[str, charts.BarChart | charts.StackedChart]:
    years = [
        charts.YearFigures(year["year"], year["by_status"], year["missing"])
        for year in content["participation"]
    ]
    # Snapshots taken before the progress score have none of its keys: no score, no bar.
    areas = [
        charts.AreaFigures(
            number=area["number"],
            name=area["name"],
            score=area.get("score"),
            n=area.get("score_n", 0),
            economies=area.get("score_economies", 0),
            assessments=area.get("distribution", {}),
            change=area.get("score_change"),
            previous_year=area.get("score_previous_year"),
        )
        for area in content["areas"]
    ]
    return charts.figure_charts(years, areas, economies=content["economies"], slug="review-")
