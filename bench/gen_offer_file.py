#!/usr/bin/env python3
"""Writes a synthetic AmazonEC2 us-east-1 offer file of a given size, in AWS's exact layout, for benchmarks.

The layout is the bulk API's per-region JSON file (../shared/pricing/FORMAT.md 1.4) as AWS serialises it:
two-space indentation, `"key" : value`, `{ }` and `[ ]` for empty containers, no final newline, `products`
then `terms.OnDemand` then `terms.Reserved`, terms keyed SKU -> "SKU.offerTermCode" -> term. The products
mimic a real regional EC2 file (FORMAT.md 1.7: "a 450 MB offer", "~106k products"), where only a few percent
are the ones `designer/pricing/selection.py` keeps:

- the real instance types of `data/aws-facts/ec2-ondemand-linux-us-east-1.json` in a seeded order, as many as
  the size takes (cycled under made-up family names past the last one), with the full attribute set of a 2021
  GetProducts item (`data/aws-facts/getproducts-item_AmazonEC2_m5.large_us-east-1_2021-02.json`), multiplied
  as FORMAT.md pitfall 1 describes: 16 operating-system / pre-installed-software / licence variants (with
  the operation codes seen in the clouddriver fixture) x tenancy Shared / Dedicated (for about 30% of the
  types) / Host (the $0 per-instance rows) x capacitystatus Used / UnusedCapacityReservation /
  AllocatedCapacityReservation;
- the same types in us-east-1's Local Zones (regionCode `us-east-1-bos-1` and so on, usage types prefixed
  `USE1-BOS1-`; the zone prefix is an assumption), which a us-east-1 file also holds;
- mixed in: EBS products (Storage, System Operation, Provisioned Throughput, Storage Snapshot), NAT Gateway,
  Elastic IP, CPU credit and Dedicated Host products, and AWSDataTransfer products (tiered internet egress,
  intra-region, inter-region to every region).

Every product has an on-demand term (JRTCKXETXF / 6YS6EN2CT7). Region instance products of capacitystatus Used
and tenancy Shared or Dedicated also have the twelve Reserved terms (standard and convertible, 1yr and 3yr, No /
Partial / All Upfront, with the offer term codes of FORMAT.md 1.4): an hourly `Hrs` dimension each and, for
Partial and All Upfront, an "Upfront Fee" `Quantity` dimension without beginRange/endRange. Prices are made up
(on-demand Linux prices are the real 2026-07-20 list prices; the rest are derived from them), so the file is
for measuring, not for pricing.

The default 520 MiB file holds 120,550 products, of which selection.py keeps 4,992 (4.1%); 19,904 have
Reserved terms. The file is streamed: products go straight to disk and each product's terms to two temporary
files beside it, which are appended once the size is reached, so memory stays flat whatever the size. The same
seed gives the same file, byte for byte. Run by hand (bench/bench_ingest.py runs it when its file is missing):

    .venv/bin/python bench/gen_offer_file.py [--size-mib 520] [--seed 2026] [--out /tmp/aws-designer-bench/...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import time
from collections.abc import Iterator
from json.encoder import encode_basestring_ascii as q
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FACTS = ROOT / "data" / "aws-facts" / "ec2-ondemand-linux-us-east-1.json"
DEFAULT_OUT = Path("/tmp/aws-designer-bench/AmazonEC2-us-east-1.json")
MIB = 1024 * 1024

VERSION = "20261120000000"
PUBLISHED = "2026-11-20T00:00:00Z"
EFFECTIVE = "2026-11-01T00:00:00Z"
RESERVED_EFFECTIVE = "2026-10-01T00:00:00Z"
DISCLAIMER = (
    "Synthetic offer file written by bench/gen_offer_file.py for benchmarks; the layout is AWS's, the prices are "
    "made up. Do not price anything with it."
)
REGION, LOCATION, PREFIX = "us-east-1", "US East (N. Virginia)", ""  # us-east-1 usage types have no prefix
HOME = (REGION, LOCATION, "AWS Region", PREFIX)  # (regionCode, location, locationType, usage-type prefix)
ON_DEMAND_CODE, HOURLY, UPFRONT = "JRTCKXETXF", "6YS6EN2CT7", "2TG2D8R56U"
SKU_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

# (operatingSystem, preInstalledSw, licenseModel, operation, description name, price per vCPU-hour added)
OS_VARIANTS = (
    ("Linux", "NA", "No License required", "RunInstances", "Linux", 0.0),
    ("Linux", "SQL Std", "No License required", "RunInstances:0004", "Linux with SQL Std", 0.12),
    ("Linux", "SQL Web", "No License required", "RunInstances:0200", "Linux with SQL Web", 0.0055),
    ("Linux", "SQL Ent", "No License required", "RunInstances:0100", "Linux with SQL Ent", 0.375),
    ("Windows", "NA", "No License required", "RunInstances:0002", "Windows", 0.046),
    ("Windows", "SQL Std", "No License required", "RunInstances:0006", "Windows with SQL Std", 0.166),
    ("Windows", "SQL Web", "No License required", "RunInstances:0202", "Windows with SQL Web", 0.0515),
    ("Windows", "SQL Ent", "No License required", "RunInstances:0102", "Windows with SQL Ent", 0.421),
    ("Windows", "NA", "Bring your own license", "RunInstances:0800", "Windows BYOL", 0.0),
    ("RHEL", "NA", "No License required", "RunInstances:0010", "RHEL", 0.0144),
    ("RHEL", "SQL Std", "No License required", "RunInstances:0014", "RHEL with SQL Std", 0.1344),
    ("RHEL", "SQL Web", "No License required", "RunInstances:0210", "RHEL with SQL Web", 0.0199),
    ("RHEL", "SQL Ent", "No License required", "RunInstances:0110", "RHEL with SQL Ent", 0.3894),
    ("Red Hat Enterprise Linux with HA", "NA", "No License required", "RunInstances:1010", "RHEL with HA", 0.0394),
    ("SUSE", "NA", "No License required", "RunInstances:000g", "SUSE Linux", 0.0125),
    ("Ubuntu Pro", "NA", "No License required", "RunInstances:0g00", "Ubuntu Pro", 0.0035),
)
LOCAL_ZONE_VARIANTS = tuple(OS_VARIANTS[i] for i in (0, 2, 4, 6, 9, 14, 15, 8))
CAPACITY = ("Used", "UnusedCapacityReservation", "AllocatedCapacityReservation")

# us-east-1's Local Zones: (regionCode, location, usage-type prefix)
LOCAL_ZONES = (
    ("us-east-1-atl-1", "US East (Atlanta)", "USE1-ATL1-"),
    ("us-east-1-bos-1", "US East (Boston)", "USE1-BOS1-"),
    ("us-east-1-chi-1", "US East (Chicago)", "USE1-CHI1-"),
    ("us-east-1-dfw-1", "US East (Dallas)", "USE1-DFW1-"),
    ("us-east-1-iah-1", "US East (Houston)", "USE1-IAH1-"),
    ("us-east-1-mci-1", "US East (Kansas City 2)", "USE1-MCI1-"),
    ("us-east-1-mia-1", "US East (Miami)", "USE1-MIA1-"),
    ("us-east-1-msp-1", "US East (Minneapolis)", "USE1-MSP1-"),
    ("us-east-1-nyc-1", "US East (New York City)", "USE1-NYC1-"),
    ("us-east-1-phl-1", "US East (Philadelphia)", "USE1-PHL1-"),
    ("us-east-1-qro-1", "Mexico (Queretaro)", "USE1-QRO1-"),
    ("us-east-1-bue-1", "Argentina (Buenos Aires)", "USE1-BUE1-"),
    ("us-east-1-lim-1", "Peru (Lima)", "USE1-LIM1-"),
    ("us-east-1-scl-1", "Chile (Santiago)", "USE1-SCL1-"),
)
# fmt: off
LOCAL_ZONE_FAMILIES = frozenset((
    "t3", "t3a", "t4g", "c5", "c5d", "m5", "m5d", "r5", "r5d", "g4dn", "g5", "g6", "c6i", "m6i", "r6i", "c6g",
    "c6gd", "c6gn", "m6g", "m6gd", "r6g", "r6gd", "c7i", "m7i", "r7i", "c7g", "m7g", "r7g", "c7gn", "i3en",
))
# fmt: on

# (LeaseContractLength, OfferingClass, PurchaseOption, offerTermCode, share of on-demand paid over the term)
RESERVED_TERMS = (
    ("1yr", "standard", "No Upfront", "4NA7Y494T4", 0.63),
    ("1yr", "standard", "Partial Upfront", "HU7G6KETJZ", 0.60),
    ("1yr", "standard", "All Upfront", "6QCMYABX3D", 0.59),
    ("3yr", "standard", "No Upfront", "BPH4J8HBKS", 0.43),
    ("3yr", "standard", "Partial Upfront", "38NPMPTW36", 0.41),
    ("3yr", "standard", "All Upfront", "NQ3QZPMQV9", 0.39),
    ("1yr", "convertible", "No Upfront", "7NE97W5U4E", 0.72),
    ("1yr", "convertible", "Partial Upfront", "CUZHX8X6JH", 0.69),
    ("1yr", "convertible", "All Upfront", "VJWZNREJX2", 0.68),
    ("3yr", "convertible", "No Upfront", "Z2E3P23VKM", 0.50),
    ("3yr", "convertible", "Partial Upfront", "R5XV2EPZQZ", 0.48),
    ("3yr", "convertible", "All Upfront", "MZU6U2429S", 0.47),
)
OS_WORDS = {"Linux": "Linux/UNIX", "RHEL": "Red Hat Enterprise Linux", "SUSE": "SUSE Linux"}

REGIONS = {  # the inter-region data-transfer destinations: code -> (location, usage-type prefix)
    "us-east-2": ("US East (Ohio)", "USE2"),
    "us-west-1": ("US West (N. California)", "USW1"),
    "us-west-2": ("US West (Oregon)", "USW2"),
    "af-south-1": ("Africa (Cape Town)", "CPT"),
    "ap-east-1": ("Asia Pacific (Hong Kong)", "APE1"),
    "ap-south-1": ("Asia Pacific (Mumbai)", "APS3"),
    "ap-south-2": ("Asia Pacific (Hyderabad)", "APS5"),
    "ap-southeast-1": ("Asia Pacific (Singapore)", "APS1"),
    "ap-southeast-2": ("Asia Pacific (Sydney)", "APS2"),
    "ap-southeast-3": ("Asia Pacific (Jakarta)", "APS6"),
    "ap-southeast-4": ("Asia Pacific (Melbourne)", "APS7"),
    "ap-northeast-1": ("Asia Pacific (Tokyo)", "APN1"),
    "ap-northeast-2": ("Asia Pacific (Seoul)", "APN2"),
    "ap-northeast-3": ("Asia Pacific (Osaka)", "APN3"),
    "ca-central-1": ("Canada (Central)", "CAN1"),
    "ca-west-1": ("Canada West (Calgary)", "CAN2"),
    "eu-central-1": ("EU (Frankfurt)", "EUC1"),
    "eu-central-2": ("EU (Zurich)", "EUC2"),
    "eu-west-1": ("EU (Ireland)", "EU"),
    "eu-west-2": ("EU (London)", "EUW2"),
    "eu-west-3": ("EU (Paris)", "EUW3"),
    "eu-south-1": ("EU (Milan)", "EUS1"),
    "eu-south-2": ("EU (Spain)", "EUS2"),
    "eu-north-1": ("EU (Stockholm)", "EUN1"),
    "il-central-1": ("Israel (Tel Aviv)", "ILC1"),
    "me-south-1": ("Middle East (Bahrain)", "MES1"),
    "me-central-1": ("Middle East (UAE)", "MEC1"),
    "mx-central-1": ("Mexico (Central)", "MXC1"),
    "sa-east-1": ("South America (Sao Paulo)", "SAE1"),
}


# -- AWS's serialisation ----------------------------------------------------------------------------------


def render(value: Any, level: int) -> str:
    """`value` as AWS pretty-prints it, its first line already indented to `level` (two spaces a level)."""
    if isinstance(value, str):
        return q(value)
    if isinstance(value, dict):
        if not value:
            return "{ }"
        pad = "  " * (level + 1)
        inner = ",\n".join(f"{pad}{q(k)} : {render(v, level + 1)}" for k, v in value.items())
        return "{\n" + inner + "\n" + "  " * level + "}"
    if isinstance(value, list):
        return "[ " + ", ".join(render(v, level) for v in value) + " ]" if value else "[ ]"
    raise TypeError(f"offer files hold strings, objects and arrays, not {type(value).__name__}")


def money(value: float) -> str:
    return f"{value:.10f}"


# -- what the products are ------------------------------------------------------------------------------


class Item(NamedTuple):
    """A product, its on-demand price dimensions (beginRange, endRange, USD, description) in `unit`, and the
    hourly on-demand price its Reserved terms derive from (None: no Reserved terms)."""

    product: dict[str, Any]
    unit: str
    tiers: list[tuple[str, str, str, str]]
    reserved_from: float | None = None


def flat(product: dict[str, Any], price: float, unit: str, description: str) -> Item:
    return Item(product, unit, [("0", "Inf", money(price), description)])


def size_factor(size: str) -> float:
    """The normalization size factor (small = 1, large = 4, xlarge = 8, 2xlarge = 16, ...)."""
    fixed = {"nano": 0.25, "micro": 0.5, "small": 1, "medium": 2, "large": 4, "xlarge": 8}
    if size in fixed:
        return fixed[size]
    m = re.match(r"(\d+)xlarge$", size)
    if m:
        return 8 * int(m.group(1))
    m = re.match(r"metal-(\d+)xl$", size)
    return 8 * int(m.group(1)) if m else 192


def instance_attributes(name: str) -> dict[str, str]:
    """Plausible hardware attributes for a real instance-type name (made up from the name's letters)."""
    family, _, size = name.partition(".")
    factor = size_factor(size)
    vcpu = max(1, int(factor / 4 * 2)) if not family.startswith("t") else max(2, int(factor / 4 * 2))
    letter = family[:1]
    per_vcpu = {"c": 2, "m": 4, "r": 8, "x": 16, "z": 8, "t": 4, "i": 8, "d": 8, "g": 4, "p": 8, "u": 32}.get(letter, 4)
    memory = {"nano": 0.5, "micro": 1, "small": 2}.get(size, vcpu * per_vcpu)
    kind = {
        "c": "Compute optimized",
        "m": "General purpose",
        "t": "General purpose",
        "a": "General purpose",
        "r": "Memory optimized",
        "x": "Memory optimized",
        "z": "Memory optimized",
        "u": "Memory optimized",
        "i": "Storage optimized",
        "d": "Storage optimized",
        "h": "Storage optimized",
        "g": "GPU instance",
        "p": "GPU instance",
    }.get(letter, "Machine Learning ASIC Instances")
    graviton = bool(re.search(r"\d+g", family)) or family == "a1"
    amd = bool(re.search(r"\d+a", family))
    processor = (
        "AWS Graviton3 Processor"
        if graviton
        else ("AMD EPYC 7R13 Processor" if amd else "Intel Xeon Platinum 8375C (Ice Lake)")
    )
    local_disk = "d" in family[2:] or letter in "id"
    return {
        "instanceFamily": kind,
        "vcpu": str(vcpu),
        "physicalProcessor": processor,
        "clockSpeed": "2.6 GHz" if graviton else "3.5 GHz",
        "memory": f"{memory:g} GiB",
        "storage": f"2 x {int(factor * 59)} NVMe SSD" if local_disk else "EBS only",
        "networkPerformance": "Up to 12500 Megabit" if factor <= 32 else f"{min(200, int(factor / 8) * 3)} Gigabit",
        "processorArchitecture": "64-bit",
    }


class Offer:
    """The stream of products (and what their terms need), drawn from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        facts = json.loads(FACTS.read_text())
        self.linux = {name: float(price) for name, price in facts["prices"].items() if float(price) > 0}
        self.types = sorted(self.linux)
        self.rng.shuffle(self.types)
        families = sorted({t.partition(".")[0] for t in self.types} & LOCAL_ZONE_FAMILIES)
        # each zone offers about 70% of those families
        self.zone_offer = {zone[0]: {f for f in families if self.rng.random() < 0.7} for zone in LOCAL_ZONES}

    def sku(self) -> str:
        return "".join(self.rng.choices(SKU_ALPHABET, k=16))

    def products(self) -> Iterator[Item]:
        """Instance types' products with the other products spread over the first 200 types, forever."""
        others = list(self.other_products())
        per_block = max(1, len(others) // 200 + 1)
        cycle = 0
        while True:
            for name in self.types:
                yield from self.instance_products(name, cycle)
                for _ in range(per_block):
                    if others:
                        yield others.pop(0)
            cycle += 1

    def instance_products(self, real_name: str, cycle: int) -> Iterator[Item]:
        family, _, size = real_name.partition(".")
        name = f"{family}x{cycle}.{size}" if cycle else real_name  # past the real types, made-up families
        hardware = instance_attributes(real_name)
        vcpu = int(hardware["vcpu"])
        base = self.linux[real_name]
        dedicated = not family.startswith("t") and size not in ("nano", "micro", "small") and self.rng.random() < 0.3
        tenancies = ["Shared", "Dedicated", "Host"] if dedicated else ["Shared", "Host"]
        for tenancy in tenancies:
            for variant in OS_VARIANTS:
                _, _, licence, _, label, per_vcpu = variant
                for capacity in CAPACITY if tenancy != "Host" else ("Used",):
                    usage = {"Shared": "BoxUsage", "Dedicated": "DedicatedUsage", "Host": "HostBoxUsage"}[tenancy]
                    if capacity == "UnusedCapacityReservation":
                        usage = "UnusedBox" if tenancy == "Shared" else "UnusedDed"
                    elif capacity == "AllocatedCapacityReservation":
                        usage = "Reservation" if tenancy == "Shared" else "DedicatedRes"
                    price = (base + per_vcpu * vcpu) * (1.1 if tenancy == "Dedicated" else 1.0)
                    if licence == "Bring your own license":
                        price = base
                    if tenancy == "Host" or capacity == "AllocatedCapacityReservation":
                        price = 0.0  # billed through the host or the reservation (FORMAT.md 4, clouddriver)
                    what = {
                        "Used": "On Demand",
                        "UnusedCapacityReservation": "Unused Reservation",
                        "AllocatedCapacityReservation": "Reservation",
                    }[capacity]
                    where = {"Shared": "", "Dedicated": " Dedicated", "Host": " Dedicated Host"}[tenancy]
                    product = self.instance_product(name, hardware, HOME, usage, variant, tenancy, capacity)
                    description = f"${price:.3f} per {what} {label} {name}{where} Instance Hour"
                    reserved = capacity == "Used" and tenancy != "Host"
                    item = flat(product, price, "Hrs", description)
                    yield item._replace(reserved_from=price) if reserved else item
        if family in LOCAL_ZONE_FAMILIES and not cycle:
            for zone in LOCAL_ZONES:
                if family not in self.zone_offer[zone[0]]:
                    continue
                place = (zone[0], zone[1], "AWS Local Zone", zone[2])
                for variant in LOCAL_ZONE_VARIANTS:
                    label, per_vcpu = variant[4], variant[5]
                    for capacity in CAPACITY:
                        usage = {"Used": "BoxUsage", "UnusedCapacityReservation": "UnusedBox"}.get(
                            capacity, "Reservation"
                        )
                        price = 0.0 if capacity == "AllocatedCapacityReservation" else (base + per_vcpu * vcpu) * 1.2
                        product = self.instance_product(name, hardware, place, usage, variant, "Shared", capacity)
                        yield flat(product, price, "Hrs", f"${price:.3f} per On Demand {label} {name} Instance Hour")

    def instance_product(
        self,
        name: str,
        hardware: dict[str, str],
        place: tuple[str, str, str, str],
        usage: str,
        variant: tuple[str, str, str, str, str, float],
        tenancy: str,
        capacity: str,
    ) -> dict[str, Any]:
        region, location, location_type, prefix = place
        os_, sw, licence, operation = variant[:4]
        family_name = "Compute Instance (bare metal)" if ".metal" in name else "Compute Instance"
        factor = size_factor(name.partition(".")[2])
        sku = self.sku()
        attributes = {
            "servicecode": "AmazonEC2",
            "location": location,
            "locationType": location_type,
            "instanceType": name,
            "currentGeneration": "Yes",
            "instanceFamily": hardware["instanceFamily"],
            "vcpu": hardware["vcpu"],
            "physicalProcessor": hardware["physicalProcessor"],
            "clockSpeed": hardware["clockSpeed"],
            "memory": hardware["memory"],
            "storage": hardware["storage"],
            "networkPerformance": hardware["networkPerformance"],
            "processorArchitecture": hardware["processorArchitecture"],
            "tenancy": tenancy,
            "operatingSystem": os_,
            "licenseModel": licence,
            "usagetype": f"{prefix}{usage}:{name}",
            "operation": operation,
            "availabilityzone": "NA",
            "capacitystatus": capacity,
            "classicnetworkingsupport": "false",
            "dedicatedEbsThroughput": "Up to 10000 Mbps",
            "ecu": "NA",
            "enhancedNetworkingSupported": "Yes",
            "gpuMemory": "NA",
            "intelAvx2Available": "No" if "Graviton" in hardware["physicalProcessor"] else "Yes",
            "intelAvxAvailable": "No" if "Graviton" in hardware["physicalProcessor"] else "Yes",
            "intelTurboAvailable": "No" if "Graviton" in hardware["physicalProcessor"] else "Yes",
            "marketoption": "OnDemand",
            "normalizationSizeFactor": "NA" if ".metal" in name else f"{factor:g}",
            "preInstalledSw": sw,
            "processorFeatures": "Intel AVX; Intel AVX2; Intel AVX512; Intel Turbo",
            "regionCode": region,
            "servicename": "Amazon Elastic Compute Cloud",
            "vpcnetworkingsupport": "true",
        }
        return {"sku": sku, "productFamily": family_name, "attributes": attributes}

    def other_products(self) -> Iterator[Item]:
        """EBS, NAT Gateway, Elastic IP, CPU credits, Dedicated Hosts and data transfer, for the region and its
        Local Zones."""
        places = [HOME] + [(c, n, "AWS Local Zone", p) for c, n, p in LOCAL_ZONES]
        volumes = (
            ("gp2", "General Purpose", "SSD-backed", "EBS:VolumeUsage.gp2", 0.10),
            ("gp3", "General Purpose", "SSD-backed", "EBS:VolumeUsage.gp3", 0.08),
            ("io1", "Provisioned IOPS", "SSD-backed", "EBS:VolumeUsage.piops", 0.125),
            ("io2", "Provisioned IOPS", "SSD-backed", "EBS:VolumeUsage.io2", 0.125),
            ("st1", "Throughput Optimized HDD", "HDD-backed", "EBS:VolumeUsage.st1", 0.045),
            ("sc1", "Cold HDD", "HDD-backed", "EBS:VolumeUsage.sc1", 0.015),
            ("standard", "Magnetic", "HDD-backed", "EBS:VolumeUsage", 0.05),
        )
        for region, location, location_type, prefix in places:
            base = {"servicecode": "AmazonEC2", "location": location, "locationType": location_type}
            tail = {"regionCode": region, "servicename": "Amazon Elastic Compute Cloud"}
            for api, volume_type, media, usage, price in volumes:
                attributes = {
                    **base,
                    "storageMedia": media,
                    "volumeType": volume_type,
                    "maxVolumeSize": "16 TiB" if api != "io2" else "64 TiB",
                    "maxIopsvolume": "16000",
                    "maxThroughputvolume": "1000 MiB/s",
                    "usagetype": prefix + usage,
                    "operation": "",
                    "volumeApiName": api,
                    **tail,
                }
                yield flat(self.product("Storage", attributes), price, "GB-Mo", f"${price} per GB-month of {api}")
            for family, usage, unit, price in (
                ("System Operation", "EBS:VolumeP-IOPS.gp3", "IOPS-Mo", 0.005),
                ("System Operation", "EBS:VolumeP-IOPS.piops", "IOPS-Mo", 0.065),
                ("System Operation", "EBS:VolumeP-IOPS.io2", "IOPS-Mo", 0.065),
                ("Provisioned Throughput", "EBS:VolumeP-Throughput.gp3", "GiBps-mo", 40.96),
                ("Storage Snapshot", "EBS:SnapshotUsage", "GB-Mo", 0.05),
                ("Storage Snapshot", "EBS:SnapshotArchiveStorage", "GB-Mo", 0.0125),
                ("NAT Gateway", "NatGateway-Hours", "Hrs", 0.045),
                ("NAT Gateway", "NatGateway-Bytes", "GB", 0.045),
                ("IP Address", "ElasticIP:IdleAddress", "Hrs", 0.005),
                ("IP Address", "ElasticIP:Remap", "Count", 0.1),
                ("CPU Credits", "CPUCredits:t3", "vCPU-Hours", 0.05),
                ("CPU Credits", "CPUCredits:t4g", "vCPU-Hours", 0.04),
            ):
                group = usage.split(":")[0]
                attributes = {**base, "group": group, "usagetype": prefix + usage, "operation": "", **tail}
                yield flat(self.product(family, attributes), price, unit, f"${price} per {unit} of {usage}")
        for family in sorted({t.partition(".")[0] for t in self.types})[:120]:
            attributes = {
                "servicecode": "AmazonEC2",
                "location": LOCATION,
                "locationType": "AWS Region",
                "instanceFamily": family,
                "tenancy": "Host",
                "usagetype": f"HostUsage:{family}",
                "operation": "RunInstances",
                "capacitystatus": "Used",
                "regionCode": REGION,
                "servicename": "Amazon Elastic Compute Cloud",
            }
            yield flat(self.product("Dedicated Host", attributes), 4.0, "Hrs", f"$4.000 per {family} Dedicated Host")
        yield from self.data_transfer()

    def data_transfer(self) -> Iterator[Item]:
        def transfer(kind: str, usage: str, to: tuple[str, str, str], frm: tuple[str, str, str]) -> dict[str, Any]:
            attributes = {
                "servicecode": "AWSDataTransfer",
                "transferType": kind,
                "fromLocation": frm[1],
                "fromLocationType": frm[2],
                "fromRegionCode": frm[0],
                "toLocation": to[1],
                "toLocationType": to[2],
                "toRegionCode": to[0],
                "usagetype": usage,
                "operation": "",
                "servicename": "AWS Data Transfer",
            }
            if not frm[0]:
                del attributes["fromRegionCode"]
            if not to[0]:
                del attributes["toRegionCode"]
            return self.product("Data Transfer", attributes)

        here = (REGION, LOCATION, "AWS Region")
        external = ("", "External", "Other")
        tiers = [  # FORMAT.md 4, "Data transfer out": tiered, listed out of order as AWS does
            ("10240", "51200", money(0.085), "$0.085 per GB - next 40 TB / month data transfer out of US East"),
            ("0", "10240", money(0.09), "$0.090 per GB - first 10 TB / month data transfer out of US East"),
            ("153600", "Inf", money(0.05), "$0.050 per GB - greater than 150 TB / month data transfer out of US East"),
            ("51200", "153600", money(0.07), "$0.070 per GB - next 100 TB / month data transfer out of US East"),
        ]
        yield Item(transfer("AWS Outbound", "DataTransfer-Out-Bytes", external, here), "GB", tiers)
        yield flat(transfer("AWS Inbound", "DataTransfer-In-Bytes", here, external), 0, "GB", "$0.00 per GB in")
        yield flat(transfer("IntraRegion", "DataTransfer-Regional-Bytes", here, here), 0.01, "GB", "$0.01 per GB")
        for code, (location, prefix) in REGIONS.items():
            there = (code, location, "AWS Region")
            out = f"USE1-{prefix}-AWS-Out-Bytes"
            yield flat(transfer("InterRegion Outbound", out, there, here), 0.02, "GB", f"$0.02 per GB to {location}")
            into = f"{prefix}-USE1-AWS-In-Bytes"
            yield flat(transfer("InterRegion Inbound", into, here, there), 0, "GB", f"$0.00 per GB from {location}")
        for code, location, prefix in LOCAL_ZONES:
            zone = (code, location, "AWS Local Zone")
            usage = f"{prefix}DataTransfer-Out-Bytes"
            yield flat(transfer("AWS Outbound", usage, external, zone), 0.11, "GB", f"$0.11 per GB out of {location}")

    def product(self, family: str, attributes: dict[str, str]) -> dict[str, Any]:
        return {"sku": self.sku(), "productFamily": family, "attributes": attributes}


# -- terms ----------------------------------------------------------------------------------------------


def dimension(rate_code: str, description: str, unit: str, price: str, tier: tuple[str, str] | None) -> dict[str, Any]:
    """One price dimension; upfront fees (`tier` None) have no beginRange/endRange (FORMAT.md 1.4)."""
    dim: dict[str, Any] = {"rateCode": rate_code, "description": description}
    if tier is not None:
        dim["beginRange"], dim["endRange"] = tier
    dim["unit"] = unit
    dim["pricePerUnit"] = {"USD": price}
    dim["appliesTo"] = []
    return dim


def on_demand_entry(item: Item) -> str:
    sku = item.product["sku"]
    dims = {}
    for i, (begin, end, usd, description) in enumerate(item.tiers):
        rate = HOURLY if len(item.tiers) == 1 else f"{HOURLY[:-1]}{i}"  # tiers get rate codes of their own
        code = f"{sku}.{ON_DEMAND_CODE}.{rate}"
        dims[code] = dimension(code, description, item.unit, usd, (begin, end))
    term = {
        "offerTermCode": ON_DEMAND_CODE,
        "sku": sku,
        "effectiveDate": EFFECTIVE,
        "priceDimensions": dims,
        "termAttributes": {},
    }
    return f"      {q(sku)} : {render({f'{sku}.{ON_DEMAND_CODE}': term}, 3)}"


def reserved_entry(sku: str, hourly: float, product: dict[str, Any]) -> str:
    attributes = product["attributes"]
    os_ = OS_WORDS.get(attributes["operatingSystem"], attributes["operatingSystem"])
    applied = f"{os_} (Amazon VPC), {attributes['instanceType']} reserved instance applied"
    terms = {}
    for lease, offering, option, code, share in RESERVED_TERMS:
        hours = 8760 * int(lease[0])
        total = hourly * share * hours
        dims = {}
        if option != "No Upfront":
            upfront = total if option == "All Upfront" else total / 2
            rate = f"{sku}.{code}.{UPFRONT}"
            dims[rate] = dimension(rate, "Upfront Fee", "Quantity", f"{round(upfront)}", None)
        per_hour = {"No Upfront": total / hours, "Partial Upfront": total / 2 / hours, "All Upfront": 0.0}[option]
        rate = f"{sku}.{code}.{HOURLY}"
        dims[rate] = dimension(rate, applied, "Hrs", money(per_hour), ("0", "Inf"))
        terms[f"{sku}.{code}"] = {
            "offerTermCode": code,
            "sku": sku,
            "effectiveDate": RESERVED_EFFECTIVE,
            "priceDimensions": dims,
            "termAttributes": {"LeaseContractLength": lease, "OfferingClass": offering, "PurchaseOption": option},
        }
    return f"      {q(sku)} : {render(terms, 3)}"


# -- the file -------------------------------------------------------------------------------------------


def write_offer_file(out: Path, size_bytes: int, seed: int, progress: bool = True) -> dict[str, int]:
    """Write the file (at least `size_bytes` long) and return what it holds."""
    from designer.pricing.regions import region_of
    from designer.pricing.selection import keeps

    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    od_path, ri_path = out.with_name(out.name + ".ondemand"), out.with_name(out.name + ".reserved")
    header = (
        "{\n"
        f'  "formatVersion" : "v1.0",\n'
        f'  "disclaimer" : {q(DISCLAIMER)},\n'
        f'  "offerCode" : "AmazonEC2",\n'
        f'  "version" : "{VERSION}",\n'
        f'  "publicationDate" : "{PUBLISHED}",\n'
        '  "products" : {\n'
    )
    between = '\n  },\n  "terms" : {\n    "OnDemand" : {\n'
    middle = '\n    },\n    "Reserved" : {\n'
    tail = "\n    }\n  }\n}"
    counts = {"products": 0, "kept": 0, "reserved_skus": 0, "bytes": 0}
    offer = Offer(seed)
    sizes = [len(header) + len(between) + len(middle) + len(tail), 0, 0]  # main, on-demand, reserved
    buffer = 8 * MIB
    started, reported = time.monotonic(), 0
    try:
        with (
            part.open("w", encoding="ascii", buffering=buffer) as main,
            od_path.open("w", encoding="ascii", buffering=buffer) as od,
            ri_path.open("w", encoding="ascii", buffering=buffer) as ri,
        ):
            main.write(header)
            for item in offer.products():
                product = item.product
                sku = product["sku"]
                sep = ",\n" if counts["products"] else ""
                text = f"{sep}    {q(sku)} : {render(product, 2)}"
                main.write(text)
                sizes[0] += len(text)
                text = sep + on_demand_entry(item)
                od.write(text)
                sizes[1] += len(text)
                if item.reserved_from is not None:
                    text = (",\n" if counts["reserved_skus"] else "") + reserved_entry(sku, item.reserved_from, product)
                    ri.write(text)
                    sizes[2] += len(text)
                    counts["reserved_skus"] += 1
                counts["products"] += 1
                attributes = product["attributes"]
                if region_of(attributes) == REGION and keeps(  # every product here names its place
                    "AmazonEC2", product["productFamily"], attributes.get("usagetype", ""), attributes
                ):
                    counts["kept"] += 1
                total = sum(sizes)
                if progress and total - reported >= 50 * MIB:
                    reported = total
                    print(f"  {total / MIB:,.0f} MiB, {counts['products']:,} products", file=sys.stderr)
                if total >= size_bytes:
                    break
            main.write(between)
        with part.open("ab") as main_bin:
            for path, closing in ((od_path, middle), (ri_path, tail)):
                with path.open("rb") as src:
                    shutil.copyfileobj(src, main_bin, buffer)
                main_bin.write(closing.encode("ascii"))
        os.replace(part, out)
    finally:
        for path in (part, od_path, ri_path):
            path.unlink(missing_ok=True)
    counts["bytes"] = out.stat().st_size
    if progress:
        print(f"  written in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=float, default=520, help="at least this many MiB (default 520)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    counts = write_offer_file(args.out, int(args.size_mib * MIB), args.seed)
    kept = counts["kept"] / counts["products"] * 100
    print(
        f"{args.out}: {counts['bytes'] / MIB:,.1f} MiB ({counts['bytes']:,} bytes), {counts['products']:,} products, "
        f"{counts['reserved_skus']:,} with Reserved terms, {counts['kept']:,} kept by selection.py ({kept:.1f}%)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
