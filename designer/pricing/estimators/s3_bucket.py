"""S3 bucket: storage in its storage class (Standard is tiered 50 TB / 450 TB / rest), PUT-class and
GET-class requests (priced per request), and data transfer out to the internet.

Lifecycle: a Standard bucket with a rule for all its objects (no prefix) that moves them to another class after
30 days or more keeps `rarely_read_percent` of its data in that class (the usage says how much of the data is
that old and seldom read); the rest stays Standard. The fees such a move brings (transition requests, retrieval
per GB read from an infrequent-access class) are not in the price data: a note says they are not included.

Selection (FORMAT.md section 4 "S3"): Storage by exact usage type; requests by usage Requests-Tier1/2; Deep
Archive from offer AmazonS3GlacierDeepArchive as infracost does. Source: https://aws.amazon.com/s3/pricing/.
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query
from ._common import data_transfer_out

KINDS = ("aws.s3.bucket",)

# storage class -> (offer, usage type)
STORAGE = {
    "STANDARD": ("AmazonS3", "TimedStorage-ByteHrs"),
    "INTELLIGENT_TIERING": ("AmazonS3", "TimedStorage-INT-FA-ByteHrs"),
    "STANDARD_IA": ("AmazonS3", "TimedStorage-SIA-ByteHrs"),
    "ONEZONE_IA": ("AmazonS3", "TimedStorage-ZIA-ByteHrs"),
    "GLACIER_IR": ("AmazonS3", "TimedStorage-GIR-ByteHrs"),
    "GLACIER": ("AmazonGlacier", "TimedStorage-ByteHrs"),
    "DEEP_ARCHIVE": ("AmazonS3GlacierDeepArchive", "TimedStorage-GDA-ByteHrs"),
}


def transition(node: GraphNode) -> str | None:
    """The class a lifecycle rule for the whole bucket moves its older objects to, if it has one."""
    if node.props["storage_class"] != "STANDARD":
        return None
    for rule in node.props.get("lifecycle_rules") or ():
        if not rule.get("prefix") and int(rule.get("transition_days", 0)) >= 30 and rule.get("transition_class"):
            return str(rule["transition_class"])
    return None


def _storage(node: GraphNode, storage_class: str, gb: Decimal) -> Charge:
    offer, usage = STORAGE[storage_class]
    return Charge(
        f"Storage ({storage_class})", gb, "GB-month", query(offer, node.region, family="Storage", usage=usage)
    )


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u = node.usage
    stored = dec(u["storage_gb"])
    moved_to = transition(node)
    moved = stored * dec(u.get("rarely_read_percent", 0)) / 100 if moved_to else Decimal(0)
    charges = [_storage(node, node.props["storage_class"], stored - moved)]
    notes = []
    if moved_to and moved:
        charges.append(_storage(node, moved_to, moved))
        notes.append(
            f"{moved.normalize():f} GB moved to {moved_to} by a lifecycle rule; its transition and retrieval fees "
            "are not included."
        )
    if dec(u["monthly_put_requests"]):
        charges.append(
            Charge(
                "PUT, COPY, POST, LIST requests",
                dec(u["monthly_put_requests"]),
                "requests",
                query("AmazonS3", node.region, family="API Request", usage="Requests-Tier1"),
            )
        )
    if dec(u["monthly_get_requests"]):
        charges.append(
            Charge(
                "GET and other requests",
                dec(u["monthly_get_requests"]),
                "requests",
                query("AmazonS3", node.region, family="API Request", usage="Requests-Tier2"),
            )
        )
    if dec(u["data_transfer_out_gb"]):
        charges.append(data_transfer_out(node.region, dec(u["data_transfer_out_gb"])))
    return NodeCharges(charges, notes=notes)
