"""/reports/team/<CODE>/: an economy's team, where its delegate assigns the sections."""

from django.urls import path

from reporting.teams import views

urlpatterns = [path("team/<str:code>/", views.team, name="team")]
