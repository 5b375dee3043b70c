"""What the annual report's and the review's pages share, each with its own templates, form and
services: the page as read, saving its text, making it final, the page that sends a final
document back to draft, and the download of its files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from reporting.documents.downloads import download
from reporting.documents.errors import DocumentError, StaleDocument
from reporting.documents.formats import format_of
from reporting.documents.forms import DocumentTextForm, reopen_form
from reporting.documents.kinds import DocumentKind
from reporting.documents.models import FrozenContent
from reporting.ops.page_cache import cached_page
from reporting.ops.throttles import ReviewExportThrottle, refuse_if_throttled

D = TypeVar("D", bound=FrozenContent)


@dataclass(frozen=True)
class DocumentPages:
    """A feature's pages of its document, as the shared views see them: its URLs are named in
    `namespace` and take the plan's code and the kind's `detail` (the document's page is named
    by the kind's noun); its templates are `<namespace>/<kind's key>_<page>.html`."""

    kind: DocumentKind
    namespace: str
    # What the download page calls it: “the mid-term review”.
    title: Callable[[Any], str]

    def url(self, document: FrozenContent, name: str = "", **kwargs: Any) -> str:
        """The URL of the document's page, or of another of its pages by `name`."""
        detail = self.kind.detail
        return reverse(
            f"{self.namespace}:{name or self.kind.noun}",
            kwargs={"code": document.plan.code, detail: getattr(document, detail), **kwargs},
        )

    def template(self, page: str) -> str:
        return f"{self.namespace}/{self.kind.key}_{page}.html"


def reopen_page(
    request: HttpRequest,
    pages: DocumentPages,
    document: FrozenContent,
    *,
    reopen: Callable[..., Any],
) -> HttpResponse:
    """GET: the page with the reason's form; POST: `reopen(<noun>_id=, user=, reason=)` and back
    to the document's page. A draft cannot be reopened: the person is sent back with a
    message."""
    noun, url = pages.kind.noun, pages.url(document)
    if not document.is_final:
        messages.error(request, f"This {noun} is a draft already.")
        return redirect(url)
    form = reopen_form(noun)(request.POST or None)
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
        pages.template("reopen"),
        {noun: document, "form": form},
        status=400 if form.is_bound else 200,
    )


def make_final(
    request: HttpRequest, pages: DocumentPages, document: D, freeze: Callable[[], D], *, frozen: str
) -> HttpResponse:
    """Make the document final through the feature's `freeze()` and go back to its page, saying
    so (“Its `frozen` are as of 7 December 2026.”), or with the message of the rule that
    refused it."""
    try:
        final = freeze()
    except DocumentError as refused:
        messages.error(request, str(refused))
        return redirect(pages.url(document))
    assert final.frozen_at is not None  # making a document final stamps it
    when = final.frozen_at.strftime("%d %B %Y")
    messages.success(request, f"The {pages.kind.noun} is final. Its {frozen} are as of {when}.")
    return redirect(pages.url(final))


def download_page(
    request: HttpRequest, pages: DocumentPages, document: FrozenContent, fmt: str
) -> HttpResponse:
    """The plain link (no JavaScript): the kept file of the document's current content in the
    format `fmt` names, or a page saying that the task worker is making it, which asks again
    by itself."""
    found = format_of(pages.kind.key, fmt)
    if found is None:
        raise Http404("No such format.")
    # Working out a draft's content digest may build its content: a limit per person.
    refused = refuse_if_throttled(request, ReviewExportThrottle())
    if refused:
        return refused
    return download(
        request,
        pages.kind,
        document,
        found,
        title=pages.title(document),
        back=pages.url(document),
    )


def save_texts(
    request: HttpRequest,
    pages: DocumentPages,
    document: FrozenContent,
    form: DocumentTextForm,
    *,
    save: Callable[..., D],
    context: Callable[[], dict[str, Any]],
) -> D | HttpResponse:
    """Save the page's text through the feature's `save(user=, expected_version=, <texts>)`:
    the saved document, or the document's page again (with `context()`) with the errors, or
    with someone else's newer save, or back to its page with the message of a rule that refused
    it."""
    template = pages.template("detail")
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
        return redirect(pages.url(document))


def saved_page(request: HttpRequest, pages: DocumentPages, saved: Any) -> HttpResponse:
    """After `save_texts`: the page again with what stopped the save, or back to the saved
    document's page, saying so."""
    if isinstance(saved, HttpResponse):
        return saved
    messages.success(request, f"{pages.kind.noun.capitalize()} saved.")
    return redirect(pages.url(saved))


def kept_page(
    request: HttpRequest,
    pages: DocumentPages,
    document: FrozenContent,
    *,
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
        pages.template("detail"),
        page=page,
        plan_id=document.plan_id,
        parts=(detail, document.pk, document.version, document.updated_at, extra),
        build=context,
    )
