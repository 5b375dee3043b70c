"""The questions on a report, under /reports/<year>/<code>/questions/."""

from django.urls import path

from reporting.questions import views

questions = "<int:year>/<str:code>/questions/"

urlpatterns = [
    path("questions/", views.question_index, name="question-index"),
    path(questions, views.question_list, name="question-list"),
    path(f"{questions}<int:pk>/", views.question_detail, name="question-detail"),
    path(f"{questions}<int:pk>/hide/", views.question_hide, name="question-hide"),
    path(
        f"{questions}<int:pk>/answers/<int:answer>/hide/",
        views.answer_hide,
        name="answer-hide",
    ),
]
