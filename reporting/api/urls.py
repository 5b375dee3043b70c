from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from reporting.api import dashboards, views

app_name = "api"

report = "reports/<int:year>/<str:code>/"

urlpatterns = [
    path("", views.root, name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("plans/", views.PlanList.as_view(), name="plan-list"),
    path("plans/<str:code>/", views.plan_detail, name="plan-detail"),
    path("economies/", views.EconomyList.as_view(), name="economy-list"),
    path("cycles/", views.CycleList.as_view(), name="cycle-list"),
    path("projects/", views.ProjectList.as_view(), name="project-list"),
    path("projects/<slug:slug>/", views.project_detail, name="project-detail"),
    path("reports/", views.ReportList.as_view(), name="report-list"),
    path(report, views.report_detail, name="report-detail"),
    path(f"{report}sections/<str:section>/", views.section_detail, name="section-detail"),
    path(f"{report}submit/", views.report_submit, name="report-submit"),
    path(f"{report}return/", views.report_return, name="report-return"),
    path(f"{report}accept/", views.report_accept, name="report-accept"),
    path("dashboard/<str:code>/", dashboards.dashboard, name="dashboard"),
    path(
        "dashboard/<str:code>/measures/<int:area>/<int:number>/",
        dashboards.measure,
        name="dashboard-measure",
    ),
    # Last: any other address under /api/ answers a JSON 404, not the site's HTML page.
    re_path(r"^(?P<rest>[\s\S]*)$", views.not_found, name="not-found"),
]
