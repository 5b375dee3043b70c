"""The documents stay true to the code: a short README, links that lead somewhere, addresses that
the URLconf answers, and a configuration table that lists every environment variable the
settings read."""

import ast
import re
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").rglob("*.md"))
CHANGELOG = ROOT / "CHANGELOG.md"
SETTINGS_FILES = [ROOT / "smewg" / "settings.py", ROOT / "gunicorn.conf.py"]

README_MAX_LINES = 250

FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
PLACEHOLDER = re.compile(r"<([^<>]+)>")

# Paths in the documents that are no address of the application: the server's files in the
# deployment guide, and the static files, which whitenoise serves outside the URLconf.
NOT_ADDRESSES = ("/etc/", "/srv/", "/var/", "/usr/", "/dev/", "/static/")
# What a placeholder stands for in the demo data; any other placeholder is a number.
DEMO_VALUES = {
    "year": "2026",
    "CODE": "CHL",
    "plan-code": "2025-2028",
    "kind": "midterm",
    "format": "pdf",
    "section": "general",
    "slug": "sme-01-2015a",
    "digest": "0" * 64,
}


def prose(path: Path) -> str:
    """The document without its fenced code blocks (shell sessions, configuration files)."""
    return FENCE.sub("", path.read_text(encoding="utf-8"))


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {
        anchor(line.lstrip("#")) for line in prose(path).splitlines() if re.match(r"^#{1,6} ", line)
    }


def relative_links(path: Path) -> list[str]:
    return [
        target
        for target in LINK.findall(prose(path))
        if not SCHEME.match(target) and not target.startswith("#")
    ]


def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, (
        f"README.md has {len(lines)} lines: keep it the front door (at most "
        f"{README_MAX_LINES}) and move detail to docs/."
    )


@pytest.mark.parametrize(
    "document", [README, CHANGELOG, *DOCS], ids=lambda path: str(path.relative_to(ROOT))
)
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(document):
    broken = []
    for target in relative_links(document):
        file_part, _, fragment = target.partition("#")
        linked = (document.parent / file_part).resolve()
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
            broken.append(f"{target}: no heading #{fragment} in {linked.name}")
    assert not broken, f"{document.relative_to(ROOT)}: " + "; ".join(broken)


def addresses(path: Path) -> list[str]:
    """Code spans that are an address of the site, e.g. `/reports/<year>/<CODE>/`."""
    found = []
    for span in CODE_SPAN.findall(prose(path)):
        span = span.strip()
        if span.startswith("/") and " " not in span and not span.startswith(NOT_ADDRESSES):
            found.append(span)
    return found


def with_demo_values(address: str) -> str:
    path = re.split(r"[?#]", address, maxsplit=1)[0]
    return PLACEHOLDER.sub(lambda match: DEMO_VALUES.get(match.group(1), "1"), path)


@pytest.mark.parametrize("document", [README, *DOCS], ids=lambda path: str(path.relative_to(ROOT)))
def test_every_address_in_the_documents_resolves(document):
    unknown = []
    for address in addresses(document):
        path = with_demo_values(address)
        try:
            match = resolve(path)
        except Resolver404:
            unknown.append(f"{address} ({path})")
            continue
        if match.view_name == "api:not-found":  # the API's catch-all answers any other address
            unknown.append(f"{address} ({path}: the API's 404)")
    assert not unknown, f"{document.relative_to(ROOT)}: no such page: " + ", ".join(unknown)


def test_the_address_check_finds_addresses_and_refuses_unknown_ones():
    assert "/reports/<year>/<CODE>/" in addresses(ROOT / "docs" / "pages.md")
    assert resolve(with_demo_values("/reports/<year>/<CODE>/sections/<section>/"))
    with pytest.raises(Resolver404):
        resolve(with_demo_values("/reports/<year>/<CODE>/nowhere/"))


def reads_environment(call: ast.Call) -> bool:
    """os.environ.get(...), os.getenv(...), or the settings' env_bool(...) and env_list(...)."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in {"env_bool", "env_list"}
    if isinstance(func, ast.Attribute) and func.attr == "get":
        return is_environ(func.value)
    return isinstance(func, ast.Attribute) and func.attr == "getenv"


def is_environ(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def names_read(path: Path) -> set[str]:
    """Every environment variable the module reads: a literal name given to one of the readers
    above or to os.environ[...], and the names a loop feeds to a reader as a variable (the
    evidence storage's S3 options)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and reads_environment(node) and node.args:
            if isinstance(node.args[0], ast.Constant):
                names.add(node.args[0].value)
        elif isinstance(node, ast.Subscript) and is_environ(node.value):
            if isinstance(node.slice, ast.Constant):
                names.add(node.slice.value)
        elif isinstance(node, ast.For):
            fed = any(
                isinstance(inner, ast.Call)
                and reads_environment(inner)
                and inner.args
                and isinstance(inner.args[0], ast.Name)
                for inner in ast.walk(node)
            )
            if fed:
                names |= {
                    constant.value
                    for constant in ast.walk(node.iter)
                    if isinstance(constant, ast.Constant)
                    and isinstance(constant.value, str)
                    and re.fullmatch(r"[A-Z][A-Z0-9_]+", constant.value)
                }
    return names


def configuration_table() -> set[str]:
    """The variables named in the first column of the README's configuration table."""
    section = README.read_text(encoding="utf-8").split("\n## Configuration\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            first_column = line.split("|")[1]
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", first_column))
    return names


def test_the_configuration_table_lists_every_environment_variable():
    read = set().union(*(names_read(path) for path in SETTINGS_FILES))
    # The scan itself works: a plain read, a flag, a list, a loop's names, gunicorn's file.
    assert {
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "EVIDENCE_S3_REGION",
        "GUNICORN_WORKERS",
    } <= read
    listed = configuration_table()
    assert not read - listed, f"Not in the README's configuration table: {sorted(read - listed)}"
    assert not listed - read, f"In the table but read nowhere: {sorted(listed - read)}"
