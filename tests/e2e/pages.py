"""Steps the end-to-end tests share: a plain module (not a test)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def log_in(page: Any, base: str, username: str = "demo", password: str = "demo") -> None:
    """Open the app, which sends a stranger to the login page, and log in (the demo user by default)."""
    page.goto(base + "/")
    expect(page).to_have_url(f"{base}/accounts/login/?next=/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your designs")).to_be_visible()
