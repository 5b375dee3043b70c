"""The Chair's reviews: read by everyone signed in, written by the Chair and the director."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from plans.accounts.roles import SignedInRequest, identity_of
from plans.models import Economy, MeasureOfProgress, Objective, StrategicPlan, TargetGroup
from reporting.documents import pages
from reporting.documents import tasks as document_tasks
from reporting.documents.charts import document_charts
from reporting.documents.downloads import attachment
from reporting.documents.formats import REVIEW, Format, format_of, formats_of
from reporting.documents.stored import DIGEST, stored_file
from reporting.ops.throttles import ReviewPrepareThrottle, refuse_json_if_throttled
from reporting.reviews import changes as review_changes
from reporting.reviews import content as reviews
from reporting.reviews import passages
from reporting.reviews import services as review_services
from reporting.reviews.access import get_review_for_user, require_chair
from reporting.reviews.document import REVIEW_DOCUMENT
from reporting.reviews.forms import PassageFilterForm, QuoteForm, ReviewTextForm
from reporting.reviews.models import Review, ReviewKind, ReviewQuote
from reporting.reviews.schema import load_review

PAGES = pages.DocumentPages(
    REVIEW_DOCUMENT, "reviews", title=lambda review: f"the {review.get_kind_display().lower()}"
)


@require_safe
def review_index(request: SignedInRequest) -> HttpResponse:
    plans = list(StrategicPlan.objects.order_by("-start_year"))
    saved = {(r.plan_id, r.kind): r for r in Review.objects.defer("frozen_content", "frozen_body")}
    rows = [
        (plan, [(kind, label, saved.get((plan.pk, kind))) for kind, label in ReviewKind.choices])
        for plan in plans
    ]
    return render(request, "reviews/review_index.html", {"rows": rows})


def _kept_page(request: SignedInRequest, review: Review) -> HttpResponse:
    """Quotes are added and removed without a new version: their number and the newest id are
    part of the page's key."""
    quoted = review.quotes.aggregate(count=Count("pk"), last=Max("pk")) if review.pk else {}
    context = partial(_context, request, review)
    parts = (review.kind, sorted(quoted.items()))
    return pages.kept_page(request, PAGES, review, page="review", parts=parts, context=context)


def _context(request: SignedInRequest, review: Review, form: ReviewTextForm | None = None) -> dict:
    identity = identity_of(request.user)
    writes = identity.is_chair or identity.is_director
    if form is None and writes and not review.is_final:
        form = ReviewTextForm(review=review, area_texts=reviews.area_texts(review))
    # The page shows the body; the annexes, every record of the counted reports, are in the
    # files, so that the page costs the same whatever the data.
    stored = reviews.content_of(review, raw=False, annexes=False)
    changes = (
        review_changes.differences(stored, reviews.build_content(review, raw=False, annexes=False))
        if review.is_final
        else []
    )
    content = load_review(stored)
    # No passages to quote are rendered here: "Choose passages to quote" opens the passage
    # finder (about half of the page's render time went to every area's candidates).
    figures = {area.number: area for area in content.areas}
    chosen: dict[int | None, list[ReviewQuote]] = {}
    if form is not None and review.pk:  # the quotes with their remove buttons
        for quote in review.quotes.select_related("economy"):
            chosen.setdefault(quote.area_id, []).append(quote)
    panels = [
        (
            area,
            fields,
            figures.get(area.number),
            chosen.get(area.pk, []),
        )
        for area, fields in (form.areas if form is not None else [])
    ]
    return {
        "review": review,
        "content": content,
        "charts": document_charts(content),
        "form": form,
        "panels": panels,
        "general_chosen": chosen.get(None, []),
        "changes": changes,
        "formats": [
            (
                fmt.key,
                fmt.label,
                fmt.file_name_for(REVIEW_DOCUMENT.stem(review)),
                not review.is_final and fmt.slow,
            )
            for fmt in formats_of(REVIEW)
        ],
        "is_chair": identity.is_chair,
        "writes": writes,
    }


@require_http_methods(["GET", "POST"])
def review_detail(request: SignedInRequest, code: str, kind: str) -> HttpResponse:
    if request.method == "GET":
        return _kept_page(request, get_review_for_user(request.user, code, kind, body_only=True))
    review = get_review_for_user(request.user, code, kind, write=True)
    return pages.saved_page(request, PAGES, _save_texts(request, review))


