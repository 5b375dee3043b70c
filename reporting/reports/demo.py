"""Demo reports: 2025 and 2026 of the 2025-2028 plan in every state, written through the forms
and services as the delegates and the director would, so that every page has something to show.

Contents come from fixed text pools and seeded random numbers: every run writes the same reports.
"""

import datetime
import random
import re
from collections import Counter
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from plans.catalogue.data_version import data_version_bump
from plans.models import (
    Economy,
    Forum,
    MeasureOfProgress,
    PriorityArea,
    StrategicPlan,
    TargetGroup,
)
from reporting.reports import services
from reporting.reports.models import (
    Assessment,
    EconomyReport,
    ReportingCycle,
    ReportSection,
    ReportStatus,
)
from reporting.reports.sections import section_write

PLAN_CODE = "2025-2028"
OPEN_YEARS = {2026}
YEARS = (2025, 2026)
STATES = {status.label[0]: status for status in ReportStatus}  # D, S, R, A
# Each economy's report of each of YEARS: Accepted, Submitted, Returned, Draft, or "-" for none.
SCRIPT = {
    "AUS": "AA", "BD": "S-", "CDA": "AS", "CHL": "AD", "PRC": "AD", "HKC": "AS", "INA": "AR",
    "JPN": "AA", "ROK": "AA", "MAS": "AD", "MEX": "AS", "NZ": "AA", "PNG": "--", "PE": "AR",
    "PHL": "AR", "RUS": "--", "SGP": "AA", "CT": "SD", "THA": "AS", "USA": "AS", "VN": "RD",
}  # fmt: skip
# Sections a draft has completed; the next one is in progress, the others not started.
DRAFT_PROGRESS = {"CHL": 2, "PRC": 4, "MAS": 1, "CT": 0, "VN": 5}
NOTHING_TO_REPORT = {"BD": 5, "HKC": 5, "MEX": 5, "VN": 3}  # economy: priority area
HOSTS = {2025: "Korea", 2026: "China"}
# The report whose first narrative of area 1 its economy keeps for members: the public site
# leaves it out of the released report.
MEMBERS_ONLY_NARRATIVE = ("CHL", 2025)

