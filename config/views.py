"""Browser-facing pages that are not part of the REST API: the app shell and the health check."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from designer.services.health import check_health


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, Redis and Celery reachability: 200 when all answer, 503 otherwise."""
    report = check_health()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


@require_GET
@login_required
@ensure_csrf_cookie
@never_cache
def app_shell(request: HttpRequest, pk: object = None) -> HttpResponse:
    """The single-page app built by Vite, at / and at /designs/<pk>/ (the editor: the page reads the id from its
    path). The page reads the CSRF cookie for its API calls."""
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        return render(request, "frontend_missing.html", status=503)
    return HttpResponse(index.read_text(encoding="utf-8"))
