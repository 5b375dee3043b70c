"""A report's address in the API, `/api/reports/<year>/<code>/...`: its parameters in the
schema, and which addresses can name a report at all."""

import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from reporting.api.serializers import YEAR_MAX, YEAR_MIN

ECONOMY_CODE = re.compile(r"^[A-Z]{2,4}$")

REPORT_PATH = [
    OpenApiParameter(
        "year", OpenApiTypes.INT, OpenApiParameter.PATH, description="The cycle's year, e.g. 2026."
    ),
    OpenApiParameter(
        "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="The economy's code, e.g. CHL."
    ),
]


def may_name_a_report(year: int, code: str) -> bool:
    """Whether the address's year and code could be a report's: if not, it is a 404."""
    return YEAR_MIN <= year <= YEAR_MAX and bool(ECONOMY_CODE.match(code))
