"""/accounts/: signing in and out, the profile and the director's lockouts page.

The names are not namespaced: Django's auth views, LOGIN_URL and the templates call them
`login`, `logout`, `profile` and `lockouts`."""

from django.contrib.auth import views as auth_views
from django.urls import path

from plans.accounts import views

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("lockouts/", views.lockouts, name="lockouts"),
]
