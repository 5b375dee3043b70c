"""A document's charts as PNG images, for the Word file: the same geometry and texts as the page's
and the PDF's inline SVG (reporting.dashboards.charts: the names wrapped whole, "n = 67", the
shares on the bars), drawn with Pillow in the project's own Noto Sans (typefaces.py).

Why Pillow: Word needs a bitmap (or EMF) and the machine has no SVG rasteriser in Python
(cairosvg is not installed, and WeasyPrint no longer writes PNG). Pillow is already installed as
WeasyPrint's dependency, so drawing the few rectangles and labels of our bar charts from the
builder's geometry adds no dependency, needs no subprocess and gives the same bytes every time.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from reporting.dashboards import charts
from reporting.documents import typefaces

SCALE = 2  # pixels per SVG unit: about 200 dpi at the text width
INK = "#1b1f24"
AXIS = "#505a64"
BAR = "#1d70b8"
LEGEND_ROW = 22
# The narrowest segment that holds its share, as on the page (includes/chart_stacked.html).
INSIDE_MINIMUM = 40


@cache
def _font(bold: bool = False) -> ImageFont.FreeTypeFont:
    """The documents' own Latin font (reporting/documents/fonts), on any machine."""
    return ImageFont.truetype(str(typefaces.image_font(bold=bold)), 12 * SCALE)


def chart_png(chart: charts.BarChart | charts.StackedChart) -> bytes:
    """The chart as a PNG image, its legend below the bars."""
    legend = getattr(chart, "legend", [])
    height = chart.height + (LEGEND_ROW * ((len(legend) + 2) // 3) + 8 if legend else 0)
    image = Image.new("RGB", (chart.width * SCALE, height * SCALE), "white")
    draw = ImageDraw.Draw(image)

    def box(x: float, y: float, width: float, h: float, colour: str) -> None:
        if width > 0:
            draw.rectangle(
                [x * SCALE, y * SCALE, (x + width) * SCALE - 1, (y + h) * SCALE - 1], fill=colour
            )

    def label(
        x: float, y: float, value: str, *, anchor: str = "ls", bold: bool = False, ink: str = INK
    ) -> None:
        draw.text((x * SCALE, y * SCALE), value, fill=ink, font=_font(bold), anchor=anchor)

    def whole_name(y: float, lines: list[tuple[int, str]]) -> None:
        """The row's whole name, on the lines the page's chart wraps it to."""
        for dy, line in lines:
            y += dy
            label(chart.label_width - 8, y, line, anchor="rs")

    if isinstance(chart, charts.BarChart):
        draw.line(
            [chart.bar_x * SCALE, 4 * SCALE, chart.bar_x * SCALE, chart.height * SCALE],
            fill=AXIS,
            width=SCALE,
        )
        for bar in chart.bars:
            whole_name(bar.y, bar.lines)
            box(chart.bar_x, bar.y + 3, bar.width, 18, BAR)
            label(chart.bar_x + 6 + bar.width, bar.y + 16, bar.text, bold=True)
    else:
        for row in chart.rows:
            whole_name(row.y, row.lines)
            for segment in row.segments:
                box(segment.x, row.y + 3, segment.width, 18, segment.colour)
                # The share on the segment, where the page's chart prints it.
                if segment.inside and segment.width >= INSIDE_MINIMUM:
                    label(segment.x + 4, row.y + 16, segment.inside, bold=True, ink="white")
            label(chart.label_width + chart.bar_area + 8, row.y + 15, row.end_text)
    for index, (name, colour) in enumerate(legend):
        x = 10 + (index % 3) * 230
        y = chart.height + 4 + (index // 3) * LEGEND_ROW
        box(x, y + 2, 12, 12, colour)
        draw.rectangle(
            [x * SCALE, (y + 2) * SCALE, (x + 12) * SCALE - 1, (y + 14) * SCALE - 1],
            outline=AXIS,
            width=1,
        )
        label(x + 18, y + 13, name)
    buffer = BytesIO()
    # Not optimize=True: its search for the smallest encoding took longer than all else.
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def alt_text(chart: charts.BarChart | charts.StackedChart) -> str:
    """What the chart shows, for readers who cannot see it: its title and its figures."""
    return f"{chart.title}. {chart.description}."
