"""One error format for every API response that is not a success:

    {"type": "invalid_design", "detail": "The design has 2 problems.", "errors": [{...}, ...]}

`type` is a stable machine-readable code, `detail` a sentence, and `errors` the individual findings, each
with `code`, `message`, `path` (a JSON path into the request body or the design), and, for design problems,
the `node` or `edge` id and the `field` inside it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

from designer.document import DocumentInvalid

log = logging.getLogger(__name__)

_TYPES: dict[type[Exception], str] = {
    exceptions.ValidationError: "invalid_request",
    exceptions.ParseError: "parse_error",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
}


def body(type_: str, detail: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"type": type_, "detail": detail, "errors": errors or []}


def _flatten(detail: Any, path: str = "$") -> list[dict[str, Any]]:
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            sub = path if key == "non_field_errors" else f"{path}.{key}"
            out.extend(_flatten(value, sub))
        return out
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [_item(item, path) for item in detail]
        out = []
        for index, value in enumerate(detail):
            out.extend(_flatten(value, f"{path}[{index}]"))
        return out
    return [_item(detail, path)]


def _item(message: Any, path: str) -> dict[str, Any]:
    code = getattr(message, "code", "invalid")
    field = path[2:] if path.startswith("$.") else None
    return {
        "code": code,
        "message": str(message),
        "path": path,
        "node": None,
        "edge": None,
        "field": field,
        "severity": "error",
    }


def design_problems_response(exc: DocumentInvalid) -> Response:
    errors = [p for p in exc.problems if p.severity == "error"]
    noun = "problem" if len(errors) == 1 else "problems"
    detail = f"The design has {len(errors)} {noun}." if errors else "The design is not valid."
    return Response(body("invalid_design", detail, [p.as_dict() for p in exc.problems]), status=400)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DocumentInvalid):
        return design_problems_response(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: Django's 500 handler answers, in this same format (see handler500 below)

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))  # type: ignore[attr-defined]
    type_ = next((name for cls, name in _TYPES.items() if isinstance(exc, cls)), exc.default_code)
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        detail = errors[0]["message"] if len(errors) == 1 else f"The request has {len(errors)} problems."
    else:
        errors = []
        detail = str(exc.detail)
    set_rollback()
    extra = getattr(exc, "extra", None) or {}  # what some answers carry besides the envelope (a conflict's head)
    return Response({**body(type_, detail, errors), **extra}, status=exc.status_code, headers=headers)


def handler404(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(body("not_found", "Not found."), status=404)


def handler500(request: HttpRequest) -> JsonResponse:
    log.error("server error on %s %s", request.method, request.path)
    return JsonResponse(body("server_error", "The server failed to answer; the error has been logged."), status=500)
