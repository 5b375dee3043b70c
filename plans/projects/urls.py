from django.urls import include, path

from plans.projects import views

app_name = "projects"

round_ = "rounds/<int:year>/<int:number>/"
activity = "schedule/<str:code>/activities/<int:number>/"

urlpatterns = [
    path("", views.project_list, name="project-list"),
    path("portfolio/", views.portfolio_page, name="portfolio"),
    path("schedule/<str:code>/", views.schedule, name="schedule"),
    path(
        "schedule/<str:code>/activities/new/",
        views.activity_create,
        name="activity-create",
    ),
    path(activity, views.activity_edit, name="activity-edit"),
    path(f"{activity}delete/", views.activity_delete, name="activity-delete"),
    path("rounds/", views.round_list, name="round-list"),
    path(round_, views.round_detail, name="round-detail"),
    path(f"{round_}score/", views.round_score, name="round-score"),
    path(f"{round_}close/", views.round_close, name="round-close"),
    path(f"{round_}ranking.xlsx", views.round_export, name="round-export"),
    # The meetings live in their own feature; their pages sit under /projects/ in the navigation,
    # and their names in this namespace (projects:meeting-list).
    path("meetings/", include("plans.meetings.urls")),
    # Last: a project's slug is its code's ("sme-01-2015a"), never one of the words above.
    path("<slug:slug>/", views.project_detail, name="project-detail"),
]
