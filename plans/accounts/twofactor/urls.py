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
    path("security-keys/add/options/", views.key_add_options, name="two-factor-key-add-options"),
    path("security-keys/add/", views.key_add, name="two-factor-key-add"),
    path(
        "security-keys/sign-in/options/",
        views.key_sign_in_options,
        name="two-factor-key-sign-in-options",
    ),
    path("security-keys/sign-in/", views.key_sign_in, name="two-factor-key-sign-in"),
    path("security-keys/<int:device_id>/remove/", views.key_remove, name="two-factor-key-remove"),
]
