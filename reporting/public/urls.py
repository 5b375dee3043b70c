"""/public/: the public site, no sign-in."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.views.decorators.http import require_safe

from reporting.public import api, release, views
from reporting.public.cache import public_page
from reporting.public.feeds import PublicFeed

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("documents/", views.documents, name="documents"),
    # A document is the plan's annual report of a year or its review of a kind (midterm, final).
    path("documents/<str:code>/<str:key>/", views.document, name="document"),
    path(
        "documents/<str:code>/<str:key>/download/<str:fmt>/",
        views.document_download,
        name="document-download",
    ),
    path("economies/<str:code>/", views.economy, name="economy"),
    path("reports/<int:year>/<str:code>/", views.report, name="report"),
    path("reports/", views.reports, name="reports"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-<int:page>.xml", views.sitemap_page, name="sitemap-page"),
    path(
        "feed.atom",
        login_not_required(require_safe(public_page("reports", "documents")(PublicFeed()))),
        name="feed",
    ),
    path("data/", views.data_index, name="data"),
    path("data/datapackage.json", views.datapackage, name="datapackage"),
    path("data/<slug:name>.csv", views.data_file, name="data-file"),
]

# The acts of publication, beside the pages of what they publish (smewg/urls.py).
act_urlpatterns = [
    path("reports/<int:year>/<str:code>/release/", release.report_release, name="report-release"),
    path(
        "reports/<int:year>/<str:code>/withdraw/", release.report_withdraw, name="report-withdraw"
    ),
    path(
        "reports/annual/<str:code>/<int:year>/publish/",
        release.annual_publish,
        name="annual-publish",
    ),
    path(
        "reports/annual/<str:code>/<int:year>/withdraw/",
        release.annual_withdraw,
        name="annual-withdraw",
    ),
    path("reviews/<str:code>/<str:kind>/publish/", release.review_publish, name="review-publish"),
    path(
        "reviews/<str:code>/<str:kind>/withdraw/", release.review_withdraw, name="review-withdraw"
    ),
]

# Under /api/ (smewg/urls.py), before the API's own addresses: the public data and the acts.
api_urlpatterns = [
    path("public/reports/", api.released_reports, name="released-reports"),
    path("public/reports/<int:year>/<str:code>/", api.released_report, name="released-report"),
    path("public/documents/", api.published_documents, name="published-documents"),
    path("reports/<int:year>/<str:code>/release/", api.report_release, name="report-release"),
    path("reports/<int:year>/<str:code>/withdraw/", api.report_withdraw, name="report-withdraw"),
    path(
        "annual-reports/<str:code>/<int:year>/publish/", api.annual_publish, name="annual-publish"
    ),
    path(
        "annual-reports/<str:code>/<int:year>/withdraw/",
        api.annual_withdraw,
        name="annual-withdraw",
    ),
    path("reviews/<str:code>/<str:kind>/publish/", api.review_publish, name="review-publish"),
    path("reviews/<str:code>/<str:kind>/withdraw/", api.review_withdraw, name="review-withdraw"),
]
