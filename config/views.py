"""Browser-facing pages that are not part of the REST API: the app shell and the health check."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from designer.models import ShareLink
from designer.services import sharing
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
    """The single-page app built by Vite, at /, /teams/ and /designs/<pk>/ (the editor: the page reads the id from
    its path). The page reads the CSRF cookie for its API calls."""
    return _shell(request)


@require_GET
@ensure_csrf_cookie
@never_cache
def shared_link(request: HttpRequest, token: str) -> HttpResponse:
    """A share link's page, /s/<token>/, open to anyone holding it: this browser session may now view the link's
    design read-only (the app opens it). A link unknown, revoked or expired is a 404."""
    try:
        sharing.open_link(request.session, token)
    except ShareLink.DoesNotExist:
        raise Http404("This link does not exist, was revoked or has expired.") from None
    return _shell(request)


def _shell(request: HttpRequest) -> HttpResponse:
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        return render(request, "frontend_missing.html", status=503)
    return HttpResponse(index.read_text(encoding="utf-8"))
