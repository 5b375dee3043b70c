"""The panel that shows a plan's reported figures apart from the app's own: one block per report
(who reported, when, from which source, by what method), its plan-wide figures, a table of the
figures per priority, and the source's sentences word for word.

Pages include it with the `reported_figures_panel` template tag (plans/templatetags), so that
the plan page, the dashboard, the annual report and the reviews show the same panel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from plans.catalogue.models import PriorityArea, StrategicPlan
from plans.results.models import FigureKind, ReportedFigure

COLUMN_LABELS = {
    FigureKind.PROJECT_SHARE: "Share of the year's projects",
    FigureKind.PERFORMANCE: "Performance over the plan",
}


@dataclass
class PriorityRow:
    position: int
    area: PriorityArea | None
    name: str
    # Other names the source gives the same priority, e.g. “first” in another sentence.
    other_names: list[str] = field(default_factory=list)
    cells: dict[str, ReportedFigure] = field(default_factory=dict)

    def in_columns(self, kinds: list[str]) -> list[ReportedFigure | None]:
        return [self.cells.get(kind) for kind in kinds]


@dataclass
class ReportedBlock:
    """The figures of one report: same reporter, year, source and method."""

    label: str
    source_document: str
    source_meeting: str
    source_date: str
    plan_wide: list[ReportedFigure] = field(default_factory=list)
    rows: dict[int, PriorityRow] = field(default_factory=dict)
    quotes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        present = {kind for row in self.rows.values() for kind in row.cells}
        return [kind for kind in COLUMN_LABELS if kind in present]

    @property
    def columns(self) -> list[str]:
        return [COLUMN_LABELS[FigureKind(kind)] for kind in self.kinds]

    @property
    def table(self) -> list[tuple[PriorityRow, list[ReportedFigure | None]]]:
        kinds = self.kinds
        return [(row, row.in_columns(kinds)) for _, row in sorted(self.rows.items())]


def reported_blocks(figures: Iterable[ReportedFigure]) -> list[ReportedBlock]:
    """Figures grouped by report, newest first; within a report, per-priority figures in the
    source's order, the first kind's wording naming the row."""
    blocks: dict[tuple, ReportedBlock] = {}
    kind_order = list(FigureKind.values)
    for figure in sorted(
        figures, key=lambda f: (-f.year, f.reported_by, f.position, kind_order.index(f.kind))
    ):
        key = (
            figure.year,
            figure.reported_by,
            figure.method,
            figure.source_document,
            figure.source_meeting,
            figure.source_date,
        )
        block = blocks.get(key)
        if block is None:
            block = blocks[key] = ReportedBlock(
                label=figure.label,
                source_document=figure.source_document,
                source_meeting=figure.source_meeting,
                source_date=figure.source_date,
            )
        if figure.quote not in block.quotes:
            block.quotes.append(figure.quote)
        if figure.note and figure.note not in block.notes:
            block.notes.append(figure.note)
        if figure.kind not in COLUMN_LABELS:
            block.plan_wide.append(figure)
            continue
        row = block.rows.get(figure.position)
        if row is None:
            row = block.rows[figure.position] = PriorityRow(
                figure.position, figure.area, figure.area_as_reported
            )
        elif figure.area_as_reported not in (row.name, *row.other_names):
            row.other_names.append(figure.area_as_reported)
        row.area = row.area or figure.area
        row.cells[figure.kind] = figure
    return list(blocks.values())


def plan_reported_blocks(plan: StrategicPlan) -> list[ReportedBlock]:
    """One query: the plan's reported figures with their areas."""
    return reported_blocks(ReportedFigure.objects.for_plan(plan))
