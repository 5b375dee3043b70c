"""The roll-ups computed again, directly from the records of the counted reports, independently
of the summaries and of the functions the pages read through: `manage.py check_rollups` and the
tests compare the two. No page reads these (their cost grows with the data)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from django.db.models import Count, Q

from plans.models import Economy, MeasureOfProgress, Objective, StrategicPlan, TargetGroup
from reporting.reports import summaries
from reporting.reports.models import (
    ApecActivity,
    Assessment,
    BestPractice,
    DialogueSession,
    Initiative,
    MeasureEntry,
)
from reporting.reports.scoring import (
    SCORED,
    Score,
    Sureness,
    latest_of,
    score_of,
    sureness_by_size,
)
from reporting.rollups.areas import AreaRollup, MeasureDistribution, ObjectiveRollup, area_rollups
from reporting.rollups.general import GeneralYear, general_indicators
from reporting.rollups.measures import YearStats, year_stats
from reporting.rollups.window import Window


def area_rollups_direct(window: Window, *, economies: int | None = None) -> list[AreaRollup]:
    """`area_rollups` computed from the records of the window's counted reports.

    `economies` is the number of all economies (read here when the caller has not).
    The counted reports are read once, as ids: every aggregate below then filters on an
    indexed column instead of joining the reports, their cycles and statuses again.
    """
    if economies is None:
        economies = Economy.objects.count()
    counted = dict(window.reports().values_list("pk", "economy_id"))
    ids = list(counted)
    areas = list(window.areas())
    reporting = len(set(counted.values()))
    rollups = {
        area.pk: AreaRollup(area=area, economies_reporting=reporting, economies=economies)
        for area in areas
    }

    # Narrow to one area only when asked: over the whole plan the area filter would steer the
    # planner away from the (report, area) index, which covers these counts.
    initiatives = Initiative.objects.filter(report_id__in=ids)
    if window.area:
        initiatives = initiatives.filter(area__in=areas)
    for per_area in (
        initiatives.values("area_id")
        .annotate(n=Count("id"), economies=Count("report__economy_id", distinct=True))
        .order_by()
    ):
        rollups[per_area["area_id"]].initiatives = per_area["n"]
        rollups[per_area["area_id"]].contributing_economies = per_area["economies"]

    covered = {
        row["objective_id"]: row["n"]
        for row in Initiative.objectives.through.objects.filter(initiative__in=initiatives)
        .values("objective_id")
        .annotate(n=Count("initiative_id"))
        .order_by()
    }
    objectives = list(
        Objective.objects.filter(area__in=areas)
        .order_by("area__number", "number")
        .values_list("pk", "area_id", "number", "text", "row")
    )

    groups = {group.pk: group.name for group in TargetGroup.objects.order_by("pk")}
    reached = {
        (row["initiative__area_id"], row["targetgroup_id"]): row["n"]
        for row in Initiative.target_groups.through.objects.filter(initiative__in=initiatives)
        .values("initiative__area_id", "targetgroup_id")
        .annotate(n=Count("initiative_id"))
        .order_by()
    }
    for (area_id, group_id), n in sorted(reached.items(), key=lambda item: item[0][1]):
        rollups[area_id].target_groups[groups[group_id]] = n

    measures = list(MeasureOfProgress.objects.filter(area__in=areas).order_by("number"))
    answers = MeasureEntry.objects.filter(report_id__in=ids).exclude(assessment="")
    if window.area:
        answers = answers.filter(measure__in=measures)
    # The counts per assessment and the economies answering, per measure (a row per measure).
    rows = (
        answers.values("measure_id")
        .annotate(
            answering=Count("report__economy_id", distinct=True),
            **{value: Count("id", filter=Q(assessment=value)) for value in Assessment.values},
        )
        .order_by()
    )
    # django-stubs leaves the counts passed as **kwargs out of its type of the rows.
    per_measure: Iterable[dict[str, int]] = rows  # type: ignore[assignment]
    counts = {row.pop("measure_id"): row for row in per_measure}
    for measure in measures:
        found = counts.get(measure.pk) or dict.fromkeys(Assessment.values, 0)
        answering = found.pop("answering", 0)
        rollups[measure.area_id].measures.append(
            MeasureDistribution(measure=measure, counts=found, economies=answering)
        )

    # The progress score of each area, and of each objective (the measures of its row).
    now, then, before = latest_assessments(window, measures)
    no_reports_in = None if window.counted_between(window.end, window.end).exists() else window.end
    area_score = _scorer(now, then, before, {m.pk: m.area_id for m in measures}, no_reports_in)
    row_score = _scorer(
        now, then, before, {m.pk: (m.area_id, m.row) for m in measures}, no_reports_in
    )
    reported = set(
        window.counted_between(window.end, window.end).values_list("economy_id", flat=True)
    )
    area_sureness = _sureness(
        now, then, {m.pk: m.area_id for m in measures}, reported, reporting=reporting
    )
    row_sureness = _sureness(
        now, then, {m.pk: (m.area_id, m.row) for m in measures}, reported, reporting=reporting
    )
    for rollup in rollups.values():
        rollup.score = replace(area_score(rollup.area.pk), sureness=area_sureness(rollup.area.pk))
    for pk, area_id, number, text, row in objectives:
        rollups[area_id].objectives.append(
            ObjectiveRollup(
                id=pk,
                number=number,
                text=text,
                row=row,
                initiatives=covered.get(pk, 0),
                score=replace(row_score((area_id, row)), sureness=row_sureness((area_id, row))),
                measures=sum(1 for m in measures if (m.area_id, m.row) == (area_id, row)),
            )
        )
    return [rollups[area.pk] for area in areas]


def latest_assessments(
    window: Window, measures: list[MeasureOfProgress]
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], str], int | None]:
    """The latest assessment of each (economy, measure) in the window, and as it stood at the
    end of the year before (which may lie before the window's start), and that year (one query:
    a row per economy, measure and year, at most 21 x the plan's measures x its years)."""
    before = window.end - 1 if window.end - 1 >= window.plan.start_year else None
    first = window.start if before is None else min(window.start, before)
    rows = (
        MeasureEntry.objects.filter(
            report__in=window.counted_between(first, window.end), measure__in=measures
        )
        .exclude(assessment="")
        .order_by("report__cycle__year")
        .values_list("report__economy_id", "measure_id", "report__cycle__year", "assessment")
    )
    keyed = [((economy, measure), year, value) for economy, measure, year, value in rows]
    now = latest_of(keyed, window.start, window.end)  # oldest first: the latest wins
    then = latest_of(keyed, first, before) if before is not None else {}
    return now, then, before


def _scorer(
    now: dict[tuple[int, int], str],
    then: dict[tuple[int, int], str],
    before: int | None,
    groups: Mapping[int, object],
    no_reports_in: int | None,
) -> Callable[[object], Score]:
    """The score of a group of measures ({measure: group}) from the latest assessments now and
    at the end of the year before."""
    scores_now, scores_then = _scores(now, groups), _scores(then, groups)

    def score(key: object) -> Score:
        counts, economies = scores_now.get(key, (None, 0))
        previous = scores_then.get(key)
        return Score(
            counts=counts or dict.fromkeys(Assessment.values, 0),
            economies=economies,
            previous=score_of(previous[0]) if previous else None,
            previous_year=before,
            no_reports_in=no_reports_in,
        )

    return score


def _sureness(
    now: dict[tuple[int, int], str],
    then: dict[tuple[int, int], str],
    groups: Mapping[int, object],
    reported: set[int],
    *,
    reporting: int,
) -> Callable[[object], Sureness]:
    """How sure the score of a group of measures ({measure: group}) is: the bootstrap over each
    economy's latest assessments that score, now and at the end of the year before (or its
    approximation, with more economies `reporting` than scoring.BOOTSTRAP_ECONOMIES)."""
    profiles: dict[object, dict[int, tuple[list[int], list[int]]]] = defaultdict(dict)
    for moment, latest in enumerate((now, then)):
        for (economy_id, measure_id), assessment in latest.items():
            key = groups.get(measure_id)
            if key is None or assessment not in SCORED:
                continue
            found = profiles[key].setdefault(economy_id, ([0] * len(SCORED), [0] * len(SCORED)))
            found[moment][SCORED.index(assessment)] += 1

    def sureness(key: object) -> Sureness:
        counted = Counter(
            (tuple(now_counts), tuple(then_counts), economy_id in reported)
            for economy_id, (now_counts, then_counts) in profiles.get(key, {}).items()
        )
        return sureness_by_size(tuple(sorted(counted.items())), reporting=reporting)

    return sureness


def _scores(
    latest: dict[tuple[int, int], str], groups: Mapping[int, object]
) -> dict[object, tuple[dict[str, int], int]]:
    """Counts per assessment and economies assessing, per group of measures ({measure: key})."""
    counts: dict[object, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Assessment.values, 0))
    economies: dict[object, set[int]] = defaultdict(set)
    for (economy_id, measure_id), assessment in latest.items():
        key = groups.get(measure_id)
        if key is None:
            continue
        counts[key][assessment] += 1
        if assessment in SCORED:
            economies[key].add(economy_id)
    return {key: (counts[key], len(economies[key])) for key in counts}