# Per priority area: two reasons for a change, what its initiatives offer, four initiatives.
DRIVERS = {
    1: ("helped by a one-stop online registration portal", "as registration fees were cut"),
    2: ("helped by a larger credit guarantee scheme", "as new fintech lenders entered the market"),
    3: ("helped by coaching for first-time exporters", "as trade missions took suppliers abroad"),
    4: ("helped by vouchers for digital tools", "as broadband reached more rural districts"),
    5: ("helped by green loans for small firms", "as energy-efficiency grants reached more MSMEs"),
}
OFFERS = {
    1: "mentoring, start-up grants and help with registering a company",
    2: "credit guarantees, co-investment and investor-readiness coaching",
    3: "export coaching, market research and stands at international trade fairs",
    4: "digital skills training and vouchers for e-commerce and AI tools",
    5: "energy audits, green loans and advice on circular business models",
}
INITIATIVE_TITLES = {
    1: ("Start-up One-Stop Registration Portal", "Women Entrepreneurs Business Academy",
        "Formalize and Grow Microenterprise Program", "National Social Enterprise Strategy"),
    2: ("Secured Transactions Reform for MSME Credit", "Innovation Vouchers for Small Firms",
        "Rural Microfinance Partnership", "Investor Readiness Bootcamp"),
    3: ("MSME Export Readiness Program", "Trade Agreement Utilization Helpdesk",
        "Global Value Chain Supplier Pilot", "Women Exporters Trade Week"),
    4: ("Women Entrepreneurs Digital Academy", "SME Go Digital Vouchers",
        "AI for Small Business Pilot", "National MSME Digitalization Strategy"),
    5: ("Green MSME Loan Facility", "Circular Economy Innovation Challenge",
        "Energy Efficiency Audits for SMEs", "Indigenous Bio-economy Enterprise Fund"),
}  # fmt: skip
# The type of an initiative, from a word of its title; the others are programs.
KIND_WORDS = {"Academy": "training", "Bootcamp": "training", "Portal": "project"}
KIND_WORDS |= {"Pilot": "project", "Week": "event", "Challenge": "event"}
KIND_WORDS |= {"Reform": "policy", "Strategy": "policy"}
DELIVERY = (
    "Run by the SME agency with regional chambers of commerce, it brings MSMEs {offer}.",
    "A joint effort of the ministries of economy and finance, it brings MSMEs {offer}.",
    "Delivered online and through regional business centres, it brings MSMEs {offer}.",
)
LESSONS = (
    "Participation rose once the application form was cut to a single page.",
    "Working through local chambers of commerce reached firms the agency could not reach alone.",
    "Follow-up coaching after the training mattered more than the training itself.",
    "Rural participants needed offline sessions as well as online courses.",
    "Clear eligibility rules halved the time taken to approve applications.",
    "Sharing early results at SMEWG improved the design with other economies' advice.",
)
# Where an economy's figures come from: one general source of its own, and one per area.
SOURCES = (
    "National Statistics Office, MSME survey {year}",
    "Ministry of Economy, annual MSME report {year}",
    "SME agency administrative data, {year}",
)
AREA_SOURCES = {
    1: "Business registry records, {year}",
    2: "Central bank, financial inclusion survey {year}",
    3: "Customs administration, trade statistics {year}",
    4: "Telecommunications regulator, business ICT survey {year}",
    5: "Environment ministry, green business census {year}",
}
ODDS = {
    Assessment.PROGRESSING: 11,
    Assessment.ACHIEVED: 4,
    Assessment.NOT_STARTED: 1,
    Assessment.NO_DATA: 2,
    Assessment.NOT_APPLICABLE: 1,
}
# An assessment that comes with a figure: the demo gives it a value where the measure has one.
WITH_VALUE = (Assessment.PROGRESSING, Assessment.ACHIEVED, Assessment.NOT_STARTED)
QUALITATIVE = "qualitative"  # progressing or achieved, on a measure without figures
NARRATIVES = {
    Assessment.ACHIEVED: (
        "{Topic} reached {value} in {ref}, meeting the national target, {driver}."
    ),
    Assessment.PROGRESSING: (
        "{Topic} stood at {value} in {ref}, {driver}. Further gains are expected."
    ),
    QUALITATIVE: "{Topic} widened in {ref}, {driver}.",
    Assessment.NOT_STARTED: (
        "Work on {topic} has not started yet; a program is planned for next year."
    ),
    Assessment.NO_DATA: (
        "No official figures on {topic} exist yet; the next MSME survey will add them."
    ),
    Assessment.NOT_APPLICABLE: "{Topic} is not a policy target in {economy} at present.",
}
# (low, high, decimals) of a value in 2024, by kind of measure; qualitative ones have none.
RANGES = {"rate": (3, 45, 1), "share": (5, 70, 1), "index": (40, 85, 1), "number": (30, 2500, 0)}
RANGES["value"] = (150, 40000, 1)
UNIT_FORMATS = {"%": "{}%", "USD million": "USD {:,} million"}
BEST_PRACTICES = (
    ("Single-window company registration", 1),
    ("Credit guarantees for women-led MSMEs", 2),
    ("Export mentoring by experienced exporters", 3),
    ("E-commerce bootcamps for rural producers", 4),
    ("Green public procurement preference for MSMEs", 5),
)
PRACTICE_TEXT = {
    "shared": "{economy} presented the practice and its first results; two economies asked "
    "for the guidelines.",
    "adopted": "Adapted from a practice another economy presented at SMEWG, with eligibility "
    "rules suited to local MSMEs.",
}
DIALOGUES = (  # title, partner, forum, area
    ("Roundtable with the national chamber of commerce on late payments", "private", "", 2),
    ("Joint session with PPWE on women-led MSMEs", "forum", "PPWE", 1),
    ("Dialogue with ABAC on MSME access to finance", "forum", "ABAC", 2),
    ("Exchange with CTI on MSME use of trade agreements", "forum", "CTI", 3),
    ("Workshop with the OECD on SME statistics", "multi", "", None),
)
ACTIVITIES = (  # title, kind, area
    ("APEC Workshop on MSME Digital Transformation", "supported", 4),
    ("APEC Study on Green Finance for MSMEs", "supported", 5),
    ("APEC Women and the Economy Forum side event", "initiative", 1),
    ("APEC Seminar on MSMEs in Global Value Chains", "supported", 3),
)
WHERE = ("the first SMEWG meeting of {year}, {host}", "an APEC workshop in {host}, {year}")
CONTRIBUTION = (
    "{economy}'s programs for women-led and rural MSMEs serve the inclusion goals of the "
    "Putrajaya Vision 2040 and the Aotearoa Plan of Action."
)
RETURN_COMMENT = (
    "Thank you for the report. Please give the data source and reference year wherever a value "
    "is given, and an evidence link for each initiative, then submit it again."
)
SECTION_COMMENTS = (
    (1, "The start-up rate reads like a count of new firms, not a percentage: please check it."),
    (2, "Please say which credit guarantee scheme the access-to-finance figures come from."),
    (4, "Please add an evidence link for each initiative so that the review can cite it."),
)


