"""Numbers as people type them: a decimal comma or point, thousands separators.

“14,2”, “14.2”, “1 234,5”, “1,234.5”, “1.234,5” and “1'234.5” are all read; a lone comma followed
by exactly three digits (“1,234”) could be either, so it is refused with a question rather than
guessed. What is read is shown back normalised: 1234.5.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms

# Spaces (including the no-break and thin spaces) and apostrophes group thousands.
GROUPING = re.compile(r"[\s\u00a0\u202f\u2009'’]")
SHAPE = re.compile(r"^[+-]?[0-9.,]+$")


class AmbiguousNumber(ValueError):
    pass


def parse_number(text: str) -> Decimal:
    """The number the text means; ValueError if it is not one, AmbiguousNumber if it could be
    two."""
    cleaned = GROUPING.sub("", text.strip()).replace("−", "-")
    if not cleaned or not SHAPE.match(cleaned):
        raise ValueError(text)
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = cleaned[0].replace("+", ""), cleaned[1:]
    commas, points = cleaned.count(","), cleaned.count(".")
    if commas and points:
        # The later one is the decimal mark; the other groups thousands.
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        if cleaned.count(decimal_mark) > 1:
            raise ValueError(text)
        whole, fraction = cleaned.split(decimal_mark)
        _check_groups(whole, group_mark, text)
        digits = whole.replace(group_mark, "") + "." + fraction
    elif commas > 1 or points > 1:
        mark = "," if commas else "."
        _check_groups(cleaned, mark, text)
        digits = cleaned.replace(mark, "")
    elif commas == 1:
        whole, fraction = cleaned.split(",")
        if len(fraction) == 3 and whole and whole != "0":
            raise AmbiguousNumber(text)
        digits = f"{whole}.{fraction}"
    else:
        digits = cleaned
    try:
        value = Decimal(sign + digits)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not value.is_finite():
        raise ValueError(text)
    return value


def _check_groups(whole: str, mark: str, text: str) -> None:
    groups = whole.split(mark)
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        raise ValueError(text)


def plain_number(value: Decimal) -> str:
    """12.5, not 12.5000 (the column keeps four decimal places) nor 1.25E+1."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class FlexibleDecimalField(forms.DecimalField):
    """A DecimalField that reads decimal commas and thousands separators, and shows back what it
    read in one form (1234.5) when the page is shown again."""

    default_error_messages = {
        "invalid": "Enter the value as a number, like 12.5 or 12,5 (no letters or %).",
        "ambiguous": (
            "Is “%(value)s” a whole number in thousands, or a decimal? Write it without the "
            "comma (like 1234) or with a point (like 1.234)."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            number = parse_number(str(value))
        except AmbiguousNumber:
            raise forms.ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"value": value}
            ) from None
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return number

    def bound_data(self, data, initial):
        try:
            return plain_number(parse_number(str(data))) if data not in self.empty_values else data
        except ValueError:
            return data

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # Free text with a numeric keyboard: the browser must not refuse “14,2” itself.
        attrs.pop("step", None)
        return attrs
