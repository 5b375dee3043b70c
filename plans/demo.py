"""Demo data: the catalogue from fixtures/ and one account per role and economy."""

import datetime

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from plans.accounts.models import Delegate, SectionAssignment
from plans.accounts.roles import Role
from plans.catalogue.data_version import data_version_bump
from plans.catalogue.models import BroaderPriority, Economy, StrategicPlan
from plans.meetings.models import Meeting, MeetingDialogue
from plans.projects import services
from plans.projects.models import ApecProject, ProposalRound

CATALOGUE_FIXTURES = [
    "catalogue",
    "plan_2025_2028",
    "plan_2017_2020",
    "plans_earlier",
    "reported_figures",
]


@transaction.atomic
def load_catalogue() -> None:
    """Economies, fora, priorities and the plans. Fixtures use natural keys, so this updates
    rows in place and can run again safely."""
    call_command("loaddata", *CATALOGUE_FIXTURES, verbosity=0)
    data_version_bump()


def _account(username: str, *, password: str, first_name: str, last_name: str, **extra) -> User:
    """`password` is already hashed: one slow hash serves every demo account."""
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.org",
            "is_active": True,
            **extra,
        },
    )
    if user.password != password:
        user.password = password
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def create_demo_accounts(*, password: str) -> list[User]:
    """`admin`, `chair`, `director` and `delegate-<code>` for each economy, with one password."""
    existing = User.objects.filter(username="admin").first()
    if existing is None or not existing.check_password(password):
        password = make_password(password)
    else:
        password = existing.password
    groups = {
        role: Group.objects.get_or_create(name=role.value)[0]
        for role in (Role.CHAIR, Role.DIRECTOR, Role.DELEGATE)
    }
    admin = _account(
        "admin",
        password=password,
        first_name="Demo",
        last_name="Administrator",
        is_staff=True,
        is_superuser=True,
    )
    chair = _account("chair", password=password, first_name="Demo", last_name="Chair")
    chair.groups.set([groups[Role.CHAIR]])
    director = _account("director", password=password, first_name="Demo", last_name="Director")
    director.groups.set([groups[Role.DIRECTOR]])
    users = [admin, chair, director]
    for economy in Economy.objects.all():
        delegate = _account(
            f"delegate-{economy.code.lower()}",
            password=password,
            first_name="Demo",
            last_name=f"Delegate ({economy.code})",
        )
        delegate.groups.set([groups[Role.DELEGATE]])
        link, _ = Delegate.objects.get_or_create(user=delegate, defaults={"economy": economy})
        if link.economy_id != economy.pk:
            link.economy = economy
            link.save()
        users.append(delegate)
    return users


@transaction.atomic
def create_demo_contributor(*, password: str, code: str = "CHL") -> User:
    """`contributor-<code>`: an agency of the economy that writes areas 1 and 2 of its report.
    Apart from create_demo_accounts, so that the tests' shared accounts hold delegates alone and
    add the contributor where a test needs one."""
    username = f"contributor-{code.lower()}"
    existing = User.objects.filter(username=username).first()
    if existing is not None and existing.check_password(password):
        password = existing.password
    else:
        password = make_password(password)
    economy = Economy.objects.get(code=code)
    contributor = _account(
        username,
        password=password,
        first_name="Demo",
        last_name=f"Contributor ({code})",
    )
    contributor.groups.set([Group.objects.get_or_create(name=Role.CONTRIBUTOR.value)[0]])
    link, _ = Delegate.objects.get_or_create(user=contributor, defaults={"economy": economy})
    if link.economy_id != economy.pk:
        link.economy = economy
        link.save()
    SectionAssignment.objects.get_or_create(
        user=contributor,
        defaults={"sections": ["1", "2"], "assigned_at": timezone.now()},
    )
    return contributor