def _rng(*parts: object) -> random.Random:
    return random.Random("-".join(map(str, parts)))  # noqa: S311 - demo text, not secrets


class _Catalogue:
    """What the forms offer, and the demo users, read once instead of once per section."""

    def __init__(self, plan: StrategicPlan):
        self.areas = {area.number: area for area in plan.areas.prefetch_related("objectives")}
        self.target_groups = [str(pk) for pk in TargetGroup.objects.values_list("pk", flat=True)]
        self.priorities = [str(pk) for pk in plan.broader_priorities.values_list("pk", flat=True)]
        self.forums = {forum.acronym: str(forum.pk) for forum in Forum.objects.all()}
        self.economies = Economy.objects.in_bulk(field_name="code")
        self.users = User.objects.in_bulk(field_name="username")

    def area_pk(self, number: int | None) -> str:
        return str(self.areas[number].pk) if number else ""


def create_demo_reports() -> list[EconomyReport]:
    """The cycles of the 2025-2028 plan, and the reports of SCRIPT that do not exist yet."""
    # The services e-mail the director and delegates at example.org addresses: queue nothing
    # for the worker, send nothing.
    # DEBUG's cursor would log each of the forms' thousands of queries and, on SQLite, run one
    # more query for each to quote its parameters: a quarter of the run time.
    quiet = override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        DEBUG=False,
    )
    with quiet, transaction.atomic():
        plan = StrategicPlan.objects.get(code=PLAN_CODE)
        cycles = _ensure_cycles(plan=plan)
        catalogue = _Catalogue(plan)
        director = catalogue.users["director"]
        created = []
        for index, year in enumerate(YEARS):
            existing = set(cycles[year].reports.values_list("economy__code", flat=True))
            todo = [
                (code, STATES[states[index]])
                for code, states in SCRIPT.items()
                if states[index] in STATES and code not in existing
            ]
            if not todo:
                continue
            # Delegates write only in an open cycle: open a closed one while writing its reports.
            cycle, was_open = cycles[year], cycles[year].is_open
            if not was_open:
                cycle = services.cycle_set_open(cycle_id=cycle.pk, user=director, is_open=True)
            for code, status in todo:
                created.append(
                    _write_report(cycle=cycle, code=code, status=status, catalogue=catalogue)
                )
            if not was_open:
                services.cycle_set_open(cycle_id=cycle.pk, user=director, is_open=False)
        return created


