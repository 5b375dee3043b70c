from django.urls import path

from reporting.dashboards import quality
from reporting.dashboards import views as dashboards

app_name = "dashboard"

urlpatterns = [
    path("", dashboards.current_plan, name="index"),
    path("<str:code>/", dashboards.dashboard, name="plan"),
    path(
        "<str:code>/measures/<int:area>/<int:number>/",
        dashboards.measure_detail,
        name="measure",
    ),
    path("<str:code>/search/", dashboards.search, name="search"),
    path("<str:code>/reopened/", dashboards.reopened_reports, name="reopened"),
    path("<str:code>/quality/", quality.quality, name="quality"),
]
