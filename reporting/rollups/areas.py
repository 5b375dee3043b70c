"""Each priority area's figures: initiatives, economies contributing, objectives covered and the
gaps, target groups reached, the assessments of each measure, and the progress score of the area
and of each objective, with its distribution and its change on the year before."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from plans.models import Economy, MeasureOfProgress, Objective, PriorityArea, TargetGroup
from reporting.reports.models import Assessment
from reporting.reports.scoring import (
    Profile,
    Score,
    Sureness,
    profile_of,
    score_of,
    sureness_by_size,
)
from reporting.reports.summaries import CountKey, Kind
from reporting.rollups.counts import area_counts, last_year_reporting
from reporting.rollups.window import Window


@dataclass(frozen=True)
class ObjectiveRollup:
    """An objective of the area: the initiatives that address it, and the progress score of
    the measures of its row of the plan."""

    id: int
    number: int
    text: str
    row: int
    initiatives: int = 0
    score: Score = field(default_factory=Score)
    measures: int = 0  # the measures of its row of the plan: none, no score at all


@dataclass(frozen=True)
class ObjectiveRow:
    """A row of the plan's table: its objectives share its measures, so one score."""

    row: int
    objectives: list[ObjectiveRollup]
    score: Score
    measures: int

    @property
    def numbers(self) -> list[int]:
        return [objective.number for objective in self.objectives]


@dataclass
class MeasureDistribution:
    measure: MeasureOfProgress
    counts: dict[str, int]  # assessment -> number of (economy, year) answers
    economies: int  # economies that answered at all

    @property
    def answered(self) -> int:
        return sum(self.counts.values())


@dataclass
class AreaRollup:
    area: PriorityArea
    economies_reporting: int  # economies with a counted report in the window
    economies: int = 0  # all economies: the denominator of every count of economies
    initiatives: int = 0
    contributing_economies: int = 0
    objectives: list[ObjectiveRollup] = field(default_factory=list)
    target_groups: dict[str, int] = field(default_factory=dict)
    measures: list[MeasureDistribution] = field(default_factory=list)
    score: Score = field(default_factory=Score)

    @property
    def covered(self) -> list[ObjectiveRollup]:
        return [o for o in self.objectives if o.initiatives]

    @property
    def gaps(self) -> list[ObjectiveRollup]:
        return [o for o in self.objectives if not o.initiatives]

    @property
    def assessing_economies(self) -> int:
        return self.score.economies

    @property
    def rows(self) -> list[ObjectiveRow]:
        """The rows of the plan's table that have measures, each once with its objectives named
        (objectives of one row share its measures, hence its score)."""
        found: dict[int, list[ObjectiveRollup]] = {}
        for objective in self.objectives:
            if objective.measures:
                found.setdefault(objective.row, []).append(objective)
        return [
            ObjectiveRow(row, objectives, objectives[0].score, objectives[0].measures)
            for row, objectives in found.items()
        ]

    @property
    def without_measures(self) -> list[ObjectiveRollup]:
        """The objectives whose row of the plan has no measure of progress: never scored."""
        return [o for o in self.objectives if not o.measures]


def area_rollups(window: Window, *, economies: int | None = None) -> list[AreaRollup]:
    """Each priority area's figures in the window, built from its counts (`area_counts`): the
    summaries the workflow keeps, or the one economy's own. `economies` is the number of all
    economies (read here when the caller has not)."""
    if economies is None:
        economies = Economy.objects.count()
    areas = list(window.areas())
    return areas_of(window, areas, area_counts(window, areas), economies=economies)


