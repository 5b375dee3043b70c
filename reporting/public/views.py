"""The public site under /public/: no sign-in, and every read through published.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from reporting.annual.document import ANNUAL_DOCUMENT
from reporting.documents.downloads import download, preparing
from reporting.documents.formats import Format, format_of
from reporting.public import data, files, published
from reporting.public import sitemap as public_sitemap
from reporting.public.cache import CATALOGUE, public_page
from reporting.reviews.document import REVIEW_DOCUMENT
from reporting.reviews.models import Review

# The public CSV and JSON files are for anyone to read, including pages of other sites.
DATA_HEADERS = {"Access-Control-Allow-Origin": "*"}

# The latest released reports the home page lists.
RELEASED_SHOWN = 10

# The files of a published document that anyone may download: every document offers them.
PUBLIC_FORMATS: dict[str, Format] = {
    key: found for key in published.PUBLIC_FORMATS if (found := format_of("annual", key))
}


@login_not_required
@require_safe
@public_page("reports", "documents", CATALOGUE)
def index(request: HttpRequest) -> HttpResponse:
    """The plan, the latest published documents and the latest released reports (a page of them:
    /public/reports/ lists every one)."""
    released = published.released_reports()
    return render(
        request,
        "public/index.html",
        {
            "plan": published.current_plan(),
            "documents": published.published_documents()[:3],
            "reports": list(released[:RELEASED_SHOWN]),
            "released": released.count(),
            "as_of": published.as_of(),
        },
    )


@login_not_required
@require_safe
@public_page("documents", CATALOGUE)
def documents(request: HttpRequest) -> HttpResponse:
    """Every published document, then the figures reported for the earlier plans outside the
    app, as the plan's page labels them."""
    return render(
        request,
        "public/documents.html",
        {
            "documents": published.published_documents(),
            "earlier_plans": published.earlier_plans(),
            "as_of": published.as_of(),
        },
    )


@login_not_required
@require_safe
@public_page("documents")
def document(request: HttpRequest, code: str, key: str) -> HttpResponse:
    found = published.published_document(code, key)
    return render(
        request,
        "public/document.html",
        {"document": found, "as_of": found.as_of},
    )


@login_not_required
@require_safe
def document_download(request: HttpRequest, code: str, key: str, fmt: str) -> HttpResponse:
    """A published document's Word or PDF file: the file kept when it was made final (by the
    task worker), or the page saying it is being prepared (202)."""
    found = published.published_model(code, key)
    if fmt not in PUBLIC_FORMATS:
        raise Http404("No such format.")
    kind = REVIEW_DOCUMENT if isinstance(found, Review) else ANNUAL_DOCUMENT
    document = published.published_document(code, key)
    return download(
        request,
        kind,
        found,
        PUBLIC_FORMATS[fmt],
        title=document.title,
        back=document.url,
        base="public/base.html",
    )


@login_not_required
@require_safe
@public_page("economy:{code}", CATALOGUE)
def economy(request: HttpRequest, code: str) -> HttpResponse:
    found, reports = published.released_economy(code)
    return render(
        request,
        "public/economy.html",
        {
            "economy": found,
            "reports": reports,
            "initiatives": published.released_initiatives(found),
            "practices": published.shared_practices(found),
            "as_of": published.as_of(),
        },
    )


@login_not_required
@require_safe
@public_page("economy:{code}", CATALOGUE)
def report(request: HttpRequest, year: int, code: str) -> HttpResponse:
    content = published.released_report(year, code)
    return render(
        request,
        "public/report.html",
        {"report": content, "as_of": content.released_at, "preview": False},
    )


@login_not_required
@require_safe
@public_page("reports", "documents")
def data_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/data.html",
        {"resources": data.RESOURCES, "licence": published.LICENCE, "as_of": published.as_of()},
    )


@login_not_required
@require_safe
@public_page("reports", "documents", CATALOGUE)
def datapackage(request: HttpRequest) -> HttpResponse:
    return _data_file(request, files.DATAPACKAGE, "application/json")


@login_not_required
@require_safe
@public_page("reports", "documents", CATALOGUE)
def data_file(request: HttpRequest, name: str) -> HttpResponse:
    resource = data.RESOURCE_BY_NAME.get(name)
    if resource is None:
        raise Http404("No such file.")
    return _data_file(request, resource.filename, "text/csv; charset=utf-8")


def _data_file(request: HttpRequest, name: str, content_type: str) -> HttpResponse:
    """The public data file kept for the data as it is now (made by the task worker), or the
    page saying it is being prepared (202)."""
    kept = files.kept_file(name)
    if kept is None:
        return preparing(
            request,
            label=name,
            title="the published results",
            caption="Published results",
            back=reverse("public:data"),
            base="public/base.html",
        )
    response = HttpResponse(kept, content_type=content_type, headers=DATA_HEADERS)
    if name != files.DATAPACKAGE:
        response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_not_required
@require_safe
@public_page("reports", "documents")
def sitemap(request: HttpRequest) -> HttpResponse:
    """The index of the sitemap's pages, absolute from SITE_URL, for search engines."""
    return render(
        request,
        "public/sitemap_index.xml",
        {"pages": range(1, public_sitemap.pages() + 1), "as_of": published.as_of()},
        content_type="application/xml; charset=utf-8",
    )


@login_not_required
@require_safe
@public_page("reports", "documents")
def sitemap_page(request: HttpRequest, page: int) -> HttpResponse:
    """A page of the sitemap: every public page, SITEMAP_PAGE to a file."""
    entries = public_sitemap.entries(page)
    if entries is None:
        raise Http404("No such page of the sitemap.")
    return render(
        request,
        "public/sitemap.xml",
        {"entries": entries},
        content_type="application/xml; charset=utf-8",
    )


@login_not_required
@require_safe
@public_page("reports", CATALOGUE)
def reports(request: HttpRequest) -> HttpResponse:
    """Every released report, newest first, a page at a time."""
    page = Paginator(published.released_reports(), public_sitemap.REPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "public/reports.html",
        {"page": page, "reports": page.object_list, "as_of": published.as_of()},
    )
