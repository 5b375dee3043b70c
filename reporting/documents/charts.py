"""A document's charts (the review's, the annual report's), drawn from its typed content (never
from the live data), for the page, the PDF and the Word file, by the dashboard's own chart
builder."""

from __future__ import annotations

from reporting.dashboards import charts
from reporting.documents.content import DocumentContent


def document_charts(content: DocumentContent) -> dict[str, charts.BarChart | charts.StackedChart]:
    years = [
        charts.YearFigures(year.year, year.by_status, year.missing)
        for year in content.participation
    ]
    areas = [
        # A content with the score's interval: the dashboard's own figures, words and all
        # ("no clear change on 2025 (+1.4 points)", "90 % interval ...").
        charts.area_figures(area.number, area.name, area.progress.score)
        if area.progress is not None and area.progress.sure
        else charts.AreaFigures(
            number=area.number,
            name=area.name,
            score=area.progress.value if area.progress else None,
            n=area.progress.n if area.progress else 0,
            economies=area.progress.economies if area.progress else 0,
            assessments=area.progress.distribution if area.progress else {},
            change=area.progress.change if area.progress else None,
            previous_year=area.progress.previous_year if area.progress else None,
        )
        for area in content.areas
    ]
    return charts.figure_charts(years, areas, economies=content.economies, slug="review-")
