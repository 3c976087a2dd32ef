"""Fetching price files from the bulk API (designer.pricing.fetch) and refreshing the stored prices
(designer.services.prices.refresh_prices, manage.py refresh_prices / price_status), against a real HTTP
server on 127.0.0.1 that serves a directory in AWS's layout and misbehaves on request."""

from __future__ import annotations

import json
import socket
import time
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django.fixtures import Settings

from designer.models import PriceFetch, PriceSnapshot
from designer.pricing.book import price
from designer.pricing.estimators._common import instance_query
from designer.pricing.fetch import Fetcher, FetchError
from designer.pricing.selection import GLOBAL_OFFERS, GLOBAL_REGION
from designer.services.prices import DbPriceSource, RefreshOutcome, price_data_version, price_status, refresh_prices
from tests.pricing_data.conftest import LYFT_C4, PriceList, PriceServer, offer_path, savings_plan_path, variant

pytestmark = pytest.mark.django_db

OFFERS = ["AmazonEC2", "AWSLambda", "AWSComputeSavingsPlan"]
REGIONS = ["us-east-1", "eu-west-1"]
INDEX = "/offers/v1.0/aws/index.json"
EC2_V1 = offer_path("AmazonEC2", "20161213014831", "us-east-1")


def refresh(base_url: str, **kwargs: Any) -> dict[tuple[str, str], RefreshOutcome]:
    """refresh_prices() of the three test offers in two regions, retrying without waiting."""
    options: dict[str, Any] = {"offers": OFFERS, "regions": REGIONS, "backoff": 0, **kwargs}
    outcomes = refresh_prices(base_url=base_url, **options)
    return {(o.service_code, o.region): o for o in outcomes}


def statuses(outcomes: dict[tuple[str, str], RefreshOutcome]) -> dict[tuple[str, str], str]:
    return {key: o.status for key, o in outcomes.items()}


def offer_downloads(server: PriceServer) -> list[str]:
    """Requests for offer or Savings Plans files, as opposed to the indexes."""
    return [p for p in server.requests if "/current/" not in p and p != INDEX]


def active() -> set[tuple[str, str, str]]:
    return set(PriceSnapshot.objects.filter(status="active").values_list("service_code", "region", "offer_version"))


def c4_hour() -> Decimal:
    return price(DbPriceSource(), instance_query("us-east-1", "c4.large"), Decimal(1)).unit_price


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


# -- a normal refresh -------------------------------------------------------------------------------------


def test_refresh_loads_every_listed_file_from_a_bulk_api_server(server: PriceServer, price_list: PriceList) -> None:
    outcomes = refresh(server.url)
    assert statuses(outcomes) == {
        ("AmazonEC2", "us-east-1"): "succeeded",
        ("AmazonEC2", "eu-west-1"): "skipped",
        ("AWSLambda", "us-east-1"): "succeeded",
        ("AWSLambda", "eu-west-1"): "succeeded",
        ("AWSComputeSavingsPlan", "us-east-1"): "skipped",
        ("AWSComputeSavingsPlan", "eu-west-1"): "succeeded",
    }
    assert outcomes[("AmazonEC2", "us-east-1")].detail == "version 20161213014831, 8 prices"
    assert outcomes[("AWSComputeSavingsPlan", "eu-west-1")].detail == "version 20200220220300, 4 prices"
    assert active() == {
        ("AmazonEC2", "us-east-1", "20161213014831"),
        ("AWSLambda", "us-east-1", "20161207235208"),
        ("AWSLambda", "eu-west-1", "20161207235208"),
        ("AWSComputeSavingsPlan", "eu-west-1", "20200220220300"),
    }
    fetch = PriceFetch.objects.get(service_code="AmazonEC2", region="us-east-1")
    assert fetch.source_url == server.url + EC2_V1
    assert fetch.bytes_downloaded == LYFT_C4.stat().st_size
    assert (fetch.items_kept, fetch.products_read) == (8, 1)
    assert fetch.snapshot is not None and fetch.snapshot.status == "active"
    assert c4_hour() == Decimal("0.10")
    assert server.requests.count(savings_plan_path("20200220220300", "eu-west-1")) == 1