# The SMEWG projects listed on the APEC website in 2016 (plan 2013-2016), as the seeds give
# them: (code, title, proponent, kind, year, area numbers). The code's letter says the funding:
# A = APEC Support Fund, T = TILF Special Account, S = self-funded, none = Operational Account.
SEED_PROJECTS = [
    (
        "SME 01 2015A",
        "APEC Business Ethics for SMEs Forum – Facilitating Trans-Pacific "
        "Collaboration for Small and Medium Enterprises",
        "USA",
        "forum",
        2016,
        [3],
    ),
    (
        "SME 08 2015T",
        "APEC Workshop on Promoting SME's Integration into Environmental Goods and "
        "Services (EGS) Global and Regional Markets",
        "VN",
        "workshop",
        2016,
        [3],
    ),
    ("SME 02 2015", "APEC O2O Summit & Best Practice Showcase", "CT", "conference", 2016, [1, 3]),
    (
        "SME 02 2016S",
        "APEC Forum and Brainstorming Workshop on Greening MSMEs: A Pathway Towards "
        "Sustainable Economic Growth in the Region",
        "THA",
        "forum",
        2016,
        [1],
    ),
    (
        "SME 03 2016S",
        "Supporting Women-led SMEs Access Global Markets by Implementing "
        "Gender-Responsive Trade Promotion Policies and Programs",
        "MAS",
        "workshop",
        2016,
        [3],
    ),
    (
        "SME 07 2015",
        "APEC Workshop on Promoting SMEs' Participation in the Food Supply Chain",
        "VN",
        "workshop",
        2016,
        [3],
    ),
    (
        "SME 06 2015T",
        "Private Dialogue on Identifying and Addressing Difficulties and Challenges "
        "that Hinder SMEs from Taking Trade Benefits and Advantages of RTAs/FTAs in the Region",
        "VN",
        "forum",
        2016,
        [3],
    ),
]
SUB_FUNDS = {
    "A": "APEC Support Fund",
    "T": "Trade and Investment Liberalisation and Facilitation (TILF) Special Account",
    "": "Operational Account",
}
# Illustrative projects of the plan in force, so that its portfolio and the reported initiatives
# that name them show in the demo: (code, title, proponent, co-sponsors, kind, years, areas,
# status).
PLAN_IN_FORCE_PROJECTS = [
    (
        "SME 06 2025A",
        "Workshop on Digital Tools for Women-led Start-ups",
        "CHL",
        ["PE", "MEX"],
        "workshop",
        (2025, 2026),
        [1, 4],
        "in_implementation",
    ),
    (
        "SME 04 2025",
        "Study on Alternative Finance for Scale-ups in the APEC Region",
        "SGP",
        ["AUS"],
        "study",
        (2025, 2025),
        [2],
        "completed",
    ),
    (
        "SME 05 2025S",
        "Forum on MSME Participation in Global Value Chains",
        "PE",
        ["CHL", "VN"],
        "forum",
        (2025, 2026),
        [3],
        "completed",
    ),
    (
        "SME 02 2026A",
        "Training on Bio-Circular-Green Practices for Rural MSMEs",
        "THA",
        ["PHL"],
        "training",
        (2026, 2027),
        [5, 1],
        "approved",
    ),
    (
        "SME 07 2026",
        "Conference on Cross-border E-commerce for MSMEs",
        "ROK",
        [],
        "conference",
        (2026, 2026),
        [3, 4],
        "in_implementation",
    ),
]
DEMO_PROPOSALS = [
    ("Capacity Building on Formalization of Informal Businesses", "MEX", [1]),
    ("APEC MSME Digital Readiness Index: A Scoping Study", "MAS", [4]),
    ("Green Finance Toolkit for MSME Lenders", "NZ", [2, 5]),
    ("Workshop on Trade Facilitation Tools for Indigenous-led MSMEs", "CDA", [3, 1]),
]


