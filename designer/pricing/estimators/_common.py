"""Price queries several estimators share: EC2 instance hours, EBS storage, data transfer out."""

from __future__ import annotations

from decimal import Decimal

from ..book import ON_DEMAND, PriceQuery, Term, query
from ..charges import Charge, dec

OPERATING_SYSTEMS = {"linux": "Linux", "windows": "Windows", "rhel": "RHEL", "suse": "SUSE"}
TENANCIES = {"shared": "Shared", "dedicated": "Dedicated"}


def instance_query(region: str, instance_type: str, os: str = "linux", tenancy: str = "shared") -> PriceQuery:
    """An EC2 instance hour with every SKU-multiplying attribute pinned (FORMAT.md section 4, pitfalls 1-3;
    capacitystatus and marketoption are pinned at ingest, where older files may lack them)."""
    return query(
        "AmazonEC2",
        region,
        instance_type=instance_type,
        operatingSystem=OPERATING_SYSTEMS[os],
        tenancy=TENANCIES[tenancy],
        preInstalledSw="NA",
        licenseModel="No License required",
    )


def instance_hours(
    region: str,
    instance_type: str,
    hours: Decimal,
    *,
    os: str = "linux",
    tenancy: str = "shared",
    term: Term = ON_DEMAND,
    factor: Decimal = Decimal(1),
    label: str = "",
    note: str = "",
) -> Charge:
    name = f"Instance hours ({instance_type}, {OPERATING_SYSTEMS[os]}, {term.label()}{label})"
    return Charge(name, hours, "hours", instance_query(region, instance_type, os, tenancy), term, factor, note)


# EBS storage usage types (FORMAT.md 4 "EBS"): io1 is "piops", magnetic has no suffix.
_EBS_STORAGE_USAGE = {
    "gp2": "EBS:VolumeUsage.gp2",
    "gp3": "EBS:VolumeUsage.gp3",
    "io1": "EBS:VolumeUsage.piops",
    "io2": "EBS:VolumeUsage.io2",
    "st1": "EBS:VolumeUsage.st1",
    "sc1": "EBS:VolumeUsage.sc1",
    "standard": "EBS:VolumeUsage",
}
_EBS_IOPS_USAGE = {"gp3": "EBS:VolumeP-IOPS.gp3", "io1": "EBS:VolumeP-IOPS.piops", "io2": "EBS:VolumeP-IOPS.io2"}
GP3_FREE_IOPS = 3000
GP3_FREE_THROUGHPUT = 125


def ebs_storage(region: str, volume_type: str, size_gb: Decimal, *, what: str = "Storage") -> Charge:
    return Charge(
        f"{what} ({volume_type})",
        size_gb,
        "GB-month",
        query("AmazonEC2", region, family="Storage", usage=_EBS_STORAGE_USAGE[volume_type]),
    )


def ebs_volume(
    region: str,
    volume_type: str,
    size_gb: Decimal,
    iops: int,
    throughput: int,
    count: Decimal = Decimal(1),
    what: str = "Storage",
) -> list[Charge]:
    """A volume's storage and what it provisions beyond the included baseline (gp3: 3,000 IOPS and
    125 MB/s are free and not in the price list, so they are subtracted here as infracost does)."""
    charges = [ebs_storage(region, volume_type, size_gb * count, what=what)]
    if volume_type == "gp3" and iops > GP3_FREE_IOPS:
        charges.append(
            Charge(
                "Provisioned IOPS above 3,000 (gp3)",
                dec(iops - GP3_FREE_IOPS) * count,
                "IOPS-month",
                query("AmazonEC2", region, family="System Operation", usage=_EBS_IOPS_USAGE["gp3"]),
            )
        )
    elif volume_type in ("io1", "io2"):
        charges.append(
            Charge(
                f"Provisioned IOPS ({volume_type})",
                dec(iops) * count,
                "IOPS-month",
                query("AmazonEC2", region, family="System Operation", usage=_EBS_IOPS_USAGE[volume_type]),
            )
        )
    if volume_type == "gp3" and throughput > GP3_FREE_THROUGHPUT:
        # The price list's unit is GiBps-month; 1 MB/s is 1/1024 of it (infracost: UnitMultiplier 1/1024).
        charges.append(
            Charge(
                "Throughput above 125 MB/s (gp3)",
                dec(throughput - GP3_FREE_THROUGHPUT) * count,
                "MB/s-month",
                query("AmazonEC2", region, family="Provisioned Throughput", usage="EBS:VolumeP-Throughput.gp3"),
                factor=Decimal(1) / Decimal(1024),
            )
        )
    return charges


def data_transfer_out(region: str, gb: Decimal, what: str = "Data transfer out to the internet") -> Charge:
    """Internet egress from `region`, tiered (10 TB / 40 TB / 100 TB / rest)."""
    return Charge(
        what,
        gb,
        "GB",
        query(
            "AWSDataTransfer",
            region,
            family="Data Transfer",
            usage="DataTransfer-Out-Bytes",
            transferType="AWS Outbound",
        ),
    )
