"""/accounts/sign-on/: single sign-on's start and the provider's return (404 unless set up)."""

from django.urls import path

from plans.accounts.sso import views

urlpatterns = [
    path("", views.sign_on_start, name="sign-on"),
    path("return/", views.sign_on_return, name="sign-on-return"),
]
