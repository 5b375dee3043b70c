"""/accounts/two-factor/: the second step of signing in, and the setup of second factors."""

from django.urls import path

from plans.accounts.twofactor import views

urlpatterns = [
    path("", views.overview, name="two-factor"),
    path("add/", views.authenticator_add, name="two-factor-add"),
    path("verify/", views.verify, name="two-factor-verify"),
    path("recovery-codes/", views.recovery_codes, name="two-factor-recovery-codes"),
    path(
        "recovery-codes/download/",
        views.recovery_codes_download,
        name="two-factor-recovery-codes-download",
    ),
    path("remove/<int:device_id>/", views.authenticator_remove, name="two-factor-remove"),
]
