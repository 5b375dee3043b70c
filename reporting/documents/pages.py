"""What the annual report's and the review's pages share, each with its own template, form and
service: saving the text, and the page that sends a final document back to draft."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from reporting.documents.errors import DocumentError, StaleDocument
from reporting.documents.forms import DocumentTextForm
from reporting.documents.models import FrozenContent
from reporting.ops.page_cache import cached_page

D = TypeVar("D", bound=FrozenContent)


def reopen_page(
    request: HttpRequest,
    document: FrozenContent,
    *,
    noun: str,
    form_class: type[forms.Form],
    reopen: Callable[..., Any],
    template: str,
    url: str,
) -> HttpResponse:
    """GET: the page with the reason's form; POST: `reopen(<noun>_id=, user=, reason=)` and back
    to `url`. A draft cannot be reopened: the person is sent back with a message."""
    if not document.is_final:
        messages.error(request, f"This {noun} is a draft already.")
        return redirect(url)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reopen(
            **{f"{noun}_id": document.pk},
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, f"The {noun} is a draft again and follows the live data.")
        return redirect(url)
    return render(
        request,
        template,
        {noun: document, "form": form},
        status=400 if form.is_bound else 200,
    )


def save_texts(
    request: HttpRequest,
    form: DocumentTextForm,
    *,
    save: Callable[..., D],
    template: str,
    context: Callable[[], dict[str, Any]],
    url: str,
) -> D | HttpResponse:
    """Save the page's text through the feature's `save(user=, expected_version=, <texts>)`:
    the saved document, or the page again (`template`, `context()`) with the errors, or with
    someone else's newer save, or back to `url` with the message of a rule that refused it."""
    if not form.is_valid():
        return render(request, template, context(), status=400)
    try:
        return save(
            user=request.user, expected_version=form.cleaned_data["version"], **form.texts()
        )
    except StaleDocument as stale:
        form.add_error(None, str(stale))
        return render(request, template, context(), status=409)
    except DocumentError as refused:
        messages.error(request, str(refused))
        return redirect(url)


def kept_page(
    request: HttpRequest,
    document: FrozenContent,
    *,
    template: str,
    page: str,
    parts: tuple[Any, Any],
    context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """The document's page as read: kept by the plan's data version and the document's own
    state (its text changes without the data version moving). `parts`: its detail (the year,
    the kind) and what else its page shows that changes without a new version."""
    detail, extra = parts
    return cached_page(
        request,
        template,
        page=page,
        plan_id=document.plan_id,
        parts=(detail, document.pk, document.version, document.updated_at, extra),
        build=context,
    )
