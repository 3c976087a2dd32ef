"""URL routes: the app shell, login, admin, the REST API and the health check."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views import defaults

from api import errors

from . import views

urlpatterns = [
    path("", views.app_shell, name="home"),
    path("designs/<uuid:pk>/", views.app_shell, name="editor"),
    path("teams/", views.app_shell, name="teams"),
    path("teams/<uuid:pk>/", views.app_shell, name="team"),
    re_path(r"^s/(?P<token>[A-Za-z0-9_-]{1,200})/$", views.shared_link, name="shared-link"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return errors.handler404(request, exception)
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return errors.handler500(request)
    return defaults.server_error(request)
