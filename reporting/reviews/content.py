"""What a review shows: its figures, texts and quotes, as one JSON-ready dict.

A draft review reads the live roll-ups every time; a final review reads the snapshot taken when
it was made final. The page and every export (Word, PDF, Excel, CSV, JSON) render this dict and
nothing else, so they cannot disagree and a final review cannot drift.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import F
from django.db.models import Window as SqlWindow
from django.db.models.functions import RowNumber
from django.urls import reverse

from plans.models import Economy
from plans.projects import portfolio
from reporting.commitments.figures import commitment_content
from reporting.documents.content import participation_fields, portfolio_figures, score_fields
from reporting.reports import scoring
from reporting.reports.models import (
    ApecActivity,
    Assessment,
    BestPractice,
    DialogueSession,
    EvidenceFile,
    Initiative,
    MeasureEntry,
    ReportStatus,
)
from reporting.reviews.models import Review, ReviewArea, ReviewQuote
from reporting.reviews.questions_annex import questions_annex
from reporting.reviews.raw_rows import raw_rows
from reporting.reviews.schema import SCHEMA_VERSION
from reporting.rollups.areas import MeasureDistribution, area_rollups
from reporting.rollups.filters import ECONOMIES_PER_PAGE
from reporting.rollups.general import general_indicators
from reporting.rollups.lessons import lessons_learned
from reporting.rollups.measures import YearStats, measures_statistics
from reporting.rollups.window import Window

Content = dict[str, Any]
TEXT_FIELDS = ("assessment", "achievements", "challenges", "recommendations")
# How the body chooses what it shows of a long list; the annexes hold every record.
# The body's highlights and lessons are those of a page of economies (all of APEC's 21), so that
# the review's page costs the same whatever the number of economies.
HIGHLIGHTED_ECONOMIES = ECONOMIES_PER_PAGE
SELECTION = {
    "initiatives": "the most recent of each economy",
    "lessons": "the most recent of each economy",
}
ASSESSMENT_LABELS = dict(Assessment.choices)
STATUS_LABELS = dict(ReportStatus.choices)


def content_of(review: Review, *, raw: bool = True, annexes: bool = True) -> Content:
    """The review as it is shown and exported: the snapshot once final, else the live data
    (without the annexes for the page: `build_content`)."""
    if review.is_final and not annexes and review.body_snapshot is not None:
        return review.body_snapshot
    if review.is_final and review.snapshot:
        return review.snapshot if annexes else without_annexes(review.snapshot)
    return build_content(review, raw=raw, annexes=annexes)


def window_of(review: Review) -> Window:
    # Reviews count accepted reports only: the Chair reports what the director has accepted.
    return Window(plan=review.plan, start=review.start_year, end=review.end_year)


def build_content(review: Review, *, raw: bool = True, annexes: bool = True) -> Content:
    """The review's figures from the live data, its texts and its chosen quotes.

    The body reads the summaries and a bounded number of rows: its highlights and lessons are
    those of the first `HIGHLIGHTED_ECONOMIES` economies (all of them at APEC's 21). The
    annexes list every record of the counted reports, so their cost grows with the data: the
    files hold them (`annexes=True`); the review's page leaves them out (`annexes=False`) and
    says, from the summaries' counts (`annexes_in_files`), what they hold and where they are.
    """
    window = window_of(review)
    # The number of economies and the first page of them: the annexes alone read them all.
    economies = Economy.objects.count()
    highlighted = list(Economy.objects.all()[:HIGHLIGHTED_ECONOMIES])
    texts = {text.area_id: text for text in review.area_texts.all()} if review.pk else {}
    quotes = list(review.quotes.select_related("economy", "area")) if review.pk else []
    highlights = _highlights(window, highlighted)
    areas = []
    rollups_of_areas = area_rollups(window, economies=economies)
    statistics = measures_statistics(
        window,
        [each.measure for rollup in rollups_of_areas for each in rollup.measures],
        of=economies,
    )
    for rollup in rollups_of_areas:
        area = rollup.area
        text = texts.get(area.pk)
        areas.append(
            {
                "number": area.number,
                "name": area.name,
                "economies_reporting": rollup.economies_reporting,
                "initiatives": rollup.initiatives,
                "contributing_economies": rollup.contributing_economies,
                "objectives": [
                    {
                        "number": o.number,
                        "text": o.text,
                        "initiatives": o.initiatives,
                        "row": o.row,
                        "measures": o.measures,
                        **score_fields(o.score),
                    }
                    for o in rollup.objectives
                ],
                "gaps": [o.number for o in rollup.gaps],
                "target_groups": rollup.target_groups,
                **score_fields(rollup.score),
                "assessing_economies": rollup.assessing_economies,
                "measures": [
                    _measure(distribution, statistics[distribution.measure.pk])
                    for distribution in rollup.measures
                ],
                "highlights": [row for row in highlights if row["area"] == area.number],
                "texts": {name: getattr(text, name) if text else "" for name in TEXT_FIELDS},
                "quotes": [_quote(q) for q in quotes if q.area_id == area.pk],
            }
        )
    selection = dict(SELECTION)
    if economies > len(highlighted):
        each = f"the most recent of each of the first {len(highlighted)} economies"
        selection = dict.fromkeys(SELECTION, each)
    content = {
        "schema_version": SCHEMA_VERSION,
        "plan": {"code": review.plan.code, "title": review.plan.title},
        "kind": review.kind,
        "kind_label": review.get_kind_display(),
        "title": f"{review.get_kind_display()} of the APEC SMEWG Strategic Plan {review.plan.code}",
        "start": review.start_year,
        "end": review.end_year,
        "status": review.status,
        "as_of": review.frozen_at.isoformat() if review.frozen_at else None,
        "economies": economies,
        "executive_summary": review.executive_summary,
        "method": scoring.SCORE_METHOD,
        "participation": participation_fields(window, economies),
        "areas": areas,
        "general": [vars(year) for year in general_indicators(window, economies=economies)],
        "lesson_highlights": _lesson_highlights(window, highlighted),
        "selection": selection,
        "general_quotes": [_quote(q) for q in quotes if q.area_id is None],
        "portfolio": _portfolio(review),
        "commitments": commitment_content(
            plan=review.plan, year=review.end_year, economies=economies
        ),
    }
    if not annexes:
        return without_annexes(content)
    # Complete: every record of the counted reports is in the review, in the body or in an
    # annex the body points to (the body shows a selection and says how it was chosen).
    entries = _entries(window)
    initiatives = _initiatives(window, highlighted={row["pk"] for row in highlights})
    content |= {
        "initiatives": [_annexed(row) for row in initiatives],
        "lessons": _lessons(window, highlighted=content["lesson_highlights"]),
        "best_practices": _best_practices(window),
        "dialogues": _dialogues(window),
        "apec_activities": _apec_activities(window),
        "questions": questions_annex(window),
        "annex": _annex(window, list(Economy.objects.all()), entries, initiatives),
    }
    if raw:
        content["raw"] = raw_rows(entries, initiatives, content)
    return content


ANNEX_KEYS: tuple[str, ...] = ("initiatives", "lessons", "best_practices", "dialogues")
ANNEX_KEYS += ("apec_activities", "questions", "annex")


def without_annexes(content: Content) -> Content:
    """The body of the review for its page: the annexes left to the files, and what they hold
    counted from the body's figures (the summaries) in `annexes_in_files`."""
    general = content["general"]
    body = {key: value for key, value in content.items() if key not in (*ANNEX_KEYS, "raw")}
    if "lesson_highlights" not in content:  # a snapshot made before the body had its own
        lessons = content.get("lessons", [])
        body["lesson_highlights"] = [lesson for lesson in lessons if lesson.get("highlight", True)]
    body["annexes_in_files"] = {
        "reports": sum(year["counted"] for year in content["participation"]),
        "initiatives": sum(area["initiatives"] for area in content["areas"]),
        "best_practices": sum(year.get("shared", 0) + year.get("adopted", 0) for year in general),
        "dialogues": sum(year.get("dialogues", 0) for year in general),
        "apec_activities": sum(
            year.get("apec_initiatives", 0) + year.get("supported_activities", 0)
            for year in general
        ),
    }
    return body


def _portfolio(review: Review) -> dict:
    """The APEC projects of the plan under way or done in the review's window (three queries)."""
    found = portfolio.portfolio(plan=review.plan, start=review.start_year, end=review.end_year)
    return {
        **portfolio_figures(found),
        "funding": list(found.funding.items()),
        "statuses": list(found.statuses.items()),
        "proponents": [[name, n] for _code, name, n in found.proponents],
        "method": portfolio.PORTFOLIO_METHOD,
    }


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _entries(window: Window) -> dict[int, list[dict]]:
    """The counted answers of the window, by measure (one query)."""
    rows = (
        MeasureEntry.objects.filter(report__in=window.reports())
        .order_by("measure__area__number", "measure__number", "report__cycle__year")
        .values(
            "measure_id",
            "value",
            "unit",
            "unit_problem",
            "assessment",
            "narrative",
            year=F("report__cycle__year"),
            economy=F("report__economy__short_name"),
            code=F("report__economy__code"),
            position=F("report__economy__position"),
            area=F("measure__area__number"),
            measure_number=F("measure__number"),
            measure_text=F("measure__text"),
        )
    )
    by_measure: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_measure[row["measure_id"]].append({**row, "value": _number(row["value"])})
    for found in by_measure.values():
        found.sort(key=lambda row: (row["year"], row["position"]))
    return by_measure


def _measure(distribution: MeasureDistribution, stats: list[YearStats]) -> dict:
    measure = distribution.measure
    # Only values in the measure's unit are pooled, as on the dashboard's measure page.
    years = [
        {
            "year": year.year,
            "economies": year.economies,
            "min": _number(year.minimum),
            "median": _number(year.median),
            "max": _number(year.maximum),
            # The year the data is about, and the page's heading of it ("2024 data").
            "reference_year": year.reference_year,
            "data_label": year.label,
        }
        for year in stats
    ]
    return {
        "number": measure.number,
        "text": measure.text,
        # Kind and unit apart: every renderer prints them once, together (schema.Measure).
        "kind": measure.get_kind_display(),
        "unit": measure.unit,
        "answered": distribution.economies,
        "counts": {ASSESSMENT_LABELS[k]: n for k, n in distribution.counts.items()},
        "years": years,
    }


def _initiatives(window: Window, *, highlighted: set[int]) -> list[dict]:
    """The counted initiatives of the window with the objectives they address, the chapters'
    `highlighted` ones flagged (two queries)."""
    # Plain dicts: each row is reshaped for the page below.
    initiatives: list[dict[str, Any]] = [
        dict(row)
        for row in Initiative.objects.filter(report__in=window.reports())
        .order_by("area__number", "-report__cycle__year", "report__economy__position", "pk")
        .values(*INITIATIVE_FIELDS, **INITIATIVE_NAMED)
    ]
    _shape_initiatives(
        initiatives,
        Initiative.objectives.through.objects.filter(initiative__report__in=window.reports()),
    )
    for row in initiatives:
        row["highlight"] = row["pk"] in highlighted
    return initiatives


INITIATIVE_FIELDS = ("pk", "title", "kind", "description", "lessons_learned", "apec_project_code")
INITIATIVE_NAMED = {
    "year": F("report__cycle__year"),
    "economy": F("report__economy__short_name"),
    "area_number": F("area__number"),
}


def _shape_initiatives(rows: list[dict[str, Any]], links) -> None:
    """Each initiative's area number, objectives (from the objective `links` of the initiatives)
    and kind as the documents show them."""
    objectives = defaultdict(list)
    for initiative_id, number in links.order_by("objective__number").values_list(
        "initiative_id", "objective__number"
    ):
        objectives[initiative_id].append(number)
    kinds = dict(Initiative.Kind.choices)
    for row in rows:
        row["area"] = row.pop("area_number")
        row["objectives"] = objectives.get(row["pk"], [])
        row["kind"] = kinds.get(row["kind"], row["kind"])


def _highlights(window: Window, economies: list[Economy]) -> list[dict]:
    """The chapters' highlights: the most recent initiative of each of the `economies` in each
    area (newest first), picked by the database from those economies' reports only (two
    queries)."""
    reports = window.reports().filter(economy__in=economies)
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in Initiative.objects.filter(report__in=reports)
        .annotate(
            rank=SqlWindow(
                RowNumber(),
                partition_by=[F("area_id"), F("report__economy_id")],
                order_by=[F("report__cycle__year").desc(), F("pk").asc()],
            )
        )
        .filter(rank=1)
        .order_by("area__number", "-report__cycle__year", "report__economy__position", "pk")
        .values(*INITIATIVE_FIELDS, **INITIATIVE_NAMED)
    ]
    _shape_initiatives(
        rows,
        Initiative.objectives.through.objects.filter(initiative_id__in=[r["pk"] for r in rows]),
    )
    for row in rows:
        row["highlight"] = True
    return rows


