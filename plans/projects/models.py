"""APEC projects that deliver a plan, and the rounds in which economies rank new proposals.

A project is named by its APEC code ("SME 01 2015A"); its page lives at the code's slug
(/projects/sme-01-2015a/). Economies' reported initiatives point at a project by the same code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Avg, Count, F, FloatField, Q
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from plans.catalogue.models import (
    YEAR_VALIDATORS,
    BroaderPriority,
    CodeManager,
    Economy,
    Objective,
    PriorityArea,
    StrategicPlan,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class Ranking(TypedDict):
        """What ProposalQuerySet.ranked() adds to each proposal."""

        economies_scoring: int
        mean_total: float | None
        mean_plan_link: float | None
        mean_apec_priorities: float | None
        mean_feasibility: float | None

    RankedProposal = WithAnnotations["Proposal", Ranking]

# One rule for every APEC project code in the tracker, whether on a project or an initiative.
APEC_PROJECT_CODE = RegexValidator(
    r"^[A-Z]+( [A-Z]+)? \d{2} \d{4}[A-Z]?(-\d+)?$",
    "Write an APEC project code such as “SME 01 2015A”.",
)


def project_slug(code: str) -> str:
    """“SME 01 2015A” -> “sme-01-2015a”. One-to-one on valid codes: a hyphen can only follow
    the year, where a code never has a space."""
    return slugify(code)


class ProjectStatus(models.TextChoices):
    CONCEPT_NOTE = "concept_note", "Concept note"
    APPROVED = "approved", "Approved"
    IN_IMPLEMENTATION = "in_implementation", "In implementation"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class ProjectType(models.TextChoices):
    WORKSHOP = "workshop", "Workshop"
    FORUM = "forum", "Forum"
    STUDY = "study", "Study"
    TRAINING = "training", "Training"
    CONFERENCE = "conference", "Conference"
    OTHER = "other", "Other"


class Funding(models.TextChoices):
    APEC_FUNDED = "apec", "APEC-funded"
    SELF_FUNDED = "self", "Self-funded"


class ApecProjectQuerySet(models.QuerySet["ApecProject"]):
    def active_in(self, start: int, end: int) -> Self:
        """Projects whose timeframe overlaps the years start..end."""
        return self.filter(start_year__lte=end, end_year__gte=start)

    def in_portfolio(self) -> Self:
        """Projects that are under way or done: not a concept note yet, not cancelled."""
        return self.exclude(status__in=[ProjectStatus.CONCEPT_NOTE, ProjectStatus.CANCELLED])

    def for_list(self) -> Self:
        return self.select_related("proponent", "plan").prefetch_related("areas")

    def with_details(self) -> Self:
        return self.select_related("proponent", "plan").prefetch_related(
            "co_sponsors",
            "participating_economies",
            "areas",
            "objectives__area",
            "broader_priorities",
        )


# Named before it is subclassed: django-stubs reads `from_queryset` in an assignment, not in a
# class's bases, and only then gives the manager the queryset's methods.
_ApecProjectManagerBase = CodeManager.from_queryset(ApecProjectQuerySet)


class ApecProjectManager(_ApecProjectManagerBase):
    pass


class ApecProject(models.Model):
    code = models.CharField(
        "APEC project code", max_length=30, unique=True, validators=[APEC_PROJECT_CODE]
    )
    slug = models.SlugField(max_length=40, unique=True, editable=False)
    title = models.CharField(max_length=300)
    proponent = models.ForeignKey(
        Economy, on_delete=models.PROTECT, related_name="proposed_projects"
    )
    co_sponsors = models.ManyToManyField(
        Economy, blank=True, related_name="co_sponsored_projects", verbose_name="co-sponsors"
    )
    funding = models.CharField(max_length=4, choices=Funding.choices)
    sub_fund = models.CharField(
        "APEC fund or sub-fund",
        max_length=120,
        blank=True,
        help_text="For APEC-funded projects, e.g. “APEC Support Fund – MSME Sub-fund”.",
    )
    session = models.CharField(
        max_length=40, blank=True, help_text="The approval session, e.g. “Session 1 2016”."
    )
    start_year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    status = models.CharField(max_length=20, choices=ProjectStatus.choices)
    kind = models.CharField("type", max_length=12, choices=ProjectType.choices)
    plan = models.ForeignKey(StrategicPlan, on_delete=models.PROTECT, related_name="projects")
    areas = models.ManyToManyField(
        PriorityArea, related_name="projects", verbose_name="priority areas"
    )
    objectives = models.ManyToManyField(Objective, blank=True, related_name="projects")
    broader_priorities = models.ManyToManyField(
        BroaderPriority,
        blank=True,
        related_name="projects",
        verbose_name="broader APEC priorities",
    )
    participating_economies = models.ManyToManyField(
        Economy, blank=True, related_name="participated_projects"
    )
    outcomes = models.TextField(blank=True)
    lessons_learned = models.TextField(blank=True)

    objects = ApecProjectManager()
    history = HistoricalRecords(
        m2m_fields=[co_sponsors, areas, objectives, broader_priorities, participating_economies]
    )

    class Meta:
        ordering = ["-start_year", "code"]
        verbose_name = "APEC project"
        indexes = [
            # The portfolio and the year filter select projects by their timeframe.
            models.Index(fields=["start_year", "end_year"], name="project_years_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    def clean(self) -> None:
        errors = {}
        if self.code:
            self.slug = project_slug(self.code)
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = "The project cannot end before it starts."
        if self.funding == Funding.SELF_FUNDED and self.sub_fund:
            errors["sub_fund"] = "A self-funded project has no APEC fund: leave this empty."
        if errors:
            raise ValidationError(errors)

    @property
    def timeframe(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"


def check_project_tags(
    *, plan: StrategicPlan, areas: list[PriorityArea], objectives: list[Objective]
) -> None:
    """A project addresses areas and objectives of its own plan (the M2M fields cannot say so
    in `clean()`: they are written after the row)."""
    errors = {}
    if not areas:
        errors["areas"] = "Choose at least one priority area of the plan."
    elif any(area.plan_id != plan.pk for area in areas):
        errors["areas"] = f"Choose priority areas of the plan {plan.code}."
    if any(objective.area.plan_id != plan.pk for objective in objectives):
        errors["objectives"] = f"Choose objectives of the plan {plan.code}."
    if errors:
        raise ValidationError(errors)


class ProposalRoundManager(models.Manager):
    def get_by_natural_key(self, year, number):
        return self.get(year=year, number=number)


class ProposalRound(models.Model):
    """A project session in which each economy scores the concept notes against the plan."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.PROTECT, related_name="rounds")
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    number = models.PositiveSmallIntegerField(
        "session", validators=[MinValueValidator(1)], help_text="Session 1 or 2 of the year."
    )
    opens = models.DateField()
    closes = models.DateField(help_text="The date scoring is due; the director closes the round.")
    is_open = models.BooleanField(default=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ProposalRoundManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="unique_round_session")
        ]

    def __str__(self) -> str:
        return f"Session {self.number} {self.year}"

    def natural_key(self) -> tuple:
        return (self.year, self.number)

    def clean(self) -> None:
        if self.opens and self.closes and self.closes < self.opens:
            raise ValidationError({"closes": "The round cannot close before it opens."})


