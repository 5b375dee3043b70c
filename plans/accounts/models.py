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
    """Binds a person's account to the one economy they report for: its delegate (the head of
    delegation, the Delegate group) or one of its contributors (the Contributor group, with the
    sections they edit in SectionAssignment)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegate"
    )
    economy = models.ForeignKey("plans.Economy", on_delete=models.PROTECT, related_name="delegates")
    history = HistoricalRecords()

    class Meta:
        ordering = ["economy", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.economy.code})"


class SectionAssignment(models.Model):
    """The sections of their economy's reports a contributor edits, as the delegate set them on
    the team page (plans/accounts/teams.py): every section, or the listed ones, named as the
    sections' URLs name them (an area's number, or "general")."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="section_assignment"
    )
    all_sections = models.BooleanField(default=False)
    sections = models.JSONField(default=list, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.user}: {'all sections' if self.all_sections else self.sections}"


class UserPreferences(models.Model):
    """A person's settings: the time zone their pages show times in, and whether they get the
    weekly digest of questions between economies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    question_digest = models.BooleanField(
        "weekly digest of questions",
        default=True,
        help_text="A weekly e-mail of new questions to your economy and answers to your "
        "questions (none when there is nothing new).",
    )

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


class InvitedRole(models.TextChoices):
    """The roles an invitation can give (roles.Role's names, as the groups are called)."""

    DELEGATE = "Delegate", "Delegate of an economy"
    CONTRIBUTOR = "Contributor", "Contributor of an economy"
    DIRECTOR = "Program Director", "Program director"
    CHAIR = "Chair", "Chair"


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(
            accepted_at__isnull=True, withdrawn_at__isnull=True, expires__gt=timezone.now()
        )


class Invitation(models.Model):
    """An e-mailed link (invitations.py) with which a new person sets a password and becomes a
    delegate or a contributor of an economy, the program director or the Chair. Single use: only
    a SHA-256 digest of its token is kept. A handover's invitation names the delegate it
    replaces."""

    email = models.EmailField()
    role = models.CharField(max_length=32, choices=InvitedRole.choices)
    economy = models.ForeignKey(
        "plans.Economy", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField()
    expires = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    token_digest = models.CharField(max_length=64, unique=True)
    # The account made when the invitation was accepted.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
    )
    # A handover: the delegate whose access ends when this one is accepted, or on a date.
    predecessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handovers",
    )
    predecessor_access_ends = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["Delegate", "Contributor"], economy__isnull=False)
                | (
                    ~models.Q(role__in=["Delegate", "Contributor"]) & models.Q(economy__isnull=True)
                ),
                name="invitation_economy_iff_economy_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.role})"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and not self.is_expired

    @property
    def is_expired(self) -> bool:
        return self.expires <= timezone.now()


class Deactivation(models.Model):
    """Why, when and by whom an account stopped signing in: its reports and history stay."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deactivation"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()
    reason = models.CharField(max_length=200)
    # The handover that ended the account, if one did.
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.user} deactivated {self.at:%Y-%m-%d}"
