"""The demo's commitments, across 2025 and 2026: Australia's done, Japan's overdue (due in 2026,
still under way), New Zealand's dropped with a reason, and Chile's, still under way in its 2026
draft, which makes a commitment of its own.

The demo's 2025 and 2026 reports are accepted before this step runs, when no delegate can
change them any more: their commitments and follow-ups are written here as their delegates
wrote them before submitting (validated, in the history under the delegate's name). Chile's
draft goes through the services, as its delegate would."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from plans.catalogue.data_version import data_version_bump
from reporting.commitments import services
from reporting.commitments.models import Commitment, FollowUp
from reporting.reports.models import EconomyReport

# (economy, year made, due, area, what; then (status, reason) in its 2026 report, or None)
SCRIPT = (
    ("AUS", 2025, 2026, 4, "Extend the SME Go Digital vouchers to regional towns", ("done", "")),
    ("JPN", 2025, 2026, 5, "Publish a green finance guide for MSMEs", ("under_way", "")),
    (
        "NZ",
        2025,
        2027,
        3,
        "Run an export program with Māori-owned businesses",
        ("dropped", "Folded into the national export strategy, which now funds it."),
    ),
    ("CHL", 2025, 2027, 3, "Open two regional SME export centres", ("under_way", "")),
    ("AUS", 2026, 2028, 1, "Cut company registration to one online step", None),
)
CHILE_2026 = ("Train 2,000 women entrepreneurs in e-commerce", 2028, 4)


def _objective_ids(report: EconomyReport, area: int) -> list[int]:
    return [report.cycle.plan.areas.get(number=area).objectives.order_by("number")[0].pk]


def _write(row: Commitment | FollowUp, user: User, exclude: list[str]) -> None:
    row._history_user = user  # type: ignore[union-attr]
    row.full_clean(exclude=exclude)
    row.save()


def create_demo_commitments() -> int:
    """The commitments of SCRIPT unless the demo has some already; how many were made."""
    if Commitment.objects.exists():
        return 0
    reports = {
        (report.economy.code, report.cycle.year): report
        for report in EconomyReport.objects.filter(cycle__year__in=(2025, 2026)).select_related(
            "economy", "cycle__plan"
        )
    }
    users = User.objects.in_bulk(field_name="username")
    made = 0
    with transaction.atomic():
        for code, year, due, area, text, later in SCRIPT:
            report, delegate = reports.get((code, year)), users[f"delegate-{code.lower()}"]
            if report is None:
                continue
            commitment = Commitment(report=report, text=text, due_year=due, created_by=delegate)
            _write(commitment, delegate, ["report", "created_by"])
            commitment.objectives.set(_objective_ids(report, area))
            made += 1
            following = reports.get((code, 2026))
            if later is None or following is None:
                continue
            status, reason = later
            if following.is_editable:
                services.follow_ups_save(
                    report_id=following.pk,
                    user=delegate,
                    changes=[services.FollowUpChange(commitment.pk, status, reason)],
                )
            else:
                follow_up = FollowUp(
                    report=following,
                    commitment=commitment,
                    status=status,
                    reason=reason,
                    updated_by=delegate,
                )
                _write(follow_up, delegate, ["report", "commitment", "updated_by"])
        chile = reports.get(("CHL", 2026))
        if chile is not None and chile.is_editable:
            text, due, area = CHILE_2026
            services.commitment_add(
                report_id=chile.pk,
                user=users["delegate-chl"],
                text=text,
                objective_ids=_objective_ids(chile, area),
                due_year=due,
            )
            made += 1
        # The accepted reports' figures changed without their workflow: drop the kept pages.
        data_version_bump(plan_ids=list({report.cycle.plan_id for report in reports.values()}))
    return made
