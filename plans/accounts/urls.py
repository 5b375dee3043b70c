"""/accounts/: signing in and out, the password pages, the profile, the director's lockouts
page, and the people page with its invitations and handovers.

The names are not namespaced: Django's auth views, LOGIN_URL and the templates call them
`login`, `logout`, `password_reset` ..., `profile` and `lockouts`."""

from django.urls import include, path

from plans.accounts import views

urlpatterns = [
    path("login/", views.SignIn.as_view(), name="login"),
    path("logout/", views.SignOut.as_view(), name="logout"),
    path("password/reset/", views.PasswordReset.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDone.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        views.PasswordResetComplete.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", views.PasswordChange.as_view(), name="password_change"),
    path("profile/", views.profile, name="profile"),
    path("lockouts/", views.lockouts, name="lockouts"),
    path("two-factor/", include("plans.accounts.twofactor.urls")),
    path("sign-on/", include("plans.accounts.sso.urls")),
    path("invitations/", views.invitations, name="invitations"),
    path(
        "invitations/people/<int:user_id>/deactivate/",
        views.account_deactivate,
        name="account-deactivate",
    ),
    path("invitations/handover/<str:code>/", views.handover, name="handover"),
    # Last: a token is any other path under invitations/.
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
