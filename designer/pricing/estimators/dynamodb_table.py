"""DynamoDB table: on-demand read/write request units or provisioned capacity-unit hours, and storage
(tiered: the first 25 GB a month are free in the price list).

Selection (FORMAT.md section 4 "DynamoDB"): on-demand family "Amazon DynamoDB PayPerRequest Throughput",
provisioned "Provisioned IOPS", storage "Database Storage" TimedStorage-ByteHrs. Standard table class only;
the Infrequent Access class has its own usage types. Source: https://aws.amazon.com/dynamodb/pricing/.
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.dynamodb.table",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p, u = node.props, node.usage
    if p["table_class"] != "STANDARD":
        return NodeCharges(not_priced="the Standard-Infrequent Access table class is not priced yet")
    region = node.region
    if p["billing_mode"] == "PAY_PER_REQUEST":
        family = "Amazon DynamoDB PayPerRequest Throughput"
        charges = [
            Charge(
                "Read request units",
                dec(u["monthly_read_request_units"]),
                "RRU",
                query("AmazonDynamoDB", region, family=family, usage="ReadRequestUnits"),
            ),
            Charge(
                "Write request units",
                dec(u["monthly_write_request_units"]),
                "WRU",
                query("AmazonDynamoDB", region, family=family, usage="WriteRequestUnits"),
            ),
        ]
    else:
        hours = ctx.hours
        charges = [
            Charge(
                f"Read capacity ({p['read_capacity']} RCU)",
                dec(p["read_capacity"]) * hours,
                "RCU-hours",
                query("AmazonDynamoDB", region, family="Provisioned IOPS", usage="ReadCapacityUnit-Hrs"),
            ),
            Charge(
                f"Write capacity ({p['write_capacity']} WCU)",
                dec(p["write_capacity"]) * hours,
                "WCU-hours",
                query("AmazonDynamoDB", region, family="Provisioned IOPS", usage="WriteCapacityUnit-Hrs"),
            ),
        ]
    charges.append(
        Charge(
            "Storage",
            dec(u["storage_gb"]),
            "GB-month",
            query("AmazonDynamoDB", region, family="Database Storage", usage="TimedStorage-ByteHrs"),
        )
    )
    return NodeCharges(charges)
