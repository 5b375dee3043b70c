"""A renderer as a new format would add it among the shared ones (test_formats)."""

import datetime
from typing import Any


def render(content: dict[str, Any], *, fmt: str, stamp: datetime.datetime) -> bytes:
    return f"{content['title']}\n".encode()
