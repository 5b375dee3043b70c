"""What an account holds beside Django's user: the economy a delegate reports for, the person's
preferences, their API token and their signed-in sessions.

ApiToken and UserPreferences were the reporting app's models; they keep its tables
(`db_table`), so that moving them to this app moved no row (migration plans 0007).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

# The first characters of a token's key, kept to name it on the profile page.
TOKEN_PREFIX_LENGTH = 8


class Delegate(models.Model):
    """Binds a delegate's account to the one economy they report for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegate"
    )
    economy = models.ForeignKey("plans.Economy", on_delete=models.PROTECT, related_name="delegates")
    history = HistoricalRecords()

    class Meta:
        ordering = ["economy", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.economy.code})"


class UserPreferences(models.Model):
    """A person's settings: the time zone their pages show times in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    time_zone = models.CharField(max_length=64, default="UTC")

    class Meta:
        db_table = "reporting_userpreferences"
        verbose_name_plural = "user preferences"

    def __str__(self) -> str:
        return f"{self.user}: {self.time_zone}"


class ApiToken(models.Model):
    """One per person: a SHA-256 digest of the key (see tokens.py), never the key itself."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_token"
    )
    prefix = models.CharField(max_length=TOKEN_PREFIX_LENGTH)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField()
    expires = models.DateTimeField()
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "reporting_apitoken"
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @property
    def is_expired(self) -> bool:
        return self.expires <= timezone.now()


class UserSession(models.Model):
    """One signed-in session of a person (sessions.py): Django's sessions do not say whose they
    are without decoding each one. Ends with the session: deleting Django's row (signing out,
    `clearsessions`, a new session key) deletes this one."""

    session = models.OneToOneField(
        "sessions.Session", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    created = models.DateTimeField()
    last_seen = models.DateTimeField()
    user_agent = models.CharField(max_length=255, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return f"{self.user} since {self.created:%Y-%m-%d %H:%M}"
