from django.urls import path

from plans.catalogue import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("<str:code>/", views.plan_detail, name="plan-detail"),
]
