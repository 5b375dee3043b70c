"""The progress score's method has one home, reporting/reports/scoring.py: its weights, the
sentence that states it, the axis and legend words, the formula and the distribution. Changing
the method is a change of that file (then `rebuild_rollups`): no other place holds a copy, and
every page, file and the API follow the module when it changes."""

import io
import re
import zipfile
from pathlib import Path

import pytest

from reporting.reports import scoring
from reporting.reports.models import Assessment
from reporting.reviews.exports import export_review
from reporting.reviews.models import Review
from reporting.rollups.areas import area_rollups
from reporting.rollups.window import Window
from tests.conftest import client_for
from tests.reporting.api.conftest import api_in_use
from tests.reporting.rollups.test_figures import dataset  # noqa: F401 - the hand-computed dataset

ROOT = Path(__file__).resolve().parents[3]
CODE = [ROOT / "plans", ROOT / "reporting", ROOT / "smewg"]
TEMPLATES = ROOT / "templates"
MODULE = ROOT / "reporting" / "reports" / "scoring.py"

# Copies of the method's words or weights, and the value of an assessment that scores spelt out.
CODE_COPIES = ("Progressing 0.5", "× 0.5", "x 0.5", "not_started")
# A template takes the scored assessments' names from the view's context or the module's.
TEMPLATE_COPIES = ("Progressing 0.5", "× 0.5", "x 0.5", "Achieved", "Progressing")
# Where a value is named once: the models' choices (an assessment, a section's state).
CHOICE = re.compile(r'^\s+[A-Z_]+ = "not_started", "Not started"$')


def copies(paths, words) -> list[str]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            is_models = path.name == "models.py" or path.parent.name == "models"
            if is_models and CHOICE.match(line):
                continue
            found += [f"{path.name}:{number}: {word}" for word in words if word in line]
    return found


def test_no_copy_of_the_method_outside_its_module(tmp_path):
    code = [
        path
        for root in CODE
        for path in sorted(root.rglob("*.py"))
        if path != MODULE and "migrations" not in path.parts
    ]
    assert len(code) > 100
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert copies(code, CODE_COPIES) + copies(templates, TEMPLATE_COPIES) == []

    # What the check finds: a copy, but not a choice of the models.
    copy = tmp_path / "models.py"
    copy.write_text('    NOT_STARTED = "not_started", "Not started"\nif value == "not_started":\n')
    assert [line.split(": ")[1] for line in copies([copy], CODE_COPIES)] == ["not_started"]


# The sentence every page, file and the API print today.
METHOD = (
    "Progress score = (Achieved × 1 + Progressing × 0.5 + Not started × 0) / (Achieved + "
    "Progressing + Not started), over the latest assessment of each economy and measure in the "
    "window (for an objective, the measures of its row of the plan), with “No data” and “Not "
    "applicable” shown apart, never in the denominator and never replacing an earlier assessment."
)


def test_the_words_are_built_from_the_weights():
    assert scoring.method_of(scoring.SCORE_WEIGHTS) == METHOD
    assert f"{METHOD} {scoring.SURENESS_METHOD}" == scoring.SCORE_METHOD
    assert "90 % interval from a bootstrap over economies" in scoring.SURENESS_METHOD
    assert scoring.SCORE_AXIS == "Progress score (Achieved 1, Progressing 0.5, Not started 0)"
    assert scoring.SCORED_WORDS == "Achieved, Progressing or Not started"
    other = {Assessment.ACHIEVED: 1.0, Assessment.PROGRESSING: 0.25}
    assert scoring.method_of(other).startswith(
        "Progress score = (Achieved × 1 + Progressing × 0.25) / (Achieved + Progressing), "
    )
    assert "with “Not started”, “No data” and “Not applicable” shown apart" in (
        scoring.method_of(other)
    )
    assert scoring.axis_of(other) == "Progress score (Achieved 1, Progressing 0.25)"


def test_the_distribution_shows_the_unscored_apart():
    score = scoring.Score.of({"achieved": 2, "progressing": 1, "not_started": 1, "no_data": 5})
    assert (score.n, score.value, score.text) == (4, 0.625, "63 %")
    assert score.distribution == [
        ("Achieved", 2, "50 %"),
        ("Progressing", 1, "25 %"),
        ("Not started", 1, "25 %"),
    ]
    assert score.apart == [("No data", 5), ("Not applicable", 0)]
    nothing = scoring.Score.of({"no_data": 3})
    assert (nothing.n, nothing.value, nothing.text) == (0, None, "n/a")
    assert [share for _label, _n, share in nothing.distribution] == ["0 %"] * 3


@pytest.fixture
def quarter(monkeypatch) -> dict:
    """The method changed in its file: Progressing weighs a quarter, and the words say so."""
    weights = {**scoring.SCORE_WEIGHTS, Assessment.PROGRESSING: 0.25}
    monkeypatch.setattr(scoring, "SCORE_WEIGHTS", weights)
    monkeypatch.setattr(scoring, "SCORE_METHOD", scoring.method_of(weights))
    monkeypatch.setattr(scoring, "SCORE_AXIS", scoring.axis_of(weights))
    return weights


@pytest.mark.django_db
def test_every_page_file_and_the_api_follow_the_module(dataset, director, chair, quarter):  # noqa: F811
    """Area 1 (accepted, 2025-2026): 2 achieved, 1 progressing, 1 not started, so (2 + 0.25) / 4
    = 56 % where the plan's method gives 62 %."""
    plan = dataset["o"][0].area.plan
    area = area_rollups(Window(plan, 2025, 2026, area=1))[0]
    assert area.score.value == 0.5625

    dashboard = client_for(director).get("/dashboard/2025-2028/").text
    assert "Progressing × 0.25" in dashboard
    assert "Progressing × 0.5 " not in dashboard
    assert "56 %" in dashboard

    api = api_in_use(director).get("/api/dashboard/2025-2028/").json()
    assert api["method"] == scoring.SCORE_METHOD
    assert api["areas"][0]["score"]["value"] == 0.5625

    review = client_for(chair).get("/reviews/2025-2028/midterm/").text
    assert "Progressing × 0.25" in review
    assert "56 % from 4 assessments" in review
    workbook = export_review(Review.objects.for_page(plan, "midterm"), "xlsx").content
    with zipfile.ZipFile(io.BytesIO(workbook)) as files:
        charts = "".join(
            files.read(name).decode() for name in files.namelist() if name.startswith("xl/charts/")
        )
    assert "Progress score (Achieved 1, Progressing 0.25, Not started 0)" in charts

    annual = client_for(director).get("/reports/annual/2025-2028/2026/").text
    assert "Progressing × 0.25" in annual
