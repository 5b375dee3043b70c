"""The permission matrix: every URL, every role, walked from the URLconf.

A URL added to the project without a row here fails `test_every_url_is_in_the_matrix`, so no
page can escape the access rules.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from plans.models import StrategicPlan
from reporting.documents.stored import keep
from reporting.reviews.document import REVIEW_DOCUMENT
from reporting.reviews.models import Review
from tests.conftest import client_for
from tests.plans.projects.factories import make_matrix_data
from tests.reporting.factories import attach_matrix_evidence, start_report

pytestmark = pytest.mark.django_db

# contributor_chl: Chile's contributor, assigned areas 1 and 2 of its reports (plans/demo.py).
ROLES = ["anonymous", "delegate_chl", "contributor_chl", "delegate_pe", "director", "chair"]
SIGNED_IN = frozenset(ROLES) - {"anonymous"}
# The Django admin guards itself (staff only) and is tested in test_admin_is_staff_only.
OWN_ACCESS_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class Case:
    name: str
    kwargs: dict = field(default_factory=dict)
    # role -> expected status of a GET; anonymous users are sent to the login page.
    get: dict = field(default_factory=dict)
    # role -> expected status of an empty POST, for views that take one.
    post: dict = field(default_factory=dict)
    # Methods other than GET/HEAD that the view refuses with 405.
    refuses: tuple = ("post",)


def everyone(status: int = 200) -> dict:
    return {"anonymous": "login", **dict.fromkeys(SIGNED_IN, status)}


def roles(chl, pe, director, chair, *, contributor=None) -> dict:
    """The expected statuses; Chile's contributor gets Chile's delegate's unless told."""
    return {
        "anonymous": "login",
        "delegate_chl": chl,
        "contributor_chl": chl if contributor is None else contributor,
        "delegate_pe": pe,
        "director": director,
        "chair": chair,
    }


CHL_2026 = {"year": 2026, "code": "CHL"}
POST_ONLY = roles(405, 405, 405, 405)


def api(chl, pe, director, chair, *, contributor=None) -> dict:
    return {**roles(chl, pe, director, chair, contributor=contributor), "anonymous": 401}


PUBLIC = dict.fromkeys(ROLES, 200)
API_POST_ONLY = dict.fromkeys(ROLES, 405)
MIDTERM = {"code": "2025-2028", "kind": "midterm"}
# A kept file of the mid-term review (see `clients`), named by the digest of its content.
KEPT_DIGEST = "0" * 64
KEPT_FILE = {**MIDTERM, "fmt": "csv", "digest": KEPT_DIGEST}
ANNUAL_2026 = {"code": "2025-2028", "year": 2026}
ANNUAL_2026_DOCUMENT = {"code": "2025-2028", "key": "2026"}
SCHEDULE_ACTIVITY = {"code": "2017-2020", "number": 1}
ROUND_2026_1 = {"year": 2026, "number": 1}

