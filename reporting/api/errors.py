"""Every error of the API in one shape, and the schema's description of each.

`{"detail": "..."}` for all of them; a 400 adds `errors`, keyed by the path of the field in
the request (`entries[0].value`, `section_comments.general`), each with its messages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

INVALID = "The request is not valid: see `errors` for each field."


class Conflict(exceptions.APIException):
    """The report's state refuses the change: a stale version, or a workflow step that does
    not apply to the report as it is now."""

    status_code = 409
    default_detail = "The report changed, or is not in a state that allows this."
    default_code = "conflict"

    def __init__(self, detail: str, **extra):
        super().__init__(detail)
        self.extra = extra


def field_paths(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as a flat {path: [messages]}."""
    found: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key == api_settings.NON_FIELD_ERRORS_KEY:
                path = prefix or key
            elif isinstance(key, int):
                path = f"{prefix}[{key}]"
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            for name, messages in field_paths(value, path).items():
                found.setdefault(name, []).extend(messages)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            found[prefix or api_settings.NON_FIELD_ERRORS_KEY] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                for name, messages in field_paths(item, f"{prefix}[{index}]").items():
                    found.setdefault(name, []).extend(messages)
    else:
        found[prefix or api_settings.NON_FIELD_ERRORS_KEY] = [str(detail)]
    return found


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": INVALID, "errors": field_paths(exc.detail)}
    elif response.status_code == 400:  # a body that is not JSON: no field to name
        response.data = {"detail": str(exc.detail), "errors": {}}
    elif isinstance(exc, Conflict):
        response.data = {"detail": str(exc.detail), **exc.extra}
    return response


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ValidationErrorSerializer(ErrorSerializer):
    # A field, which DRF's metaclass takes out of the class: Serializer.errors is left as it was.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages by the path of the field in the request, e.g. `entries[0].value`.",
    )


class ConflictSerializer(ErrorSerializer):
    current_version = serializers.IntegerField(
        required=False, help_text="A stale section write: the section's version now."
    )
    updated_by = serializers.CharField(
        required=False, help_text="A stale section write: who saved the section last."
    )
    updated_at = serializers.DateTimeField(required=False)
    status = serializers.CharField(
        required=False, help_text="A workflow step that does not apply: the report's status."
    )


DESCRIPTIONS = {
    400: ("Not valid: the messages by field path.", ValidationErrorSerializer),
    401: ("Not signed in: send `Authorization: Token <key>`.", ErrorSerializer),
    403: (
        "Signed in, but this role may not do this, or the report cannot change.",
        ErrorSerializer,
    ),
    404: (
        "No such thing, or another economy's report (its existence is not disclosed).",
        ErrorSerializer,
    ),
    409: (
        "Stale: someone saved the section since you read it (the current version is in the "
        "body), or the report's status does not allow this step.",
        ConflictSerializer,
    ),
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(response=DESCRIPTIONS[code][1], description=DESCRIPTIONS[code][0])
        for code in codes
    }
