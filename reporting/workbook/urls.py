"""The report as a workbook, under the report's own address."""

from django.urls import path

from reporting.reports.urls import report
from reporting.workbook import views

urlpatterns = [
    path(f"{report}workbook/", views.workbook_download, name="workbook-download"),
    path(f"{report}workbook/upload/", views.workbook_upload, name="workbook-upload"),
    path(f"{report}workbook/preview/", views.workbook_preview, name="workbook-preview"),
]