class ProposalQuerySet(models.QuerySet["Proposal"]):
    # `self` as a queryset of proposals: django-stubs makes a custom queryset's own `self` generic
    # over any model, and the annotations would not be known to belong to a Proposal.
    def ranked(self: models.QuerySet[Proposal]) -> models.QuerySet[RankedProposal]:
        """Each proposal with its economies' mean scores, best first; unscored ones last."""
        total = F("scores__plan_link") + F("scores__apec_priorities") + F("scores__feasibility")
        return self.annotate(
            economies_scoring=Count("scores"),
            mean_total=Avg(total, output_field=FloatField()),
            mean_plan_link=Avg("scores__plan_link", output_field=FloatField()),
            mean_apec_priorities=Avg("scores__apec_priorities", output_field=FloatField()),
            mean_feasibility=Avg("scores__feasibility", output_field=FloatField()),
        ).order_by(F("mean_total").desc(nulls_last=True), "-economies_scoring", "number")


# Named before it is subclassed, as the project manager's base above.
_ProposalManagerBase = models.Manager.from_queryset(ProposalQuerySet)


class ProposalManager(_ProposalManagerBase):
    def get_by_natural_key(self, year, round_number, number):
        return self.get(round__year=year, round__number=round_number, number=number)


class Proposal(models.Model):
    """A concept note put to a round."""

    round = models.ForeignKey(ProposalRound, on_delete=models.CASCADE, related_name="proposals")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=300)
    proponent = models.ForeignKey(Economy, on_delete=models.PROTECT, related_name="proposals")
    summary = models.TextField(blank=True)
    areas = models.ManyToManyField(
        PriorityArea, blank=True, related_name="proposals", verbose_name="priority areas"
    )
    broader_priorities = models.ManyToManyField(
        BroaderPriority, blank=True, related_name="proposals"
    )
    project = models.ForeignKey(
        ApecProject,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        help_text="The APEC project the proposal became, once approved.",
    )

    objects = ProposalManager()
    history = HistoricalRecords(m2m_fields=[areas, broader_priorities])

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="unique_proposal_number")
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple:
        return (*self.round.natural_key(), self.number)

    natural_key.dependencies = ["plans.proposalround"]  # type: ignore[attr-defined]  # mypy: no attributes on functions


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class ScoreCriterion(models.TextChoices):
    """The plan's ranking criteria, in the order the score sheet asks them."""

    PLAN_LINK = "plan_link", "Direct link to the plan's priorities and objectives"
    APEC_PRIORITIES = (
        "apec_priorities",
        "Contribution to APEC priorities (Putrajaya Vision 2040, Aotearoa Plan of Action, "
        "Bangkok Goals)",
    )
    FEASIBILITY = "feasibility", "Feasibility"


def _score_field(criterion: ScoreCriterion) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(criterion.label, validators=SCORE_VALIDATORS)


class ProposalScore(models.Model):
    """One economy's score of one proposal: 1 (weak) to 5 (strong) on each criterion."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="scores")
    economy = models.ForeignKey(Economy, on_delete=models.PROTECT, related_name="scores")
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    plan_link = _score_field(ScoreCriterion.PLAN_LINK)
    apec_priorities = _score_field(ScoreCriterion.APEC_PRIORITIES)
    feasibility = _score_field(ScoreCriterion.FEASIBILITY)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["proposal", "economy__position"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "economy"], name="one_score_per_economy"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"score_{name}_1_to_5",
                )
                for name in ScoreCriterion.values
            ],
        ]

    def __str__(self) -> str:
        return f"{self.economy.code}: {self.proposal}"

    @property
    def total(self) -> int:
        return self.plan_link + self.apec_priorities + self.feasibility
