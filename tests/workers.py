"""A real `celery worker` process for tests: on the test database, consuming one queue. A plain module (not a test)
shared by tests/test_worker.py and the end-to-end tests that need renders or estimates done by a worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from config.celery import app

ROOT = Path(__file__).resolve().parent.parent


def worker_database_url() -> str:
    """The test database, as a DATABASE_URL the worker process reads."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def running_worker(
    name: str, database_url: str, queue: str, media: Path, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """A worker named `name` consuming `queue` with the test database and `media` as its MEDIA_ROOT, once it
    answers a ping (within 60 s); stopped on leaving."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_QUEUE": queue,
        "DEBUG": "1",
        "MEDIA_ROOT": str(media),
        **(extra_env or {}),
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-n", name, "--pool", "solo"]
    proc = subprocess.Popen(
        [*command, "-l", "warning", "-Q", queue],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if app.control.ping(destination=[name], timeout=0.5):
                break
            if proc.poll() is not None:
                raise RuntimeError(f"the worker exited: {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        else:
            raise RuntimeError("the worker did not answer a ping within 60 s")
        yield name
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