def _annexed(row: dict) -> dict:
    """An initiative as the annex lists it."""
    return {
        key: row[key]
        for key in (
            "area",
            "economy",
            "year",
            "title",
            "kind",
            "objectives",
            "apec_project_code",
            "description",
            "lessons_learned",
            "highlight",
        )
    }


def _lesson_highlights(window: Window, economies: list[Economy]) -> list[dict]:
    """The body's lessons learned: the most recent of each of the `economies`, newest first."""
    found = lessons_learned(window, limit=None, economy_ids=[e.pk for e in economies])
    lessons = _flagged([dict(vars(lesson)) for lesson in found], {e.short_name for e in economies})
    return [lesson for lesson in lessons if lesson["highlight"]]


def _lessons(window: Window, *, highlighted: list[dict]) -> list[dict]:
    """Every lesson learned of the counted reports, newest first (annex C), those of the body
    (`highlighted`) flagged."""
    lessons = [dict(vars(lesson)) for lesson in lessons_learned(window, limit=None)]
    return _flagged(lessons, {lesson["economy"] for lesson in highlighted})


def _flagged(lessons: list[dict], economies: set[str]) -> list[dict]:
    """Flag the first (most recent) lesson of each of the `economies`."""
    shown = set()
    for lesson in lessons:
        lesson["highlight"] = lesson["economy"] in economies and lesson["economy"] not in shown
        shown.add(lesson["economy"])
    return lessons


