"""The public data files (each CSV file of data.RESOURCES and `datapackage.json`), made by the
task worker on every change of the public data and kept, never made in a request: at ten times
the data, the CSV file of every answer takes seconds.

- The files of the public data as it is now are named by its version (`version`): the
  generations of the released reports, the published documents and the catalogue's texts
  (reporting/ops/public_cache.py), which the data files show too.
- Every act that changes the public site (a release, a withdrawal, a reopening, a document
  published or withdrawn) and every change of the catalogue (`catalogue_changed`) queues, once
  committed, the making of the files (`queue_public_data`, registered by `reporting.apps`): one
  task waits at a time, and makes the files of the version current when it starts. A workflow
  step on a report changes nothing public: the files stay.
- A request reads the kept file of the current version (`kept_file`); until it is made, the
  request queues its making (unless it is queued already: a task lost with its worker is asked
  again after PREPARING) and answers that it is being prepared.

The files are kept as the documents' are (reporting.documents.stored), in a folder of their own:
each is named `<version>.<file>`, and keeping one removes that file's older versions.
"""

from __future__ import annotations

import csv
import io
import json

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django_tasks import task

from reporting.documents.stored import digest_of, keep, kept_name, read_kept
from reporting.documents.tasks import PREPARING
from reporting.ops.public_cache import generations, public_changed
from reporting.public import data

ROOT = "public-data"
# The mark in the cache of a task queued and not started yet: one waits at a time.
QUEUED = "public-data-queued"
DATAPACKAGE = "datapackage.json"
# The catalogue's texts, as the data files show them: moved by a change of the catalogue.
CATALOGUE_TEXTS = "catalogue-texts"
# The topics whose acts change what the files hold (reporting/ops/public_cache.py).
TOPICS = ("reports", "documents", CATALOGUE_TEXTS)


def version() -> str:
    """The public data's version now: one read of the cache."""
    material = [settings.SITE_URL, list(generations(TOPICS))]
    return digest_of(f"public-data\n{json.dumps(material)}")


def catalogue_changed(plan_ids: list[int] | None) -> None:
    """Told of each committed change of the data version: every plan's (`None`) is a change of
    the catalogue (the admin, an import), whose texts the files show; one plan's is a step of
    its reports' workflow, which changes nothing public (a release, a withdrawal or a reopening
    of a released report is an act of its own)."""
    if plan_ids is None:
        public_changed(CATALOGUE_TEXTS)


def file_names() -> list[str]:
    return [resource.filename for resource in data.RESOURCES] + [DATAPACKAGE]


def build(name: str) -> bytes:
    """The file's bytes from the publication layer (its queries: seconds for every answer at
    ten times the data)."""
    if name == DATAPACKAGE:
        package = data.datapackage(base_url=settings.SITE_URL.rstrip("/"))
        return json.dumps(package, indent=2, ensure_ascii=False).encode()
    resource = next(each for each in data.RESOURCES if each.filename == name)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([column.name for column in resource.columns])
    writer.writerows(resource.rows())
    return text.getvalue().encode()


def _kept(current: str, name: str) -> bytes | None:
    return read_kept(ROOT, current, name, final=False)


def queue_public_data(*_changed: object) -> None:
    """After a committed change of the public data (or of the catalogue): queue the making of
    its files, unless a task is queued and not started yet (it makes the files of the data as
    it is when it starts). The mark lapses after PREPARING: a task lost is queued again."""
    if cache.add(QUEUED, "queued", PREPARING.total_seconds()):
        prepare_public_data.enqueue()


def kept_file(name: str) -> bytes | None:
    """The kept file of the current public data, or None while it is being prepared (its
    making queued unless it is already)."""
    current = version()
    if (found := _kept(current, name)) is not None:
        return found
    queue_public_data()
    # A worker that runs each task where it is queued (the tests') has made it by now.
    return _kept(current, name)


@task()
def prepare_public_data() -> str:
    """Make and keep the files of the public data's current version that are not kept yet;
    that version."""
    # Started: a change from now on queues a task of its own. The version is read before the
    # data: a change committed meanwhile is in the files, under the older version's name, which
    # no later request reads (the change's own task makes its files).
    cache.delete(QUEUED)
    current = version()
    for name in file_names():
        if not default_storage.exists(kept_name(ROOT, current, name, final=False)):
            keep(ROOT, current, name, build(name), final=False)
    return current
