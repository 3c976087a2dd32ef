"""Settings read from the environment: typed helpers that fail loudly, and a clean deployment check."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("yes", True), ("ON", True), ("0", False), ("off", False), ("", False)]
)
def test_env_bool_reads_the_usual_spellings(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("FLAG", value)
    assert env_bool("FLAG", not expected) is expected


def test_env_bool_names_the_variable_when_the_value_is_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match=r"DEBUG_X must be true or false.*'maybe'"):
        env_bool("DEBUG_X", False)


def test_env_int_refuses_words_and_values_below_its_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ImproperlyConfigured, match="N must be a whole number"):
        env_int("N", 1)
    monkeypatch.setenv("N", "-3")
    with pytest.raises(ImproperlyConfigured, match="N must be at least 0"):
        env_int("N", 1, minimum=0)
    monkeypatch.delenv("N")
    assert env_int("N", 7) == 7


def test_env_list_and_required_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOSTS", " a.example , b.example,, ")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.delenv("MISSING_ONE", raising=False)
    with pytest.raises(ImproperlyConfigured, match="MISSING_ONE must be set"):
        env_str("MISSING_ONE")


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True
    )


def test_production_settings_pass_the_deployment_check_without_warnings() -> None:
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="designer.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_require_a_secret_key_and_hosts() -> None:
    missing_key = manage("check", DEBUG="0", ALLOWED_HOSTS="designer.example.com")
    assert missing_key.returncode != 0 and "SECRET_KEY must be set" in missing_key.stderr
    missing_hosts = manage("check", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50))
    assert missing_hosts.returncode != 0 and "ALLOWED_HOSTS must be set" in missing_hosts.stderr


def test_a_malformed_setting_stops_the_app_with_its_name() -> None:
    result = manage("check", DEBUG="1", DESIGN_MAX_NODES="lots")
    assert result.returncode != 0 and "DESIGN_MAX_NODES must be a whole number" in result.stderr
