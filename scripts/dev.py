#!/usr/bin/env python3
"""Starts the app for development (`make run`) and runs every test (`make test`).

It picks the services: Redis at REDIS_URL, else the one on 127.0.0.1:6379, else a private redis-server it
starts and stops; for tests, the PostgreSQL on 127.0.0.1:5432 when one answers (as in CI), else SQLite.
`run` starts Django, a Celery worker and Celery beat, prints the URL and the demo login, and stops them all
on Ctrl-C. Standard library only, so it runs before anything else is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PYTHON = sys.executable
COLOURS = ["\033[36m", "\033[35m", "\033[33m", "\033[32m"]
RESET = "\033[0m"


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def tcp_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def redis_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def postgres_answers(host: str = "127.0.0.1", port: int = 5432) -> bool:
    if not tcp_open(host, port):
        return False
    try:
        import psycopg

        with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres", connect_timeout=2):
            return True
    except Exception:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Processes:
    """Child processes whose output is prefixed with their name; stopped together."""

    def __init__(self) -> None:
        self.children: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, args: list[str], env: dict[str, str], quiet: bool = False) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.children.append((name, proc))
        colour = COLOURS[len(self.children) % len(COLOURS)] if sys.stdout.isatty() else ""
        end = RESET if colour else ""

        def pump() -> None:
            assert proc.stdout is not None
            for line in iter(proc.stdout.readline, b""):
                if not quiet:
                    sys.stdout.write(f"{colour}{name:>6} |{end} {line.decode(errors='replace')}")
                    sys.stdout.flush()

        threading.Thread(target=pump, daemon=True).start()
        return proc

    def stop(self) -> None:
        for _, proc in self.children:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for _, proc in self.children:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()

    def first_exited(self) -> tuple[str, int] | None:
        for name, proc in self.children:
            if proc.poll() is not None:
                return name, proc.returncode
        return None


def ensure_redis(env: dict[str, str], procs: Processes) -> None:
    if env.get("REDIS_URL"):
        say(f"Redis: {env['REDIS_URL']} (from REDIS_URL)")
        return
    if redis_answers("127.0.0.1", 6379):
        env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
        say("Redis: the server on 127.0.0.1:6379")
        return
    server = shutil.which("redis-server")
    if server is None:
        sys.exit("No Redis answers on 127.0.0.1:6379 and redis-server is not installed (apt-get install redis-server).")
    port = free_port()
    procs.start(
        "redis",
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        env,
        quiet=True,
    )
    for _ in range(100):
        if redis_answers("127.0.0.1", port):
            break
        time.sleep(0.1)
    else:
        sys.exit("The local redis-server did not start.")
    env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    say(f"Redis: none answered on 127.0.0.1:6379, so started one on port {port} (stopped on exit)")


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def wait_for_http(url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except urllib.error.HTTPError:
            return True  # it answered (503 while the worker is still starting)
        except OSError:
            time.sleep(0.3)
    return False


def run(args: argparse.Namespace) -> int:
    env = base_env()
    env.setdefault("DEBUG", "1")
    (ROOT / "var").mkdir(exist_ok=True)
    procs = Processes()
    stopping = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    try:
        ensure_redis(env, procs)
        say(f"Database: {env.get('DATABASE_URL', 'SQLite file var/db.sqlite3')}")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "sync_catalog")
        username, password = env.get("DEMO_USERNAME", "demo"), env.get("DEMO_PASSWORD", "demo")
        manage(env, "seed_demo", "--username", username, "--password", password)
        manage(env, "refresh_prices", "--bundled")
        host, port = env.get("HOST", "127.0.0.1"), env.get("PORT", "8000")
        if tcp_open(host, int(port)):
            sys.exit(f"Port {port} on {host} is already in use; set PORT=... to use another.")
        procs.start("web", [PYTHON, "manage.py", "runserver", f"{host}:{port}"], env)
        procs.start(
            "worker",
            [
                str(VENV_BIN / "celery"),
                "-A",
                "config",
                "worker",
                "-l",
                "info",
                "--concurrency",
                env.get("WORKER_CONCURRENCY", "2"),
            ],
            env,
        )
        procs.start(
            "beat",
            [
                str(VENV_BIN / "celery"),
                "-A",
                "config",
                "beat",
                "-l",
                "info",
                "-s",
                str(ROOT / "var" / "celerybeat-schedule"),
            ],
            env,
        )
        url = f"http://{host}:{port}/"
        if wait_for_http(url + "healthz", 60):
            print(
                f"\n  AWS Architecture Designer is running at {url}\n"
                f"  Log in as {username} / {password}    API docs: {url}api/docs/    Health: {url}healthz\n"
                f"  Press Ctrl-C to stop the web server, the worker and beat.\n",
                flush=True,
            )
        while not stopping.is_set():
            exited = procs.first_exited()
            if exited:
                say(f"{exited[0]} stopped (exit code {exited[1]}); stopping the rest")
                return 1
            time.sleep(0.5)
        say("Stopping")
        return 0
    finally:
        procs.stop()


def test(args: argparse.Namespace) -> int:
    env = base_env()
    env.setdefault("DEBUG", "1")
    procs = Processes()
    try:
        ensure_redis(env, procs)
        if env.get("DATABASE_URL"):
            say(f"Database for tests: {env['DATABASE_URL']} (from DATABASE_URL)")
        elif postgres_answers():
            env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/aws_designer"
            say("Database for tests: the PostgreSQL on 127.0.0.1:5432 (test database test_aws_designer)")
        else:
            say("Database for tests: SQLite (no PostgreSQL answers on 127.0.0.1:5432)")
        # A queue of our own, so a `make run` worker on the same Redis never takes the tests' tasks.
        env["CELERY_QUEUE"] = f"aws-designer-test-{uuid.uuid4().hex[:8]}"
        failed = []
        say("Static checks (ruff, mypy on the engines)")
        for name, command in (
            ("ruff", [str(VENV_BIN / "ruff"), "check", "--quiet", "."]),
            ("mypy", [str(VENV_BIN / "mypy")]),
        ):
            if subprocess.run(command, cwd=ROOT, env=env).returncode:
                failed.append(name)
        if not args.python_only:
            say("Frontend unit tests (Vitest)")
            if subprocess.run(["npm", "test", "--silent"], cwd=ROOT / "frontend", env=env).returncode:
                failed.append("vitest")
        say("Python tests (pytest: engines, API, schemathesis, Celery worker, Chromium end to end)")
        if subprocess.run([PYTHON, "-m", "pytest", *args.pytest_args], cwd=ROOT, env=env).returncode:
            failed.append("pytest")
        if failed:
            say(f"FAILED: {', '.join(failed)}")
            return 1
        say("All tests passed")
        return 0
    finally:
        procs.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="start the web server, a Celery worker and beat")
    t = sub.add_parser("test", help="run every test")
    t.add_argument("--python-only", action="store_true", help="skip the frontend unit tests")
    t.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed to pytest")
    args = parser.parse_args()
    return run(args) if args.command == "run" else test(args)


if __name__ == "__main__":
    sys.exit(main())