def test_a_second_refresh_skips_every_file_without_downloading_it(server: PriceServer) -> None:
    refresh(server.url)
    version = price_data_version()
    server.requests.clear()
    outcomes = refresh(server.url)
    assert set(statuses(outcomes).values()) == {"skipped"}
    assert outcomes[("AmazonEC2", "us-east-1")].detail == "version 20161213014831 is already loaded"
    assert outcomes[("AWSComputeSavingsPlan", "eu-west-1")].detail == "version 20200220220300 is already loaded"
    assert offer_downloads(server) == []
    assert server.requests.count(INDEX) == 1
    assert price_data_version() == version


def test_a_file_whose_url_has_no_version_is_downloaded_again_but_not_loaded_twice(
    server: PriceServer, price_list: PriceList
) -> None:
    current = "/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json"  # a form the bulk API also serves
    price_list.put(current, LYFT_C4)
    price_list.list_offer("AmazonEC2", "us-east-1", current)
    first = refresh(server.url, offers=["AmazonEC2"], regions=["us-east-1"])
    second = refresh(server.url, offers=["AmazonEC2"], regions=["us-east-1"])
    assert first[("AmazonEC2", "us-east-1")].status == "succeeded"
    assert second[("AmazonEC2", "us-east-1")].detail == "version 20161213014831 is already loaded"
    assert server.requests.count(current) == 2
    assert PriceSnapshot.objects.count() == 1


def test_a_new_version_listed_in_the_region_index_replaces_the_loaded_one(
    server: PriceServer, price_list: PriceList, tmp_path: Path
) -> None:
    refresh(server.url)
    v2 = variant(LYFT_C4, tmp_path / "v2.json", version="20170101000000", on_demand_usd="0.1050000000")
    price_list.offer("AmazonEC2", "us-east-1", "20170101000000", v2)
    outcomes = refresh(server.url)
    assert outcomes[("AmazonEC2", "us-east-1")].status == "succeeded"
    assert ("AmazonEC2", "us-east-1", "20170101000000") in active()
    assert c4_hour() == Decimal("0.105")


# -- transient failures are retried -----------------------------------------------------------------------


def test_a_503_is_retried_and_the_file_then_loads(server: PriceServer) -> None:
    server.fail(EC2_V1, "503", "503")
    outcomes = refresh(server.url, offers=["AmazonEC2"], regions=["us-east-1"], retries=3)
    assert outcomes[("AmazonEC2", "us-east-1")].status == "succeeded"
    assert server.requests.count(EC2_V1) == 3


def test_the_fetcher_waits_twice_as_long_after_each_failure(server: PriceServer) -> None:
    waits: list[float] = []
    server.fail(INDEX, "503", "503", "503")
    fetcher = Fetcher(server.url, retries=3, backoff=0.25, sleep=waits.append)
    assert "AmazonEC2" in fetcher.offer_index()["offers"]
    assert waits == [0.25, 0.5, 1.0]
    assert server.requests.count(INDEX) == 4


def test_a_server_that_keeps_answering_503_fails_after_the_last_retry(server: PriceServer) -> None:
    waits: list[float] = []
    server.fail(INDEX, "always-503")
    fetcher = Fetcher(server.url, retries=2, backoff=1, sleep=waits.append)
    with pytest.raises(FetchError, match=r"failed after 3 attempts .*answered 503"):
        fetcher.offer_index()
    assert waits == [1, 2]


def test_a_404_is_not_retried(server: PriceServer) -> None:
    waits: list[float] = []
    fetcher = Fetcher(server.url, retries=3, sleep=waits.append)
    with pytest.raises(FetchError, match="answered 404"):
        fetcher.json("/offers/v1.0/aws/NoSuchOffer/current/region_index.json")
    assert waits == []


def test_a_server_that_never_answers_in_time_is_a_read_timeout(server: PriceServer) -> None:
    server.fail(INDEX, "always-stall")
    fetcher = Fetcher(server.url, timeout=(1, 0.5), retries=1, sleep=lambda seconds: None)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"(?i)read timed out"):
        fetcher.offer_index()
    assert time.monotonic() - started < 3
    assert server.requests.count(INDEX) == 2


