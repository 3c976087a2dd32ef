#!/usr/bin/env python3
"""Generate the bundled price snapshot in data/prices/bundled/ from the facts in data/aws-facts/.

The output is laid out exactly like the Price List bulk API (offer index -> region index -> per-region offer
file, AWS's JSON format; FORMAT.md section 1), so `manage.py refresh_prices --bundled` loads it through the
same fetch and ingest code as live data. Every price dimension's description names its source and the
confidence given there; facts without a price ("unknown") produce no product, so an estimate says the price
is missing instead of inventing one.

Inputs (copied into the project with their sources, see data/aws-facts/SOURCES.md):
  ec2-ondemand-linux-us-east-1.json   every EC2 instance type's on-demand Linux price in us-east-1
  reference-prices.json               REFERENCE-PRICES.md as data
  list-prices.json                    further list prices, each with its source
  getproducts-item_AmazonEC2_m5.large_us-east-1_2021-02.json   real m5.large reserved terms

Run: python scripts/gen_bundled_prices.py
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "data" / "aws-facts"
OUT = ROOT / "data" / "prices" / "bundled"
sys.path.insert(0, str(ROOT))

from designer.pricing.regions import LOCATION_OF  # noqa: E402

PUBLISHED = "2026-11-26T00:00:00Z"
EC2_PUBLISHED = "2026-07-20T13:44:30Z"
OD = "JRTCKXETXF"
RATE = "6YS6EN2CT7"
GLOBAL = "global"
INF = None

# Usage-type region prefixes, as real files write them (FORMAT.md section 4).
PREFIX = {"us-east-1": "", "eu-west-1": "EU-"}
# Divide a fact's price to get the Price List's per-unit price.
PER = {
    "1M requests": 1_000_000,
    "1M queries": 1_000_000,
    "1M notifications": 1_000_000,
    "1M events": 1_000_000,
    "10k requests": 10_000,
    "100k notifications": 100_000,
    "1K transitions": 1_000,
}


def sku_of(*parts: str) -> str:
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(alphabet[b % len(alphabet)] for b in digest[:16])


class Offers:
    """Products and on-demand/reserved terms per (offer code, region)."""

    def __init__(self) -> None:
        self.products: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
        self.terms: dict[tuple[str, str], dict[str, Any]] = defaultdict(lambda: {"OnDemand": {}, "Reserved": {}})

    def add(
        self,
        offer: str,
        region: str,
        family: str | None,
        usage: str,
        attrs: dict[str, str],
        tiers: list[tuple[Decimal, Decimal | None, Decimal, str]],
        unit: str,
        effective: str,
        sku: str | None = None,
    ) -> str:
        """One product with one on-demand term holding `tiers` (begin, end, price, description)."""
        location = "Any" if region == GLOBAL else LOCATION_OF[region]
        prefix = "" if region == GLOBAL else PREFIX[region]
        attributes = {
            "servicecode": offer,
            "location": location,
            "locationType": "AWS Region",
            "usagetype": f"{prefix}{usage}",
            "operation": "",
            **attrs,
        }
        if region != GLOBAL:
            attributes["regionCode"] = region
        sku = sku or sku_of(offer, region, family or "", usage, json.dumps(attrs, sort_keys=True))
        product: dict[str, Any] = {"sku": sku, "attributes": attributes}
        if family:
            product = {"sku": sku, "productFamily": family, "attributes": attributes}
        self.products[(offer, region)][sku] = product
        dims = {}
        for i, (begin, end, price, description) in enumerate(tiers):
            code = f"{sku}.{OD}.{RATE if i == 0 else sku_of(sku, str(i))[:10]}"
            dims[code] = {
                "rateCode": code,
                "description": description,
                "beginRange": _num(begin),
                "endRange": "Inf" if end is None else _num(end),
                "unit": unit,
                "pricePerUnit": {"USD": f"{price:.10f}"},
                "appliesTo": [],
            }
        self.terms[(offer, region)]["OnDemand"][sku] = {
            f"{sku}.{OD}": {
                "offerTermCode": OD,
                "sku": sku,
                "effectiveDate": effective,
                "priceDimensions": dims,
                "termAttributes": {},
            }
        }
        return sku


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def load_facts() -> dict[tuple[str, str], dict[str, Any]]:
    facts: dict[tuple[str, str], dict[str, Any]] = {}
    for name in ("reference-prices.json", "list-prices.json"):
        for fact in json.loads((FACTS / name).read_text())["facts"]:
            if fact.get("price") in (None, ""):
                continue
            facts.setdefault((fact["id"], fact["region"]), fact)  # REFERENCE-PRICES.md wins where both have one
    return facts


def describe(fact: dict[str, Any]) -> str:
    return f"{fact.get('item', fact['id'])}. Source: {fact['source']} (confidence: {fact.get('confidence', '?')})"[:900]


def unit_price(fact: dict[str, Any]) -> Decimal:
    return Decimal(str(fact["price"])) / PER.get(fact["unit"], 1)


def main() -> int:
    facts = load_facts()
    offers = Offers()
    used: set[tuple[str, str]] = set()

    def fact(fid: str, region: str) -> dict[str, Any] | None:
        found = facts.get((fid, region))
        if found is not None:
            used.add((fid, region))
        return found

    def simple(fid: str, region: str, offer: str, family: str | None, usage: str, unit: str, **attrs: str) -> None:
        f = fact(fid, region)
        if f is not None:
            offers.add(
                offer, region, family, usage, attrs, [(Decimal(0), INF, unit_price(f), describe(f))], unit, PUBLISHED
            )

    def tiered(
        ids_and_ranges: list[tuple[str, int, int | None]],
        region: str,
        offer: str,
        family: str | None,
        usage: str,
        unit: str,
        **attrs: str,
    ) -> None:
        tiers = []
        for fid, begin, end in ids_and_ranges:
            f = fact(fid, region)
            if f is None:
                break  # tiers beyond the first unknown one are left out: an estimate past them says so
            tiers.append((Decimal(begin), None if end is None else Decimal(end), unit_price(f), describe(f)))
        if tiers:
            offers.add(offer, region, family, usage, attrs, tiers, unit, PUBLISHED)

    # -- EC2 instances: every type in us-east-1 (karpenter's Query API table), a few in eu-west-1 ---------
    ec2 = json.loads((FACTS / "ec2-ondemand-linux-us-east-1.json").read_text())
    m5 = json.loads((FACTS / "getproducts-item_AmazonEC2_m5.large_us-east-1_2021-02.json").read_text())
    base = {
        "operatingSystem": "Linux",
        "tenancy": "Shared",
        "preInstalledSw": "NA",
        "licenseModel": "No License required",
        "capacitystatus": "Used",
        "marketoption": "OnDemand",
    }
    for instance_type, hourly in ec2["prices"].items():
        family = (
            "Compute Instance (bare metal)"
            if instance_type.endswith(".metal") or ".metal-" in instance_type
            else "Compute Instance"
        )
        sku = m5["product"]["sku"] if instance_type == "m5.large" else None
        description = f"${hourly} per On Demand Linux {instance_type} Instance Hour. Source: {ec2['source']}"
        offers.add(
            "AmazonEC2",
            "us-east-1",
            family,
            f"BoxUsage:{instance_type}",
            {"instanceType": instance_type, **base, "operation": "RunInstances"},
            [(Decimal(0), INF, Decimal(str(hourly)), description)],
            "Hrs",
            ec2["as_of"],
            sku=sku,
        )
    # m5.large reserved terms, verbatim from a real GetProducts answer (2021-02-05).
    sku = m5["product"]["sku"]
    offers.terms[("AmazonEC2", "us-east-1")]["Reserved"][sku] = dict(m5["terms"]["Reserved"].items())
    # t3.medium reserved rates with no upfront fee (the only ones complete without the unknown upfront fees).
    t3 = next(
        s
        for s, p in offers.products[("AmazonEC2", "us-east-1")].items()
        if p["attributes"]["instanceType"] == "t3.medium"
    )
    for years in ("1yr", "3yr"):
        for klass in ("standard", "convertible"):
            f = fact(f"ec2.ri.t3.medium.linux.{years}.{klass}.no_upfront", "us-east-1")
            if f is None:
                continue
            code = sku_of("t3.medium", years, klass)[:10]
            rate = f"{t3}.{code}.{RATE}"
            offers.terms[("AmazonEC2", "us-east-1")]["Reserved"].setdefault(t3, {})[f"{t3}.{code}"] = {
                "offerTermCode": code,
                "sku": t3,
                "effectiveDate": PUBLISHED,
                "priceDimensions": {
                    rate: {
                        "rateCode": rate,
                        "description": describe(f),
                        "beginRange": "0",
                        "endRange": "Inf",
                        "unit": "Hrs",
                        "pricePerUnit": {"USD": f"{Decimal(f['price']):.10f}"},
                        "appliesTo": [],
                    }
                },
                "termAttributes": {
                    "LeaseContractLength": years,
                    "OfferingClass": klass,
                    "PurchaseOption": "No Upfront",
                },
            }
    for instance_type in ("t3.micro", "t3.medium", "m5.large", "m6g.large"):
        f = fact(f"ec2.instance_hour.{instance_type}", "eu-west-1")
        if f is not None:
            offers.add(
                "AmazonEC2",
                "eu-west-1",
                "Compute Instance",
                f"BoxUsage:{instance_type}",
                {"instanceType": instance_type, **base, "operation": "RunInstances"},
                [(Decimal(0), INF, unit_price(f), describe(f))],
                "Hrs",
                PUBLISHED,
            )

    for region in ("us-east-1", "eu-west-1"):
        # EBS (FORMAT.md 4 "EBS")
        for vtype, usage in (
            ("gp2", "EBS:VolumeUsage.gp2"),
            ("gp3", "EBS:VolumeUsage.gp3"),
            ("io1", "EBS:VolumeUsage.piops"),
            ("io2", "EBS:VolumeUsage.io2"),
            ("st1", "EBS:VolumeUsage.st1"),
            ("sc1", "EBS:VolumeUsage.sc1"),
        ):
            simple(f"ebs.{vtype}_gb_month", region, "AmazonEC2", "Storage", usage, "GB-Mo", volumeApiName=vtype)
        simple(
            "ebs.gp3_iops_month",
            region,
            "AmazonEC2",
            "System Operation",
            "EBS:VolumeP-IOPS.gp3",
            "IOPS-Mo",
            volumeApiName="gp3",
        )
        simple(
            "ebs.io1_iops_month",
            region,
            "AmazonEC2",
            "System Operation",
            "EBS:VolumeP-IOPS.piops",
            "IOPS-Mo",
            volumeApiName="io1",
        )
        simple(
            "ebs.io2_iops_month",
            region,
            "AmazonEC2",
            "System Operation",
            "EBS:VolumeP-IOPS.io2",
            "IOPS-Mo",
            volumeApiName="io2",
        )
        simple(
            "ebs.gp3_throughput_gibps_month",
            region,
            "AmazonEC2",
            "Provisioned Throughput",
            "EBS:VolumeP-Throughput.gp3",
            "GiBps-mo",
            volumeApiName="gp3",
        )
        simple("ebs.snapshot_gb_month", region, "AmazonEC2", "Storage Snapshot", "EBS:SnapshotUsage", "GB-Mo")
        simple("nat.hour", region, "AmazonEC2", "NAT Gateway", "NatGateway-Hours", "Hrs")
        simple("nat.gb", region, "AmazonEC2", "NAT Gateway", "NatGateway-Bytes", "GB")
        # Load balancers
        simple("alb.hour", region, "AWSELB", "Load Balancer-Application", "LoadBalancerUsage", "Hrs")
        simple("alb.lcu_hour", region, "AWSELB", "Load Balancer-Application", "LCUUsage", "LCU-Hrs")
        simple("nlb.hour", region, "AWSELB", "Load Balancer-Network", "LoadBalancerUsage", "Hrs")
        simple("nlb.nlcu_hour", region, "AWSELB", "Load Balancer-Network", "LCUUsage", "LCU-Hrs")
        # Data transfer out to the internet (tiered) and between AZs
        location = LOCATION_OF[region]
        tiered(
            [
                ("dto.tier1_gb", 0, 10240),
                ("dto.tier2_gb", 10240, 51200),
                ("dto.tier3_gb", 51200, 153600),
                ("dto.tier4_gb", 153600, None),
            ],
            region,
            "AWSDataTransfer",
            "Data Transfer",
            "DataTransfer-Out-Bytes",
            "GB",
            transferType="AWS Outbound",
            fromLocation=location,
            toLocation="External",
        )
        simple(
            "ec2.inter_az_gb",
            region,
            "AWSDataTransfer",
            "Data Transfer",
            "DataTransfer-Regional-Bytes",
            "GB",
            transferType="IntraRegion",
            fromLocation=location,
            toLocation=location,
        )
        # RDS and Aurora (FORMAT.md 4 "RDS")
        engines = {"postgres": "PostgreSQL", "mysql": "MySQL"}
        for fid_engine, engine in engines.items():
            for klass in (
                "db.t4g.medium",
                "db.t3.medium",
                "db.t3.large",
                "db.m6g.large",
                "db.m5.large",
                "db.r6g.large",
                "db.r5.large",
            ):
                for fid_az, option, usage in (
                    ("single", "Single-AZ", "InstanceUsage"),
                    ("multi", "Multi-AZ", "Multi-AZUsage"),
                ):
                    simple(
                        f"rds.instance_hour.{klass}.{fid_engine}.{fid_az}",
                        region,
                        "AmazonRDS",
                        "Database Instance",
                        f"{usage}:{klass}",
                        "Hrs",
                        instanceType=klass,
                        databaseEngine=engine,
                        deploymentOption=option,
                        licenseModel="No license required",
                    )
        simple(
            "rds.gp2_gb_month.single",
            region,
            "AmazonRDS",
            "Database Storage",
            "RDS:GP2-Storage",
            "GB-Mo",
            volumeType="General Purpose",
            databaseEngine="Any",
            deploymentOption="Single-AZ",
        )
        simple(
            "rds.gp2_gb_month.multi",
            region,
            "AmazonRDS",
            "Database Storage",
            "RDS:Multi-AZ-GP2-Storage",
            "GB-Mo",
            volumeType="General Purpose",
            databaseEngine="Any",
            deploymentOption="Multi-AZ",
        )
        simple(
            "rds.gp3_gb_month",
            region,
            "AmazonRDS",
            "Database Storage",
            "RDS:GP3-Storage",
            "GB-Mo",
            volumeType="General Purpose-GP3",
            databaseEngine="Any",
            deploymentOption="Single-AZ",
        )
        simple(
            "rds.gp3_gb_month_multi_az",
            region,
            "AmazonRDS",
            "Database Storage",
            "RDS:Multi-AZ-GP3-Storage",
            "GB-Mo",
            volumeType="General Purpose-GP3",
            databaseEngine="Any",
            deploymentOption="Multi-AZ",
        )
        simple(
            "rds.io1_gb_month",
            region,
            "AmazonRDS",
            "Database Storage",
            "RDS:PIOPS-Storage",
            "GB-Mo",
            volumeType="Provisioned IOPS",
            databaseEngine="Any",
            deploymentOption="Single-AZ",
        )
        simple(
            "rds.io1_iops_month",
            region,
            "AmazonRDS",
            "Provisioned IOPS",
            "RDS:PIOPS",
            "IOPS-Mo",
            databaseEngine="Any",
            deploymentOption="Single-AZ",
        )
        simple(
            "rds.gp3_iops_month",
            region,
            "AmazonRDS",
            "Provisioned IOPS",
            "RDS:GP3-PIOPS",
            "IOPS-Mo",
            databaseEngine="Any",
            deploymentOption="Single-AZ",
        )
        simple("rds.backup_gb_month", region, "AmazonRDS", "Storage Snapshot", "RDS:ChargedBackupUsage", "GB-Mo")
        for engine_id, engine in (("aurora-postgresql", "Aurora PostgreSQL"), ("aurora-mysql", "Aurora MySQL")):
            for klass in ("db.r6g.large", "db.t4g.medium", "db.t3.medium", "db.r5.large"):
                simple(
                    f"aurora.instance_hour.{klass}.{engine_id}",
                    region,
                    "AmazonRDS",
                    "Database Instance",
                    f"InstanceUsage:{klass}",
                    "Hrs",
                    instanceType=klass,
                    databaseEngine=engine,
                    deploymentOption="Single-AZ",
                )
            # The ACU rate is one figure for both engines (REFERENCE-PRICES.md §3).
            f = fact("aurora.serverless_v2_acu_hour", region)
            if f is not None:
                offers.add(
                    "AmazonRDS",
                    region,
                    "ServerlessV2",
                    "Aurora:ServerlessV2Usage",
                    {"databaseEngine": engine},
                    [(Decimal(0), INF, unit_price(f), describe(f))],
                    "ACU-Hr",
                    PUBLISHED,
                )
            for fid, family, usage, unit in (
                ("aurora.storage_gb_month", "Database Storage", "Aurora:StorageUsage", "GB-Mo"),
                ("aurora.io_million", "System Operation", "Aurora:StorageIOUsage", "IOs"),
                ("aurora.backup_gb_month", "Storage Snapshot", "Aurora:BackupUsage", "GB-Mo"),
            ):
                f = fact(fid, region)
                if f is not None:
                    per = Decimal(1_000_000) if fid == "aurora.io_million" else Decimal(1)
                    offers.add(
                        "AmazonRDS",
                        region,
                        family,
                        usage,
                        {"databaseEngine": engine},
                        [(Decimal(0), INF, Decimal(str(f["price"])) / per, describe(f))],
                        unit,
                        PUBLISHED,
                    )
        # S3 (FORMAT.md 4 "S3"): Standard's first tier only is sourced
        tiered(
            [("s3.standard_gb_month.tier1", 0, 51200)],
            region,
            "AmazonS3",
            "Storage",
            "TimedStorage-ByteHrs",
            "GB-Mo",
            storageClass="General Purpose",
            volumeType="Standard",
        )
        simple(
            "s3.standard_ia_gb_month",
            region,
            "AmazonS3",
            "Storage",
            "TimedStorage-SIA-ByteHrs",
            "GB-Mo",
            volumeType="Standard - Infrequent Access",
        )
        simple(
            "s3.onezone_ia_gb_month",
            region,
            "AmazonS3",
            "Storage",
            "TimedStorage-ZIA-ByteHrs",
            "GB-Mo",
            volumeType="One Zone - Infrequent Access",
        )
        simple(
            "s3.glacier_ir_gb_month",
            region,
            "AmazonS3",
            "Storage",
            "TimedStorage-GIR-ByteHrs",
            "GB-Mo",
            volumeType="Glacier Instant Retrieval",
        )
        simple("s3.glacier_flexible_gb_month", region, "AmazonGlacier", "Storage", "TimedStorage-ByteHrs", "GB-Mo")
        simple(
            "s3.deep_archive_gb_month",
            region,
            "AmazonS3GlacierDeepArchive",
            "Storage",
            "TimedStorage-GDA-ByteHrs",
            "GB-Mo",
        )
        simple("s3.put_request", region, "AmazonS3", "API Request", "Requests-Tier1", "Requests", group="S3-API-Tier1")
        simple("s3.get_request", region, "AmazonS3", "API Request", "Requests-Tier2", "Requests", group="S3-API-Tier2")
        # Lambda (tiered duration)
        simple("lambda.request", region, "AWSLambda", "Serverless", "Request", "Requests", group="AWS-Lambda-Requests")
        f = fact("lambda.request", region)
        if f is not None:  # Arm requests cost the same as x86 (REFERENCE-PRICES.md §6: $0.20 per 1M for both)
            offers.add(
                "AWSLambda",
                region,
                "Serverless",
                "Request-ARM",
                {"group": "AWS-Lambda-Requests-ARM"},
                [(Decimal(0), INF, unit_price(f), describe(f))],
                "Requests",
                PUBLISHED,
            )
        tiered(
            [
                ("lambda.x86_gb_second.tier1", 0, 6_000_000_000),
                ("lambda.x86_gb_second.tier2", 6_000_000_000, 15_000_000_000),
                ("lambda.x86_gb_second.tier3", 15_000_000_000, None),
            ],
            region,
            "AWSLambda",
            "Serverless",
            "Lambda-GB-Second",
            "Lambda-GB-Second",
            group="AWS-Lambda-Duration",
        )
        tiered(
            [
                ("lambda.arm_gb_second.tier1", 0, 7_500_000_000),
                ("lambda.arm_gb_second.tier2", 7_500_000_000, 18_750_000_000),
                ("lambda.arm_gb_second.tier3", 18_750_000_000, None),
            ],
            region,
            "AWSLambda",
            "Serverless",
            "Lambda-GB-Second-ARM",
            "Lambda-GB-Second",
            group="AWS-Lambda-Duration-ARM",
        )
        # DynamoDB
        simple(
            "dynamodb.read_request_unit",
            region,
            "AmazonDynamoDB",
            "Amazon DynamoDB PayPerRequest Throughput",
            "ReadRequestUnits",
            "ReadRequestUnits",
            group="DDB-ReadUnits",
        )
        simple(
            "dynamodb.write_request_unit",
            region,
            "AmazonDynamoDB",
            "Amazon DynamoDB PayPerRequest Throughput",
            "WriteRequestUnits",
            "WriteRequestUnits",
            group="DDB-WriteUnits",
        )
        simple(
            "dynamodb.rcu_hour",
            region,
            "AmazonDynamoDB",
            "Provisioned IOPS",
            "ReadCapacityUnit-Hrs",
            "ReadCapacityUnit-Hrs",
            group="DDB-ReadUnits",
        )
        simple(
            "dynamodb.wcu_hour",
            region,
            "AmazonDynamoDB",
            "Provisioned IOPS",
            "WriteCapacityUnit-Hrs",
            "WriteCapacityUnit-Hrs",
            group="DDB-WriteUnits",
        )
        f = fact("dynamodb.storage_gb_month", region)
        if f is not None:  # the price list's own first 25 GB tier is free (terrapod, REFERENCE-PRICES.md §6)
            offers.add(
                "AmazonDynamoDB",
                region,
                "Database Storage",
                "TimedStorage-ByteHrs",
                {},
                [
                    (Decimal(0), Decimal(25), Decimal(0), "First 25 GB-month free. " + describe(f)),
                    (Decimal(25), INF, unit_price(f), describe(f)),
                ],
                "GB-Mo",
                PUBLISHED,
            )
        # Fargate, EKS, ElastiCache
        for fid, usage in (
            ("fargate.x86_vcpu_hour", "Fargate-vCPU-Hours:perCPU"),
            ("fargate.x86_gb_hour", "Fargate-GB-Hours"),
            ("fargate.arm_vcpu_hour", "Fargate-ARM-vCPU-Hours:perCPU"),
            ("fargate.arm_gb_hour", "Fargate-ARM-GB-Hours"),
        ):
            simple(fid, region, "AmazonECS", "Compute", usage, "hours")
        simple("eks.cluster_hour", region, "AmazonEKS", "Compute", "AmazonEKS-Hours:perCluster", "Hrs")
        for node_type in ("cache.t4g.medium", "cache.t3.medium", "cache.m6g.large", "cache.r6g.large"):
            for engine_id, engine in (("redis", "Redis"), ("valkey", "Valkey"), ("memcached", "Memcached")):
                simple(
                    f"elasticache.node_hour.{node_type}.{engine_id}",
                    region,
                    "AmazonElastiCache",
                    "Cache Instance",
                    f"NodeUsage:{node_type}",
                    "Hrs",
                    instanceType=node_type,
                    cacheEngine=engine,
                )
        # VPC: endpoints, Transit Gateway, VPN, public IPv4
        simple("vpc.interface_endpoint_hour", region, "AmazonVPC", "VpcEndpoint", "VpcEndpoint-Hours", "Hrs")
        simple("vpc.interface_endpoint_gb", region, "AmazonVPC", "VpcEndpoint", "VpcEndpoint-Bytes", "GB")
        simple("tgw.attachment_hour", region, "AmazonVPC", "Transit Gateway", "TransitGateway-Hours", "Hrs")
        simple("tgw.data_gb", region, "AmazonVPC", "Transit Gateway", "TransitGateway-Bytes", "GB")
        simple("vpn.connection_hour", region, "AmazonVPC", "Cloud Connectivity", "VPN-Usage-Hours:ipsec.1", "Hrs")
        simple("ec2.public_ipv4_hour", region, "AmazonVPC", "IP Address", "PublicIPv4:InUseAddress", "Hrs")
        # Direct Connect
        for speed in ("1G", "10G"):
            simple(
                f"dx.port_hour_{speed.lower()}",
                region,
                "AWSDirectConnect",
                "Direct Connect",
                f"PortUsage:{speed}bps",
                "Hrs",
                connectionType="dedicated",
                portSpeed=f"{speed}bps",
            )
        for speed in (
            "50Mbps",
            "100Mbps",
            "200Mbps",
            "300Mbps",
            "400Mbps",
            "500Mbps",
            "1Gbps",
            "2Gbps",
            "5Gbps",
            "10Gbps",
            "25Gbps",
        ):
            simple(
                f"dx.hosted_port_hour_{speed.lower()}",
                region,
                "AWSDirectConnect",
                "Direct Connect",
                f"PortUsage:{speed}",
                "Hrs",
                connectionType="hosted",
                portSpeed=speed,
            )
        simple("dx.data_out_gb", region, "AWSDirectConnect", "Data Transfer", "DataXfer-Out:dc.1", "GB")
        # Integration
        simple(
            "apigw.http_requests_million", region, "AmazonApiGateway", "API Calls", "ApiGatewayHttpRequest", "Requests"
        )
        simple("apigw.rest_requests_million", region, "AmazonApiGateway", "API Calls", "ApiGatewayRequest", "Requests")
        simple(
            "sqs.standard_requests_million",
            region,
            "AWSQueueService",
            "API Request",
            "Requests-RBP",
            "Requests",
            queueType="Standard",
        )
        simple(
            "sqs.fifo_requests_million",
            region,
            "AWSQueueService",
            "API Request",
            "Requests-FIFO-RBP",
            "Requests",
            queueType="FIFO (first-in, first-out)",
        )
        simple("sns.publish_million", region, "AmazonSNS", "API Request", "Requests-Tier1", "Requests")
        simple(
            "sns.http_deliveries_million",
            region,
            "AmazonSNS",
            "Message Delivery",
            "DeliveryAttempts-HTTP",
            "Notifications",
            endpointType="HTTP",
        )
        simple(
            "sns.email_deliveries_100k",
            region,
            "AmazonSNS",
            "Message Delivery",
            "DeliveryAttempts-SMTP",
            "Notifications",
            endpointType="Email-JSON",
        )
        simple("eventbridge.custom_events_million", region, "AWSEvents", "EventBridge", "Event-64K-Chunks", "Events")
        simple(
            "sfn.standard_transitions_1k",
            region,
            "AmazonStates",
            "AWS Step Functions",
            "StateTransition",
            "Transitions",
        )
        simple(
            "sfn.express_requests_million",
            region,
            "AmazonStates",
            "AWS Step Functions",
            "ExpressWorkflow-Requests",
            "Requests",
        )
        simple(
            "sfn.express_gb_second",
            region,
            "AmazonStates",
            "AWS Step Functions",
            "ExpressWorkflow-GB-Second",
            "GB-Second",
        )
        # Security and operations
        simple("kms.key_month", region, "awskms", "Encryption Key", "KMS-Keys", "Keys")
        simple("kms.requests_10k", region, "awskms", "API Request", "KMS-Requests", "Requests")
        simple(
            "secretsmanager.secret_month", region, "AWSSecretsManager", "Secret", "AWSSecretsManager-Secrets", "Secrets"
        )
        simple(
            "secretsmanager.api_calls_10k",
            region,
            "AWSSecretsManager",
            "API Request",
            "AWSSecretsManager-APIRequest",
            "API Requests",
        )
        simple("logs.ingest_gb", region, "AmazonCloudWatch", "Data Payload", "DataProcessing-Bytes", "GB")
        simple("logs.storage_gb_month", region, "AmazonCloudWatch", "Storage Snapshot", "TimedStorage-ByteHrs", "GB-Mo")
        simple(
            "dms.t2_micro_hour",
            region,
            "AWSDatabaseMigrationSvc",
            "Database Migration",
            "InstanceUsg:dms.t2.micro",
            "Hrs",
            instanceType="dms.t2.micro",
            availabilityZone="Single",
        )
        simple(
            "dms.t2_micro_hour_multi_az",
            region,
            "AWSDatabaseMigrationSvc",
            "Database Migration",
            "Multi-AZUsg:dms.t2.micro",
            "Hrs",
            instanceType="dms.t2.micro",
            availabilityZone="Multiple",
        )
        simple(
            "dms.t3_medium_hour",
            region,
            "AWSDatabaseMigrationSvc",
            "Database Migration",
            "InstanceUsg:dms.t3.medium",
            "Hrs",
            instanceType="dms.t3.medium",
            availabilityZone="Single",
        )
        simple("dms.storage_gb_month", region, "AWSDatabaseMigrationSvc", "Storage", "StorageUsage", "GB-Mo")
        simple(
            "dms.storage_gb_month_multi_az",
            region,
            "AWSDatabaseMigrationSvc",
            "Storage",
            "Multi-AZStorageUsage",
            "GB-Mo",
        )
        simple(
            "efs.standard_gb_month",
            region,
            "AmazonEFS",
            "Storage",
            "TimedStorage-ByteHrs",
            "GB-Mo",
            storageClass="General Purpose",
        )
        simple(
            "efs.ia_gb_month",
            region,
            "AmazonEFS",
            "Storage",
            "IATimedStorage-ByteHrs",
            "GB-Mo",
            storageClass="Infrequent Access",
        )

    # -- worldwide offers ----------------------------------------------------------------------------------
    cf = fact("cloudfront.us_tier1_gb", GLOBAL)
    if cf is not None:  # only the first 10 TB tier is sourced
        offers.add(
            "AmazonCloudFront",
            GLOBAL,
            "Data Transfer",
            "US-DataTransfer-Out-Bytes",
            {"transferType": "CloudFront Outbound", "fromLocation": "United States", "toLocation": "External"},
            [(Decimal(0), Decimal(10240), unit_price(cf), describe(cf))],
            "GB",
            PUBLISHED,
        )
    https = fact("cloudfront.https_requests_10k", "us-east-1")
    if https is not None:
        offers.add(
            "AmazonCloudFront",
            GLOBAL,
            "Request",
            "US-Requests-Tier2-HTTPS",
            {"fromLocation": "United States", "requestType": "CloudFront-Request-HTTPS-Proxy"},
            [(Decimal(0), INF, unit_price(https), describe(https))],
            "Requests",
            PUBLISHED,
        )
    zone = fact("route53.hosted_zone_month", "us-east-1")
    if zone is not None:
        offers.add(
            "AmazonRoute53",
            GLOBAL,
            "DNS Zone",
            "HostedZone",
            {},
            [(Decimal(0), INF, unit_price(zone), describe(zone))],
            "HostedZone",
            PUBLISHED,
        )
    queries = fact("route53.queries_million", "us-east-1")
    if queries is not None:
        offers.add(
            "AmazonRoute53",
            GLOBAL,
            "DNS Query",
            "DNS-Queries",
            {},
            [(Decimal(0), INF, unit_price(queries), describe(queries))],
            "Queries",
            PUBLISHED,
        )
    resolver = fact("route53.resolver_eni_hour", "us-east-1")
    if resolver is not None:
        # A regional product inside the worldwide Route 53 offer, with the region prefix us-east-1 has there
        # (designer/pricing/estimators/resolver_endpoint.py).
        offers.add(
            "AmazonRoute53",
            GLOBAL,
            "DNS Query",
            "USE1-ResolverNetworkInterface",
            {"location": LOCATION_OF["us-east-1"], "regionCode": "us-east-1"},
            [(Decimal(0), INF, unit_price(resolver), describe(resolver))],
            "Hrs",
            PUBLISHED,
        )

    write(offers)
    unused = sorted({k for k in facts if k not in used})
    print(
        f"wrote {sum(len(p) for p in offers.products.values())} products in {len(offers.products)} offer files to "
        f"{OUT.relative_to(ROOT)}; facts without a product: {len(unused)}"
    )
    for fid, region in unused:
        print(f"  unused fact: {fid} ({region})")
    return 0


def content_version(date: str, body: dict[str, Any]) -> str:
    """A 14-digit version like AWS's ("20261126" + 6 digits), whose last digits come from the content, so a
    regenerated file gets a new version and `refresh_prices --bundled` loads it again."""
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
    return date + f"{int(digest, 16) % 1_000_000:06d}"


def write(offers: Offers) -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    index: dict[str, Any] = {
        "formatVersion": "v1.0",
        "disclaimer": GENERATED,
        "publicationDate": PUBLISHED,
        "offers": {},
    }
    regions_of: dict[str, list[str]] = defaultdict(list)
    for (offer, region), products in sorted(offers.products.items()):
        published = EC2_PUBLISHED if offer == "AmazonEC2" and region == "us-east-1" else PUBLISHED
        version = content_version(published[:10].replace("-", ""), {"p": products, "t": offers.terms[(offer, region)]})
        path = (
            f"/offers/v1.0/aws/{offer}/{version}/{region}/index.json"
            if region != GLOBAL
            else f"/offers/v1.0/aws/{offer}/{version}/index.json"
        )
        body = {
            "formatVersion": "v1.0",
            "disclaimer": GENERATED,
            "offerCode": offer,
            "version": version,
            "publicationDate": published,
            "products": products,
            "terms": offers.terms[(offer, region)],
        }
        _write(path, body)
        regions_of[offer].append(region)
        entry = index["offers"].setdefault(
            offer,
            {
                "offerCode": offer,
                "versionIndexUrl": f"/offers/v1.0/aws/{offer}/index.json",
                "currentVersionUrl": f"/offers/v1.0/aws/{offer}/current/index.json",
                "currentRegionIndexUrl": f"/offers/v1.0/aws/{offer}/current/region_index.json",
            },
        )
        if region == GLOBAL:
            entry["currentVersionUrl"] = path
        else:
            region_index_path = f"/offers/v1.0/aws/{offer}/current/region_index.json"
            existing = (
                json.loads((OUT / region_index_path.lstrip("/")).read_text())
                if (OUT / region_index_path.lstrip("/")).exists()
                else {"formatVersion": "v1.0", "disclaimer": GENERATED, "publicationDate": PUBLISHED, "regions": {}}
            )
            existing["regions"][region] = {"regionCode": region, "currentVersionUrl": path}
            _write(region_index_path, existing)
    _write("/offers/v1.0/aws/index.json", index)
    (OUT / "README.md").write_text(
        f"<!-- {GENERATED} -->\n# Bundled price snapshot\n\n"
        "AWS Price List files in the bulk API's layout, generated by "
        "`scripts/gen_bundled_prices.py` from the facts in `data/aws-facts/` (each price dimension's description "
        f"names its source). As of {PUBLISHED[:10]} (EC2 instance prices: {EC2_PUBLISHED[:10]}). Loaded by "
        "`python manage.py refresh_prices --bundled`.\n\n"
        + "\n".join(f"- {offer}: {', '.join(sorted(regions))}" for offer, regions in sorted(regions_of.items()))
        + "\n"
    )


GENERATED = (
    "Generated by scripts/gen_bundled_prices.py from data/aws-facts/ (real list prices with their sources); "
    "do not edit. Not a copy of an AWS file."
)


def _write(path: str, body: dict[str, Any]) -> None:
    target = OUT / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(body, indent=1) + "\n")


if __name__ == "__main__":
    sys.exit(main())
