"""Downloads price files from the Price List bulk API: offer index -> region index -> per-region offer file,
and the Compute Savings Plans index -> region file (FORMAT.md section 1).

The base URL is a parameter (AWS's public endpoint by default), so tests point it at a local HTTP server
that serves files in AWS's layout, and the bundled snapshot is read from a `file://` directory through the
same code. Downloads stream to a file in bounded chunks, time out, and retry transient failures (connection
errors, timeouts, 429 and 5xx answers) with exponential backoff; a body shorter than its Content-Length is a
failure, not a smaller file.
"""

from __future__ import annotations

import re
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from requests.adapters import BaseAdapter

from .records import OfferError
from .selection import GLOBAL_REGION

AWS_BASE_URL = "https://pricing.us-east-1.amazonaws.com"
OFFER_INDEX = "/offers/v1.0/aws/index.json"
CHUNK = 1 << 20


class FetchError(RuntimeError):
    """A price file could not be downloaded (after retries), or an index does not list what was asked for."""


class NotOffered(FetchError):
    """The index does not list this offer for this region: nothing to load, not a failure."""


class FileAdapter(BaseAdapter):
    """`file://` URLs for requests, so a directory laid out like the bulk API is read by the same code."""

    def send(
        self,
        request: Any,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        path = Path(urllib.request.url2pathname(urllib.parse.urlparse(request.url).path))
        response = requests.Response()
        response.url = request.url
        response.request = request
        if path.is_file():
            response.status_code = 200
            response.raw = path.open("rb")
            response.headers["Content-Length"] = str(path.stat().st_size)
        else:
            response.status_code = 404
            response.raw = None
            response._content = b""
        return response

    def close(self) -> None:
        pass


def version_in_url(url: str) -> str | None:
    """Offer file URLs carry their version: /offers/v1.0/aws/AmazonRDS/20230328234721/us-east-2/index.json."""
    found = re.search(r"/(\d{14})/", url)
    return found.group(1) if found else None


class Fetcher:
    def __init__(
        self,
        base_url: str = AWS_BASE_URL,
        *,
        timeout: tuple[float, float] = (10, 60),
        retries: int = 3,
        backoff: float = 1.0,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.session = session or requests.Session()
        self.session.mount("file://", FileAdapter())
        self.session.headers["User-Agent"] = "aws-architecture-designer/1.0 (price refresh)"
        self._offer_index: dict[str, Any] | None = None
        self._offer_index_error: FetchError | None = None

    def url(self, path: str) -> str:
        return path if "://" in path else f"{self.base_url}{path}"

    def _get(self, url: str, *, stream: bool = False) -> requests.Response:
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                response = self.session.get(url, stream=stream, timeout=self.timeout)
                if response.status_code == 429 or response.status_code >= 500:
                    raise FetchError(f"{url} answered {response.status_code}")
                if response.status_code >= 400:
                    raise _Permanent(f"{url} answered {response.status_code}")
                return response
            except _Permanent as exc:
                raise FetchError(str(exc)) from None
            except (requests.ConnectionError, requests.Timeout, FetchError) as exc:
                last = exc
                if attempt < self.retries:
                    self.sleep(self.backoff * 2**attempt)
        raise FetchError(f"{url}: failed after {self.retries + 1} attempts ({last})")

    def json(self, path: str) -> Any:
        response = self._get(self.url(path))
        try:
            return response.json()
        except ValueError as exc:
            raise FetchError(f"{self.url(path)}: not JSON ({exc})") from None

    def offer_index(self) -> dict[str, Any]:
        """The offer index, read once; a failure is remembered, so a refresh of many files fails fast."""
        if self._offer_index_error is not None:
            raise self._offer_index_error
        if self._offer_index is None:
            try:
                index = self.json(OFFER_INDEX)
                if not isinstance(index, dict) or not isinstance(index.get("offers"), dict):
                    raise FetchError(f"{self.url(OFFER_INDEX)}: not an offer index")
            except FetchError as exc:
                self._offer_index_error = exc
                raise
            self._offer_index = index
        return self._offer_index

    def offer_url(self, offer_code: str, region: str) -> str:
        """The URL of `offer_code`'s current file for `region` (the whole offer for global ones)."""
        offer = self.offer_index()["offers"].get(offer_code)
        if not isinstance(offer, dict):
            raise NotOffered(f"the offer index lists no {offer_code}")
        if region == GLOBAL_REGION:
            return self.url(offer["currentVersionUrl"])
        regions = self.json(offer["currentRegionIndexUrl"]).get("regions")
        entry = regions.get(region) if isinstance(regions, dict) else None
        if not isinstance(entry, dict) or "currentVersionUrl" not in entry:
            raise NotOffered(f"{offer_code} has no prices for {region}")
        return self.url(entry["currentVersionUrl"])

    def savings_plan_url(self, region: str) -> str:
        """The Compute Savings Plans file for `region`; note its region index lists regions as an array."""
        ec2 = self.offer_index()["offers"].get("AmazonEC2", {})
        index_url = ec2.get("currentSavingsPlanIndexUrl")
        if not index_url:
            raise NotOffered("the offer index has no Savings Plans index")
        regions = self.json(index_url).get("regions")
        for entry in regions if isinstance(regions, list) else []:
            if isinstance(entry, dict) and entry.get("regionCode") == region:
                return self.url(entry["versionUrl"])
        raise NotOffered(f"no Compute Savings Plans file for {region}")

    def download(self, url: str, dest: Path, on_bytes: Callable[[int], None] | None = None) -> int:
        """Stream `url` into `dest`; returns the size. A short body is retried, then a FetchError."""
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                return self._download_once(url, dest, on_bytes)
            except _BROKEN_DOWNLOAD as exc:
                last = exc
                if attempt < self.retries:
                    self.sleep(self.backoff * 2**attempt)
        raise FetchError(f"{url}: download failed after {self.retries + 1} attempts ({last})")

    def _download_once(self, url: str, dest: Path, on_bytes: Callable[[int], None] | None) -> int:
        response = self._get(url, stream=True)
        expected = response.headers.get("Content-Length")
        size = 0
        with response, dest.open("wb") as out:
            for chunk in response.iter_content(CHUNK):
                out.write(chunk)
                size += len(chunk)
                if on_bytes:
                    on_bytes(size)
        # A compressed body's Content-Length counts compressed bytes; only a plain one can be compared.
        plain = response.headers.get("Content-Encoding", "identity") == "identity"
        if plain and expected is not None and expected.isdigit() and int(expected) != size:
            raise _Truncated(f"got {size:,} of {int(expected):,} bytes")
        return size


class _Permanent(Exception):
    pass


class _Truncated(OfferError):
    pass


# What makes a download worth another try. urllib3 reports a body shorter than its Content-Length as
# ChunkedEncodingError (IncompleteRead) before `_download_once` can compare the sizes itself.
_BROKEN_DOWNLOAD = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError, _Truncated)