def test_a_read_timeout_during_a_refresh_is_recorded_as_a_failure(server: PriceServer, settings: Settings) -> None:
    settings.PRICE_FETCH_READ_TIMEOUT = 1
    server.fail(EC2_V1, "always-stall")
    outcomes = refresh(server.url, offers=["AmazonEC2"], regions=["us-east-1"], retries=0)
    outcome = outcomes[("AmazonEC2", "us-east-1")]
    assert outcome.status == "failed" and "Read timed out" in outcome.detail
    fetch = PriceFetch.objects.get()
    assert (fetch.status, fetch.error) == ("failed", outcome.detail)
    [row] = price_status()
    assert "Read timed out" in row.last_failure and row.offer_version == ""


def test_a_body_cut_short_once_is_downloaded_again(server: PriceServer) -> None:
    server.fail(EC2_V1, "short")
    outcomes = refresh(server.url, offers=["AmazonEC2"], regions=["us-east-1"], retries=2)
    assert outcomes[("AmazonEC2", "us-east-1")].status == "succeeded"
    assert server.requests.count(EC2_V1) == 2
    assert PriceFetch.objects.get().bytes_downloaded == LYFT_C4.stat().st_size


# -- failures keep the previous prices ---------------------------------------------------------------------


def test_a_body_always_cut_short_fails_and_the_previous_snapshot_stays_active(
    server: PriceServer, price_list: PriceList, tmp_path: Path
) -> None:
    refresh(server.url)
    v2 = price_list.offer(
        "AmazonEC2", "us-east-1", "20170101000000", variant(LYFT_C4, tmp_path / "v2.json", version="20170101000000")
    )
    server.fail(v2, "always-short")
    outcome = refresh(server.url, retries=2)[("AmazonEC2", "us-east-1")]
    assert outcome.status == "failed"
    assert "FetchError" in outcome.detail and "download failed after 3 attempts" in outcome.detail
    assert server.requests.count(v2) == 3
    assert ("AmazonEC2", "us-east-1", "20161213014831") in active()
    assert not PriceSnapshot.objects.filter(offer_version="20170101000000").exists()
    row = next(r for r in price_status() if r.service_code == "AmazonEC2")
    assert row.offer_version == "20161213014831" and "download failed" in row.last_failure


def test_a_malformed_json_file_fails_and_the_previous_snapshot_stays_active(
    server: PriceServer, price_list: PriceList, tmp_path: Path
) -> None:
    refresh(server.url)
    v2 = variant(LYFT_C4, tmp_path / "v2.json", version="20170101000000")
    v2.write_text(v2.read_text().replace('"endRange": "Inf",', '"endRange": "Inf",,', 1))
    price_list.offer("AmazonEC2", "us-east-1", "20170101000000", v2)
    outcome = refresh(server.url)[("AmazonEC2", "us-east-1")]
    assert outcome.status == "failed" and outcome.detail.startswith("OfferError")
    assert ("AmazonEC2", "us-east-1", "20161213014831") in active()
    assert PriceSnapshot.objects.get(offer_version="20170101000000").status == "failed"
    assert c4_hour() == Decimal("0.10")
    row = next(r for r in price_status() if r.service_code == "AmazonEC2")
    assert "malformed" in row.last_failure


def test_a_region_the_index_does_not_list_is_skipped_as_not_offered(server: PriceServer) -> None:
    outcome = refresh(server.url, offers=["AmazonEC2"], regions=["eu-west-1"])[("AmazonEC2", "eu-west-1")]
    assert (outcome.status, outcome.detail) == ("skipped", "AmazonEC2 has no prices for eu-west-1")
    assert PriceFetch.objects.get().status == "skipped"
    assert offer_downloads(server) == []
    assert price_status() == []


def test_a_listed_file_that_answers_404_fails(server: PriceServer, price_list: PriceList) -> None:
    missing = offer_path("AmazonEC2", "20161213014831", "eu-west-1")
    price_list.list_offer("AmazonEC2", "eu-west-1", missing)
    outcome = refresh(server.url, offers=["AmazonEC2"], regions=["eu-west-1"], retries=3)[("AmazonEC2", "eu-west-1")]
    assert outcome.status == "failed"
    assert f"{server.url}{missing} answered 404" in outcome.detail
    assert server.requests.count(missing) == 1
    [row] = price_status()
    assert (row.service_code, row.region, row.item_count) == ("AmazonEC2", "eu-west-1", 0)


