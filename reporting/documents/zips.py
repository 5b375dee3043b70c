"""Word and Excel files are zip archives whose entries carry the time they were written: rewrite
them with one fixed time, so that the same document gives the same bytes."""

from __future__ import annotations

import datetime
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo


def with_fixed_dates(archive: bytes, stamp: datetime.datetime) -> bytes:
    """The same archive, entries in the same order, every entry dated `stamp` (UTC)."""
    moment = stamp.astimezone(datetime.UTC).timetuple()[:6]
    output = BytesIO()
    with ZipFile(BytesIO(archive)) as source, ZipFile(output, "w", ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = ZipInfo(entry.filename, date_time=moment)
            fixed.compress_type = ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(entry.filename))
    return output.getvalue()
