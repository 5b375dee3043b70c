"""Pages kept by the data's version: the dashboard, the review and the annual report rebuild
their figures from the summaries on every request, yet those change only with a workflow event
or a catalogue change, each of which moves the plan's data version
(plans/catalogue/data_version.py). Their rendered body is kept in the configured cache under a
key of everything it depends on, so that a page whose data has not changed costs about what any
signed-in page costs (the session, the user, the data version, the cache's read).

What is kept is the page's own blocks (title, breadcrumbs, content), never the frame around
them: the header, the messages and the sign-out form's CSRF token are rendered for each request
(templates/includes/cached_page.html). A form in the body has its CSRF token put back for each
request too. The key holds:

- the page and its object (the plan, a review's or report's id, version and time of its last
  save: a draft's text changes without the data version moving);
- the plan's data version;
- the query string, as the filters;
- the reader's scope: roles and economy (a delegate sees their own economy's details, a writer
  the form), and time zone (the dates shown are in it).

Two readers of the same scope see the same body; two scopes never share one. `PAGE_CACHE_SECONDS`
is how long a body is kept (0: not kept, every request builds it).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.context import make_context
from django.template.loader import get_template
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockContext, BlockNode, ExtendsNode
from django.utils import timezone

from plans.accounts.roles import identity_of
from plans.catalogue.data_version import data_version

# The blocks of base.html a page fills, and the frame that shows them again.
BLOCKS = ("title", "breadcrumbs", "content")
FRAME = "includes/cached_page.html"
# What Django's {% csrf_token %} writes: a reader's text is escaped and cannot write the tag.
CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
KEY_VERSION = 1  # moves when what a key holds changes shape


def reader_scope(request: HttpRequest) -> tuple:
    """What of the reader a body may depend on: roles, economy, time zone."""
    identity = identity_of(request.user)
    roles = tuple(sorted(str(role) for role in identity.roles))
    return roles, identity.economy_code or "", timezone.get_current_timezone_name()


def page_key(request: HttpRequest, *, page: str, plan_id: int, parts: tuple = ()) -> str:
    """The cache key of a page's body: one data version read."""
    query = tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))
    material = repr(
        (KEY_VERSION, page, plan_id, data_version(plan_id), parts, query, reader_scope(request))
    )
    return f"page-body:{page}:{hashlib.sha256(material.encode()).hexdigest()}"


def render_blocks(request: HttpRequest, template_name: str, context: dict[str, Any]) -> dict:
    """The page template's blocks of base.html, rendered as the whole page would render them
    (context processors, {{ block.super }}), without the frame."""
    template = get_template(template_name).template  # type: ignore[attr-defined]
    extends = template.nodelist.get_nodes_by_type(ExtendsNode)[0]
    bound = make_context(context, request)
    blocks = {}
    with bound.render_context.push_state(template), bound.bind_template(template):
        parent = extends.get_parent(bound)
        parent_blocks = {node.name: node for node in parent.nodelist.get_nodes_by_type(BlockNode)}
        for name in BLOCKS:
            block_context = BlockContext()
            block_context.add_blocks(extends.blocks)
            block_context.add_blocks(parent_blocks)
            bound.render_context[BLOCK_CONTEXT_KEY] = block_context
            blocks[name] = CSRF_INPUT.sub(r"\1\2", parent_blocks[name].render(bound))
    return blocks


def cached_page(
    request: HttpRequest,
    template_name: str,
    *,
    page: str,
    plan_id: int,
    parts: tuple = (),
    build: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """The page: its body from the cache, or built by `build` (the template's context), kept,
    then shown in the frame."""
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:
        return render(request, template_name, build())
    key = page_key(request, page=page, plan_id=plan_id, parts=parts)
    blocks = cache.get(key)
    if blocks is None:
        blocks = render_blocks(request, template_name, build())
        cache.set(key, blocks, seconds)
    token = get_token(request)
    filled = {name: CSRF_INPUT.sub(rf"\g<1>{token}\2", html) for name, html in blocks.items()}
    return render(request, FRAME, {"cached": filled})