def areas_of(
    window: Window, areas: list[PriorityArea], counts: Counter[CountKey], *, economies: int
) -> list[AreaRollup]:
    """The `areas`' figures from the window's counts: the one place that reads what they mean
    (a number of rows that depends on the catalogue, not on the data)."""
    found: dict[str, dict[tuple[int, str], int]] = defaultdict(dict)
    for (start, _end, _submitted, kind, area_id, key), n in counts.items():
        if n and start == window.start:
            found[kind][(area_id, key)] = n
    reporting = found[Kind.REPORTING].get((0, ""), 0)
    rollups = {
        area.pk: AreaRollup(
            area=area,
            economies_reporting=reporting,
            economies=economies,
            initiatives=found[Kind.INITIATIVES].get((area.pk, ""), 0),
            contributing_economies=found[Kind.CONTRIBUTING].get((area.pk, ""), 0),
        )
        for area in areas
    }
    covered: Counter[int] = Counter()
    for (_area_id, key), n in found[Kind.OBJECTIVE].items():
        covered[int(key)] += n
    objectives = list(
        Objective.objects.filter(area__in=areas)
        .order_by("area__number", "number")
        .values_list("pk", "area_id", "number", "text", "row")
    )
    groups = {group.pk: group.name for group in TargetGroup.objects.order_by("pk")}
    for (area_id, key), n in sorted(found[Kind.GROUP].items(), key=lambda item: int(item[0][1])):
        rollups[area_id].target_groups[groups[int(key)]] = n

    measures = list(MeasureOfProgress.objects.filter(area__in=areas).order_by("number"))
    per_measure = {
        kind: _per_measure(found[kind]) for kind in (Kind.ANSWERS, Kind.LATEST, Kind.BEFORE)
    }
    for measure in measures:
        rollups[measure.area_id].measures.append(
            MeasureDistribution(
                measure=measure,
                counts=per_measure[Kind.ANSWERS][measure.pk],
                economies=found[Kind.ANSWERING].get((measure.area_id, str(measure.pk)), 0),
            )
        )
    before = window.end - 1 if window.end - 1 >= window.plan.start_year else None
    no_reports_in = None if counts.get(last_year_reporting(window)) else window.end

    # The economies' profiles of each area ("") and row: how sure each score is.
    profiles: dict[tuple[int, str], list[tuple[Profile, int]]] = defaultdict(list)
    for (area_id, key), n in found[Kind.PROFILE].items():
        row_key, profile = profile_of(key)
        profiles[(area_id, row_key)].append((profile, n))

    # Beyond BOOTSTRAP_ECONOMIES economies reporting, the summaries' sums instead (area_counts
    # reads one or the other).
    moments: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    for (area_id, key), n in found[Kind.MOMENTS].items():
        row_key, name = key.split("|")
        moments[(area_id, row_key)][name] = n

    def sureness(area_id: int, row: str) -> Sureness:
        return sureness_by_size(
            tuple(sorted(profiles.get((area_id, row), ()))),
            reporting=reporting,
            moments=moments.get((area_id, row), {}),
        )

    def score(of: list[MeasureOfProgress], economies: int, sure: Sureness) -> Score:
        now = dict.fromkeys(Assessment.values, 0)
        then = dict.fromkeys(Assessment.values, 0)
        for measure in of:
            for value in Assessment.values:
                now[value] += per_measure[Kind.LATEST][measure.pk][value]
                then[value] += per_measure[Kind.BEFORE][measure.pk][value]
        return Score(
            counts=now,
            economies=economies,
            previous=score_of(then),
            previous_year=before,
            no_reports_in=no_reports_in,
            sureness=sure,
        )

    for rollup in rollups.values():
        pk = rollup.area.pk
        rollup.score = score(
            [m for m in measures if m.area_id == pk],
            found[Kind.ASSESSING].get((pk, ""), 0),
            sureness(pk, ""),
        )
    for pk, area_id, number, text, row in objectives:
        of_row = [m for m in measures if m.area_id == area_id and m.row == row]
        rollups[area_id].objectives.append(
            ObjectiveRollup(
                id=pk,
                number=number,
                text=text,
                row=row,
                initiatives=covered.get(pk, 0),
                score=score(
                    of_row,
                    found[Kind.ASSESSING_ROW].get((area_id, str(row)), 0),
                    sureness(area_id, str(row)),
                ),
                measures=len(of_row),
            )
        )
    return [rollups[area.pk] for area in areas]


def _per_measure(found: dict[tuple[int, str], int]) -> defaultdict[int, dict[str, int]]:
    """{measure id: {assessment: n}} of summary rows keyed "measure:assessment"."""
    counts: defaultdict[int, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(Assessment.values, 0)
    )
    for (_area_id, key), n in found.items():
        measure_id, assessment = key.split(":")
        counts[int(measure_id)][assessment] += n
    return counts