def _save_texts(request: SignedInRequest, review: Review) -> Review | HttpResponse:
    """Save the page's text (also before adding a quote or making the review final, so that
    nothing typed is lost); the page again with the errors when it cannot be saved."""
    form = ReviewTextForm(request.POST, review=review, area_texts=reviews.area_texts(review))
    save = partial(review_services.review_save, plan=review.plan, kind=review.kind)
    context = partial(_context, request, review, form)
    return pages.save_texts(request, PAGES, review, form, save=save, context=context)


@require_POST
def quote_add(request: SignedInRequest, code: str, kind: str) -> HttpResponse:
    review = get_review_for_user(request.user, code, kind, write=True)
    quote_form = QuoteForm(request.POST)
    if not quote_form.is_valid():
        messages.error(request, "Choose a passage from the list.")
        return redirect(PAGES.url(review))
    # From the review page the typed text comes along and is saved first; the passage finder
    # has no text to save.
    saved = _save_texts(request, review) if "version" in request.POST else review
    if isinstance(saved, HttpResponse):
        return saved
    source, source_id = quote_form.cleaned_data["quote"]
    try:
        quote = review_services.review_add_quote(
            plan=review.plan,
            kind=review.kind,
            user=request.user,
            source=source,
            source_id=source_id,
        )
    except review_services.ReviewError as refused:
        messages.error(request, str(refused))
        return redirect(PAGES.url(review))
    messages.success(request, f"Quote from {quote.attribution} added.")
    anchor = f"#area-{quote.area.number}" if quote.area else "#general"
    return redirect(PAGES.url(quote.review) + anchor)


@require_http_methods(["GET", "POST"])
def passage_finder(request: SignedInRequest, code: str, kind: str) -> HttpResponse:
    """Every passage of the counted reports, filtered, searched and paginated, to quote. The
    review page's "Choose passages to quote" button posts its text here to save it first."""
    review = get_review_for_user(request.user, code, kind, write=True)
    if review.is_final:
        messages.error(request, "This review is final. The Chair can reopen it to change it.")
        return redirect(PAGES.url(review))
    if request.method == "POST":
        saved = _save_texts(request, review)
        if isinstance(saved, HttpResponse):
            return saved
        area = request.POST.get("find", "")
        query = f"?area={area}" if area.isdigit() else ""
        return redirect(PAGES.url(saved, "passages") + query)
    areas = list(review.plan.areas.order_by("number"))
    form = PassageFilterForm(
        request.GET,
        review=review,
        areas=areas,
        objectives=Objective.objects.filter(area__plan=review.plan)
        .select_related("area")
        .order_by("area__number", "number"),
        measures=MeasureOfProgress.objects.filter(area__plan=review.plan)
        .select_related("area")
        .order_by("area__number", "number"),
        economies=Economy.objects.all(),
        groups=TargetGroup.objects.order_by("position"),
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = passages.Filters(
        **{key: value for key, value in data.items() if value not in ("", None)}
    )
    page = Paginator(passages.find_passages(review, filters), passages.PER_PAGE).get_page(
        request.GET.get("page")
    )
    chosen = set(review.quotes.values_list("source", "source_id")) if review.pk else set()
    found = [passages.passage(row) for row in page.object_list]
    for row in found:
        row["chosen"] = (row["source"], row["pk"]) in chosen
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "reviews/review_passages.html",
        {
            "review": review,
            "form": form,
            "page": page,
            "passages": found,
            "query": params.urlencode(),
            "searching": bool(filters.q),
        },
    )


@require_POST
def quote_remove(request: SignedInRequest, code: str, kind: str, quote_id: int) -> HttpResponse:
    review = get_review_for_user(request.user, code, kind, write=True)
    if review.pk is None:
        raise Http404("No such quote.")
    saved = _save_texts(request, review)
    if isinstance(saved, HttpResponse):
        return saved
    try:
        review_services.review_remove_quote(
            review_id=saved.pk, user=request.user, quote_id=quote_id
        )
    except review_services.ReviewError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Quote removed.")
    return redirect(PAGES.url(saved))


