"""The public site's generations: one number per topic that the acts changing the public site
move, so that a public page kept under the generations of the topics it shows is current
without reading the data again (reporting/public/cache.py keeps the pages).

Topics: "reports" (the lists of released reports), "economy:<CODE>" (an economy's page and its
released reports' pages), "documents" (the published annual reports and reviews). A release,
a withdrawal or a reopening of a released report moves "reports" and its economy's; a
publication or withdrawal of a document moves "documents". The catalogue's changes (and the
workflow's steps) move the plans' data version (plans/catalogue/data_version.py), which the
pages showing the catalogue read too.

A generation is the time of its move in nanoseconds, kept in the cache without expiry: a
generation the cache lost is set anew to now, so a page kept under an older one is never
shown again. Each act moves its topics at once (in the act's transaction, with the database
cache) and again once it is committed (a cache outside the database, CACHE_URL: a reader
between the two moves kept the page under the first).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction

PREFIX = "public-generation:"

# Told, once an act that changed the public site is committed, which topics it moved: the
# public site (a layer above, which nothing here may import) queues the making of its data
# files (reporting.public.files `queue_public_data`, registered by `reporting.apps`).
PublicChangeListener = Callable[..., None]
_listeners: list[PublicChangeListener] = []


def register_public_change_listener(listener: PublicChangeListener) -> None:
    if listener not in _listeners:  # set once, as the apps start
        _listeners.append(listener)


def economy_topic(code: str) -> str:
    return f"economy:{code}"


def _move(topics: tuple[str, ...]) -> None:
    now = time.time_ns()
    cache.set_many({PREFIX + topic: now for topic in topics}, timeout=None)


def public_changed(*topics: str) -> None:
    """The public pages of these topics changed: move their generations, now and on commit,
    then tell the listeners."""
    _move(topics)

    def committed() -> None:
        _move(topics)
        for listener in _listeners:
            listener(*topics)

    transaction.on_commit(committed)


def generations(topics: Iterable[str]) -> tuple[int, ...]:
    """The topics' generations now (one read of the cache; a lost one is set anew)."""
    keys = [PREFIX + topic for topic in topics]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)
