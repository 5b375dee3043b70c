"""The hand-built case of the adoptions' tests (test_adoptions.py says its numbers)."""

import pytest

from tests.reporting.adoptions.factories import accept, adopt, adopting_report, submit
from tests.reporting.questions.factories import INITIATIVE, PRACTICE, accepted_report


@pytest.fixture
def chile(delegate_chl, delegate_pe, director):
    return accepted_report("CHL", 2025)


@pytest.fixture
def case(chile):
    source = chile.best_practices.get(title=PRACTICE)
    initiative = chile.initiatives.get(title=INITIATIVE)
    peru = adopting_report("PE", 2025, ["Portal", "Coaching", "Unsourced"])
    adopt(peru, "Portal", source)
    adopt(peru, "Coaching", initiative, kind="initiative")
    accept(submit(peru))
    australia = adopting_report("AUS", 2025, ["Portal too"])
    adopt(australia, "Portal too", source)
    submit(australia)
    japan = adopting_report("JPN", 2025, ["Draft portal"])
    adopt(japan, "Draft portal", source)
    return {"chile": chile, "peru": peru, "source": source}