@pytest.mark.parametrize("how", ["connection refused", "index answers 404"])
def test_an_unreachable_offer_index_fails_every_job_with_the_reason(server: PriceServer, how: str) -> None:
    if how == "connection refused":
        base, reason = f"http://127.0.0.1:{closed_port()}", "failed after 2 attempts"
    else:
        server.fail(INDEX, "always-404")
        base, reason = server.url, "answered 404"
    outcomes = refresh(base, retries=1)
    assert len(outcomes) == 6
    for outcome in outcomes.values():
        assert outcome.status == "failed"
        assert INDEX in outcome.detail and reason in outcome.detail
    assert PriceFetch.objects.filter(status="failed").count() == 6
    assert not PriceSnapshot.objects.exists()
    if how == "index answers 404":
        # The failure is remembered: one request (with its retries) for the whole refresh, not one per file.
        assert server.requests.count(INDEX) == 1


# -- the commands -------------------------------------------------------------------------------------------


def command(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_refresh_command_prints_one_line_per_file_and_a_summary(server: PriceServer) -> None:
    args = ["--base-url", server.url, "--region", "us-east-1", "--region", "eu-west-1"]
    for offer in OFFERS:
        args += ["--service", offer]
    lines = command("refresh_prices", *args).splitlines()
    assert lines == [
        "succeeded  AmazonEC2 us-east-1: version 20161213014831, 8 prices",
        "  skipped  AmazonEC2 eu-west-1: AmazonEC2 has no prices for eu-west-1",
        "succeeded  AWSLambda us-east-1: version 20161207235208, 2 prices",
        "succeeded  AWSLambda eu-west-1: version 20161207235208, 2 prices",
        "  skipped  AWSComputeSavingsPlan us-east-1: no Compute Savings Plans file for us-east-1",
        "succeeded  AWSComputeSavingsPlan eu-west-1: version 20200220220300, 4 prices",
        "4 loaded, 0 already current, 2 not offered, 0 failed",
    ]


def test_the_refresh_command_fails_when_no_file_could_be_loaded(server: PriceServer) -> None:
    server.fail(INDEX, "always-404")
    out = StringIO()
    with pytest.raises(CommandError, match="no price file could be loaded") as caught:
        call_command(
            "refresh_prices", "--base-url", server.url, "--region", "us-east-1", "--service", "AmazonEC2", stdout=out
        )
    assert caught.value.returncode == 1
    assert out.getvalue().splitlines()[-1] == "0 loaded, 0 already current, 0 not offered, 1 failed"


def bundled_offers(regions: list[str]) -> set[tuple[str, str]]:
    """(offer, region) pairs the bundled snapshot's own indexes list for `regions`."""
    root = Path(django_settings.BUNDLED_PRICES_DIR)
    index = json.loads((root / "offers/v1.0/aws/index.json").read_text())
    expected = set()
    for code, offer in index["offers"].items():
        if code in GLOBAL_OFFERS:
            expected.add((code, GLOBAL_REGION))
            continue
        region_index = json.loads((root / offer["currentRegionIndexUrl"].lstrip("/")).read_text())
        expected |= {(code, r) for r in region_index["regions"] if r in regions}
    return expected


def test_refresh_bundled_loads_the_bundled_snapshot_and_price_status_lists_it() -> None:
    text = command("refresh_prices", "--bundled")
    expected = bundled_offers(["us-east-1", "eu-west-1"])
    assert len(expected) > 30
    assert text.splitlines()[-1].startswith(f"{len(expected)} loaded, ")
    assert text.splitlines()[-1].endswith(" 0 failed")
    assert {(s, r) for s, r, _ in active()} == expected
    assert set(PriceSnapshot.objects.values_list("source", flat=True)) == {"bundled"}

    status = command("price_status").splitlines()
    assert status[0].split()[:4] == ["service", "region", "published", "source"]
    rows = [line.split() for line in status[1:]]
    assert {(row[0], row[1]) for row in rows} == expected
    assert all(row[3] == "bundled" and int(row[4]) > 0 for row in rows)


def test_price_status_says_how_to_load_prices_when_there_are_none() -> None:
    assert "refresh_prices --bundled" in command("price_status")