def _records(queryset, *fields: str, **named) -> list[dict]:
    """Rows of a report record kind in the counted reports: economy and year first (one query)."""
    rows = list(
        queryset.order_by("report__cycle__year", "report__economy__position", "pk").values(
            *fields,
            economy=F("report__economy__short_name"),
            year=F("report__cycle__year"),
            area_number=F("area__number"),
            **named,
        )
    )
    for row in rows:
        row["area"] = row.pop("area_number")
    return rows


def _labelled(rows: list[dict], field: str, choices) -> list[dict]:
    labels = dict(choices)
    for row in rows:
        row[field] = str(labels.get(row[field], row[field]))
    return rows


def _best_practices(window: Window) -> list[dict]:
    rows = _records(
        BestPractice.objects.filter(report__in=window.reports()),
        "title",
        "direction",
        "where",
        "description",
    )
    return _labelled(rows, "direction", BestPractice.Direction.choices)


def _dialogues(window: Window) -> list[dict]:
    rows = _records(
        DialogueSession.objects.filter(report__in=window.reports()),
        "title",
        "partner_kind",
        "where",
        forum_acronym=F("forum__acronym"),
    )
    for row in rows:
        row["forum"] = row.pop("forum_acronym")
    return _labelled(rows, "partner_kind", DialogueSession.Partner.choices)


