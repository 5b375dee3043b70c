from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from reporting.api import commitments, dashboards, questions, reported_figures, views

app_name = "api"

report = "reports/<int:year>/<str:code>/"

# Swagger UI's start-up script is served as a file of its own (the split view), so no inline
# script runs; its page has an inline <style> and the UI sets styles from its script, and its CSS
# draws icons from data: URLs: allowed on this page only.
docs = csp_update({"style-src": [SELF, UNSAFE_INLINE], "img-src": [SELF, "data:"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema")
)

urlpatterns = [
    path("", views.root, name="root"),
    # The schema and its docs are public on purpose: the API's shape is no secret, partners read
    # it before they have an account, and every resource it describes needs a token (docs/api.md).
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs, name="docs"),
    path("plans/", views.PlanList.as_view(), name="plan-list"),
    path("plans/<str:code>/", views.plan_detail, name="plan-detail"),
    path(
        "plans/<str:code>/reported-figures/",
        reported_figures.ReportedFigureList.as_view(),
        name="plan-reported-figures",
    ),
    path(
        "plans/<str:code>/questions/figures/",
        questions.plan_question_figures,
        name="plan-question-figures",
    ),
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
    path(f"{report}questions/", questions.report_questions, name="report-questions"),
    path(
        f"{report}questions/<int:question>/answers/",
        questions.question_answer,
        name="question-answer",
    ),
    path(f"{report}commitments/", commitments.report_commitments, name="report-commitments"),
    path(
        f"{report}commitments/follow-ups/",
        commitments.report_follow_ups,
        name="report-follow-ups",
    ),
    path("dashboard/<str:code>/", dashboards.dashboard, name="dashboard"),
    path(
        "dashboard/<str:code>/measures/<int:area>/<int:number>/",
        dashboards.measure,
        name="dashboard-measure",
    ),
    # Last: any other address under /api/ answers a JSON 404, not the site's HTML page.
    re_path(r"^(?P<rest>[\s\S]*)$", views.not_found, name="not-found"),
]
