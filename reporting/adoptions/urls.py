"""The source of an adopted best practice, under /reports/<year>/<code>/best-practices/<pk>/."""

from django.urls import path

from reporting.adoptions import views

practice = "<int:year>/<str:code>/best-practices/<int:pk>/"

urlpatterns = [
    path(f"{practice}source/", views.adoption_edit, name="adoption-edit"),
    path(f"{practice}source/remove/", views.adoption_remove, name="adoption-remove"),
]
