"""One settings module for every environment, read from the process environment.

DEBUG is off unless the environment turns it on; with DEBUG off, SECRET_KEY must be set and the
security settings default to what `check --deploy` asks for (HTTPS, secure cookies, HSTS).
"""

import importlib.util
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from import_export.formats.base_formats import CSV, XLSX

from reporting.reports import caps

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment (or DEBUG=1 for development)."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    # Second factors (plans/accounts/twofactor/): authenticator apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "plans",
    "reporting",
    # The task queue (see Operations below). After reporting, whose `db_worker` command takes
    # the place of django-tasks-db's: of two apps' commands of one name, the first app's runs.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Outermost, so that its timing and status cover every other middleware (HTTPS redirects
    # too): the request log (reporting/ops/).
    "reporting.ops.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Times on every page in the reader's time zone, named (plans/accounts/preferences.py).
    "plans.accounts.preferences.TimeZoneMiddleware",
    # A body over the cap is refused before anything reads it (see Request body caps): once the
    # user is known (the larger caps are for signed-in users), before any `process_view` (the
    # CSRF check's reads the form) and any view. Nothing above reads the body.
    "reporting.ops.body_limits.RequestBodyLimitMiddleware",
    # Every page needs a signed-in user unless its view says otherwise (@login_not_required).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # request.user.is_verified(): whether this session passed the second step of signing in;
    # then no page but the second step and its setup for whom two factors apply.
    "django_otp.middleware.OTPMiddleware",
    "plans.accounts.twofactor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The signed-in person's session, as their profile lists it: seen at most once a minute.
    "plans.accounts.sessions.SessionActivityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page (see below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smewg.urls"
WSGI_APPLICATION = "smewg.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "plans.accounts.context_processors.signed_in_as",
            ],
        },
    },
]
if TESTING:
    # A variable that one of our templates names but its context lacks fails the test that
    # renders it, instead of printing nothing (third-party templates render as in production).
    from tests.missing_variables import MissingVariable

    TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = MissingVariable(TEMPLATES[0]["DIRS"])

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The quick start serves a workshop from one SQLite file, to the dev server and the task
    # worker at once. A transaction that reads and then writes, begun DEFERRED, fails at once
    # with "database is locked" when another writer got there first (SQLite cannot wait there
    # without risking a deadlock): IMMEDIATE takes the write lock at BEGIN, where the busy
    # timeout makes it wait its turn. So every writing transaction runs alone, which is what
    # the services' select_for_update (ignored by SQLite) asks for on PostgreSQL, and more. WAL
    # lets pages be read while someone writes; NORMAL is WAL's safe level (a power cut may lose
    # the last commits, never the file).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 first (its parameters in plans/accounts/hashers.py): new passwords, and every existing
