"""Shared by the price-data tests: the fixture files, a price-list layout like the bulk API's, and a real local
HTTP server that serves it and can misbehave on request (5xx, stalls, short bodies)."""

from __future__ import annotations

import http.server
import json
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pricing"
LYFT_C4 = FIXTURES / "offer-excerpt_AmazonEC2_c4.large_us-east-1_2016-12_lyft-trimmed.json"
EC2_USW2_2018 = FIXTURES / "offer-excerpt_AmazonEC2_us-west-2_2018-05.json"
LAMBDA_2016 = FIXTURES / "offer-full_AWSLambda_all-regions_2016-12-07.json"
LAMBDA_SUBSET = FIXTURES / "offer-subset_AWSLambda_us-east-1+eu-west-1_lambda+dataTransferOut_2016-12-07.json"
LIGOJ_SAVINGS_PLANS = FIXTURES / "ligoj_savingsPlan_v1.0_aws_AWSComputeSavingsPlan_current_eu-west-1_index.json"

SP_INDEX = "/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json"


def offer_path(offer: str, version: str, region: str) -> str:
    return f"/offers/v1.0/aws/{offer}/{version}/{region}/index.json"


def savings_plan_path(version: str, region: str) -> str:
    return f"/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/{version}/{region}/index.json"


def variant(source: Path, dest: Path, *, version: str, on_demand_usd: str | None = None) -> Path:
    """A copy of an offer file under another version, optionally with another price for every on-demand
    dimension: what AWS publishes when a price changes."""
    data = json.loads(source.read_text())
    data["version"] = version
    data.pop("publicationDate", None)
    if on_demand_usd is not None:
        for offers in data["terms"]["OnDemand"].values():
            for term in offers.values():
                for dim in term["priceDimensions"].values():
                    dim["pricePerUnit"]["USD"] = on_demand_usd
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(data, indent=1))
    return dest


@dataclass
class PriceList:
    """A directory laid out like https://pricing.us-east-1.amazonaws.com: the offer index, one region index
    per offer (regions as an object), the Savings Plans region index (regions as an array) and the files."""

    root: Path
    regions: dict[str, dict[str, str]] = field(default_factory=dict)  # offer -> region -> URL path
    plans: dict[str, str] = field(default_factory=dict)  # region -> URL path

    def put(self, url_path: str, source: Path) -> Path:
        dest = self.root / url_path.lstrip("/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source != dest:
            shutil.copyfile(source, dest)
        return dest

    def offer(self, offer: str, region: str, version: str, source: Path) -> str:
        path = offer_path(offer, version, region)
        self.put(path, source)
        self.list_offer(offer, region, path)
        return path

    def list_offer(self, offer: str, region: str, path: str) -> None:
        """List `path` as the offer's current file for `region`, whether or not the file exists."""
        self.regions.setdefault(offer, {})[region] = path
        self.write_indexes()

    def savings_plans(self, region: str, version: str, source: Path) -> str:
        path = savings_plan_path(version, region)
        self.put(path, source)
        self.plans[region] = path
        self.write_indexes()
        return path

    def write_indexes(self) -> None:
        offers: dict[str, Any] = {}
        for code, regions in self.regions.items():
            offers[code] = {
                "offerCode": code,
                "versionIndexUrl": f"/offers/v1.0/aws/{code}/index.json",
                "currentVersionUrl": f"/offers/v1.0/aws/{code}/current/index.json",
                "currentRegionIndexUrl": f"/offers/v1.0/aws/{code}/current/region_index.json",
            }
            index = {
                "formatVersion": "v1.0",
                "disclaimer": "test layout",
                "publicationDate": "2024-01-01T00:00:00Z",
                "regions": {r: {"regionCode": r, "currentVersionUrl": url} for r, url in regions.items()},
            }
            self._write(f"/offers/v1.0/aws/{code}/current/region_index.json", index)
        if self.plans:
            offers.setdefault("AmazonEC2", {"offerCode": "AmazonEC2"})["currentSavingsPlanIndexUrl"] = SP_INDEX
            plans = [{"regionCode": r, "versionUrl": url} for r, url in self.plans.items()]
            self._write(SP_INDEX, {"publicationDate": "2024-01-01T00:00:00Z", "regions": plans})
        self._write(
            "/offers/v1.0/aws/index.json",
            {"formatVersion": "v1.0", "publicationDate": "2024-01-01T00:00:00Z", "offers": offers},
        )

    def _write(self, url_path: str, data: Any) -> None:
        dest = self.root / url_path.lstrip("/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(data, indent=1))


@pytest.fixture
def price_list(tmp_path: Path) -> PriceList:
    """EC2 for us-east-1 (lyft c4.large), Lambda for us-east-1 and eu-west-1, Compute Savings Plans for
    eu-west-1 (ligoj structure)."""
    layout = PriceList(tmp_path / "pricing")
    layout.offer("AmazonEC2", "us-east-1", "20161213014831", LYFT_C4)
    layout.offer("AWSLambda", "us-east-1", "20161207235208", LAMBDA_SUBSET)
    layout.offer("AWSLambda", "eu-west-1", "20161207235208", LAMBDA_SUBSET)
    layout.savings_plans("eu-west-1", "20200220220300", LIGOJ_SAVINGS_PLANS)
    return layout


# -- a real HTTP server ------------------------------------------------------------------------------------


class PriceServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[str] = []
        self.faults: dict[str, list[str]] = {}  # URL path -> what to do on its next requests, in order
        self.release = threading.Event()
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"

    def fail(self, url_path: str, *faults: str) -> None:
        """Misbehave on the next requests for `url_path`: "503", "404", "stall" (no answer), "short" (half
        the body, then close, with the full Content-Length); "always-<fault>" never recovers."""
        self.faults[url_path] = list(faults)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that gave up on a stall is expected
            super().handle_error(request, client_address)


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: PriceServer

    def translate_path(self, path: str) -> str:
        return str(self.server.root / path.split("?", 1)[0].lstrip("/"))

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.requests.append(path)
        pending = self.server.faults.get(path) or []
        fault = pending[0] if pending else ""
        if fault and not fault.startswith("always-"):
            pending.pop(0)
        fault = fault.removeprefix("always-")
        if fault in ("503", "404"):
            self.send_error(int(fault))
        elif fault == "stall":
            self.server.release.wait(10)
            self.close_connection = True
        elif fault == "short":
            body = (self.server.root / path.lstrip("/")).read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
        else:
            super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server(price_list: PriceList) -> Iterator[PriceServer]:
    httpd = PriceServer(price_list.root)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)
