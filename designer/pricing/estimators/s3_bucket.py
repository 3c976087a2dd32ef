"""S3 bucket: storage in its storage class (Standard is tiered 50 TB / 450 TB / rest), PUT-class and
GET-class requests (priced per request), and data transfer out to the internet.

Selection (FORMAT.md section 4 "S3"): Storage by exact usage type; requests by usage Requests-Tier1/2; Deep
Archive from offer AmazonS3GlacierDeepArchive as infracost does. Source: https://aws.amazon.com/s3/pricing/.
"""

from __future__ import annotations

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


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u = node.usage
    offer, usage = STORAGE[node.props["storage_class"]]
    charges = [
        Charge(
            f"Storage ({node.props['storage_class']})",
            dec(u["storage_gb"]),
            "GB-month",
            query(offer, node.region, family="Storage", usage=usage),
        )
    ]
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
    return NodeCharges(charges)
