"""Lifecycle transitions for S3: a Standard bucket whose usage says part of its data is older than 30 days and
seldom read moves that part to Standard-IA after 30 days.

Source: Transitioning objects using Amazon S3 Lifecycle
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html). The
saving is the storage price difference on the share the usage names (`rarely_read_percent`); Standard-IA charges
per GB read and per transition, fees the price data lacks, so the suggestion is labelled an estimate and says so.
Standard-IA bills at least 30 days and 128 KB an object: the rule moves objects only once they are 30 days old.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...graph import ArchitectureGraph
from ...pricing.estimators.s3_bucket import transition
from ._common import label, set_props
from .model import Candidate

SOURCE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html"
RULE = {"prefix": "", "transition_days": 30, "transition_class": "STANDARD_IA", "expiration_days": 0}


def candidates(graph: ArchitectureGraph) -> Iterator[Candidate]:
    for node in graph.of_kind("aws.s3.bucket"):
        share = node.usage.get("rarely_read_percent", 0) or 0
        if node.props["storage_class"] != "STANDARD" or not share or transition(node) is not None:
            continue
        rules = [*(node.props.get("lifecycle_rules") or ()), RULE]
        yield Candidate(
            id=f"s3-lifecycle:{node.id}",
            kind="s3-lifecycle",
            title=f"A lifecycle rule for {label(node)}",
            message=f"{share}% of {label(node)}'s data is older than 30 days and seldom read: a lifecycle rule can "
            "move it to Standard-IA (reading it then costs per GB, not counted here).",
            nodes=(node.id,),
            fix=set_props("Move objects to Standard-IA after 30 days", node.id, lifecycle_rules=rules),
            source_url=SOURCE,
            is_estimate=True,
        )