def report_counts() -> dict[int, dict[str, int]]:
    """Each demo year's reports by status, in workflow order, and the economies without one."""
    reports = EconomyReport.objects.filter(cycle__year__in=YEARS)
    found = Counter(reports.values_list("cycle__year", "status"))
    economies = Economy.objects.count()
    counts = {}
    for year in YEARS:
        row = {status: found[year, status] for status in ReportStatus.values if found[year, status]}
        counts[year] = row | {"missing": economies - sum(row.values())}
    return counts


def _ensure_cycles(*, plan: StrategicPlan) -> dict[int, ReportingCycle]:
    cycles = {}
    for year in plan.years:
        dates = {
            "plan": plan,
            "opens": datetime.date(year, 1, 15),
            "due": datetime.date(year, 10, 31),
            "closes": datetime.date(year, 12, 15),
        }
        cycle = ReportingCycle.objects.filter(year=year).first()
        if cycle is None:
            cycle = ReportingCycle(year=year, is_open=year in OPEN_YEARS)
        # Not update_or_create: it saves, and adds a history row, on every run. Whether the
        # cycle is open is the director's decision once it exists, and left alone.
        if any(getattr(cycle, name, None) != value for name, value in dates.items()):
            for name, value in dates.items():
                setattr(cycle, name, value)
            cycle.full_clean()
            cycle.save()
            data_version_bump(plan_ids=[plan.pk])
        cycles[year] = cycle
    return cycles


def _write_report(
    *, cycle: ReportingCycle, code: str, status: str, catalogue: _Catalogue
) -> EconomyReport:
    """Start, fill and move one report through the workflow, as its delegate and the director."""
    delegate, director = catalogue.users[f"delegate-{code.lower()}"], catalogue.users["director"]
    rng = _rng(code, cycle.year)
    economy = catalogue.economies[code]
    report, _created = services.report_start(cycle=cycle, economy=economy, user=delegate)
    sections = list(report.sections.select_related("area"))
    done = DRAFT_PROGRESS[code] if status == ReportStatus.DRAFT else len(sections)
    for index, section in enumerate(sections[: done + 1]):
        section.report = report
        complete = index < done
        if section.area is None:
            data = _general_data(report=report, rng=rng, catalogue=catalogue, partial=not complete)
        else:
            data = _area_data(
                section=section,
                area_number=section.area.number,
                rng=rng,
                catalogue=catalogue,
                partial=not complete,
            )
        section_write(section=section, user=delegate, data=data, complete=complete)
    if status != ReportStatus.DRAFT:
        services.report_submit(report_id=report.pk, user=delegate)
    if status == ReportStatus.RETURNED:
        area, comment = rng.choice(SECTION_COMMENTS)
        services.report_return(
            report_id=report.pk,
            user=director,
            comment=RETURN_COMMENT,
            section_comments={sections[area - 1].pk: comment},
        )
    elif status == ReportStatus.ACCEPTED:
        services.report_accept(report_id=report.pk, user=director)
    _backdate_demo_report(report=report, status=status, rng=rng)
    return report


def _area_data(
    *,
    section: ReportSection,
    area_number: int,
    rng: random.Random,
    catalogue: _Catalogue,
    partial: bool,
) -> dict:
    """A priority area's answers; a section in progress answers half of its measures."""
    report, area = section.report, catalogue.areas[area_number]
    year, code = report.cycle.year, report.economy.code
    entries = list(report.entries.filter(measure__area=area).select_related("measure__area"))
    nothing = NOTHING_TO_REPORT.get(code) == area.number and not partial
    answered = 0 if nothing else len(entries) // 2 if partial else len(entries)
    sources = (_rng(code).choice(SOURCES), AREA_SOURCES[area.number])
    rows: list[dict[str, str]] = []
    for entry in entries:
        row = {"id": str(entry.pk), "unit": entry.unit}
        if len(rows) < answered:
            row.update(_entry(entry.measure, rng=rng, report=report, sources=sources))
        rows.append(row)
    if (code, year) == MEMBERS_ONLY_NARRATIVE and area.number == 1 and answered:
        rows[0]["members_only"] = "on"
    count = 0 if nothing or partial else rng.choice((1, 1, 2, 3))
    initiatives = [
        _initiative(title, area=area, rng=rng, catalogue=catalogue, code=code, year=year)
        for title in rng.sample(INITIATIVE_TITLES[area.number], count)
    ]
    return {
        "version": "0",
        "nothing_to_report": "on" if nothing else "",
        **_formset("entries", rows, initial=len(rows)),
        **_formset("initiatives", initiatives),
    }