MATRIX = [
    Case("home", get=everyone()),
    Case("login", get={"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}, refuses=()),
    Case("logout", get={"anonymous": "login", **dict.fromkeys(SIGNED_IN, 405)}, refuses=()),
    Case("plans:plan-list", get=everyone()),
    Case("plans:plan-detail", {"code": "2025-2028"}, get=everyone()),
    Case("reporting:report-list", get=everyone()),
    Case("reporting:queue", get=roles(403, 403, 200, 200)),
    Case("reporting:cycle-list", get=roles(403, 403, 200, 200)),
    Case(
        "reporting:cycle-toggle",
        {"year": 2026, "action": "close"},
        get=POST_ONLY,
        post=roles(403, 403, 302, 403),
        refuses=(),
    ),
    Case("reporting:report-detail", CHL_2026, get=roles(200, 404, 200, 200)),
    Case(
        "reporting:report-start",
        CHL_2026,
        get=POST_ONLY,
        post=roles(302, 404, 403, 403),
        refuses=(),
    ),
    Case(
        "reporting:section-edit",
        {**CHL_2026, "section": "1"},
        get=roles(200, 404, 403, 403),
        post=roles(200, 404, 403, 403),
        refuses=("put", "delete"),
    ),
    # An area not assigned to Chile's contributor: area 1 (above) is theirs.
    Case(
        "reporting:section-edit",
        {**CHL_2026, "section": "3"},
        get=roles(200, 404, 403, 403, contributor=403),
        post=roles(200, 404, 403, 403, contributor=403),
        refuses=("put", "delete"),
    ),
    Case(
        "reporting:team",
        {"code": "CHL"},
        get=roles(200, 404, 200, 200),
        # An empty form names no contributor (400); only the delegate assigns.
        post=roles(400, 404, 403, 403, contributor=403),
        refuses=("put", "delete"),
    ),
    Case(
        "reporting:report-check",
        CHL_2026,
        # A draft. Once its delegate can no longer change it, their GET (the browser's Back
        # after submitting) redirects to the report and a POST is 403: test_workflow. A
        # contributor neither checks nor submits: the delegate does.
        get=roles(200, 404, 403, 403, contributor=403),
        post=roles(400, 404, 403, 403, contributor=403),
        refuses=("put", "delete"),
    ),
    Case("reporting:report-submitted", CHL_2026, get=roles(302, 404, 302, 302)),
    Case(
        "reporting:report-return",
        CHL_2026,
        get=roles(403, 404, 200, 403),
        post=roles(403, 404, 200, 403),
        refuses=("put",),
    ),
    Case(
        "reporting:report-accept",
        CHL_2026,
        get=roles(403, 404, 200, 403),  # the confirmation page
        post=roles(403, 404, 302, 403),
        refuses=("put",),
    ),
    Case(
        "reporting:report-reopen",
        CHL_2026,
        get=roles(403, 404, 200, 403),
        post=roles(403, 404, 302, 403),
        refuses=("put",),
    ),
    Case("reporting:report-history", CHL_2026, get=roles(200, 404, 200, 200)),
    Case(
        "reporting:report-remind",
        CHL_2026,
        get=POST_ONLY,
        post=roles(403, 404, 302, 403),
        refuses=(),
    ),
    Case(
        "reporting:evidence-download",
        {**CHL_2026, "pk": 1},  # the file of the matrix's data: see `clients`
        get=roles(200, 404, 200, 200),
    ),
    Case("reporting:workbook-download", CHL_2026, get=roles(200, 404, 200, 200)),
    Case(
        "reporting:workbook-upload",
        CHL_2026,
        get=roles(200, 404, 403, 403),
        post=roles(200, 404, 403, 403),  # no file: the form says so
        refuses=("put", "delete"),
    ),
    Case(
        "reporting:workbook-preview",
        CHL_2026,
        # Nothing uploaded yet: the delegate is sent to the upload page.
        get=roles(302, 404, 403, 403),
        post=roles(302, 404, 403, 403),
        refuses=("put", "delete"),
    ),
    Case(
        "reporting:commitment-list",
        CHL_2026,
        get=roles(200, 404, 200, 200),
        # An empty form names nothing to save: its delegate gets 400, the readers 403.
        post=roles(400, 404, 403, 403),
        refuses=("put", "delete"),
    ),
    Case("reporting:commitment-overdue", get=roles(403, 403, 200, 200)),
    Case("reporting:question-index", get={**everyone(), "contributor_chl": 404}),
    Case(
        "reporting:question-list",
        CHL_2026,
        # A draft: its own economy and the secretariat read the page, nobody asks on it.
        # The questions between economies are their delegates': a contributor edits sections.
        get=roles(200, 404, 200, 200, contributor=404),
        post=roles(403, 404, 403, 403, contributor=404),
        refuses=("put", "delete"),
    ),
    # No question can be asked on the draft: each role on a real thread is in
    # tests/reporting/questions/test_pages.py.
    Case(
        "reporting:question-detail",
        {**CHL_2026, "pk": 1},
        get=roles(404, 404, 404, 404),
        post=roles(404, 404, 404, 404),
        refuses=("put", "delete"),
    ),
    Case(
        "reporting:question-hide",
        {**CHL_2026, "pk": 1},
        get=roles(404, 404, 404, 404),
        post=roles(404, 404, 404, 404),
        refuses=("put", "delete"),
    ),
    Case(
        "reporting:answer-hide",
        {**CHL_2026, "pk": 1, "answer": 1},
        get=roles(404, 404, 404, 404),
        post=roles(404, 404, 404, 404),
        refuses=("put", "delete"),
    ),
    # The matrix's draft has no best practice adopted: its delegate gets 404 where the page
    # would be; every role on a real one is in tests/reporting/adoptions/test_pages.py.
    Case(
        "reporting:adoption-edit",
        {**CHL_2026, "pk": 1},
        get=roles(404, 404, 403, 403),
        post=roles(404, 404, 403, 403),
        refuses=("put", "delete"),
    ),
    Case(
        "reporting:adoption-remove",
        {**CHL_2026, "pk": 1},
        get=POST_ONLY,
        post=roles(404, 404, 403, 403),
        refuses=(),
    ),
    Case("dashboard:index", get=everyone(302)),
    Case("dashboard:plan", {"code": "2025-2028"}, get=everyone()),
    Case("dashboard:measure", {"code": "2025-2028", "area": 1, "number": 2}, get=everyone()),
    Case("dashboard:search", {"code": "2025-2028"}, get=everyone()),
    Case("dashboard:reopened", {"code": "2025-2028"}, get=roles(403, 403, 200, 200)),
    Case("dashboard:quality", {"code": "2025-2028"}, get=roles(403, 403, 200, 200)),
    Case("reviews:index", get=everyone()),
    Case(
        "reviews:review",
        MIDTERM,
        get=everyone(),
        # An empty form is refused (400) for the Chair and the director; others may not write.
        post=roles(403, 403, 400, 400),
        refuses=("put", "delete"),
    ),
    Case("reviews:quote-add", MIDTERM, get=POST_ONLY, post=roles(403, 403, 302, 302), refuses=()),
    Case(
        "reviews:quote-remove",
        {**MIDTERM, "quote_id": 1},
        get=POST_ONLY,
        post=roles(403, 403, 404, 404),  # no review saved yet, so no quote
        refuses=(),
    ),
    Case(
        "reviews:passages",
        MIDTERM,
        get=roles(403, 403, 200, 200),
        # An empty form is refused (400): the review page's button sends the whole text.
        post=roles(403, 403, 400, 400),
        refuses=("put",),
    ),
    Case(
        "reviews:finalize",
        MIDTERM,
        get=roles(403, 403, 200, 200),  # the confirmation page
        post=roles(403, 403, 400, 400),
        refuses=("put",),
    ),
    Case(
        "reviews:reopen",
        MIDTERM,
        get=roles(403, 403, 403, 302),  # a draft: the Chair is sent back to it
        post=roles(403, 403, 403, 302),
        refuses=("put",),
    ),
    Case("reviews:download", {**MIDTERM, "fmt": "csv"}, get=everyone()),
    # The download button's script: the tests' queue makes the file at once, so it is ready.
    Case(
        "reviews:download-prepare",
        {**MIDTERM, "fmt": "csv"},
        get=POST_ONLY,
        post=everyone(),
        refuses=(),
    ),
    Case("reviews:download-status", KEPT_FILE, get=everyone()),
    Case("reviews:download-stored", KEPT_FILE, get=everyone()),
    Case("annual:index", get=everyone()),
    Case(
        "annual:report",
        ANNUAL_2026,
        get=everyone(),
        # An empty form is refused (400) for the director and the Chair; others may not write.
        post=roles(403, 403, 400, 400),
        refuses=("put", "delete"),
    ),
    Case(
        "annual:freeze",
        ANNUAL_2026,
        get=roles(403, 403, 200, 200),  # the confirmation page
        post=roles(403, 403, 400, 400),  # the report page's text is missing
        refuses=("put",),
    ),
    Case(
        "annual:reopen",
        ANNUAL_2026,
        get=roles(403, 403, 302, 302),  # a draft: sent back to it
        post=roles(403, 403, 302, 302),
        refuses=("put",),
    ),
    Case("annual:download", {**ANNUAL_2026, "fmt": "docx"}, get=everyone()),
    Case("projects:project-list", get=everyone()),
    Case("projects:project-detail", {"slug": "sme-01-2025a"}, get=everyone()),
    Case("projects:portfolio", get=everyone()),
    Case("projects:schedule", {"code": "2017-2020"}, get=everyone()),
    Case(
        "projects:activity-create",
        {"code": "2017-2020"},
        get=roles(403, 403, 200, 403),
        post=roles(403, 403, 200, 403),
        refuses=("put", "delete"),
    ),
    Case(
        "projects:activity-edit",
        SCHEDULE_ACTIVITY,
        get=roles(403, 403, 200, 403),
        post=roles(403, 403, 200, 403),
        refuses=("put", "delete"),
    ),
    Case(
        "projects:activity-delete",
        SCHEDULE_ACTIVITY,
        get=POST_ONLY,
        post=roles(403, 403, 302, 403),
        refuses=(),
    ),
    Case("projects:round-list", get=everyone()),
    Case("projects:round-detail", ROUND_2026_1, get=everyone()),
    Case(
        "projects:round-score",
        ROUND_2026_1,
        # Economies' delegates score proposals, not their contributors.
        get=roles(200, 200, 403, 403, contributor=403),
        post=roles(302, 302, 403, 403, contributor=403),
        refuses=("put", "delete"),
    ),
    Case(
        "projects:round-close",
        ROUND_2026_1,
        get=POST_ONLY,
        post=roles(403, 403, 302, 403),
        refuses=(),
    ),
    Case("projects:round-export", ROUND_2026_1, get=roles(403, 403, 200, 200)),
    Case("projects:meeting-list", get=everyone()),
    Case("projects:meeting-detail", {"number": 58}, get=everyone()),
    # The password pages: a reset is for anyone (signed in or not); a made-up link shows the
    # page saying that it no longer works. A form sent empty shows its errors (200).
    Case("password_reset", get=PUBLIC, post=PUBLIC, refuses=()),
    Case("password_reset_done", get=PUBLIC),
    Case(
        "password_reset_confirm",
        {"uidb64": "MQ", "token": "made-up"},
        get=PUBLIC,
        post=PUBLIC,
        refuses=(),
    ),
    Case("password_reset_complete", get=PUBLIC),
    Case("password_change", get=everyone(), post=everyone(), refuses=()),
    Case(
        "profile",
        get=everyone(),
        post=roles(400, 400, 400, 400),  # neither "issue" nor "revoke"
        refuses=("put", "delete"),
    ),
    # Two factors: the director and the Chair have an app and a verified session (the fixture
    # below), the delegates none. The second step sends a session that owes nothing on (302).
    Case("two-factor", get=everyone()),
    Case("two-factor-add", get=everyone(), post=everyone(400), refuses=("put", "delete")),
    Case("two-factor-verify", get=everyone(302), post=everyone(302), refuses=("put", "delete")),
    # New recovery codes for whom has an app (shown once, 200); the others are sent back.
    Case(
        "two-factor-recovery-codes",
        get=POST_ONLY,
        post=roles(302, 302, 200, 200),
        refuses=("put",),
    ),
    Case(
        "two-factor-recovery-codes-download",
        get=POST_ONLY,
        post=everyone(302),  # no codes sent
        refuses=("put",),
    ),
    Case(
        "two-factor-remove",
        {"device_id": 999999},
        get=everyone(404),
        post=everyone(404),
        refuses=("put", "delete"),
    ),
    # Security keys (JSON for the page's script): the options of a new key for whom has an app,
    # refused to the others; no answer passes without the session's challenge.
    Case(
        "two-factor-key-add-options",
        get=POST_ONLY,
        post=roles(400, 400, 200, 200),
        refuses=("put",),
    ),
    Case("two-factor-key-add", get=POST_ONLY, post=everyone(400), refuses=("put",)),
    Case(
        "two-factor-key-sign-in-options",
        get=POST_ONLY,
        post=everyone(400),  # nobody here has a key
        refuses=("put",),
    ),
    Case("two-factor-key-sign-in", get=POST_ONLY, post=everyone(400), refuses=("put",)),
    Case(
        "two-factor-key-remove",
        {"device_id": 999999},
        get=POST_ONLY,
        post=everyone(404),
        refuses=("put",),
    ),
    Case(
        "lockouts",
        get=roles(403, 403, 200, 403),
        post=roles(403, 403, 400, 403),  # no lockout chosen
        refuses=("put", "delete"),
    ),
    # The people page: the director (and the administrator) only. A made-up account to
    # deactivate is 404 for the director; tests/plans/accounts/test_invitations.py deactivates.
    Case(
        "invitations",
        get=roles(403, 403, 200, 403),
        post=roles(403, 403, 400, 403),  # neither an invitation nor an action
        refuses=("put", "delete"),
    ),
    Case(
        "account-deactivate",
        {"user_id": 999999},
        get=roles(403, 403, 404, 403),
        post=roles(403, 403, 404, 403),
        refuses=("put", "delete"),
    ),
    Case(
        "handover",
        {"code": "PE"},
        get=roles(403, 403, 200, 403),
        post=roles(403, 403, 400, 403),  # the form sent empty
        refuses=("put", "delete"),
    ),
    # Single sign-on is off unless the environment names a provider (here it does not):
    # its start and the provider's return are 404 (tests/plans/accounts/test_sign_on.py).
    Case("sign-on", get=dict.fromkeys(ROLES, 404), refuses=("post",)),
    Case("sign-on-return", get=dict.fromkeys(ROLES, 404), refuses=("post",)),
    # An invitation's link is for someone without an account yet: a made-up one is 404.
    Case(
        "invitation-accept",
        {"token": "made-up"},
        get=dict.fromkeys(ROLES, 404),
        post=dict.fromkeys(ROLES, 404),
        refuses=("put", "delete"),
    ),
    # The API: anonymous requests get 401 (no login page for a program), except the root,
    # the schema and its docs; a method an endpoint does not have is 405 for everyone.
    # The load balancer's health check: no sign-in, never a redirect to the login page.
    Case("healthz", get=PUBLIC),
    # The public site: nothing of the matrix's data is released or published.
    Case("public:index", get=PUBLIC),
    Case("public:documents", get=PUBLIC),
    Case("public:document", ANNUAL_2026_DOCUMENT, get=dict.fromkeys(ROLES, 404)),
    Case("public:document", {"code": "2025-2028", "key": "final"}, get=dict.fromkeys(ROLES, 404)),
    Case("public:economy", {"code": "CHL"}, get=dict.fromkeys(ROLES, 404)),
    Case("public:report", CHL_2026, get=dict.fromkeys(ROLES, 404)),
    Case(
        "public:document-download",
        {**ANNUAL_2026_DOCUMENT, "fmt": "pdf"},
        get=dict.fromkeys(ROLES, 404),
    ),
    Case("public:feed", get=PUBLIC),
    Case("public:reports", get=PUBLIC),
    Case("public:sitemap", get=PUBLIC),
    Case("public:sitemap-page", {"page": 1}, get=PUBLIC),
    Case("public:sitemap-page", {"page": 2}, get=dict.fromkeys(ROLES, 404)),
    Case("public:data", get=PUBLIC),
    Case("public:datapackage", get=PUBLIC),
    Case("public:data-file", {"name": "initiatives"}, get=PUBLIC),
    # The matrix's report is a draft: each role on an accepted one is in
    # tests/reporting/public/test_release.py.
    Case(
        "publication:report-release",
        CHL_2026,
        get=roles(403, 404, 403, 403),
        post=roles(403, 404, 403, 403),
        refuses=("put",),
    ),
    Case(
        "publication:report-withdraw",
        CHL_2026,
        get=roles(403, 404, 403, 403),
        post=roles(403, 404, 403, 403),
        refuses=("put",),
    ),
    Case(
        "publication:annual-publish",
        ANNUAL_2026,
        get=roles(403, 403, 403, 403),
        post=roles(403, 403, 403, 403),
        refuses=("put",),
    ),
    Case(
        "publication:annual-withdraw",
        ANNUAL_2026,
        get=roles(403, 403, 403, 403),
        post=roles(403, 403, 403, 403),
        refuses=("put",),
    ),
    # The matrix's mid-term review is a draft: only the Chair may publish a final one, and
    # withdraw it (tests/reporting/public/test_review_publication.py).
    Case(
        "publication:review-publish",
        MIDTERM,
        get=roles(403, 403, 403, 403),
        post=roles(403, 403, 403, 403),
        refuses=("put",),
    ),
    Case(
        "publication:review-withdraw",
        MIDTERM,
        get=roles(403, 403, 403, 403),
        post=roles(403, 403, 403, 403),
        refuses=("put",),
    ),
    Case("api:root", get=PUBLIC),
    Case("api:schema", get=PUBLIC),
    Case("api:docs", get=PUBLIC),
    Case("api:plan-list", get=api(200, 200, 200, 200)),
    Case("api:plan-detail", {"code": "2025-2028"}, get=api(200, 200, 200, 200)),
    Case(
        "api:plan-question-figures",
        {"code": "2025-2028"},
        get=api(200, 200, 200, 200, contributor=404),
    ),
    Case("api:economy-list", get=api(200, 200, 200, 200)),
    Case("api:cycle-list", get=api(200, 200, 200, 200)),
    Case("api:project-list", get=api(200, 200, 200, 200)),
    Case("api:project-detail", {"slug": "sme-01-2025a"}, get=api(200, 200, 200, 200)),
    Case(
        "api:report-list",
        get=api(200, 200, 200, 200),
        post=api(415, 415, 415, 415),  # the API takes JSON, not a form
        refuses=("put", "delete"),
    ),
    Case("api:report-detail", CHL_2026, get=api(200, 404, 200, 200)),
    Case(
        "api:section-detail",
        {**CHL_2026, "section": "1"},
        get=api(200, 404, 200, 200),
        refuses=("post", "delete"),
    ),
    Case(
        "api:report-submit",
        CHL_2026,
        get=API_POST_ONLY,
        # The draft is not complete; a contributor never submits.
        post=api(400, 404, 403, 403, contributor=403),
        refuses=(),
    ),
    Case(
        "api:report-return",
        CHL_2026,
        get=API_POST_ONLY,
        post=api(403, 404, 415, 403),  # the API takes JSON, not a form
        refuses=(),
    ),
    Case(
        "api:report-accept",
        CHL_2026,
        get=API_POST_ONLY,
        post=api(403, 404, 409, 403),  # a draft cannot be accepted
        refuses=(),
    ),
    Case(
        "api:report-questions",
        CHL_2026,
        get=api(200, 404, 200, 200, contributor=404),
        # Only other economies' delegates ask, on an accepted report.
        post=api(403, 404, 403, 403, contributor=404),
        refuses=("put", "delete"),
    ),
    Case(
        "api:question-answer",
        {**CHL_2026, "question": 1},  # no question on the draft
        get=API_POST_ONLY,
        post=api(404, 404, 404, 404),
        refuses=(),
    ),
    Case(
        "api:report-commitments",
        CHL_2026,
        get=api(200, 404, 200, 200),
        # The test client's empty form post: its delegate is told the API reads JSON.
        post=api(415, 404, 403, 403),
        refuses=("put", "delete"),
    ),
    # PUT only: its roles are in tests/reporting/api/test_commitments.py.
    Case(
        "api:report-follow-ups",
        CHL_2026,
        get=API_POST_ONLY,
        refuses=("post", "delete"),
    ),
    Case("api:plan-reported-figures", {"code": "2021-2024"}, get=api(200, 200, 200, 200)),
    Case("api:dashboard", {"code": "2025-2028"}, get=api(200, 200, 200, 200)),
    Case(
        "api:dashboard-measure",
        {"code": "2025-2028", "area": 1, "number": 2},
        get=api(200, 200, 200, 200),
    ),
    Case("annual-api:report", ANNUAL_2026, get=api(200, 200, 200, 200)),
    # The public data by API, no token needed; the acts of publication (the matrix's report is
    # a draft, its annual report and review not saved: each act's every role on a published
    # one is in tests/reporting/public/test_api.py).
    Case("public-api:released-reports", get=PUBLIC),
    Case("public-api:released-report", CHL_2026, get=dict.fromkeys(ROLES, 404)),
    Case("public-api:published-documents", get=PUBLIC),
    Case(
        "public-api:report-release",
        CHL_2026,
        get=API_POST_ONLY,
        # The delegate's alone, as on the pages: Chile's contributor is refused. A form, not
        # JSON: the choice of the questions is read from JSON.
        post=api(415, 404, 403, 403, contributor=403),
        refuses=(),
    ),
    Case(
        "public-api:report-withdraw",
        CHL_2026,
        get=API_POST_ONLY,
        # The delegate's alone, as on the pages: Chile's contributor is refused.
        post=api(409, 404, 403, 403, contributor=403),
        refuses=(),
    ),
    Case(
        "public-api:annual-publish",
        ANNUAL_2026,
        get=API_POST_ONLY,
        post=api(403, 403, 409, 403),
        refuses=(),
    ),
    Case(
        "public-api:annual-withdraw",
        ANNUAL_2026,
        get=API_POST_ONLY,
        post=api(403, 403, 415, 403),  # a form, not JSON: the reason is read from JSON
        refuses=(),
    ),
    Case(
        "public-api:review-publish",
        MIDTERM,
        get=API_POST_ONLY,
        post=api(403, 403, 403, 409),
        refuses=(),
    ),
    Case(
        "public-api:review-withdraw",
        MIDTERM,
        get=API_POST_ONLY,
        post=api(403, 403, 403, 415),  # a form, not JSON: the reason is read from JSON
        refuses=(),
    ),
    Case(
        "api:not-found",
        {"rest": "nowhere/"},
        get=dict.fromkeys(ROLES, 404),
        post=dict.fromkeys(ROLES, 404),
        refuses=(),
    ),
]
# POSTs change things: the role that may make the change goes last.
POST_ORDER = ["anonymous", "delegate_pe", "contributor_chl", "delegate_chl", "chair", "director"]


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in OWN_ACCESS_NAMESPACES:
                continue
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}<unnamed {pattern.pattern}>")
    return names


def test_every_url_is_in_the_matrix():
    assert url_names() == {case.name for case in MATRIX}


@pytest.fixture
def clients(settings, delegate_chl, contributor_chl, delegate_pe, director, chair):
    # As in production: the director and the Chair have given their second factor.
    settings.TWO_FACTOR_REQUIRED = True
    report = start_report(delegate_chl, "CHL", 2026)
    attach_matrix_evidence(report, delegate_chl)
    make_matrix_data()
    midterm = Review.objects.for_page(StrategicPlan.objects.get(code="2025-2028"), "midterm")
    keep(REVIEW_DOCUMENT.root(midterm), KEPT_DIGEST, "csv", b"economy,year\n", final=False)
    users = {
        "delegate_chl": delegate_chl,
        "contributor_chl": contributor_chl,
        "delegate_pe": delegate_pe,
        "director": director,
        "chair": chair,
    }
    return {"anonymous": client_for(None)} | {
        role: client_for(user, verified=role in ("director", "chair"))
        for role, user in users.items()
    }


@pytest.mark.parametrize("case", MATRIX, ids=lambda case: case.name)
def test_get_as_every_role(case, clients):
    url = reverse(case.name, kwargs=case.kwargs)
    for role in ROLES:
        check(clients[role].get(url), case.get[role], role)


def check(response, expected, role: str) -> None:
    if expected == "login":
        assert response.status_code == 302, role
        assert response["Location"].startswith(f"{reverse('login')}?next="), role
    else:
        assert response.status_code == expected, (role, response.status_code)


@pytest.mark.parametrize("case", [c for c in MATRIX if c.post], ids=lambda case: case.name)
def test_post_as_every_role(case, clients):
    url = reverse(case.name, kwargs=case.kwargs)
    for role in POST_ORDER:
        check(clients[role].post(url), case.post[role], role)


@pytest.mark.parametrize("case", [c for c in MATRIX if c.refuses], ids=lambda case: case.name)
def test_wrong_method_is_405(case, clients):
    url = reverse(case.name, kwargs=case.kwargs)
    for method in case.refuses:
        response = getattr(clients["director"], method)(url)
        assert response.status_code == 405, method


def test_admin_is_staff_only(clients, administrator):
    assert clients["anonymous"].get("/admin/").status_code == 302
    for role in SIGNED_IN:
        response = clients[role].get("/admin/")
        assert response.status_code == 302, role
        assert response["Location"].startswith("/admin/login/"), role
    assert client_for(administrator, verified=True).get("/admin/").status_code == 200
    # The admin's staff give their second factor first (the administrator now has an app).
    unverified = client_for(administrator).get("/admin/")
    assert unverified.status_code == 302
    assert unverified["Location"].startswith("/accounts/two-factor/verify/?next=")
