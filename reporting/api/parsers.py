"""The API's JSON parser: DRF's, refusing a body nested too deeply to parse."""

from __future__ import annotations

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            # Python's decoder gives up near the interpreter's recursion limit; no report is
            # that deep, and the error is the client's, not the server's.
            raise ParseError("JSON parse error - the body is nested too deeply.") from error
