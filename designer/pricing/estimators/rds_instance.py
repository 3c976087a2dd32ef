"""RDS instance: instance hours (Single-AZ or Multi-AZ, plus each read replica as a Single-AZ instance),
storage by type for the primary and each replica, provisioned IOPS, and backups beyond the free allowance.

Selection (FORMAT.md section 4 "RDS"): productFamily "Database Instance", instanceType, databaseEngine,
deploymentOption; storage usage types RDS:GP3-Storage / RDS:Multi-AZ-GP3-Storage and the like. Sources:
https://aws.amazon.com/rds/pricing/ and the engine pages; RDS reserved instances exist, Compute Savings Plans
do not cover RDS.
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..book import PriceQuery
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.rds.instance",)

# engine -> (databaseEngine, extra attributes that pin the SKU)
ENGINES: dict[str, tuple[str, dict[str, str]]] = {
    "postgres": ("PostgreSQL", {}),
    "mysql": ("MySQL", {}),
    "mariadb": ("MariaDB", {}),
    "sqlserver-ex": ("SQL Server", {"databaseEdition": "Express", "licenseModel": "License included"}),
    "sqlserver-web": ("SQL Server", {"databaseEdition": "Web", "licenseModel": "License included"}),
    "sqlserver-se": ("SQL Server", {"databaseEdition": "Standard", "licenseModel": "License included"}),
    "oracle-se2": ("Oracle", {"databaseEdition": "Standard Two", "licenseModel": "License included"}),
}
_STORAGE = {"gp3": "GP3-Storage", "gp2": "GP2-Storage", "io1": "PIOPS-Storage", "io2": "IO2-Storage"}
_IOPS = {"io1": "PIOPS", "io2": "IO2-PIOPS"}


def instance_query(region: str, engine: str, instance_class: str, multi_az: bool) -> PriceQuery:
    database_engine, extra = ENGINES[engine]
    return query(
        "AmazonRDS",
        region,
        family="Database Instance",
        instance_type=instance_class,
        databaseEngine=database_engine,
        deploymentOption="Multi-AZ" if multi_az else "Single-AZ",
        **extra,
    )


def gp3_included_iops(engine: str, gb: Decimal) -> int:
    """gp3's baseline: 3,000 IOPS below 400 GB, 12,000 from 400 GB (3,000 for SQL Server at any size)
    (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage)."""
    if engine.startswith("sqlserver") or gb < 400:
        return 3000
    return 12000


def storage_charges(
    region: str,
    storage_type: str,
    gb: Decimal,
    iops: int,
    multi_az: bool,
    what: str,
    engine: str = "postgres",
    count: int = 1,
) -> list[Charge]:
    """The storage of `count` databases, each with `gb` and `iops`."""
    prefix = "Multi-AZ-" if multi_az else ""
    charges = [
        Charge(
            f"{what} ({storage_type}{', Multi-AZ' if multi_az else ''})",
            gb * count,
            "GB-month",
            query("AmazonRDS", region, family="Database Storage", usage=f"RDS:{prefix}{_STORAGE[storage_type]}"),
        )
    ]
    if storage_type in _IOPS:
        charges.append(
            Charge(
                f"Provisioned IOPS ({storage_type})",
                Decimal(iops * count),
                "IOPS-month",
                query("AmazonRDS", region, family="Provisioned IOPS", usage=f"RDS:{prefix}{_IOPS[storage_type]}"),
            )
        )
    included = gp3_included_iops(engine, gb)
    if storage_type == "gp3" and iops > included:
        charges.append(
            Charge(
                f"Provisioned IOPS above the {included:,} included (gp3)",
                Decimal((iops - included) * count),
                "IOPS-month",
                query("AmazonRDS", region, family="Provisioned IOPS", usage=f"RDS:{prefix}GP3-PIOPS"),
            )
        )
    return charges


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p = node.props
    term, note = ctx.term_of(node, savings_plan=False)
    multi_az = bool(p["multi_az"])
    charges = [
        Charge(
            f"Instance hours ({p['instance_class']}, {p['engine']}, {'Multi-AZ' if multi_az else 'Single-AZ'}, "
            f"{term.label()})",
            ctx.billed_hours(node, term),
            "hours",
            instance_query(node.region, p["engine"], p["instance_class"], multi_az),
            term,
            note=note,
        )
    ]
    gb = dec(p["allocated_storage_gb"])
    charges += storage_charges(node.region, p["storage_type"], gb, int(p["iops"]), multi_az, "Storage", p["engine"])
    replicas = int(p["read_replicas"])
    if replicas:
        charges.append(
            Charge(
                f"Read replica hours ({replicas} × {p['instance_class']}, {term.label()})",
                ctx.billed_hours(node, term) * replicas,
                "hours",
                instance_query(node.region, p["engine"], p["instance_class"], False),
                term,
                note=note,
            )
        )
        charges += storage_charges(
            node.region, p["storage_type"], gb, int(p["iops"]), False, "Read replica storage", p["engine"], replicas
        )
    backup = dec(node.usage["backup_storage_gb"])
    if backup:
        charges.append(
            Charge(
                "Backup storage beyond the free allowance",
                backup,
                "GB-month",
                query("AmazonRDS", node.region, family="Storage Snapshot", usage="RDS:ChargedBackupUsage"),
            )
        )
    return NodeCharges(charges)
