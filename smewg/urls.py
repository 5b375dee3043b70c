from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from plans import lockouts
from plans.catalogue import views as plan_views
from reporting.annual.urls import api_urlpatterns as annual_api_urls
from reporting.api import tokens as api_tokens
from reporting.ops import views as ops_views

urlpatterns = [
    path("", plan_views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/profile/", api_tokens.profile, name="profile"),
    path("accounts/lockouts/", lockouts.lockouts, name="lockouts"),
    path("plans/", include("plans.catalogue.urls")),
    # Before the economies' reports: "annual" is no year.
    path("reports/annual/", include("reporting.annual.urls")),
    path("reports/", include("reporting.urls")),
    path("dashboard/", include("reporting.dashboards.urls")),
    path("reviews/", include("reporting.reviews.urls")),
    path("projects/", include("plans.projects.urls")),
    path("api/annual-reports/", include((annual_api_urls, "annual-api"))),
    path("api/", include("reporting.api.urls")),
    path("admin/", admin.site.urls),
    path("healthz", ops_views.healthz, name="healthz"),
]

admin.site.site_header = "SMEWG Strategic Plan Tracker"
admin.site.site_title = "SMEWG Tracker admin"
admin.site.index_title = "Catalogue, accounts and data"
