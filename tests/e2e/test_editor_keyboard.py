"""End to end in a real Chromium: the editor from the keyboard (the palette, the Inspector's searchable list, undo,
the shortcuts' help), and every control of the editor named for assistive technology."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from designer.models import Design
from designer.services.catalog import sync_catalog
from designer.services.designs import create_design
from designer.services.examples import get_example
from tests.e2e.pages import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Every button, field, list and tab of the page, and its accessible name as the browser would compute it in the
# simple cases the app uses (a label element, aria-label, aria-labelledby, or the text inside).
UNNAMED = """() => {
  const named = (el) => {
    if (el.getAttribute('aria-label')?.trim()) return true;
    const by = el.getAttribute('aria-labelledby');
    if (by && by.split(/\\s+/).some((id) => document.getElementById(id)?.textContent.trim())) return true;
    if (el.labels && [...el.labels].some((l) => l.textContent.trim())) return true;
    if (el.closest('label')?.textContent.trim()) return true;
    if (['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) || el.getAttribute('role') === 'tab') {
      if (el.textContent.trim() || el.querySelector('img[alt]:not([alt=""])')) return true;
    }
    if (el.getAttribute('title')?.trim()) return true;
    return false;
  };
  const controls = document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, [role=combobox], [role=tab], a[href]'
  );
  return [...controls].filter((el) => el.offsetParent !== null && !named(el)).map((el) => el.outerHTML.slice(0, 160));
}"""


@pytest.fixture
def user(live_server: Any) -> Any:
    sync_catalog()  # the palette: an earlier transactional test may have emptied the table a migration filled
    return get_user_model().objects.create_user("demo", password="demo")


def test_a_component_is_added_and_named_from_the_keyboard(page: Any, live_server: Any, user: Any) -> None:
    design, _ = create_design(owner=user, name="Keyboard", region="us-east-1")
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/designs/{design.pk}/")
    expect(page.get_by_role("heading", name="Keyboard")).to_be_visible()

    search = page.get_by_role("searchbox", name="Search components")
    search.focus()
    page.keyboard.type("sqs")
    page.keyboard.press("Tab")  # to the first match
    expect(page.get_by_role("button", name="Add SQS queue")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("node-queue-1")).to_be_visible()

    # The new component is selected: the Inspector shows it; its name is changed from the keyboard.
    page.get_by_role("tab", name="Inspector").focus()
    page.keyboard.press("Enter")
    name = page.get_by_role("tabpanel").get_by_label("Name", exact=True)
    name.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("orders-queue")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("node-queue-1")).to_contain_text("orders-queue")
    expect(page.get_by_role("status").filter(has_text="All changes saved")).to_be_visible(timeout=15_000)
    saved = Design.objects.get(pk=design.pk).head.document
    assert [(n["id"], n["label"]) for n in saved["nodes"]] == [("queue-1", "orders-queue")]

    # Undo from the keyboard, on the canvas.
    page.locator(".canvas").focus()
    page.keyboard.press("Control+Z")
    expect(page.get_by_test_id("node-queue-1")).not_to_contain_text("orders-queue")

    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Ctrl+Z, Ctrl+Shift+Z")
    page.keyboard.press("Escape")
    expect(dialog).not_to_be_visible()


def test_every_control_of_the_editor_has_a_name(page: Any, live_server: Any, user: Any) -> None:
    design, _ = create_design(owner=user, document=get_example("three-tier-web-app").path.read_bytes())
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/designs/{design.pk}/")
    expect(page.locator(".react-flow__node")).not_to_have_count(0)
    page.get_by_test_id("node-db").get_by_text("orders-db").click()
    for tab in ("Inspector", "Problems", "Cost", "Export", "History", "Comments"):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_timeout(300)
        assert page.evaluate(UNNAMED) == [], f"unnamed controls with the {tab} panel open"