# hash (PBKDF2, Django's previous default, and the others below) at its user's next sign-in, which
# Django does when it checks a password. Its cost is in docs/performance.md.
STRONG_PASSWORD_HASHERS = [
    "plans.accounts.hashers.Argon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
PASSWORD_HASHERS = STRONG_PASSWORD_HASHERS
if TESTING:
    # Tests sign in hundreds of times; a fast hash keeps them quick and changes nothing else.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# --- Sign-in throttling (django-axes; plans/accounts/lockouts.py) -----------------------------
# Five wrong passwords lock that username out from that address for 15 minutes (429 and a page
# saying so); a success clears the count. Attempts are rows in the database, so the lockout holds
# across every app instance. The program director lifts a lockout at /accounts/lockouts/; the
# administrator can also delete the attempt in the admin (Axes). Only sign-ins through
# django.contrib.auth.authenticate() are counted: API tokens are not passwords and are unaffected.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "plans.accounts.lockouts.lockout_response"
# The client's address, not the proxy's, when BEHIND_TLS_PROXY is set: else every client shares
# the proxy's, and five wrong passwords from anywhere pause the account for everyone. (axes'
# ipware settings would do it with one more dependency; the sessions list reads the same rule.)
AXES_CLIENT_IP_CALLABLE = "plans.accounts.addresses.client_address"
# Guesses at one username from ever-changing addresses escape the rule above. So past this many
# failures for a username across every address (within the cool-off), each further try waits
# SIGNIN_ACCOUNT_INTERVAL after the last failure, doubling with each failure up to the cool-off
# (429, "try again in N seconds"). A slowing rather than a lockout, and never for a browser that
# has signed in as that username before (a signed cookie): a stranger cannot keep the owner out,
# at most make them wait on a new device. An answer slowed is not a try: it counts nothing.
SIGNIN_ACCOUNT_FREE_FAILURES = int(os.environ.get("SIGNIN_ACCOUNT_FREE_FAILURES", "10"))
SIGNIN_ACCOUNT_INTERVAL = timedelta(
    seconds=int(os.environ.get("SIGNIN_ACCOUNT_INTERVAL_SECONDS", "30"))
)
SIGNIN_DEVICE_LIFETIME = timedelta(days=365)
# --- end of sign-in throttling ----------------------------------------------------------------

# --- Two factors (plans/accounts/twofactor/) -------------------------------------------------
# The program director, the Chair and the administrator (staff) must set up an authenticator app
# before they reach any page but its setup, and give a code after their password at each
# sign-in. Anyone who set one up (a delegate may) is asked for it whatever this says. On unless
# DEBUG is on, where the demo accounts may skip it; off in the tests, which sign the director in
# hundreds of times: the tests of two factors and the permission matrix turn it on.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not (DEBUG or TESTING))
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = "SMEWG Tracker"
# Security keys and passkeys (WebAuthn) bind themselves to the site's host name (the relying
# party's id) and answer only pages of its origin. Unset, both come from SITE_URL, or with DEBUG
# on from the address the browser used. Changing the host name later voids every key added.
WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", "")
WEBAUTHN_ORIGIN = os.environ.get("WEBAUTHN_ORIGIN", "")
# --- end of two factors -------------------------------------------------------------------------

# --- Single sign-on (plans/accounts/sso/) ------------------------------------------------------
# An organisation's OpenID Connect provider (Microsoft Entra, Google Workspace, Keycloak ...): its
# discovery document (the issuer's .well-known/openid-configuration) and this site's client
# there. Off while OIDC_DISCOVERY_URL or OIDC_CLIENT_ID is unset. The provider's redirect URI for
# this site is https://<host>/accounts/sign-on/return/ (docs/deployment.md).
OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL", "")
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_BUTTON_LABEL = os.environ.get("OIDC_BUTTON_LABEL", "Sign in with your organisation")
# --- end of single sign-on ----------------------------------------------------------------------

LOGIN_URL = "login"
# A password reset link (Django's PasswordResetView, its e-mail queued) works once: it is signed
# with the password's hash and the last sign-in, which the reset changes. And for a day at most,
# so that a link found later in a mailbox opens nothing.
PASSWORD_RESET_TIMEOUT = 24 * 3600
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded evidence files, and the files made and kept in the default storage (a final review's
# Word, PDF and Excel files: reporting/reviews/exports/stored.py). Never served at a public URL
# (no MEDIA_URL route): they download through an access-checked view only. Tests write to a
# throwaway folder.
MEDIA_ROOT = Path(
    tempfile.mkdtemp(prefix="smewg-test-media-")
    if TESTING
    else os.environ.get("MEDIA_ROOT", BASE_DIR / "media")
)


def evidence_storage() -> dict:
    """Evidence files on the file system (MEDIA_ROOT) unless the environment names an
    S3-compatible bucket; django-storages is then needed, and imported only then."""
    bucket = os.environ.get("EVIDENCE_S3_BUCKET", "")
    if not bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
        }
    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "EVIDENCE_S3_BUCKET is set: install django-storages[s3] to keep evidence files there."
        )
    options = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    for option, name in [
        ("endpoint_url", "EVIDENCE_S3_ENDPOINT_URL"),
        ("region_name", "EVIDENCE_S3_REGION"),
        ("access_key", "EVIDENCE_S3_ACCESS_KEY_ID"),
        ("secret_key", "EVIDENCE_S3_SECRET_ACCESS_KEY"),
        ("location", "EVIDENCE_S3_PREFIX"),
    ]:
        value = os.environ.get(name, "")
        if value:
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "evidence": evidence_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Development and tests serve static files straight from static/, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "smewg-tracker@localhost")

# HTTPS and cookies: strict by default once DEBUG is off; a proxy that terminates TLS sets
# SECURE_PROXY_SSL_HEADER through the environment.
# The test client and the browser tests' live server speak plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Joining the browsers' HSTS preload list is a decision for whoever owns the domain, and hard to
# undo; it is left off (and its deployment warning silenced) until they take it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Behind the deployment guide's nginx: believe its X-Forwarded-Proto, and the address it appends
# to X-Forwarded-For (plans/accounts/addresses.py).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Content-Security-Policy (django-csp) -----------------------------------------------------
# Our own files only: no inline script, no inline style (charts colour SVG shapes with
# presentation attributes, which CSP allows). The API docs page relaxes style-src for Swagger UI
# (reporting/api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# --- end of Content-Security-Policy -----------------------------------------------------------

