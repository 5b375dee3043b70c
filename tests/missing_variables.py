"""Under test, a variable that one of the project's templates names but its context lacks fails
the render (smewg/settings.py sets TEMPLATES' `string_if_invalid` to MissingVariable when
testing), instead of printing nothing, which is how a page loses a caption or a hint unseen.

Django asks `if string_if_invalid:` in FilterExpression.resolve right after a lookup failed, for
`{{ missing }}`, `{{ missing|default:"x" }}`, `{% url 'x' missing %}`, `{% with a=missing %}`,
`{% include ... with a=missing %}`. This empty string answers that question by raising when the
failed lookup is written in a template under the project's own template folders, found from the
template node being rendered (its origin), whichever template included or extended it. Anywhere
else it answers False and is an empty string, exactly Django's default: Django's admin,
django-import-export and drf-spectacular rely on missing variables, and their templates render
as they do in production.

Not covered, as in Django: `{% if missing %}` and `{% for x in missing %}` (they ignore failed
lookups and never ask), and a missing variable inside `{% blocktranslate %}`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType

from django.template.base import FilterExpression, Node

_ASKED_BY = FilterExpression.resolve.__code__
_RENDERING = Node.render_annotated.__code__


class MissingTemplateVariable(Exception):
    """A project template names a variable its context lacks."""


class MissingVariable(str):
    """`string_if_invalid` that raises for the templates under `directories`."""

    directories: tuple[Path, ...]

    def __new__(cls, directories: list[Path]) -> MissingVariable:
        value = super().__new__(cls, "")
        value.directories = tuple(Path(directory).resolve() for directory in directories)
        return value

    def __bool__(self) -> bool:
        asking = sys._getframe(1)
        if asking.f_code is not _ASKED_BY:
            return False  # a filter or a tag reading the value: the empty string it is
        node = _node_rendered(asking)
        if node is None or node.origin is None or not self._is_ours(node.origin.name):
            return False
        expression = asking.f_locals["self"]
        line = node.token.lineno if node.token else "?"
        raise MissingTemplateVariable(
            f"{node.origin.name}, line {line}: “{expression.token}” names "
            f"“{expression.var}”, which the context of this page lacks"
        )

    def _is_ours(self, name: str) -> bool:
        path = Path(name).resolve()
        return any(path.is_relative_to(directory) for directory in self.directories)


def _node_rendered(frame: FrameType | None) -> Node | None:
    while frame is not None:
        if frame.f_code is _RENDERING:
            return frame.f_locals["self"]
        frame = frame.f_back
    return None
