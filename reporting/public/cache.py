"""The public pages kept whole in the cache, per page, under the generations of what each shows
(reporting/ops/public_cache.py), and the headers that let a proxy or CDN keep them too.

An anonymous reader's page is read from the cache, or made and kept (a 200 only: a 404 of a
report not yet released is never kept, so its release shows at once). It says `Cache-Control:
public, max-age=PUBLIC_MAX_AGE` with an ETag, and a request naming that ETag is answered 304. A
signed-in reader's page is neither read from the cache nor kept, and says `private`: no proxy
keeps a response to a signed-in user.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from plans.catalogue.models import PlanDataVersion
from reporting.ops.public_cache import generations

# The pages showing the catalogue (the plan, its measures, the meetings) depend on it: every
# plan's data version, which the catalogue's changes move.
CATALOGUE = "catalogue"
# The response's headers kept with its body: the view's own (the data files' CORS header).
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Access-Control-Allow-Origin")
KEY_VERSION = 1


def catalogue_version() -> int:
    return PlanDataVersion.objects.aggregate(total=Sum("version"))["total"] or 0


def _key(request: HttpRequest, topics: list[str]) -> str:
    moved = generations(topic for topic in topics if topic != CATALOGUE)
    catalogue = catalogue_version() if CATALOGUE in topics else None
    material = repr((KEY_VERSION, request.get_full_path(), moved, catalogue))
    return f"public-page:{hashlib.sha256(material.encode()).hexdigest()}"


def _public(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_MAX_AGE)
    return response


def public_page(*topics: str) -> Callable:
    """Keep the view's page under these topics' generations; "{code}" in a topic is the
    view's argument (an economy's pages)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.user.is_authenticated:
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, max_age=0)
                return response
            seconds = settings.PUBLIC_CACHE_SECONDS
            key = _key(request, [topic.format(**kwargs) for topic in topics]) if seconds else ""
            kept = cache.get(key) if seconds else None
            if kept is None:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming:
                    return response
                etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
                headers = {name: response[name] for name in KEPT_HEADERS if name in response}
                kept = (response.content, headers, etag)
                if seconds:
                    cache.set(key, kept, seconds)
            else:
                response = HttpResponse(kept[0], headers=kept[1])
            etag = kept[2]
            unchanged = get_conditional_response(request, etag=etag, response=response)
            return _public(unchanged or response, etag)

        return wrapped

    return decorate
