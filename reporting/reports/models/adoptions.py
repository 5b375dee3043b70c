"""Where a best practice an economy adapted and adopted came from: another economy's record on
an accepted report of the same plan (a best practice or an initiative), or a best practice shared
at a SMEWG meeting, with what the adopting economy changed. The general indicator "best
practices that are adapted and adopted" counts these links in counted reports."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from plans.models import MeetingBestPractice
from reporting.reports.models.records import BestPractice, Initiative
from reporting.reports.models.text import narrative_field

# The source's foreign keys: exactly one is set. A source record deleted later (its report
# reopened and changed) takes the link with it, kept in the history: a delete of another
# economy's record is never refused for a link it cannot see.
SOURCE_FIELDS = ("source_practice", "source_initiative", "source_meeting_practice")


def _one_source() -> Q:
    rule = Q()
    for field in SOURCE_FIELDS:
        rule |= Q(**{f"{name}__isnull": name != field for name in SOURCE_FIELDS})
    return rule


class Adoption(models.Model):
    practice = models.OneToOneField(
        BestPractice, on_delete=models.CASCADE, related_name="adoption", verbose_name="adopted"
    )
    source_practice = models.ForeignKey(
        BestPractice, on_delete=models.CASCADE, null=True, blank=True, related_name="adoptions"
    )
    source_initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, null=True, blank=True, related_name="adoptions"
    )
    source_meeting_practice = models.ForeignKey(
        MeetingBestPractice,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    what_changed = narrative_field("what it changed")

    history = HistoricalRecords()

    class Meta:
        ordering = ["practice"]
        constraints = [models.CheckConstraint(condition=_one_source(), name="adoption_one_source")]

    def __str__(self) -> str:
        return f"{self.practice} from {self.source}"

    @property
    def source(self) -> BestPractice | Initiative | MeetingBestPractice | None:
        return self.source_practice or self.source_initiative or self.source_meeting_practice
