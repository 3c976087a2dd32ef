"""Reachability of what the app needs: the database, Redis, and at least one Celery worker."""

from __future__ import annotations

import time
from typing import Any

import redis
from django.conf import settings
from django.db import connection


def _timed(check: Any) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        detail = check()
    except Exception as exc:  # any failure means "not reachable"; the reason is reported
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": True, "latency_ms": round((time.perf_counter() - start) * 1000, 1), **(detail or {})}


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _redis() -> None:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
    finally:
        client.close()


def _celery() -> dict[str, Any]:
    from config.celery import app

    replies = app.control.ping(timeout=1.0)
    workers = sorted(name for reply in replies for name in reply)
    if not workers:
        raise RuntimeError("no worker answered a ping within 1 s")
    return {"workers": workers}


def check_health() -> dict[str, Any]:
    checks = {"database": _timed(_database), "redis": _timed(_redis)}
    checks["celery"] = _timed(_celery) if checks["redis"]["ok"] else {"ok": False, "error": "Redis is unreachable"}
    return {"status": "ok" if all(c["ok"] for c in checks.values()) else "unavailable", "checks": checks}
