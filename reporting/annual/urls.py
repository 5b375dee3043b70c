from django.urls import path

from reporting.annual import api as annual_api
from reporting.annual import views as annual_views
from reporting.documents.urls import document_urlpatterns

app_name = "annual"

urlpatterns = document_urlpatterns(
    "<str:code>/<int:year>/",
    annual_views,
    more=[("freeze/", annual_views.annual_freeze, "freeze")],
)

# Under /api/annual-reports/ (smewg/urls.py), before the API's own addresses.
api_urlpatterns = [
    path("<str:code>/<int:year>/", annual_api.annual_report, name="report"),
]
