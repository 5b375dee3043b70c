"""The app's models, gathered from its features so that Django finds them.

Code inside this app imports from the feature's own module (`reporting.reports.models`), so
that no feature depends on this module; the tests may import from here."""

from reporting.reports.models import (  # noqa: F401
    ApecActivity,
    BestPractice,
    CycleState,
    DialogueSession,
    EconomyReport,
    Initiative,
    MeasureEntry,
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
