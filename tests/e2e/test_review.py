"""End to end in a real Chromium: the architect's review. A design whose database runs without Multi-AZ shows the
finding in the Review tab and a marker on the database; the fix is previewed with its cost effect and applied as a
new revision, after which the finding and the marker are gone."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from designer.models import Design
from designer.services.catalog import sync_catalog
from designer.services.designs import create_design
from tests.advice.rule_cases import tiered_network
from tests.e2e.pages import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def design(live_server: Any) -> Design:
    sync_catalog()  # the palette: an earlier transactional test may have emptied the table a migration filled
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    user = get_user_model().objects.create_user("demo", password="demo")
    created, _ = create_design(owner=user, document=tiered_network("isolated", multi_az=False))
    return created


def test_a_finding_s_fix_is_previewed_with_its_cost_and_applied_as_a_new_revision(
    page: Any, live_server: Any, design: Design
) -> None:
    base = live_server.url
    log_in(page, base)
    page.goto(f"{base}/designs/{design.pk}/")
    database = page.get_by_test_id("node-db")
    expect(database).to_be_visible()
    expect(database.get_by_label("Review: RDS database without Multi-AZ", exact=False)).to_be_visible()

    page.get_by_role("tab", name="Review").click()
    warnings = page.get_by_role("list", name="Warnings")
    finding = warnings.get_by_role("listitem").filter(has_text="RDS database without Multi-AZ")
    expect(finding).to_contain_text("runs in one Availability Zone with no standby")
    finding.get_by_role("button", name="Preview fix").click()

    fix = page.get_by_role("region", name="Fix: Turn on Multi-AZ")
    expect(fix.get_by_role("list", name="What the fix changes")).to_contain_text("Multi-AZ off → on")
    expect(fix).to_contain_text("a month")  # the cost effect: Multi-AZ adds a standby's hours
    fix.get_by_role("button", name="Apply fix").click()

    expect(page.get_by_text("Applied: Turn on Multi-AZ (revision 2)")).to_be_visible()
    expect(database.get_by_label("Review: RDS database without Multi-AZ", exact=False)).to_have_count(0)
    expect(finding).to_have_count(0)
    design.refresh_from_db()
    assert design.head is not None and design.head.number == 2
    db = next(n for n in design.head.document["nodes"] if n["id"] == "db")
    assert db["props"]["multi_az"] is True
    assert design.head.message == "Fix: Turn on Multi-AZ (rds-single-az)"
