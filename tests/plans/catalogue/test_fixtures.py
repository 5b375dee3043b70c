"""The fixtures hold the plans verbatim, as the source documents print them."""

import pytest

from plans.models import (
    Action,
    BroaderPriority,
    Economy,
    GeneralIndicator,
    ImplementationActivity,
    MeasureOfProgress,
    Objective,
    StrategicPlan,
)

pytestmark = pytest.mark.django_db


def counts(plan_code: str, model) -> list[int]:
    """Items per priority area, in area order."""
    plan = StrategicPlan.objects.get(code=plan_code)
    return [model.objects.filter(area=area).count() for area in plan.areas.all()]


def test_the_21_economies_with_their_apec_abbreviations():
    assert list(Economy.objects.values_list("code", flat=True)) == [
        "AUS", "BD", "CDA", "CHL", "PRC", "HKC", "INA", "JPN", "ROK", "MAS", "MEX",
        "NZ", "PNG", "PE", "PHL", "RUS", "SGP", "CT", "THA", "USA", "VN",
    ]  # fmt: skip
    assert Economy.objects.get(code="HKC").name == "Hong Kong, China"
    assert Economy.objects.get(code="PRC").name == "People's Republic of China"


def test_2025_2028_plan_structure():
    plan = StrategicPlan.objects.get(code="2025-2028")
    assert (plan.start_year, plan.end_year) == (2025, 2028)
    assert (plan.midterm_review_year, plan.final_review_year) == (2026, 2028)
    assert list(plan.areas.values_list("name", flat=True)) == [
        "Start-up, entrepreneurship, and business environment",
        "Scale-up, innovation, and growth, including through access to finance",
        "Access to international markets and connecting to global value chains (GVCs)",
        "Digitalization",
        "Bio-circular-green transformation",
    ]
    assert counts("2025-2028", Objective) == [4, 5, 4, 4, 3]
    assert counts("2025-2028", Action) == [6, 5, 6, 4, 4]
    assert counts("2025-2028", MeasureOfProgress) == [5, 7, 4, 4, 2]
    assert GeneralIndicator.objects.filter(group__plan=plan).count() == 10
    assert list(plan.indicator_groups.values_list("name", flat=True))[:4] == [
        "APEC Initiatives and Activities",
        "APEC Supported Activities",
        "Best Practice Sharing",
        "Dialogue with Partners",
    ]
    assert set(plan.broader_priorities.values_list("slug", flat=True)) == {
        "putrajaya-vision-2040", "aotearoa-plan-of-action", "bangkok-goals", "lima-roadmap",
    }  # fmt: skip


def test_2025_2028_texts_are_verbatim():
    plan = StrategicPlan.objects.get(code="2025-2028")
    assert plan.vision == (
        "The SME Working Group (SMEWG) is the champion within APEC for the inclusive development "
        "of innovative, sustainable, and digitally empowered MSMEs that are well-equipped to "
        "meet the challenges of the 21st century."
    )
    assert plan.mission.startswith(
        "The SMEWG will further promote the development of an enabling environment, foster "
        "capacity building, and enhance the inter-connectedness of MSMEs"
    )
    assert plan.critical_success_factor_list()[1] == (
        "Increased use of data and strengthened analytic capacity in support of evidence-based "
        "projects and program development; and,"
    )
    objectives = Objective.objects.filter(area__plan=plan)
    assert objectives.get(area__number=1, number=2).text == (
        "Encourage transparency and ethical business conduct in government to business interaction."
    )
    assert MeasureOfProgress.objects.get(area__plan=plan, area__number=2, number=5).text == (
        "Rate of investment in R&D and commercialization of innovations by MSMEs."
    )
    assert GeneralIndicator.objects.filter(
        group__plan=plan,
        text="No. of best practices that are adapted and adopted by member economies",
    ).exists()


def test_2025_2028_table_quirks_keep_the_text():
    plan = StrategicPlan.objects.get(code="2025-2028")
    # The fourth objective of area 3 runs across two table rows in the source: one objective.
    assert Objective.objects.get(area__plan=plan, area__number=3, number=4).text == (
        "Enhance participation in international trade and in connecting to GVCs by MSMEs owned "
        "and run by those with untapped economic potential, such as women, Indigenous Peoples "
        "as appropriate, persons with disabilities, and those from remote and rural communities."
    )
    # The ODR action sits outside the list markup in the source; it is an action all the same.
    odr = Action.objects.get(area__plan=plan, area__number=3, text__contains="online dispute")
    assert odr.text == (
        "Work with APEC Economic Committee (EC) in support of online dispute resolution (ODR) "
        "initiative."
    )
    assert odr.forum.acronym == "EC"


def test_2025_2028_sub_rows_keep_what_belongs_together():
    area = StrategicPlan.objects.get(code="2025-2028").areas.get(number=2)
    rows = area.rows()
    assert [len(row["objectives"]) for row in rows] == [2, 1, 1, 1]
    assert [len(row["actions"]) for row in rows] == [1, 4, 0, 0]
    assert [len(row["measures"]) for row in rows] == [3, 4, 0, 0]
    assert rows[1]["objectives"][0].text == (
        "Support access to finance and innovative financial solutions for startups and MSMEs."
    )


def test_actions_that_work_with_an_apec_forum_name_it():
    work_with = Action.objects.filter(area__plan__code="2025-2028", text__startswith="Work with")
    assert work_with.count() == 5
    assert sorted(work_with.values_list("forum__acronym", flat=True)) == [
        "CTI", "EC", "EC", "PPWE", "PPWE",
    ]  # fmt: skip
    assert not Action.objects.filter(forum__isnull=False).exclude(text__startswith="Work with")


def test_2017_2020_plan():
    plan = StrategicPlan.objects.get(code="2017-2020")
    assert plan.areas.count() == 4
    assert Objective.objects.filter(area__plan=plan).count() == 13
    assert counts("2017-2020", Objective) == [4, 2, 1, 6]
    assert plan.vision.startswith("The SME Working Group (SMEWG) is the champion within APEC")
    assert Objective.objects.filter(
        area__plan=plan, text="Foster innovation in SMEs to strengthen business competitiveness"
    ).exists()
    assert list(plan.indicator_groups.values_list("name", flat=True)) == [
        "APEC Working Group Initiatives",
        "APEC Supported Activities",
        "Best Practice Sharing",
        "Dialogue with Partners",
    ]
    assert GeneralIndicator.objects.filter(group__plan=plan).count() == 5


def test_2017_2020_implementation_schedule():
    activities = ImplementationActivity.objects.filter(plan__code="2017-2020")
    assert activities.count() == 13
    smetc = activities.get(title="APEC SME Technology Conference and Fair (SMETC)")
    assert (smetc.start_year, smetc.end_year) == (2017, 2018)
    assert list(smetc.proponents.values_list("code", flat=True)) == ["PRC"]
    o2o = activities.get(title__startswith="APEC Online-to-Offline (O2O) Initiative")
    assert sorted(o2o.proponents.values_list("code", flat=True)) == ["CT", "MAS", "PHL"]
    b2b = activities.get(title__contains="B2B and B2G")
    assert b2b.area.name == "Market access for SMEs"


def test_earlier_plans_keep_their_priority_areas():
    assert StrategicPlan.objects.get(code="2013-2016").areas.count() == 3
    assert StrategicPlan.objects.get(code="2021-2024").areas.count() == 5
    assert BroaderPriority.objects.filter(name="APEC Putrajaya Vision 2040").exists()
