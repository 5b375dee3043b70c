"""Charts as geometry for inline SVG, drawn by templates/includes/chart_*.html on the server.

Each chart has a title, a description and its data, which the page also shows as a table, so
charts work without JavaScript, print, and can go into the PDF review as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Colours with at least 3:1 contrast against white and against each other's neighbours.
STATUS_COLOURS = {
    "accepted": "#00703c",
    "submitted": "#b58800",
    "returned": "#b4231b",
    "draft": "#1d70b8",
}
ASSESSMENT_COLOURS = {
    "achieved": "#00703c",
    "progressing": "#1d70b8",
    "not_started": "#b4231b",
    "no_data": "#6f777b",
    "not_applicable": "#b1b4b6",
}


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
