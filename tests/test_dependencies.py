"""The application starts with its declared dependencies alone: `pip install .` (as production
and `python3 dev.py run` install it) gets no test tool, so nothing the site imports, or that a
library it uses imports, may come only with the test tools."""

import importlib.metadata as metadata
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _name(name: str) -> str:
    return name.lower().replace("_", "-")


def runtime_distributions() -> set[str]:
    """The declared dependencies and what they require in turn, without their extras."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [_name(Requirement(given).name) for given in project["dependencies"]]
    found: set[str] = set()
    while wanted:
        name = wanted.pop()
        if name in found:
            continue
        found.add(name)
        for given in metadata.requires(name) or []:
            requirement = Requirement(given)
            # Only what this Python installs, without the extras ("extra" left empty).
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                wanted.append(_name(requirement.name))
    return found


def runtime_site(folder: Path, runtime: set[str]) -> Path:
    """A site-packages folder holding only the runtime distributions: links to their files."""
    for distribution in metadata.distributions():
        if _name(distribution.metadata["Name"]) not in runtime:
            continue
        for top in {Path(str(file)).parts[0] for file in distribution.files or []}:
            source = Path(str(distribution.locate_file(top)))
            if top not in ("..", "__pycache__") and source.exists():
                (folder / top).unlink(missing_ok=True)
                (folder / top).symlink_to(source)
    return folder


# Start Django with that folder alone beside the standard library and load every URL pattern
# (which imports every view), then run the system checks.
START = """
import os
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smewg.settings")
os.environ["DEBUG"] = "1"
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
from django.core.management import call_command
call_command("check")
print("started")
"""


def test_the_site_starts_with_the_declared_dependencies_alone(tmp_path):
    runtime = runtime_distributions()
    assert {"django", "asgiref", "authlib"} <= runtime  # the walk follows requirements
    assert "pytest" not in runtime
    site = runtime_site(tmp_path, runtime)
    finished = subprocess.run(
        # -S: not the virtualenv's site-packages; only the standard library, the folder, the code.
        [sys.executable, "-S", "-c", START],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": f"{site}:{ROOT}",
            "HOME": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert "started" in finished.stdout
