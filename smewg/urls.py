from django.contrib import admin
from django.urls import include, path

from reporting.annual.urls import api_urlpatterns as annual_api_urls
from reporting.home import views as home_views
from reporting.ops import views as ops_views
from reporting.public.urls import act_urlpatterns as publication_urls
from reporting.public.urls import api_urlpatterns as public_api_urls

urlpatterns = [
    path("", home_views.home, name="home"),
    path("accounts/", include("plans.accounts.urls")),
    path("plans/", include("plans.catalogue.urls")),
    path("public/", include("reporting.public.urls")),
    path("", include((publication_urls, "publication"))),
    # Before the economies' reports: "annual" is no year.
    path("reports/annual/", include("reporting.annual.urls")),
    path("reports/", include("reporting.urls")),
    path("dashboard/", include("reporting.dashboards.urls")),
    path("reviews/", include("reporting.reviews.urls")),
    path("projects/", include("plans.projects.urls")),
    path("api/annual-reports/", include((annual_api_urls, "annual-api"))),
    path("api/", include((public_api_urls, "public-api"))),
    path("api/", include("reporting.api.urls")),
    path("admin/", admin.site.urls),
    path("healthz", ops_views.healthz, name="healthz"),
]

admin.site.site_header = "SMEWG Strategic Plan Tracker"
admin.site.site_title = "SMEWG Tracker admin"
admin.site.index_title = "Catalogue, accounts and data"
