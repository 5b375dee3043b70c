"""The settings are read once: each setting defined in one place, each variable of the
environment read in one place, and the files a test writes kept out of the project's folder."""

import ast
from collections import Counter
from pathlib import Path

from django.conf import settings

from smewg import settings as smewg_settings

SETTINGS = Path(settings.BASE_DIR) / "smewg" / "settings.py"


def top_level_assignments(tree: ast.Module) -> Counter[str]:
    """How many times each name is set by a statement of the module itself (not one inside an
    `if`, where the branches choose between definitions)."""
    counts: Counter[str] = Counter()
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            targets = statement.targets
        elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
            targets = [statement.target]
        else:
            continue
        counts.update(target.id for target in targets if isinstance(target, ast.Name))
    return counts


def environment_reads(tree: ast.Module) -> Counter[str]:
    """The variables read from the environment by name: `os.environ.get("X")`, `os.environ["X"]`
    and the helpers `env_bool("X", ...)`, `env_list("X", ...)`."""
    counts: Counter[str] = Counter()
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Call) and node.args:
            function = ast.unparse(node.func)
            if function in {"os.environ.get", "env_bool", "env_list"}:
                name = node.args[0]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            name = node.slice
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            counts[name.value] += 1
    return counts


def test_each_setting_is_defined_once():
    tree = ast.parse(SETTINGS.read_text())
    twice = {name: n for name, n in top_level_assignments(tree).items() if n > 1}
    assert twice == {}
    assert top_level_assignments(tree)["MEDIA_ROOT"] == 1  # the check sees the settings


def test_each_variable_of_the_environment_is_read_once():
    reads = environment_reads(ast.parse(SETTINGS.read_text()))
    assert {name: n for name, n in reads.items() if n > 1} == {}
    assert reads["MEDIA_ROOT"] == 1  # the check sees the settings


def test_the_evidence_and_the_stored_documents_share_one_folder_out_of_the_project():
    """The settings module's own value (each test then gets a folder of its own, conftest's
    `media_root`): evidence files and the documents' stored files (the default storage) alike,
    in a throwaway folder under test, never in the project's media folder."""
    media = Path(smewg_settings.MEDIA_ROOT)
    assert media.name.startswith("smewg-test-media-")
    assert media != Path(settings.BASE_DIR) / "media"
    assert smewg_settings.STORAGES["evidence"]["OPTIONS"]["location"] == media
    assert "OPTIONS" not in smewg_settings.STORAGES["default"]  # it follows MEDIA_ROOT
