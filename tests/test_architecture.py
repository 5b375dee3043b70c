"""The architecture holds: the import contracts in pyproject.toml ([tool.importlinter]) are kept.

Layers point down (accounts <- catalogue <- reports <- roll-ups <- dashboards, reviews, API,
workbook), the plans app imports nothing of reporting, template tags decide nothing about the
reader, the roll-up arithmetic knows nothing of pages or exports, and no package has an import
circle. What the contracts cannot see, a template's `{% load %}`, is checked here too, and so
is the layout: no production module over 600 lines, and tests and templates that mirror the
feature packages.
"""

import re
import subprocess
import sys
from pathlib import Path

from django.template import engines

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
# The folders of the plans app's pages: the catalogue, the projects and meetings, the accounts.
PLANS_PAGES = ["plans", "projects", "registration"]
LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
INCLUDED = re.compile(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def templates_reached(names: list[str]) -> set[str]:
    """The templates named, and those they include or extend, as far as the names are written
    out (each of ours is)."""
    seen: set[str] = set()
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        if name in seen or not (TEMPLATES / name).is_file():
            continue  # Django's own templates (the admin's) are not ours to check
        seen.add(name)
        waiting.extend(INCLUDED.findall((TEMPLATES / name).read_text(encoding="utf-8")))
    return seen


def loaded_libraries(name: str) -> set[str]:
    """The tag libraries the template loads, by name (`{% load a b %}`, `{% load x from a %}`)."""
    libraries = set()
    for words in LOAD.findall((TEMPLATES / name).read_text(encoding="utf-8")):
        words = words.split()
        libraries.update(words[words.index("from") + 1 :] if "from" in words else words)
    return libraries


def test_no_page_of_the_plans_app_loads_a_tag_library_of_reporting():
    """A tag library loaded by a template is an import that the contracts cannot see: a page of
    the plans app that loaded one of reporting would reach a layer above it unseen (and run
    queries its view does not know of). What such a page shows of the reports, its view gets
    from a provider that reporting registers (plans/projects/initiatives.py)."""
    modules = engines["django"].engine.libraries  # name -> module, ours and Django's
    pages = [
        str(path.relative_to(TEMPLATES))
        for folder in PLANS_PAGES
        for path in sorted((TEMPLATES / folder).rglob("*.html"))
    ]
    reached = templates_reached(pages)
    assert "base.html" in reached
    assert "projects/project_detail.html" in reached
    reaching_up = {
        (name, library, modules[library])
        for name in reached
        for library in loaded_libraries(name)
        if modules[library].startswith("reporting.")
    }
    assert not reaching_up


# Modules split elsewhere, at the time of writing: each must still need its place here, so that
# the list shrinks as they are split (remove a line when its module is under the limit).
SPLIT_PENDING: set[str] = set()
MAX_LINES = 600
APPS = ["plans", "reporting"]
# Folders of tests that are not a package's: journeys through the browser, the load test, and
# the OpenID Connect provider that the single sign-on tests start (a Django project of its own).
SITE_TEST_FOLDERS = {"browser", "load", "oidc_provider"}


def test_no_production_module_passes_600_lines():
    """A module that grows past 600 lines is split by topic (docs/architecture.md)."""
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for package in [*APPS, "smewg"]
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }
    assert lengths["reporting/reports/scoring.py"] > 0  # the walk reads the code
    too_long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    assert set(too_long) - SPLIT_PENDING == set(), too_long
    assert SPLIT_PENDING - set(too_long) == set(), "split now: remove it from SPLIT_PENDING"


def test_the_tests_mirror_the_apps_feature_packages():
    """tests/<app>/<feature>/ holds the tests of <app>/<feature>/, a package that exists; the
    tests of an app are in the folder of one of its features, not loose in tests/<app>/; a
    module's name does not repeat its folder's (reviews/test_exports.py, not
    reviews/test_review_exports.py). Only the site-wide tests are at the top of tests/."""
    tests = ROOT / "tests"
    folders = {path.name for path in tests.iterdir() if path.is_dir() and path.name[0] not in "._"}
    assert folders - SITE_TEST_FOLDERS == set(APPS)
    loose, unmatched, repeating = [], [], []
    for app in APPS:
        loose += [str(path.relative_to(tests)) for path in (tests / app).glob("test_*.py")]
        for module in sorted((tests / app).rglob("test_*.py")):
            feature = module.parent.relative_to(tests)
            if module.parent != tests / app and not (ROOT / feature / "__init__.py").is_file():
                unmatched.append(str(feature))
            name = feature.name
            if module.stem.startswith((f"test_{name}_", f"test_{name.rstrip('s')}_")):
                repeating.append(str(module.relative_to(tests)))
    assert (tests / "reporting" / "reviews" / "test_exports.py").is_file()  # the walk finds them
    assert loose == []
    assert sorted(set(unmatched)) == []
    assert repeating == []


# Template folders that are no feature's: Django's own names (the admin's overrides, the sign-in
# pages), the shared partials, and the catalogue's pages, which keep the app's name.
SHARED_TEMPLATE_FOLDERS = {"admin", "registration", "includes", "plans"}


def test_the_templates_mirror_the_features():
    """templates/<feature>/ holds a feature's pages (templates/reviews/, templates/dashboards/),
    not a folder per app holding several features' pages by prefix."""
    features = {path.parent.name for app in APPS for path in (ROOT / app).glob("*/__init__.py")}
    folders = {path.name for path in TEMPLATES.iterdir() if path.is_dir()}
    assert {"reviews", "dashboards", "workbook"} <= folders & features  # the walk finds them
    assert folders - features - SHARED_TEMPLATE_FOLDERS == set()
