from django.urls import path

from plans import project_views, round_views

app_name = "projects"

round_ = "rounds/<int:year>/<int:number>/"
activity = "schedule/<str:code>/activities/<int:number>/"

urlpatterns = [
    path("", project_views.project_list, name="project-list"),
    path("portfolio/", project_views.portfolio_page, name="portfolio"),
    path("schedule/<str:code>/", project_views.schedule, name="schedule"),
    path(
        "schedule/<str:code>/activities/new/",
        project_views.activity_create,
        name="activity-create",
    ),
    path(activity, project_views.activity_edit, name="activity-edit"),
    path(f"{activity}delete/", project_views.activity_delete, name="activity-delete"),
    path("rounds/", round_views.round_list, name="round-list"),
    path(round_, round_views.round_detail, name="round-detail"),
    path(f"{round_}score/", round_views.round_score, name="round-score"),
    path(f"{round_}close/", round_views.round_close, name="round-close"),
    path(f"{round_}ranking.xlsx", round_views.round_export, name="round-export"),
    path("meetings/", project_views.meeting_list, name="meeting-list"),
    path("meetings/<int:number>/", project_views.meeting_detail, name="meeting-detail"),
    # Last: a project's slug is its code's ("sme-01-2015a"), never one of the words above.
    path("<slug:slug>/", project_views.project_detail, name="project-detail"),
]
