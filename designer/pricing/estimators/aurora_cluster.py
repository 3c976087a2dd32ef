"""Aurora cluster: provisioned instance hours or Serverless v2 ACU-hours, storage, I/O (Standard storage
only) and backups beyond the free allowance.

Selection (FORMAT.md section 4 "RDS", Aurora rows): instances "Database Instance" with databaseEngine
"Aurora PostgreSQL"/"Aurora MySQL", usage InstanceUsage: (Standard) or InstanceUsageIOOptimized:;
Serverless v2 family "ServerlessV2", usage Aurora:ServerlessV2Usage; storage Aurora:StorageUsage; I/O
Aurora:StorageIOUsage. Source: https://aws.amazon.com/rds/aurora/pricing/.
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.rds.aurora_cluster",)

ENGINES = {"aurora-postgresql": "Aurora PostgreSQL", "aurora-mysql": "Aurora MySQL"}


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p, u = node.props, node.usage
    hours = ctx.node_hours(node)
    engine = ENGINES[p["engine"]]
    optimized = p["storage_config"] == "io-optimized"
    charges: list[Charge] = []
    if p["capacity_mode"] == "serverless_v2":
        acus = dec(u["average_acus"])
        usage = "Aurora:ServerlessV2IOOptimizedUsage" if optimized else "Aurora:ServerlessV2Usage"
        charges.append(
            Charge(
                f"Serverless v2 capacity ({acus.normalize():f} ACU average)",
                acus * hours,
                "ACU-hours",
                query("AmazonRDS", node.region, family="ServerlessV2", usage=usage, databaseEngine=engine),
            )
        )
    else:
        term, note = ctx.term_of(node, savings_plan=False)
        instances = int(p["instances"])
        prefix = "InstanceUsageIOOptimized" if optimized else "InstanceUsage"
        charges.append(
            Charge(
                f"Instance hours ({instances} × {p['instance_class']}, {term.label()})",
                ctx.billed_hours(node, term) * instances,
                "hours",
                query(
                    "AmazonRDS",
                    node.region,
                    family="Database Instance",
                    usage=f"{prefix}:{p['instance_class']}",
                    databaseEngine=engine,
                ),
                term,
                note=note,
            )
        )
    storage_usage = "Aurora:IOOptimizedStorageUsage" if optimized else "Aurora:StorageUsage"
    charges.append(
        Charge(
            "Storage",
            dec(u["storage_gb"]),
            "GB-month",
            query("AmazonRDS", node.region, family="Database Storage", usage=storage_usage, databaseEngine=engine),
        )
    )
    if not optimized and dec(u["monthly_io_millions"]):
        charges.append(
            Charge(
                "I/O requests",
                dec(u["monthly_io_millions"]) * Decimal(1_000_000),
                "requests",
                query(
                    "AmazonRDS",
                    node.region,
                    family="System Operation",
                    usage="Aurora:StorageIOUsage",
                    databaseEngine=engine,
                ),
            )
        )
    if dec(u["backup_storage_gb"]):
        charges.append(
            Charge(
                "Backup storage beyond the free allowance",
                dec(u["backup_storage_gb"]),
                "GB-month",
                query(
                    "AmazonRDS",
                    node.region,
                    family="Storage Snapshot",
                    usage="Aurora:BackupUsage",
                    databaseEngine=engine,
                ),
            )
        )
    return NodeCharges(charges)