def _initiative(
    title: str,
    *,
    area: PriorityArea,
    rng: random.Random,
    catalogue: _Catalogue,
    code: str,
    year: int,
) -> dict:
    delivery = rng.choice(DELIVERY).format(offer=OFFERS[area.number])
    objectives = rng.sample(list(area.objectives.all()), rng.choice((1, 1, 2)))
    project = f"SME {rng.randint(1, 12):02d} {year - rng.randint(0, 1)}{rng.choice(('A', 'S', ''))}"
    return {
        "title": title,
        "kind": next((kind for word, kind in KIND_WORDS.items() if word in title), "program"),
        "description": f"{delivery} In {year}, {rng.randint(40, 3000):,} MSMEs took part.",
        "objectives": [str(objective.pk) for objective in objectives],
        "target_groups": rng.sample(catalogue.target_groups, rng.choice((0, 1, 2))),
        "broader_priorities": rng.sample(catalogue.priorities, rng.choice((0, 1, 2))),
        "apec_project_code": project if rng.random() < 0.3 else "",
        "lessons_learned": " ".join(rng.sample(LESSONS, rng.choice((1, 2)))),
        "evidence_url": f"https://example.org/{code.lower()}/{year}/{slugify(title)}",
    }


def _entry(
    measure: MeasureOfProgress, *, rng: random.Random, report: EconomyReport, sources: tuple
) -> dict:
    assessment = rng.choices(list(ODDS), weights=list(ODDS.values()))[0]
    ref = report.cycle.year - rng.randint(0, 1)
    value = None
    if assessment in WITH_VALUE:
        value = _value(measure, code=report.economy.code, year=ref)
    topic = _topic(measure.text)
    template: str = assessment
    if value is None and assessment in (Assessment.PROGRESSING, Assessment.ACHIEVED):
        template = QUALITATIVE
    narrative = NARRATIVES[template].format(
        topic=topic,
        Topic=topic[0].upper() + topic[1:],
        value=_shown(value, measure.unit),
        ref=ref,
        driver=rng.choice(DRIVERS[measure.area.number]),
        economy=report.economy,
    )
    row = {"assessment": str(assessment), "narrative": narrative}
    if value is not None:
        source = rng.choice(sources).format(year=ref)
        row.update(value=str(value), reference_year=str(ref), source=source)
    return row


def _topic(text: str) -> str:
    """A measure as a sentence names it, without its examples: “Rate of business start-up” is
    “the rate of business start-up”, “MSME use of advanced digital technologies such as AI” is
    “MSME use of advanced digital technologies”."""
    text = re.split(r",? such as|, including| \(|\.$", text.removeprefix("Increase "))[0]
    if text[1:2].islower():
        text = text[0].lower() + text[1:]
    return text if text.startswith(("MSME", "the ")) else f"the {text}"


def _value(measure: MeasureOfProgress, *, code: str, year: int) -> Decimal | None:
    """The economy's own level for the measure, then a steady trend, so that a 2026 value moves
    plausibly from the 2025 one and one year's value is the same in every report."""
    if measure.kind not in RANGES:
        return None
    low, high, places = RANGES[measure.kind]
    rng = _rng(code, measure.area.number, measure.number)
    value = rng.uniform(low, high) * (1 + rng.uniform(-0.04, 0.12)) ** (year - 2024)
    return round(Decimal(str(min(value, 100) if measure.is_percentage else value)), places)


