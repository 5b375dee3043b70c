"""The commitments: a report's, under /reports/<year>/<code>/commitments/, and the overdue ones
for the secretariat under /reports/commitments/."""

from django.urls import path

from reporting.commitments import views

urlpatterns = [
    path("commitments/", views.overdue_list, name="commitment-overdue"),
    path("<int:year>/<str:code>/commitments/", views.commitment_list, name="commitment-list"),
]
