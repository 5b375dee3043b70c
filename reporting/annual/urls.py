from django.urls import path

from reporting.annual import api as annual_api
from reporting.annual import views as annual_views

app_name = "annual"

urlpatterns = [
    path("", annual_views.annual_index, name="index"),
    path("<str:code>/<int:year>/", annual_views.annual_detail, name="report"),
    path("<str:code>/<int:year>/freeze/", annual_views.annual_freeze, name="freeze"),
    path("<str:code>/<int:year>/reopen/", annual_views.annual_reopen, name="reopen"),
    path(
        "<str:code>/<int:year>/download/<str:fmt>/",
        annual_views.annual_download,
        name="download",
    ),
]

# Under /api/annual-reports/ (smewg/urls.py), before the API's own addresses.
api_urlpatterns = [
    path("<str:code>/<int:year>/", annual_api.annual_report, name="report"),
]
