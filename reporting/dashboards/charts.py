"""Charts as geometry for inline SVG, drawn by templates/includes/chart_*.html on the server.

Each chart has a title, a description and its data, which the page also shows as a table, so
charts work without JavaScript, print, and can go into the PDF review as they are.

One builder, `figure_charts`, draws the three figures (participation, the progress score by area
and the distribution of the assessments it rests on) from one input shape (`YearFigures`,
`AreaFigures`): the dashboard fills it from the live roll-ups, the review from its content, which
may be a frozen snapshot.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from plans.catalogue import rounding
from reporting.reports.models import ASSESSMENT_ORDER, Assessment, ReportStatus
from reporting.reports.scoring import SCORED, Score, points
from reporting.rollups.adoptions import Flow

# Colours with at least 3:1 contrast against white and against each other's neighbours.
STATUS_COLOURS = {
    "accepted": "#00703c",
    "submitted": "#b58800",
    "returned": "#b4231b",
    "draft": "#1d70b8",
}
_ASSESSMENT_COLOURS = {
    Assessment.ACHIEVED: "#00703c",
    Assessment.PROGRESSING: "#1d70b8",
    Assessment.NOT_STARTED: "#b4231b",
    Assessment.NO_DATA: "#6f777b",
    Assessment.NOT_APPLICABLE: "#b1b4b6",
}
# In the one order of ASSESSMENT_ORDER, as every table lists them.
ASSESSMENT_COLOURS = {str(key): _ASSESSMENT_COLOURS[key] for key in ASSESSMENT_ORDER}


LABEL_CHARACTERS = 34  # what fits the label column at 13 units a character's 7.5
LINE_HEIGHT = 15


def label_lines(label: str) -> list[tuple[int, str]]:
    """A label wrapped whole onto lines that fit its column (never cut short), each with its
    offset (dy) from the one before; the first beside the bar."""
    lines = textwrap.wrap(label, LABEL_CHARACTERS) or [""]
    return [(15 if index == 0 else LINE_HEIGHT, line) for index, line in enumerate(lines)]


def row_height(labels: list[str], minimum: int) -> int:
    """Rows tall enough for the longest label's lines."""
    lines = max((len(textwrap.wrap(label, LABEL_CHARACTERS)) for label in labels), default=1)
    return max(minimum, lines * LINE_HEIGHT + 10)


@dataclass
class Bar:
    label: str
    value: float | None
    text: str  # the value as the chart prints it, e.g. "80 %" or "n/a"
    y: float = 0
    width: float = 0
    lines: list[tuple[int, str]] = field(default_factory=list)


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
        self.row_height = row_height([bar.label for bar in self.bars], self.row_height)
        for index, bar in enumerate(self.bars):
            bar.y = 10 + index * self.row_height
            bar.lines = label_lines(bar.label)
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
    value: float
    colour: str
    x: float = 0
    width: float = 0
    text: str = ""  # what the segment's tooltip adds, e.g. "12 (40 %)"
    inside: str = ""  # printed on the segment where it is wide enough, e.g. "40 %"


@dataclass
class StackedRow:
    label: str
    segments: list[Segment]
    total: float
    y: float = 0
    note: str = ""  # printed after the bar instead of the total, e.g. "n = 74"
    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def end_text(self) -> str:
        return self.note or f"{self.total:g}"


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
        self.row_height = row_height([row.label for row in self.rows], self.row_height)
        for index, row in enumerate(self.rows):
            row.y = 10 + index * self.row_height
            row.lines = label_lines(row.label)
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
    return rounding.percent(value)


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
    """One priority area's progress score (0-1, or None) with its n, the economies it rests on,
    the latest assessments behind it (Assessment values -> number) and its change in points."""

    number: int
    name: str
    score: float | None
    n: int
    economies: int
    assessments: Mapping[str, int]
    change: float | None = None
    previous_year: int | None = None
    # The words of the change ("no clear change on 2025 (+0.9 points)") and of the score's 90 %
    # interval, where the figures come with them (a live roll-up's).
    change_text: str = ""
    interval_text: str = ""

    @property
    def title(self) -> str:
        return f"{self.number}. {self.name}"


def area_figures(number: int, name: str, score: Score) -> AreaFigures:
    """The figures of a live roll-up's score."""
    return AreaFigures(
        number=number,
        name=name,
        score=score.value,
        n=score.n,
        economies=score.economies,
        assessments=dict(score.counts),
        change=score.change,
        previous_year=score.previous_year,
        change_text=score.change_text,
        interval_text=score.interval_text,
    )


