"""The app's models, gathered from its features so that Django finds them.

Code inside this app imports from the feature's own module (`plans.catalogue.models`), so that
no feature depends on this module; the other app and the tests may import from here."""

from plans.accounts.models import (  # noqa: F401
    ApiToken,
    Delegate,
    UserPreferences,
    UserSession,
)
from plans.accounts.twofactor.models import WebAuthnDevice  # noqa: F401
from plans.catalogue.models import (  # noqa: F401
    YEAR_VALIDATORS,
    Action,
    AreaItem,
    BroaderPriority,
    Economy,
    Forum,
    GeneralIndicator,
    ImplementationActivity,
    IndicatorGroup,
    MeasureOfProgress,
    Objective,
    PlanDataVersion,
    PriorityArea,
    StrategicPlan,
    TargetGroup,
)
from plans.meetings.models import (  # noqa: F401
    Meeting,
    MeetingBestPractice,
    MeetingDialogue,
)
from plans.projects.models import (  # noqa: F401
    APEC_PROJECT_CODE,
    ApecProject,
    Funding,
    ProjectStatus,
    Proposal,
    ProposalRound,
    ProposalScore,
)
from plans.results.models import (  # noqa: F401
    FigureKind,
    FigureUnit,
    ReportedFigure,
)