@transaction.atomic
def create_demo_projects() -> dict[str, int]:
    """The seeds' projects and meetings, a few projects of the plan in force and one open
    proposal round. Only what is missing is created, so this can run again safely."""
    economies = {economy.code: economy for economy in Economy.objects.all()}
    existing = set(ApecProject.objects.values_list("code", flat=True))
    created = 0
    earlier = StrategicPlan.objects.get(code="2013-2016")
    for code, title, proponent, kind, year, areas in SEED_PROJECTS:
        if code in existing:
            continue
        letter = code[-1] if code[-1].isalpha() else ""
        services.project_create(
            plan=earlier,
            code=code,
            title=title,
            proponent=economies[proponent],
            funding="self" if letter == "S" else "apec",
            sub_fund=SUB_FUNDS.get(letter, ""),
            start_year=year - 1,
            end_year=year,
            status="completed",
            kind=kind,
            areas=earlier.areas.filter(number__in=areas),
        )
        created += 1
    plan = StrategicPlan.objects.get(code="2025-2028")
    priorities = list(BroaderPriority.objects.filter(slug__in=["putrajaya-vision-2040"]))
    for code, title, proponent, co, kind, years, areas, status in PLAN_IN_FORCE_PROJECTS:
        if code in existing:
            continue
        letter = code[-1] if code[-1].isalpha() else ""
        services.project_create(
            plan=plan,
            code=code,
            title=title,
            proponent=economies[proponent],
            co_sponsors=[economies[c] for c in co],
            funding="self" if letter == "S" else "apec",
            sub_fund=SUB_FUNDS.get(letter, ""),
            session=f"Session 1 {years[0]}",
            start_year=years[0],
            end_year=years[1],
            status=status,
            kind=kind,
            areas=plan.areas.filter(number__in=areas),
            objectives=plan.areas.get(number=areas[0]).objectives.all()[:1],
            broader_priorities=priorities,
            participating_economies=[economies[c] for c in [proponent, *co]],
        )
        created += 1

    meeting, new_meeting = Meeting.objects.get_or_create(
        number=58,
        defaults={
            "place": "Pucallpa",
            "economy": economies["PE"],
            "start_date": datetime.date(2024, 9, 11),
            "end_date": datetime.date(2024, 9, 12),
        },
    )
    if new_meeting:
        MeetingDialogue.objects.create(
            meeting=meeting,
            title="Enhancing MSME Data Interoperability in the APEC Region: the study's results",
            partner_kind="forum",
            partner="APEC Policy Support Unit",
        )
    Meeting.objects.get_or_create(
        number=59,
        defaults={
            "place": "Hachioji City, Tokyo",
            "economy": economies["JPN"],
            "start_date": datetime.date(2025, 5, 22),
            "end_date": datetime.date(2025, 5, 23),
        },
    )

    if not ProposalRound.objects.filter(year=2026, number=1).exists():
        services.round_create(
            plan=plan,
            year=2026,
            number=1,
            opens=datetime.date(2026, 2, 1),
            closes=datetime.date(2026, 12, 31),
            proposals=[
                {
                    "title": title,
                    "proponent": economies[proponent],
                    "areas": plan.areas.filter(number__in=areas),
                    "broader_priorities": priorities,
                }
                for title, proponent, areas in DEMO_PROPOSALS
            ],
        )
        _demo_scores(ProposalRound.objects.get(year=2026, number=1))
    return {
        "projects created": created,
        "projects": ApecProject.objects.count(),
        "meetings": Meeting.objects.count(),
        "open rounds": ProposalRound.objects.filter(is_open=True).count(),
    }


# Three economies have scored so far: (economy, scores of each proposal in order).
DEMO_SCORES: dict[str, list[tuple[int, int, int] | None]] = {
    "CHL": [(5, 4, 4), (3, 4, 3), (4, 5, 3), (5, 4, 5)],
    "PE": [(4, 4, 5), (4, 3, 4), None, (5, 5, 4)],
    "AUS": [(4, 3, 3), (5, 4, 4), (3, 4, 2), None],
}


def _demo_scores(round_: ProposalRound) -> None:
    proposals = list(round_.proposals.order_by("number"))
    for code, rows in DEMO_SCORES.items():
        delegate = (
            Delegate.objects.filter(economy__code=code, user__groups__name=Role.DELEGATE)
            .select_related("user")
            .first()
        )
        if delegate is None:
            continue  # scores need a delegate's account
        services.round_scores_save(
            round_id=round_.pk,
            economy=delegate.economy,
            user=delegate.user,
            scores={
                proposal.pk: services.Score(*row) if row else None
                for proposal, row in zip(proposals, rows, strict=True)
            },
        )