def general_indicators_direct(window: Window, *, economies: int | None = None) -> list[GeneralYear]:
    """`general_indicators` counted from the records economies entered."""
    if economies is None:
        economies = Economy.objects.count()
    reports = window.reports()
    years = {
        row["cycle__year"]: GeneralYear(row["cycle__year"], row["n"], of=economies)
        for row in reports.values("cycle__year").annotate(n=Count("economy", distinct=True))
    }
    for year in window.years:
        years.setdefault(year, GeneralYear(year, 0, of=economies))
    by_area = {"area__number": window.area, "area__plan": window.plan} if window.area else {}
    for row in (
        BestPractice.objects.filter(report__in=reports, **by_area)
        .exclude(direction=BestPractice.Direction.ADOPTED, adoption__isnull=True)
        .values("report__cycle__year", "direction")
        .annotate(n=Count("id"))
    ):
        target = years[row["report__cycle__year"]]
        if row["direction"] == BestPractice.Direction.SHARED:
            target.shared = row["n"]
        elif row["direction"] == BestPractice.Direction.ADOPTED:
            target.adopted = row["n"]
    for dialogues in (
        DialogueSession.objects.filter(report__in=reports, **by_area)
        .values("report__cycle__year")
        .annotate(n=Count("id"))
    ):
        years[dialogues["report__cycle__year"]].dialogues = dialogues["n"]
    activities = ApecActivity.objects.filter(report__in=reports, **by_area)
    for activity in activities.values("report__cycle__year", "kind").annotate(n=Count("id")):
        target = years[activity["report__cycle__year"]]
        if activity["kind"] == ApecActivity.Kind.INITIATIVE:
            target.apec_initiatives = activity["n"]
        elif activity["kind"] == ApecActivity.Kind.SUPPORTED:
            target.supported_activities = activity["n"]
    for taking_part in activities.values("report__cycle__year").annotate(
        n=Count("report__economy_id", distinct=True)
    ):
        years[taking_part["report__cycle__year"]].activity_economies = taking_part["n"]
    return [years[year] for year in window.years]


