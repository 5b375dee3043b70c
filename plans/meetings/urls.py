"""/projects/meetings/: included by plans.projects.urls, in its namespace."""

from django.urls import path

from plans.meetings import views

urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("<int:number>/", views.meeting_detail, name="meeting-detail"),
]
