"""Who has a design open: each open editor says so every few seconds (a heartbeat), and hears who else did lately.

Kept in the "presence" cache (Redis, shared by every web process), one entry per design: user name -> the time of
their last heartbeat. Someone silent for longer than PRESENCE_SECONDS has left. If the cache cannot be reached,
nobody is reported (presence is a courtesy; editing goes on without it).
"""

from __future__ import annotations

import logging
import time

from django.core.cache import caches

from ..models import Design

log = logging.getLogger(__name__)

PRESENCE_SECONDS = 30


def _key(design: Design) -> str:
    return f"design:{design.pk}"


def heartbeat(design: Design, username: str, now: float | None = None) -> list[dict[str, object]] | None:
    """Record that `username` has `design` open; the others who do, each with how long ago they were last seen
    (whole seconds), longest-present first. None when the presence cache is out of reach."""
    now = time.time() if now is None else now
    cache = caches["presence"]
    try:
        seen: dict[str, list[float]] = cache.get(_key(design)) or {}
        current = {name: times for name, times in seen.items() if now - times[1] <= PRESENCE_SECONDS}
        first = current.get(username, [now, now])[0]
        current[username] = [first, now]
        cache.set(_key(design), current, timeout=PRESENCE_SECONDS * 4)
    except Exception:  # Redis down or unreachable: say nothing rather than fail the editor's request
        log.warning("presence cache unavailable", exc_info=True)
        return None
    others = sorted((times[0], name, times[1]) for name, times in current.items() if name != username)
    return [{"username": name, "seen_seconds_ago": int(now - last)} for _, name, last in others]
