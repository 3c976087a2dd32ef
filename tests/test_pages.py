"""The browser pages Django serves itself: login, the app shell, logout."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_the_app_asks_for_a_login_first(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_logging_in_opens_the_app_shell_with_a_csrf_cookie(client: Any, user: Any) -> None:
    page = client.get("/accounts/login/")
    assert b'name="username"' in page.content
    response = client.post("/accounts/login/", {"username": "alice", "password": "alice-secret-password"})
    assert response.status_code == 302 and response["Location"] == "/"
    shell = client.get("/")
    assert shell.status_code == 200
    assert b'<div id="root">' in shell.content and b"/static/app/assets/" in shell.content
    assert "csrftoken" in shell.cookies


def test_a_wrong_password_shows_an_error(client: Any, user: Any) -> None:
    response = client.post("/accounts/login/", {"username": "alice", "password": "nope"})
    assert response.status_code == 200 and b"didn't match" in response.content


def test_logging_out_ends_the_session(client: Any, user: Any) -> None:
    client.login(username="alice", password="alice-secret-password")
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302
