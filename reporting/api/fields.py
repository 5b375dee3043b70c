"""JSON fields that take only their own JSON type.

DRF's fields coerce ("12" to 12, "yes" to True, 12 to "12"); a machine client that sends the
wrong type has a bug, and is told so instead of having its data guessed.
"""

import re
from decimal import Decimal

from django import forms
from rest_framework import serializers

# Numbers are written in the digits 0-9, as the schema's patterns say. Python reads more:
# Decimal and int take full-width digits and those of other scripts, and underscores ("1_000"),
# Decimal an exponent ("1e3"), and Django's IntegerField a trailing ".0"; a client sending those
# has made a mistake, and is told so.
# The schema's pattern for a decimal (drf-spectacular's), less the strings with no digit at all.
ASCII_DECIMAL = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
ASCII_INTEGER = re.compile(r"-?[0-9]+")


class StrictCharField(serializers.CharField):
    default_error_messages = {"invalid": "Enter text (a JSON string)."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"invalid": "Enter a whole number (a JSON integer)."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": "Enter true or false."}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictChoiceField(serializers.ChoiceField):
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


class StrictDecimalField(serializers.DecimalField):
    """A decimal as a JSON string, like "12.5", as the API returns it: no binary rounding."""

    default_error_messages = {
        "invalid": 'Enter the value as a number in a string, in the digits 0-9, like "12.5".'
    }

    def to_internal_value(self, data) -> Decimal:
        if not isinstance(data, str) or not ASCII_DECIMAL.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class AsciiIntegerFormField(forms.IntegerField):
    """A query parameter's whole number (the lists' filters), in the digits 0-9."""

    default_error_messages = {"invalid": "Enter a whole number in the digits 0-9."}

    def to_python(self, value):
        if value not in self.empty_values and not ASCII_INTEGER.fullmatch(str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)