def year_statistics_direct(
    window: Window, measure: MeasureOfProgress, *, of: int
) -> list[YearStats]:
    """`measures.year_statistics` computed from the values of the window's counted reports."""
    found = summaries.measure_statistics(window.reports(), [measure.pk])
    return year_stats(
        window,
        {(year, reference): each for (_measure, year, reference), each in found.items()},
        of=of,
    )


def figures(rollup: AreaRollup) -> dict[str, object]:
    """What a page shows of an area's roll-up, comparable with ==."""
    return {
        "economies reporting": rollup.economies_reporting,
        "initiatives": rollup.initiatives,
        "contributing economies": rollup.contributing_economies,
        "objectives": [(o.id, o.initiatives) for o in rollup.objectives],
        "objective scores": [
            (
                o.id,
                o.score.counts,
                o.score.economies,
                o.score.previous,
                o.score.change,
                o.measures,
                o.score.sureness,
            )
            for o in rollup.objectives
        ],
        "target groups": rollup.target_groups,
        "measures": [(m.measure.pk, m.counts, m.economies) for m in rollup.measures],
        "score": (
            rollup.score.counts,
            rollup.score.economies,
            rollup.score.previous,
            rollup.score.change,
            rollup.score.sureness,
        ),
    }


def differences(plan: StrategicPlan) -> list[str]:
    """Where the summaries, or the area roll-ups read from them, differ from a direct
    computation from the reports (every window of the plan's years, both views; each area alone
    over the whole plan): one line each. `manage.py check_rollups` prints them."""
    found = summaries.rollups_differences(plan=plan)
    economies = Economy.objects.count()
    numbers = list(plan.areas.order_by("number").values_list("number", flat=True))
    for start, end in summaries.windows(plan):
        # Each area alone over the whole plan: the filter reads a subset of the same rows.
        whole = (start, end) == (plan.start_year, plan.end_year)
        for submitted in (False, True):
            for area in [None, *numbers] if whole else [None]:
                window = Window(plan, start, end, area=area, include_submitted=submitted)
                kept = area_rollups(window, economies=economies)
                direct = area_rollups_direct(window, economies=economies)
                general = general_indicators(window, economies=economies)
                general_direct = general_indicators_direct(window, economies=economies)
                if [vars(y) for y in general] != [vars(y) for y in general_direct]:
                    found.append(
                        f"{plan.code} {start}-{end} general indicators"
                        f"{' (accepted and submitted)' if submitted else ' (accepted)'}"
                        f"{f' filtered on area {area}' if area else ''}: read "
                        f"{[vars(y) for y in general]}, computed "
                        f"{[vars(y) for y in general_direct]}"
                    )
                for read, computed in zip(kept, direct, strict=True):
                    for name, value in figures(read).items():
                        if value != figures(computed)[name]:
                            found.append(
                                f"{plan.code} {start}-{end} area {read.area.number} "
                                f"{'(accepted and submitted)' if submitted else '(accepted)'}"
                                f"{f' filtered on area {area}' if area else ''}: {name} "
                                f"read {value!r}, computed {figures(computed)[name]!r}"
                            )
    return found
