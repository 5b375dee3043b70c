"""Under test, a variable missing from a project template's context raises; a third-party
template renders as in production (tests/missing_variables.py)."""

import pytest
from django.conf import settings
from django.template import Context, Engine

from tests.conftest import client_for
from tests.missing_variables import MissingTemplateVariable, MissingVariable


@pytest.fixture
def engine(tmp_path) -> Engine:
    """Templates in ours/ are the project's; theirs/ stands for an installed package's."""
    (tmp_path / "ours").mkdir()
    (tmp_path / "theirs").mkdir()
    return Engine(
        dirs=[tmp_path / "ours", tmp_path / "theirs"],
        string_if_invalid=MissingVariable([tmp_path / "ours"]),
    )


def write(engine: Engine, folder: str, name: str, text: str) -> None:
    directory = next(d for d in engine.dirs if d.name == folder)
    (directory / name).write_text(text)


def render(engine: Engine, template: str, **context) -> str:
    return engine.get_template(template).render(Context(context))


def test_the_tests_settings_use_it():
    assert isinstance(settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"], MissingVariable)


@pytest.mark.parametrize(
    "text",
    [
        "{{ missing }}",
        "{{ report.missing }}",
        '{{ missing|default:"none" }}',
        "{% with name=missing %}{{ name }}{% endwith %}",
        '{% include "part.html" with name=missing %}',
    ],
)
def test_a_missing_variable_in_our_template_raises_and_says_where(engine, text):
    write(engine, "ours", "part.html", "{{ name }}")
    write(engine, "ours", "page.html", f"<p>\n{text}</p>")
    with pytest.raises(MissingTemplateVariable, match=r"ours/page\.html, line 2: .*missing"):
        render(engine, "page.html", report=object())


def test_a_missing_variable_in_a_part_our_template_includes_names_the_part(engine):
    write(engine, "ours", "part.html", "{{ name }}")
    write(engine, "ours", "page.html", '{% include "part.html" %}')
    with pytest.raises(MissingTemplateVariable, match=r"ours/part\.html, line 1: .*“name”"):
        render(engine, "page.html")


def test_conditions_and_loops_over_missing_variables_are_false_and_empty(engine):
    write(engine, "ours", "page.html", "{% if missing %}yes{% else %}no{% endif %}"
          "{% for item in missing %}{{ item }}{% empty %}, none{% endfor %}"
          "{% firstof missing 'first' %}")  # fmt: skip
    assert render(engine, "page.html") == "no, nonefirst"


def test_a_variable_present_but_empty_is_no_missing_variable(engine):
    write(engine, "ours", "page.html", '{{ name|default:"none" }} {{ report.title }}')
    assert render(engine, "page.html", name="", report={"title": None}) == "none None"


def test_third_party_templates_render_missing_variables_as_django_does(engine):
    write(engine, "theirs", "page.html", '[{{ missing }}] [{{ missing|default:"none" }}]')
    assert render(engine, "page.html") == "[] [none]"


def test_a_project_template_extending_a_third_party_one_is_checked_in_its_own_blocks(engine):
    write(engine, "theirs", "base.html", "[{{ missing }}]{% block body %}{% endblock %}")
    page = '{% extends "base.html" %}{% block body %}{{ gone }}{% endblock %}'
    write(engine, "ours", "page.html", page)
    with pytest.raises(MissingTemplateVariable, match=r"“gone”"):
        render(engine, "page.html")


@pytest.mark.django_db
def test_the_admin_renders_under_the_check(administrator):
    """The admin's templates rely on missing variables: they are not ours to check."""
    client = client_for(administrator)
    for url in ["/admin/", "/admin/plans/economy/", "/admin/plans/economy/1/change/"]:
        assert client.get(url).status_code == 200, url