def _shown(value: Decimal | None, unit: str) -> str:
    return "" if value is None else UNIT_FORMATS.get(unit, "{:,}").format(value)


def _general_data(
    *, report: EconomyReport, rng: random.Random, catalogue: _Catalogue, partial: bool
) -> dict:
    """The general indicators: a few records, lessons learned and the broader contribution; a
    section in progress has only its lessons learned so far."""
    year = report.cycle.year
    where = [text.format(year=year, host=HOSTS[year]) for text in WHERE]
    practices, dialogues, activities, data = [], [], [], {}
    area: int | None  # some records name no area
    if not partial:
        for title, area in rng.sample(BEST_PRACTICES, rng.choice((0, 1, 1, 2))):
            direction = rng.choice(list(PRACTICE_TEXT))
            text = PRACTICE_TEXT[direction].format(economy=report.economy)
            practices.append(
                {"title": title, "direction": direction, "area": catalogue.area_pk(area)}
                | {"where": rng.choice(where), "description": text}
            )
        for title, partner, forum, area in rng.sample(DIALOGUES, rng.choice((0, 1, 2))):
            dialogues.append(
                {"title": title, "partner_kind": partner, "forum": catalogue.forums.get(forum)}
                | {"area": catalogue.area_pk(area), "where": rng.choice(where)}
            )
        for title, kind, area in rng.sample(ACTIVITIES, rng.choice((0, 1, 2))):
            role = rng.choice(("participant", "participant", "co_sponsor", "proponent"))
            activities.append(
                {"title": title, "kind": kind, "role": role, "area": catalogue.area_pk(area)}
                | {"lessons_learned": rng.choice(LESSONS)}
            )
        data = {
            "broader_priorities_contribution": CONTRIBUTION.format(economy=report.economy),
            "broader_priorities": rng.sample(catalogue.priorities, rng.randint(1, 3)),
        }
    return {
        "version": "0",
        "lessons_learned": " ".join(rng.sample(LESSONS, 2)),
        **data,
        **_formset("best_practices", practices),
        **_formset("dialogues", dialogues),
        **_formset("apec_activities", activities),
    }


def _formset(prefix: str, rows: list[dict], *, initial: int = 0) -> dict:
    """A formset's POST data as the browser sends it: the management form, then each form."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items() if value})
    return data


def _backdate_demo_report(*, report: EconomyReport, status: str, rng: random.Random) -> None:
    """Demo data only: move the workflow's timestamps from today into the cycle, so that the
    pages show a plausible year (most reports on time, a few late), never a future date."""
    due, now = report.cycle.due, timezone.now()

    def moment(day: datetime.date) -> datetime.datetime:
        clock = datetime.time(rng.randint(8, 17), rng.randint(0, 59), tzinfo=datetime.UTC)
        return min(datetime.datetime.combine(day, clock), now)

    days = datetime.timedelta
    if status == ReportStatus.DRAFT:
        EconomyReport.objects.filter(pk=report.pk).update(
            created_at=moment(due - days(rng.randint(20, 60)))
        )
        return
    late = rng.random() < 0.15
    submitted = due + days(rng.randint(2, 20)) if late else due - days(rng.randint(3, 120))
    reviewed = submitted + days(rng.randint(5, 25))
    submitted_at = moment(submitted)
    EconomyReport.objects.filter(pk=report.pk).update(
        created_at=moment(submitted - days(rng.randint(14, 60))),
        submitted_at=submitted_at,
        first_submitted_at=submitted_at,
        first_submitted_on=report.cycle.local_date(submitted_at),
        reviewed_at=moment(reviewed) if status != ReportStatus.SUBMITTED else None,
    )
    # Saved before submitting; after a return, not since, as the task list then shows.
    report.sections.update(updated_at=submitted_at)
