"""Charts as geometry for inline SVG, drawn by templates/includes/chart_*.html on the server.

Each chart has a title, a description and its data, which the page also shows as a table, so
charts work without JavaScript, print, and can go into the PDF review as they are.

One builder, `figure_charts`, draws the three figures (participation, performance and the
assessments by area) from one input shape (`YearFigures`, `AreaFigures`): the dashboard fills it
from the live roll-ups, the review from its content, which may be a frozen snapshot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reporting.reports.models import ASSESSMENT_ORDER, Assessment, ReportStatus

# Colours with at least 3:1 contrast against white and against each other's neighbours.
STATUS_COLOURS = {
    "accepted": "#00703c",
    "submitted": "#b58800",
    "returned": "#b4231b",
    "draft": "#1d70b8",
}
_ASSESSMENT_COLOURS = {
    "achieved": "#00703c",
    "progressing": "#1d70b8",
    "not_started": "#b4231b",
    "no_data": "#6f777b",
    "not_applicable": "#b1b4b6",
}
# In the one order of ASSESSMENT_ORDER, as every table lists them.
ASSESSMENT_COLOURS = {str(key): _ASSESSMENT_COLOURS[str(key)] for key in ASSESSMENT_ORDER}


@dataclass
class Bar:
    label: str
    value: float | None
    text: str  # the value as the chart prints it, e.g. "80 %" or "n/a"
    y: float = 0
    width: float = 0


@dataclass
class BarChart:
    """Horizontal bars, one per label, against a fixed maximum (100 for percentages)."""

    title: str
    description: str
    bars: list[Bar]
    maximum: float = 100
    label_width: int = 260
    bar_area: int = 380
    row_height: int = 28
    slug: str = "chart"

    def __post_init__(self):
        for index, bar in enumerate(self.bars):
            bar.y = 10 + index * self.row_height
            value = bar.value or 0
            bar.width = round(self.bar_area * value / self.maximum, 1) if self.maximum else 0

    @property
    def width(self) -> int:
        return self.label_width + self.bar_area + 70

    @property
    def height(self) -> int:
        return 20 + len(self.bars) * self.row_height

    @property
    def bar_x(self) -> int:
        return self.label_width


@dataclass
class Segment:
    key: str
    label: str
    value: int
    colour: str
    x: float = 0
    width: float = 0


@dataclass
class StackedRow:
    label: str
    segments: list[Segment]
    total: int
    y: float = 0


@dataclass
class StackedChart:
    """Horizontal stacked bars: each row's segments side by side, scaled to the largest row
    (or to `maximum`, e.g. the 21 economies)."""

    title: str
    description: str
    rows: list[StackedRow]
    legend: list[tuple[str, str]] = field(default_factory=list)  # (label, colour)
    maximum: int | None = None
    label_width: int = 260
    bar_area: int = 380
    row_height: int = 28
    slug: str = "chart"

    def __post_init__(self):
        top = self.maximum or max((row.total for row in self.rows), default=0) or 1
        for index, row in enumerate(self.rows):
            row.y = 10 + index * self.row_height
            x = float(self.label_width)
            for segment in row.segments:
                segment.x = round(x, 1)
                segment.width = round(self.bar_area * segment.value / top, 1)
                x += segment.width

    @property
    def width(self) -> int:
        return self.label_width + self.bar_area + 70

    @property
    def height(self) -> int:
        return 20 + len(self.rows) * self.row_height


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{round(value * 100)} %"


def stacked(
    label: str, counts: dict[str, int], labels: dict[str, str], colours: dict[str, str]
) -> StackedRow:
    segments = [
        Segment(key, labels[key], counts.get(key, 0), colour)
        for key, colour in colours.items()
        if counts.get(key, 0)
    ]
    return StackedRow(label, segments, sum(s.value for s in segments))


MISSING = "missing"
MISSING_COLOUR = "#dee0e2"
PARTICIPATION_COLOURS = {**STATUS_COLOURS, MISSING: MISSING_COLOUR}


@dataclass(frozen=True)
class YearFigures:
    """One year's reports: how many in each status (ReportStatus values), and how many of the
    economies in view sent none."""

    year: int
    by_status: Mapping[str, int]
    missing: int


@dataclass(frozen=True)
class AreaFigures:
    """One priority area's assessments (Assessment values -> answers) and its performance."""

    number: int
    name: str
    performance: float | None
    on_track: int
    assessed: int
    assessments: Mapping[str, int]

    @property
    def title(self) -> str:
        return f"{self.number}. {self.name}"


def figure_charts(
    years: Sequence[YearFigures],
    areas: Sequence[AreaFigures],
    *,
    economies: int,
    slug: str = "",
) -> dict[str, BarChart | StackedChart]:
    """The participation, performance and assessment charts; `slug` prefixes the charts' ids
    where two sets share a page."""
    status_labels = {**{str(v): str(label) for v, label in ReportStatus.choices}}
    status_labels[MISSING] = "No report"
    assessment_labels = {str(v): str(label) for v, label in Assessment.choices}
    participation = StackedChart(
        title="Reports by year and status",
        description="; ".join(
            f"{year.year}: "
            + ", ".join(
                f"{year.by_status.get(status, 0)} {status_labels[status].lower()}"
                for status in STATUS_COLOURS
            )
            + f", {year.missing} with no report, of {economies} economies"
            for year in years
        ),
        rows=[
            stacked(
                str(year.year),
                {**year.by_status, MISSING: year.missing},
                status_labels,
                PARTICIPATION_COLOURS,
            )
            for year in years
        ],
        legend=[(status_labels[key], colour) for key, colour in PARTICIPATION_COLOURS.items()],
        maximum=economies or None,
        slug=f"{slug}participation-chart",
    )
    performance = BarChart(
        title="Performance by priority area",
        description="; ".join(
            f"area {area.number}: {percent(area.performance)}"
            + (f" ({area.on_track} of {area.assessed} assessments)" if area.assessed else "")
            for area in areas
        ),
        bars=[
            Bar(
                area.title,
                None if area.performance is None else area.performance * 100,
                percent(area.performance),
            )
            for area in areas
        ],
        slug=f"{slug}performance-chart",
    )
    assessment = StackedChart(
        title="Progress assessments by priority area",
        description="; ".join(
            f"area {area.number}: "
            + ", ".join(
                f"{area.assessments.get(key, 0)} {assessment_labels[key].lower()}"
                for key in ASSESSMENT_COLOURS
            )
            for area in areas
        ),
        rows=[
            stacked(area.title, dict(area.assessments), assessment_labels, ASSESSMENT_COLOURS)
            for area in areas
        ],
        legend=[(assessment_labels[key], colour) for key, colour in ASSESSMENT_COLOURS.items()],
        slug=f"{slug}assessment-chart",
    )
    return {"participation": participation, "performance": performance, "assessment": assessment}
