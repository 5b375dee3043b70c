"""Naming the source of a best practice an economy adapted and adopted, and removing it: one
transaction each, under the adopting report's lock. The rules are enforced here; the page and
the API only show their refusals.

A source is another economy's record on an accepted report of the same plan (a best practice
or an initiative), or a best practice shared at a SMEWG meeting by another economy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.contrib.auth.models import User
from django.db import transaction

from plans.accounts.roles import identity_of
from plans.models import MeetingBestPractice
from reporting.reports.models import (
    Adoption,
    BestPractice,
    EconomyReport,
    Initiative,
    ReportStatus,
)
from reporting.reports.services import locked_report

SourceKind = Literal["practice", "initiative", "meeting"]

# Each kind of source and the adoption's field that holds it.
SOURCE_KINDS: dict[str, str] = {
    "practice": "source_practice",
    "initiative": "source_initiative",
    "meeting": "source_meeting_practice",
}


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    pk: int

    @classmethod
    def parse(cls, value: str) -> Source:
        """“practice:12” as the page's and the API's choice carries it."""
        kind, _colon, pk = value.partition(":")
        if kind not in SOURCE_KINDS or not pk.isdigit():
            raise AdoptionError("Choose where the practice came from.")
        return cls(kind, int(pk))  # type: ignore[arg-type]

    def __str__(self) -> str:
        return f"{self.kind}:{self.pk}"


def source_of(adoption: Adoption) -> Source:
    for kind, field in SOURCE_KINDS.items():
        pk = getattr(adoption, f"{field}_id")
        if pk is not None:
            return Source(kind, pk)  # type: ignore[arg-type]
    raise ValueError("An adoption names one source.")


class AdoptionError(Exception):
    """A rule refused the link; the message is for the person who tried."""


def _check_writer(user: User, report: EconomyReport) -> None:
    if identity_of(user).economy_code != report.economy.code:
        raise AdoptionError(f"Only {report.economy}'s delegates name the sources of its practices.")
    if not report.is_editable:
        raise AdoptionError(
            f"This report is {report.get_status_display().lower()}: it cannot be changed."
        )


def _source_record(
    source: Source, report: EconomyReport
) -> BestPractice | Initiative | MeetingBestPractice:
    """The source, if the report may name it: another economy's, and a record of an accepted
    report of the same plan."""
    if source.kind == "meeting":
        shared = MeetingBestPractice.objects.select_related("economy").filter(pk=source.pk).first()
        if shared is None:
            raise AdoptionError("That best practice is not in the SMEWG meetings' records.")
        if shared.economy_id == report.economy_id:
            raise AdoptionError("A practice your economy shared is not one it adopted.")
        return shared
    model = BestPractice if source.kind == "practice" else Initiative
    record = model.objects.select_related("report__cycle", "report__economy").filter(pk=source.pk)
    found = record.first()
    if found is None:
        raise AdoptionError("That record does not exist.")
    source_report = found.report
    if source_report.cycle.plan_id != report.cycle.plan_id:
        raise AdoptionError(
            "The source must be a record of a report on the same strategic plan "
            f"({report.cycle.plan})."
        )
    if source_report.economy_id == report.economy_id:
        raise AdoptionError("The source must be another economy's record.")
    if source_report.status != ReportStatus.ACCEPTED:
        raise AdoptionError(
            f"{source_report.economy}'s {source_report.cycle.year} report is "
            f"{source_report.get_status_display().lower()}: only a record of an accepted report "
            "can be named as a source."
        )
    return found


@transaction.atomic
def adoption_record(*, practice_id: int, user: User, source: Source, what_changed: str) -> Adoption:
    """Name (or rename) where an adopted best practice came from, and what it changed."""
    report_id = BestPractice.objects.values_list("report_id", flat=True).get(pk=practice_id)
    report = locked_report(report_id)
    _check_writer(user, report)
    practice = BestPractice.objects.get(pk=practice_id)
    if practice.direction != BestPractice.Direction.ADOPTED:
        raise AdoptionError(
            "Only a best practice the economy adapted and adopted names a source: "
            "mark it so in the report's general section first."
        )
    what_changed = what_changed.strip()
    if not what_changed:
        raise AdoptionError("Say what the practice changed in your economy.")
    record = _source_record(source, report)
    adoption = Adoption.objects.filter(practice=practice).first() or Adoption(practice=practice)
    for field in SOURCE_KINDS.values():
        setattr(adoption, field, None)
    setattr(adoption, SOURCE_KINDS[source.kind], record)
    adoption.what_changed = what_changed
    adoption._history_user = user  # type: ignore[attr-defined]
    adoption.full_clean()
    adoption.save()
    return adoption


@transaction.atomic
def adoption_remove(*, practice_id: int, user: User) -> None:
    """Take back the source a practice named."""
    report_id = BestPractice.objects.values_list("report_id", flat=True).get(pk=practice_id)
    report = locked_report(report_id)
    _check_writer(user, report)
    adoption = Adoption.objects.filter(practice_id=practice_id).first()
    if adoption is not None:
        adoption._history_user = user  # type: ignore[attr-defined]
        adoption.delete()
