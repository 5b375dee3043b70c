"""Form fields that check a choice against rows the page read once, not the database per form.

Django's model choice fields look each posted value up in the database: for a section of 200
initiatives, 600 queries for their objectives, target groups and broader priorities, and 200
more for the rows' ids. The section forms read each list of choices once per page and hand the
rows to these fields, so that a page validates in the same queries whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class PageRows:
    """The rows of one list of choices, read once for the page, by their primary key as text."""

    rows: dict[str, Model]
    empty_label: str | None = None

    @classmethod
    def of(cls, queryset: QuerySet, empty_label: str | None = None) -> PageRows:
        return cls({str(row.pk): row for row in queryset}, empty_label)

    @property
    def choices(self) -> list[tuple]:
        options = [(row.pk, str(row)) for row in self.rows.values()]
        return [("", self.empty_label), *options] if self.empty_label is not None else options

    def find(self, value) -> Model | None:
        key = str(value.pk if isinstance(value, Model) else value)
        return self.rows.get(key)


class PageChoiceField(forms.ModelChoiceField):
    """A foreign key chosen among the page's rows (`use`); the database, as Django does, until
    the form gives it some."""

    page_rows: PageRows | None = None

    def use(self, page_rows: PageRows) -> None:
        self.page_rows = page_rows
        self.choices = page_rows.choices

    def __deepcopy__(self, memo):
        return _copy(self, memo) if self.page_rows else super().__deepcopy__(memo)

    def to_python(self, value):
        if self.page_rows is None:
            return super().to_python(value)
        if value in self.empty_values:
            return None
        row = self.page_rows.find(value)
        if row is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return row


class PageMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Many-to-many choices among the page's rows (`use`): the cleaned value is a list of them.
    The database, as Django does, until the form gives it some."""

    page_rows: PageRows | None = None

    def use(self, page_rows: PageRows) -> None:
        self.page_rows = page_rows
        self.choices = page_rows.choices

    def __deepcopy__(self, memo):
        return _copy(self, memo) if self.page_rows else super().__deepcopy__(memo)

    def clean(self, value):
        if self.page_rows is None:
            return super().clean(value)
        value = self.prepare_value(value)
        if not value:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        rows = []
        for item in value:
            row = self.page_rows.find(item)
            if row is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
            rows.append(row)
        self.run_validators(value)
        return list(dict.fromkeys(rows))


def _copy(field: forms.ChoiceField, memo):
    """A form's copy of a field whose page's rows stand in for its queryset, which is then
    never read: the copies share it, where Django's model choice field clones it twice a copy
    (twice a field a form: 1,200 clones for a page of 200 initiatives)."""
    return forms.ChoiceField.__deepcopy__(field, memo)


class RowIdField(forms.Field):
    """The id of a row of a formset: the row itself among those the formset read, or None for
    an id that is not among them (a stale page, a forged post), which the formset then refuses
    as a whole with one message (ReportFormSet.clean) instead of one per row. Django's own is a
    model choice field over the whole table, checked with a query per row."""

    widget = forms.HiddenInput

    def __init__(self, rows: dict[str, Model], **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.rows = rows

    def prepare_value(self, value):
        return value.pk if isinstance(value, Model) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return self.rows.get(str(value))

    def validate(self, value) -> None:
        """Nothing to say about the one row: see the class."""

    def has_changed(self, initial, data) -> bool:
        return str(self.prepare_value(initial) or "") != str(data or "")
