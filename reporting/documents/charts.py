"""A document's charts (the review's, the annual report's), drawn from its content (never from
the live data), for the page, the PDF and the Word file, by the dashboard's own chart builder."""

from __future__ import annotations

from typing import Any

from reporting.dashboards import charts
from reporting.documents.content import participation_of, scores_of


def document_charts(content: dict[str, Any]) -> dict[str, charts.BarChart | charts.StackedChart]:
    years = [
        charts.YearFigures(year.year, year.by_status, year.missing)
        for year in participation_of(content)
    ]
    areas = [
        charts.AreaFigures(
            number=area.number,
            name=area.name,
            score=area.score,
            n=area.n,
            economies=area.economies,
            assessments=area.distribution,
            change=area.change,
            previous_year=area.previous_year,
        )
        for area in scores_of(content)
    ]
    return charts.figure_charts(years, areas, economies=content["economies"], slug="review-")
