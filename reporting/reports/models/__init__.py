"""What economies report each year: cycles, reports, their sections, records and evidence, the
reminders and the roll-up summaries, a module per topic. Django and the migrations find the
models here."""

from reporting.reports.models.adoptions import SOURCE_FIELDS, Adoption
from reporting.reports.models.cycles import CycleState, ReportingCycle, ReportingCycleQuerySet
from reporting.reports.models.evidence import (
    EvidenceFile,
    PendingUpload,
    evidence_path,
    evidence_storage,
)
from reporting.reports.models.records import (
    ASSESSMENT_ORDER,
    ApecActivity,
    Assessment,
    BestPractice,
    DialogueSession,
    Initiative,
    MeasureEntry,
)
from reporting.reports.models.reminders import Reminder
from reporting.reports.models.reports import (
    EconomyReport,
    EconomyReportQuerySet,
    ReportSection,
    ReportStatus,
    on_time,
)
from reporting.reports.models.summaries import MeasureStatistic, RollupCount
from reporting.reports.models.text import (
    NARRATIVE_LIMIT,
    NARRATIVE_VALIDATORS,
    NOT_IN_HISTORY,
    narrative_field,
    search_vector_field,
)

__all__ = [
    "ASSESSMENT_ORDER",
    "NARRATIVE_LIMIT",
    "NARRATIVE_VALIDATORS",
    "NOT_IN_HISTORY",
    "SOURCE_FIELDS",
    "Adoption",
    "ApecActivity",
    "Assessment",
    "BestPractice",
    "CycleState",
    "DialogueSession",
    "EconomyReport",
    "EconomyReportQuerySet",
    "EvidenceFile",
    "Initiative",
    "MeasureEntry",
    "MeasureStatistic",
    "PendingUpload",
    "Reminder",
    "ReportSection",
    "ReportStatus",
    "ReportingCycle",
    "ReportingCycleQuerySet",
    "RollupCount",
    "evidence_path",
    "evidence_storage",
    "narrative_field",
    "on_time",
    "search_vector_field",
]
