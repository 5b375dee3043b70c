"""The questions' figures, the one computation the questions' page, the API, the final review's
annex and the director's annual report read: per economy (asked, received, answered) and per
priority area (asked, answered), the median days to a first answer, and how many economies took
part, of all of them ("9 of 21").

Only what members see counts: a hidden question is no question, and a hidden answer no answer.
A question's area is that of the section, initiative or best practice it is about (none for the
lessons learned or a best practice naming no area). The median is worked out from the exact
durations and rounded once, half-up, to a tenth of a day (plans/catalogue/rounding.py)."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Min, Q
from django.db.models.functions import Coalesce

from plans.catalogue.rounding import half_up, number
from plans.models import Economy, StrategicPlan
from reporting.questions.models import Question

SCHEMA_VERSION = 1
DAY = datetime.timedelta(days=1)


def median_days(waits: list[datetime.timedelta]) -> Decimal | None:
    """The median of the durations in days, to a tenth; None without any."""
    if not waits:
        return None
    return half_up(statistics.median(Decimal(w.total_seconds()) / 86400 for w in waits), 1)


@dataclass(frozen=True)
class EconomyQuestions:
    code: str
    name: str  # short name
    asked: int  # questions the economy asked others
    received: int  # questions asked to the economy
    answered: int  # of those received, answered
    median_days: Decimal | None  # to the economy's first answer


@dataclass(frozen=True)
class AreaQuestions:
    number: int | None  # None: about the lessons learned or a record naming no area
    name: str
    asked: int
    answered: int
    median_days: Decimal | None


@dataclass(frozen=True)
class QuestionFigures:
    schema_version: int
    asked: int
    answered: int
    median_days: Decimal | None
    economies: int  # economies that asked or were asked
    of: int  # all economies
    by_economy: list[EconomyQuestions] = field(default_factory=list)
    by_area: list[AreaQuestions] = field(default_factory=list)


def question_figures(
    plan: StrategicPlan, *, years: range | None = None, economy_total: int | None = None
) -> QuestionFigures:
    """The figures of the shown questions on the plan's reports (of `years` if given), of all
    `economy_total` economies (counted when not given): three queries (the questions with their
    first shown answer, the economies that took part, the areas), four when counting. The
    economies read are those that asked or were asked, never every economy."""
    questions = Question.objects.shown().filter(report__cycle__plan=plan)
    if years is not None:
        questions = questions.filter(report__cycle__year__in=list(years))
    rows = questions.annotate(
        first_answer=Min("answers__created_at", filter=Q(answers__hidden_at__isnull=True)),
        area_number=Coalesce(
            "section__area__number", "initiative__area__number", "best_practice__area__number"
        ),
    ).values_list(
        "asked_by_economy_id", "report__economy_id", "area_number", "created_at", "first_answer"
    )
    asked: dict[int, int] = defaultdict(int)
    received: dict[int, int] = defaultdict(int)
    answered: dict[int, int] = defaultdict(int)
    waits: dict[int, list[datetime.timedelta]] = defaultdict(list)
    area_asked: dict[int | None, int] = defaultdict(int)
    area_answered: dict[int | None, int] = defaultdict(int)
    area_waits: dict[int | None, list[datetime.timedelta]] = defaultdict(list)
    every_wait = []
    for asker, asked_economy, area, created, first_answer in rows:
        asked[asker] += 1
        received[asked_economy] += 1
        area_asked[area] += 1
        if first_answer is not None:
            wait = max(first_answer - created, datetime.timedelta(0))
            answered[asked_economy] += 1
            area_answered[area] += 1
            waits[asked_economy].append(wait)
            area_waits[area].append(wait)
            every_wait.append(wait)
    involved = set(asked) | set(received)
    economies = list(
        Economy.objects.filter(pk__in=involved)
        .order_by("position")
        .values_list("pk", "code", "short_name")
    )
    if economy_total is None:
        economy_total = Economy.objects.count()
    by_economy = [
        EconomyQuestions(
            code,
            name,
            asked[pk],
            received[pk],
            answered[pk],
            median_days(waits[pk]),
        )
        for pk, code, name in economies
    ]
    names = dict(plan.areas.values_list("number", "name"))
    by_area = [
        AreaQuestions(
            number,
            names.get(number, "") if number is not None else "Lessons learned and other records",
            area_asked[number],
            area_answered[number],
            median_days(area_waits[number]),
        )
        for number in sorted(area_asked, key=lambda n: (n is None, n or 0))
    ]
    return QuestionFigures(
        SCHEMA_VERSION,
        asked=sum(asked.values()),
        answered=sum(answered.values()),
        median_days=median_days(every_wait),
        economies=len(involved),
        of=economy_total,
        by_economy=by_economy,
        by_area=by_area,
    )


def figures_sentence(figures: QuestionFigures, year: int | None = None) -> str:
    """The figures in words, for the director's annual report: “In 2025, economies asked each
    other 3 questions on their accepted reports; 2 were answered, after a median of 3 days. 4 of
    21 economies took part, asking or asked.”"""
    when = f"In {year}, e" if year is not None else "E"
    if not figures.asked:
        return f"{when}conomies asked each other no question on their accepted reports."
    plural = "s" if figures.asked != 1 else ""
    answered = f"{figures.answered} {'was' if figures.answered == 1 else 'were'} answered"
    if figures.median_days is not None:
        days = number(figures.median_days, places=1)
        answered += f", after a median of {days} day{'' if days == '1' else 's'}"
    return (
        f"{when}conomies asked each other {figures.asked} question{plural} on their accepted "
        f"reports; {answered}. {figures.economies} of {figures.of} economies took part, asking "
        "or asked."
    )
