"""Estimating the monthly cost of a revision: asking for one (fired to a worker on commit), computing one,
and estimating a document in process for the command line."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..document import DesignDocument
from ..graph import build
from ..models import CostEstimate, Revision
from ..pricing.charges import PricingSettings
from ..pricing.estimate import Estimate, estimate
from .prices import DbPriceSource, price_data_version


def pricing_settings(
    document: dict[str, Any], *, pricing_model: str | None = None, spot_discount_percent: int | None = None
) -> PricingSettings:
    """The design's own settings, with the request's overrides."""
    design = document.get("settings") or {}
    percent = django_settings.SPOT_DISCOUNT_PERCENT if spot_discount_percent is None else spot_discount_percent
    return PricingSettings(
        pricing_model=pricing_model or design.get("pricing_model", "on_demand"),
        hours_per_month=Decimal(str(design.get("hours_per_month", 730))),
        spot_discount=Decimal(percent) / 100,
    )


def estimate_document(document: dict[str, Any], settings: PricingSettings, source: str = "database") -> Estimate:
    """The estimate of a document that has passed the gate (a stored revision, or a loaded file), priced from
    the database's snapshots, or (`source="query"`) straight from the Price List Query API with the AWS
    credentials boto3 finds (environment, profile or role)."""
    graph = build(DesignDocument.from_dict(document))
    if source == "query":
        import boto3

        from ..pricing.query_api import QueryApiPriceSource

        # The Price List Query API answers from us-east-1 (and ap-south-1), whatever region is priced.
        prices: Any = QueryApiPriceSource(boto3.client("pricing", region_name="us-east-1"))
    else:
        prices = DbPriceSource()
    return estimate(graph, settings, prices)


def request_estimate(revision: Revision, settings: PricingSettings) -> tuple[CostEstimate, bool]:
    """The estimate for this revision, settings and price data: an existing one, or a new one queued for a
    worker once the transaction commits. The second value says whether work was queued."""
    version = price_data_version()
    key = settings.key()
    existing = CostEstimate.objects.filter(revision=revision, settings_key=key, price_version=version).first()
    if existing is not None and existing.status != CostEstimate.FAILED:
        return existing, False
    if existing is not None:
        existing.status, existing.error, existing.result = CostEstimate.PENDING, "", None
        existing.save(update_fields=["status", "error", "result"])
        run = existing
    else:
        try:
            with transaction.atomic():
                run = CostEstimate.objects.create(
                    revision=revision,
                    settings_key=key,
                    price_version=version,
                    settings={
                        "pricing_model": settings.pricing_model,
                        "hours_per_month": str(settings.hours_per_month),
                        "spot_discount": str(settings.spot_discount),
                    },
                )
        except IntegrityError:  # another request created it first
            return CostEstimate.objects.get(revision=revision, settings_key=key, price_version=version), False
    from ..tasks import estimate_revision

    transaction.on_commit(lambda: estimate_revision.delay(str(run.pk)))
    return run, True


def compute_estimate(estimate_id: str) -> CostEstimate:
    """Run an estimate (the worker's job). Idempotent: a finished estimate is left as it is."""
    run = CostEstimate.objects.select_related("revision").get(pk=estimate_id)
    if run.status == CostEstimate.DONE:
        return run
    CostEstimate.objects.filter(pk=run.pk).update(status=CostEstimate.RUNNING)
    saved = run.settings
    settings = PricingSettings(
        saved["pricing_model"], Decimal(saved["hours_per_month"]), Decimal(saved["spot_discount"])
    )
    try:
        result = estimate_document(run.revision.document, settings).as_dict()
    except Exception as exc:
        run.status, run.error, run.finished_at = CostEstimate.FAILED, f"{type(exc).__name__}: {exc}", timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        raise
    run.status, run.result, run.finished_at = CostEstimate.DONE, result, timezone.now()
    run.save(update_fields=["status", "result", "finished_at"])
    return run


def relocated(document: dict[str, Any], region: str) -> dict[str, Any]:
    """The document moved to `region`, as a what-if for estimates: its own region, every Region box's, and
    every named Availability Zone's (us-east-1a becomes eu-central-1a)."""
    moved = {**document, "region": region, "nodes": [dict(n) for n in document.get("nodes", [])]}
    for node in moved["nodes"]:
        props = node.get("props") or {}
        if node.get("kind") == "aws.region":
            node["props"] = {**props, "region": region}
        elif node.get("kind") == "aws.vpc.availability_zone" and props.get("name"):
            node["props"] = {**props, "name": region + str(props["name"])[-1]}
    return moved
