"""The architecture holds: the import contracts in pyproject.toml ([tool.importlinter]) are kept.

Layers point down (accounts <- catalogue <- reports <- roll-ups <- dashboards, reviews, API,
workbook), the plans app imports nothing of reporting, template tags decide nothing about the
reader, the roll-up arithmetic knows nothing of pages or exports, and no package has an import
circle. What the contracts cannot see, a template's `{% load %}`, is checked here too.
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