# The admin's plan import: one transaction per import, every model validated before writing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_FORMATS = [XLSX, CSV]
# --- Spreadsheet formula injection ------------------------------------------------------------
# The admin's exports drop a leading "=" so that no cell opens as a formula in Excel; our own
# openpyxl exports write user text as text cells (plans/spreadsheets.py).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
# --- end of spreadsheet formula injection -----------------------------------------------------

# --- Request body caps (reporting/ops/body_limits.py) --------------------------------------
# Every request body is capped from its Content-Length before Django reads it (413 over the cap);
# the few addresses that take a file get a larger cap, for signed-in users only (anyone else gets
# REQUEST_BODY_MAX_BYTES whatever the address). Files up to 6 MB stay in memory, so such an
# upload never leaves a temporary file behind when a worker is killed.
MB = 1024 * 1024
REQUEST_BODY_MAX_BYTES = int(os.environ.get("REQUEST_BODY_MAX_BYTES", str(1 * MB)))
REQUEST_FILE_BODY_MAX_BYTES = int(os.environ.get("REQUEST_FILE_BODY_MAX_BYTES", str(6 * MB)))
# A section page may carry evidence files: 5 of at most 10 MB each on a record, with the form,
# and a little over so that the form, not the cap, says which file is too large. Files over
# FILE_UPLOAD_MAX_MEMORY_SIZE pass through a temporary file that Django removes after the request.
REQUEST_EVIDENCE_BODY_MAX_BYTES = int(
    os.environ.get("REQUEST_EVIDENCE_BODY_MAX_BYTES", str(60 * MB))
)
REQUEST_BODY_LIMITS = [
    # A report section's page, with its evidence files (reporting/reports/evidence.py).
    (r"^/reports/\d+/[^/]+/sections/[^/]+/$", REQUEST_EVIDENCE_BODY_MAX_BYTES),
    # The report workbook (at most 5 MB, reporting/workbook/layout.py) with the form around it.
    (r"^/reports/\d+/[^/]+/workbook/upload/$", REQUEST_FILE_BODY_MAX_BYTES),
    # The admin's spreadsheet imports (django-import-export).
    (r"^/admin/[a-z_]+/[a-z_]+/(process_)?import/$", REQUEST_FILE_BODY_MAX_BYTES),
]
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = REQUEST_FILE_BODY_MAX_BYTES
# --- end of request body caps -----------------------------------------------------------------

# --- Fields and files in a request ------------------------------------------------------------
# Django answers a bare 400 to a request of more than 1,000 fields or 100 files. A report
# section's page posts every row of the section: at its cap of 200 initiatives up to about 11,000
# fields (every box ticked is one, so is each empty file input) and as many files as its rows
# take (reporting/reports/caps.py). Django reads both limits from the settings while it parses a
# body, with no hook per address, so they are this high everywhere: the body caps above still
# bound what any other address reads (1 MB, a few milliseconds of parsing at most).
DATA_UPLOAD_MAX_NUMBER_FIELDS = caps.page_fields()
DATA_UPLOAD_MAX_NUMBER_FILES = caps.page_files()
# --- end of fields and files in a request -----------------------------------------------------

