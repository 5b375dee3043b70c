"""The app's models, gathered from its features so that Django finds them.

Code inside this app imports from the feature's own module (`reporting.reports.models`), so
that no feature depends on this module; the tests may import from here."""

from reporting.annual.models import AnnualReport, AnnualReportArea  # noqa: F401
from reporting.commitments.models import Commitment, FollowUp  # noqa: F401
from reporting.ops.models import RateCount, TaskLease  # noqa: F401
from reporting.questions.models import Answer, DigestSent, Question  # noqa: F401
from reporting.reports.models import (  # noqa: F401
    Adoption,
    ApecActivity,
    BestPractice,
    CycleState,
    DialogueSession,
    EconomyReport,
    EvidenceFile,
    Initiative,
    MeasureEntry,
    MeasureStatistic,
    PendingUpload,
    Reminder,
    ReportingCycle,
    ReportSection,
    ReportStatus,
    RollupCount,
)
from reporting.reviews.models import (  # noqa: F401
    Review,
    ReviewArea,
    ReviewQuote,
)
