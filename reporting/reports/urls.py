"""The reporting cycles, the reports and their sections, under /reports/."""

from django.urls import path

from reporting.reports import views

report = "<int:year>/<str:code>/"  # one report: its year and economy code

urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("queue/", views.queue, name="queue"),
    path("cycles/", views.cycle_list, name="cycle-list"),
    path("cycles/<int:year>/<action>/", views.cycle_toggle, name="cycle-toggle"),
    path(report, views.report_detail, name="report-detail"),
    path(f"{report}start/", views.report_start, name="report-start"),
    path(f"{report}sections/<str:section>/", views.section_edit, name="section-edit"),
    path(f"{report}check/", views.report_check, name="report-check"),
    path(f"{report}submitted/", views.report_submitted, name="report-submitted"),
    path(f"{report}return/", views.report_return, name="report-return"),
    path(f"{report}accept/", views.report_accept, name="report-accept"),
    path(f"{report}reopen/", views.report_reopen, name="report-reopen"),
    path(f"{report}history/", views.report_history, name="report-history"),
    path(f"{report}remind/", views.report_remind, name="report-remind"),
    path(f"{report}evidence/<int:pk>/", views.evidence_download, name="evidence-download"),
]