def figure_charts(
    years: Sequence[YearFigures],
    areas: Sequence[AreaFigures],
    *,
    economies: int,
    slug: str = "",
) -> dict[str, BarChart | StackedChart]:
    """The participation, progress score and distribution charts; `slug` prefixes the charts'
    ids where two sets share a page."""
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
    score = BarChart(
        title="Progress score by priority area",
        description="; ".join(
            f"area {area.number}: {percent(area.score)}"
            + (
                f" from {area.n} assessments of {area.economies} of {economies} economies"
                if area.n
                else ""
            )
            + (f", {area.interval_text}" if area.interval_text else "")
            + (
                f", {area.change_text or points(area.change, area.previous_year)}"
                if area.change is not None or area.change_text
                else ""
            )
            for area in areas
        ),
        bars=[
            Bar(
                area.title,
                None if area.score is None else area.score * 100,
                # The interval stays in the description and the table: beside the bar it
                # would run past a phone's width.
                percent(area.score) + (f" (n = {area.n})" if area.n else ""),
            )
            for area in areas
        ],
        slug=f"{slug}score-chart",
    )
    scored_colours = {str(key): ASSESSMENT_COLOURS[key] for key in SCORED}
    rows = []
    for area in areas:
        counts = {key: area.assessments.get(key, 0) for key in scored_colours}
        n = sum(counts.values())
        segments = [
            Segment(
                key,
                assessment_labels[key],
                100 * counts[key] / n,
                colour,
                text=f"{counts[key]} ({percent(counts[key] / n)})",
                inside=percent(counts[key] / n),
            )
            for key, colour in scored_colours.items()
            if counts[key]
        ]
        rows.append(StackedRow(area.title, segments, 100 if n else 0, note=f"n = {n}"))
    assessment = StackedChart(
        title="Latest assessments by priority area (share of n)",
        description="; ".join(
            f"area {area.number}: "
            + ", ".join(
                f"{area.assessments.get(key, 0)} {assessment_labels[key].lower()}"
                for key in ASSESSMENT_COLOURS
            )
            for area in areas
        ),
        rows=rows,
        legend=[(assessment_labels[key], colour) for key, colour in scored_colours.items()],
        maximum=100,
        slug=f"{slug}assessment-chart",
    )
    return {"participation": participation, "score": score, "assessment": assessment}


# The priority areas' colours in the flows' chart, in the areas' order (3:1 against white), and
# the colour of adoptions whose practice names no area.
AREA_COLOURS = ("#1d70b8", "#00703c", "#b58800", "#b4231b", "#4c2c92", "#28a197", "#912b88")
NO_AREA = "none"
NO_AREA_COLOUR = "#6f777b"


def flow_chart(flows: Sequence[Flow], areas: Mapping[int, str]) -> StackedChart:
    """Who learned from whom: a bar per source and adopting economy ("Chile → Peru"), its
    segments the best practices adopted in each priority area (`areas`: number -> name)."""
    labels = {str(number): f"{number}. {name}" for number, name in areas.items()}
    labels[NO_AREA] = "No area named"
    colours = {key: AREA_COLOURS[index % len(AREA_COLOURS)] for index, key in enumerate(labels)}
    colours[NO_AREA] = NO_AREA_COLOUR
    pairs: dict[tuple[str, str], dict[str, int]] = {}
    for flow in flows:
        counts = pairs.setdefault((flow.source, flow.adopter), {})
        key = NO_AREA if flow.area is None else str(flow.area)
        counts[key] = counts.get(key, 0) + flow.links
    # Each pair's areas in the areas' order, the adoptions naming none last.
    ordered = [
        (pair, {key: counts[key] for key in labels if key in counts})
        for pair, counts in sorted(pairs.items())
    ]
    used = {key for _pair, counts in ordered for key in counts}
    return StackedChart(
        title="Best practices adopted, from which economy to which, by priority area",
        description="; ".join(
            f"{adopter} adopted {sum(counts.values())} from {source}: "
            + ", ".join(
                f"{n} in area {key}" if key != NO_AREA else f"{n} naming no area"
                for key, n in counts.items()
            )
            for (source, adopter), counts in ordered
        ),
        rows=[
            stacked(f"{source} → {adopter}", counts, labels, colours)
            for (source, adopter), counts in ordered
        ],
        legend=[(labels[key], colour) for key, colour in colours.items() if key in used],
        slug="flow-chart",
    )