# One JSON object per line on stderr, for the log collector: every record keeps its extra fields
# (the request log's method, path, status...). `LOG_FORMAT=text` for reading by eye.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "timestamp": False,
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "text" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of every PDF at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# The REST API under /api/ (reporting/api/): token or session sign-in, JSON only, every list
# paginated and filtered through django-filter; errors in one shape (reporting/api/errors.py).
REST_FRAMEWORK = {
    # Token first: an anonymous request gets 401 with `WWW-Authenticate: Token`, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "plans.accounts.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["reporting.api.permissions.SignedIn"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["reporting.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "reporting.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "reporting.api.errors.exception_handler",
    # --- Rate limits (reporting/ops/throttles.py): per user, counted atomically in a table ---
    # API writes, the review files made in the request, and the download button's requests
    # (Django views, same throttle classes and rate table).
    "DEFAULT_THROTTLE_CLASSES": ["reporting.ops.throttles.ApiWriteThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api-write": os.environ.get("THROTTLE_API_WRITE", "60/min"),
        "review-export": os.environ.get("THROTTLE_REVIEW_EXPORT", "10/min"),
        # The download button asks as the review page opens and on each click.
        "review-prepare": os.environ.get("THROTTLE_REVIEW_PREPARE", "30/min"),
    },
    # --- end of rate limits ---------------------------------------------------------------------
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SMEWG Strategic Plan Tracker API",
    "DESCRIPTION": (
        "Plans, economies, reporting cycles, roll-ups, APEC projects and the economies' annual "
        "reports. Sign in with a token from your profile page: `Authorization: Token <key>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request and response bodies differ (read-only fields): separate components.
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from our own static files (drf-spectacular-sidecar), no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "MeasureKindEnum": "plans.catalogue.models.MeasureOfProgress.Kind",
        "IndicatorKindEnum": "plans.catalogue.models.GeneralIndicator.Kind",
        "InitiativeKindEnum": "reporting.reports.models.Initiative.Kind",
        "ApecActivityKindEnum": "reporting.reports.models.ApecActivity.Kind",
        "ReportStatusEnum": "reporting.reports.models.ReportStatus",
        "ProjectStatusEnum": "plans.projects.models.ProjectStatus",
        "ProjectTypeEnum": "plans.projects.models.ProjectType",
        "FundingEnum": "plans.projects.models.Funding",
    },
}

# --- API tokens (plans/accounts/tokens.py) ----------------------------------------------------
# Stored as SHA-256 digests; a token stops working after this long (a new one is issued on the
# profile page) or when its owner's password changes.
API_TOKEN_LIFETIME = timedelta(days=int(os.environ.get("API_TOKEN_LIFETIME_DAYS", "90")))
# --- end of API tokens ------------------------------------------------------------------------

# How long the link of an invitation to an account works (plans/accounts/invitations.py).
INVITATION_LIFETIME = timedelta(days=int(os.environ.get("INVITATION_LIFETIME_DAYS", "14")))

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "apec-demo")
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# The address e-mails link to, e.g. https://smewg.example.org
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")


# --- Operations: several identical app instances, a task worker, request logs, /healthz --------
# (reporting/ops/ holds the code; docs/deployment.md says how to run it.)

# The load balancer's health check speaks plain HTTP to the instance, behind the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# E-mail and slow work run in `manage.py db_worker`, from a queue table in the app's database
# that every instance shares. Tests run each task at once, where it is queued.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        )
    }
}
# A task's worker renews its lease on the task every quarter of this while the task runs; a task
# whose lease ran out (its worker killed) is queued again by the next worker that looks
# (reporting/ops/worker.py), within about one and a half times this.
TASK_LEASE_SECONDS = int(os.environ.get("TASK_LEASE_SECONDS", "60"))
# A mail server that accepts the connection and then hangs must not hold a worker forever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# How long the dashboard's, the review's and the annual report's rendered bodies are kept in the
# cache, under a key that holds the plan's data version (reporting/ops/page_cache.py): a change
# to the data makes a new key, so this bounds only how long an unread body takes room. 0: none kept.
# 0 in the tests, which change rows behind the services' backs and read the pages' contexts;
# tests/reporting/ops/test_page_cache.py and the crawl turn it on.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if TESTING else str(24 * 3600)))
# The public site's pages (reporting/public/cache.py): kept whole for anonymous readers until
# an act changes them; this bounds how long an unread page takes room. 0: none kept (the tests,
# but those of the public cache). PUBLIC_MAX_AGE: how long a proxy or CDN may keep one, in
# seconds (a withdrawal reaches a proxy's readers after at most that long).
PUBLIC_CACHE_SECONDS = int(
    os.environ.get("PUBLIC_CACHE_SECONDS", "0" if TESTING else str(24 * 3600))
)
PUBLIC_MAX_AGE = int(os.environ.get("PUBLIC_MAX_AGE", "300"))

# Sessions are in the database (Django's default), so any instance serves any user. The cache is
# shared too: a table in the same database (created by the migration reporting 0006_cache_table),
# or Redis when CACHE_URL is set (Django's own backend; it needs the `redis` package installed).
CACHES: dict[str, dict[str, Any]]
cache_url = os.environ.get("CACHE_URL", "")
if cache_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": cache_url,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            # Django's default of 300 entries would cull the review files' "being made" marks and
            # digests as soon as the kept pages (a body per page, filters, role and data version)
            # pass it. 2,000 bodies of the demo's largest page (the review, about 200 KB) fill
            # about 400 MB of the table at most; bodies expire after PAGE_CACHE_SECONDS.
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