@require_http_methods(["GET", "POST"])
def review_finalize(request: SignedInRequest, code: str, kind: str) -> HttpResponse:
    """Make the review final, after a page that says what that does (GOV.UK confirmation
    pattern, no JavaScript): the review page's button saves the text and comes here; only the
    confirmation page's button, which sends `confirm`, freezes the review."""
    review = get_review_for_user(request.user, code, kind, write=True)
    if review.is_final:
        messages.error(request, "This review is final already.")
        return redirect(PAGES.url(review))
    if request.method == "GET":
        return render(request, "reviews/review_finalize.html", {"review": review})
    if "confirm" not in request.POST:
        saved = _save_texts(request, review)
        if isinstance(saved, HttpResponse):
            return saved
        return redirect(PAGES.url(saved, "finalize"))
    freeze = partial(
        review_services.review_finalize, plan=review.plan, kind=review.kind, user=request.user
    )
    return pages.make_final(request, PAGES, review, freeze, frozen="figures and quotes")


@require_http_methods(["GET", "POST"])
def review_reopen(request: SignedInRequest, code: str, kind: str) -> HttpResponse:
    review = get_review_for_user(request.user, code, kind)
    require_chair(request.user)
    return pages.reopen_page(request, PAGES, review, reopen=review_services.review_reopen)


def _format(fmt: str) -> Format:
    found = format_of(REVIEW, fmt)
    if found is None:
        raise Http404("No such format.")
    return found


@require_safe
def review_download(request: SignedInRequest, code: str, kind: str, fmt: str) -> HttpResponse:
    return pages.download_page(request, PAGES, get_review_for_user(request.user, code, kind), fmt)


def _file_status(review: Review, fmt: Format, status: str, digest: str) -> JsonResponse:
    """What the download button's script is told, in the words it shows."""
    messages_for = {
        "ready": f"The {fmt.noun} is ready.",
        "preparing": f"Preparing the {fmt.noun}…",
    }
    return JsonResponse(
        {
            "status": status,
            "message": messages_for.get(status, f"Downloading the {fmt.noun}…"),
            "status_url": PAGES.url(review, "download-status", fmt=fmt.key, digest=digest),
            "download_url": PAGES.url(review, "download-stored", fmt=fmt.key, digest=digest),
        },
        status=202 if status == "preparing" else 200,
    )


@require_POST
def review_download_prepare(
    request: SignedInRequest, code: str, kind: str, fmt: str
) -> HttpResponse:
    """With JavaScript, the download button asks for its file here: ready, or being made by
    the task worker (202), with where to ask again and where to download it. An unchanged
    review's digest comes from the cache (see stored.content_digest)."""
    found = _format(fmt)
    refused = refuse_json_if_throttled(
        request,
        ReviewPrepareThrottle(),
        "Too many downloads at once: try again in {wait} seconds.",
    )
    if refused:
        return refused
    # Without the frozen content: a final review's digest is in the cache too.
    review = get_review_for_user(request.user, code, kind, body_only=True)
    status, digest = document_tasks.request_file(REVIEW_DOCUMENT, review, found)
    return _file_status(review, found, status, digest)


@require_safe
def review_download_status(
    request: SignedInRequest, code: str, kind: str, fmt: str, digest: str
) -> HttpResponse:
    found = format_of(REVIEW, fmt)
    if found is None or not DIGEST.fullmatch(digest):
        raise Http404("No such file.")
    review = get_review_for_user(request.user, code, kind)
    status = document_tasks.file_status(REVIEW_DOCUMENT, review, digest, fmt)
    return _file_status(review, found, status, digest)


@require_safe
def review_download_stored(
    request: SignedInRequest, code: str, kind: str, fmt: str, digest: str
) -> HttpResponse:
    """A kept file of the review, by its content's digest: what the button downloads once the
    file is ready. Nothing is made here (404 until it is kept)."""
    found = format_of(REVIEW, fmt)
    review = get_review_for_user(request.user, code, kind)
    export = stored_file(REVIEW_DOCUMENT, review, digest, found) if found else None
    if export is None:
        raise Http404("No such file.")
    return attachment(export)