def _apec_activities(window: Window) -> list[dict]:
    rows = _records(
        ApecActivity.objects.filter(report__in=window.reports()),
        "title",
        "kind",
        "role",
        "lessons_learned",
    )
    _labelled(rows, "role", ApecActivity.Role.choices)
    return _labelled(rows, "kind", ApecActivity.Kind.choices)


def _quote(quote: ReviewQuote) -> dict:
    return {
        "text": quote.text,
        "economy": str(quote.economy),
        "year": quote.year,
        "source": quote.get_source_display(),
        "attribution": quote.attribution,
    }


def _annex(
    window: Window,
    economies: list[Economy],
    entries: dict[int, list[dict]],
    initiatives: list[dict],
) -> list[dict]:
    """Each economy's reports in the window: status, initiatives, measures answered, lessons."""
    answered: defaultdict[tuple[str, int], int] = defaultdict(int)
    for rows in entries.values():
        for row in rows:
            if row["assessment"] or row["value"] is not None:
                answered[(row["code"], row["year"])] += 1
    initiative_count: defaultdict[tuple[str, int], int] = defaultdict(int)
    for row in initiatives:
        initiative_count[(row["economy"], row["year"])] += 1
    reports = {
        (code, year): (status, lessons)
        for code, year, status, lessons in window.all_reports().values_list(
            "economy__code", "cycle__year", "status", "lessons_learned"
        )
    }
    counted = set(window.statuses)
    # The documents behind the counted reports, as links to their access-checked downloads.
    evidence = defaultdict(list)
    for code, year, pk, name in (
        EvidenceFile.objects.filter(report__in=window.reports())
        .order_by("report__economy__position", "report__cycle__year", "pk")
        .values_list("report__economy__code", "report__cycle__year", "pk", "name")
    ):
        path = reverse("reporting:evidence-download", args=[year, code, pk])
        evidence[(code, year)].append({"name": name, "url": f"{settings.SITE_URL}{path}"})
    annex = []
    for economy in economies:
        years = []
        for year in window.years:
            status, lessons = reports.get((economy.code, year), (None, ""))
            is_counted = status in counted
            years.append(
                {
                    "year": year,
                    "status": STATUS_LABELS[status] if status else "No report",
                    "initiatives": initiative_count[(economy.short_name, year)]
                    if is_counted
                    else None,
                    "measures_answered": answered[(economy.code, year)] if is_counted else None,
                    "lessons": lessons if is_counted else "",
                    "evidence": evidence[(economy.code, year)] if is_counted else [],
                }
            )
        annex.append({"economy": str(economy), "code": economy.code, "years": years})
    return annex


def area_texts(review: Review) -> list[tuple[Any, ReviewArea]]:
    """Each priority area of the plan with the review's text on it (unsaved when none yet)."""
    texts = {text.area_id: text for text in review.area_texts.all()} if review.pk else {}
    return [
        (area, texts.get(area.pk) or ReviewArea(review=review if review.pk else None, area=area))
        for area in review.plan.areas.order_by("number")
    ]
