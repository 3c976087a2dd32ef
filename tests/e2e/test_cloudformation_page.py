"""End to end in a real Chromium: import a CloudFormation template from the designs page, download one, and see
the server's message for a template it cannot read."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from designer.cloudformation.importer import import_template
from designer.cloudformation.yaml_io import load_template
from designer.models import Design
from designer.services.demo import seed_demo
from tests.e2e.pages import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "cfn-corpus"
NAT_TEMPLATE = CORPUS / "VPC_VPC_With_Managed_NAT_And_Private_Subnet.yaml"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def import_card(page: Any) -> Any:
    return page.get_by_role("region", name="Import a CloudFormation template")


def test_a_template_file_is_imported_and_its_report_shown(page: Any, live_server: Any) -> None:
    seed_demo()
    log_in(page, live_server.url)
    card = import_card(page)

    card.get_by_label("Template file").set_input_files(NAT_TEMPLATE)
    card.get_by_label("Name (optional)").fill("Managed NAT network")
    card.get_by_role("button", name="Import template").click()

    # The numbers are the server's: the same import, run here, says what they must be.
    report = import_template(NAT_TEMPLATE.read_text(), name="Managed NAT network").report
    summary = (
        f"Imported “Managed NAT network”: {plural(report.resources, 'resource')} → "
        f"{plural(report.nodes, 'component')} and {plural(report.edges, 'connection')}."
    )
    expect(card.get_by_role("status")).to_have_text(summary)
    assert report.resources > 0 and report.nodes > 0
    expect(card.get_by_role("alert")).to_have_count(0)

    # The new design is at the top of the list, next to the examples.
    rows = page.get_by_role("table", name="Your designs").get_by_role("row")
    expect(rows.nth(1).get_by_role("rowheader")).to_have_text("Managed NAT network")
    expect(page.get_by_text("4 designs in all")).to_be_visible()
    expect(card.get_by_label("Template file")).to_have_value("")

    design = Design.objects.get(name="Managed NAT network")
    assert design.owner.username == "demo"
    assert design.head is not None and design.head.number == 1
    assert len(design.head.document["nodes"]) == report.nodes


def test_the_cloudformation_link_downloads_the_designs_template(page: Any, live_server: Any) -> None:
    seed_demo()
    log_in(page, live_server.url)
    design = Design.objects.get(owner__username="demo", name="Three-tier web app")
    assert design.head is not None

    link = page.get_by_role("link", name="Download CloudFormation template of Three-tier web app")
    expect(link).to_have_text("CloudFormation")
    expect(link).to_have_attribute("download", "")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value

    assert download.failure() is None
    assert download.suggested_filename == f"Three-tier-web-app-r{design.head.number}.yaml"
    template = load_template(Path(download.path()).read_bytes())
    resources = template["Resources"]
    assert isinstance(resources, dict) and resources
    assert all(str(body["Type"]).startswith("AWS::") for body in resources.values())
    # Still on the designs page: the download did not navigate away.
    expect(page.get_by_role("heading", name="Your designs")).to_be_visible()


def test_a_broken_template_shows_the_servers_message(page: Any, live_server: Any) -> None:
    seed_demo()
    log_in(page, live_server.url)
    card = import_card(page)

    broken = {"name": "broken.yaml", "mimeType": "application/x-yaml", "buffer": b"Resources:\n  Vpc: [\nnope: 1\n"}
    card.get_by_label("Template file").set_input_files(broken)
    card.get_by_role("button", name="Import template").click()

    alert = card.get_by_role("alert")
    expect(alert).to_contain_text(re.compile(r"not valid YAML at line \d+, column \d+"))
    expect(card.get_by_label("Template file")).to_have_attribute("aria-invalid", "true")
    expect(card.get_by_role("status", include_hidden=True)).to_be_empty()
    expect(page.get_by_text("3 designs in all")).to_be_visible()
    assert Design.objects.filter(owner__username="demo").count() == 3
