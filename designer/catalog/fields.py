"""Small constructors for catalog fields, and the AWS value lists several kinds share."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .spec import NO_DEFAULT, Field

_DATA = Path(__file__).parent / "data"

# Commercial AWS Regions (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
REGIONS: tuple[str, ...] = (
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "il-central-1",
    "me-south-1",
    "me-central-1",
    "mx-central-1",
    "sa-east-1",
)


def _instance_types() -> tuple[str, ...]:
    data = json.loads((_DATA / "ec2_instance_types.json").read_text())
    return tuple(data["instance_types"])


# Every EC2 instance type in the Price List for us-east-1 (generated; see scripts/gen_instance_types.py).
EC2_INSTANCE_TYPES: tuple[str, ...] = _instance_types()


def _classes(prefix: str, families: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(f"{prefix}.{family}.{size}" for family, sizes in families.items() for size in sizes)


_BURST = ("micro", "small", "medium", "large", "xlarge", "2xlarge")
_STD = ("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge")
_STD_24 = _STD + ("24xlarge",)
_STD_32 = _STD_24 + ("32xlarge",)

# RDS DB instance classes of the current generations
# (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html).
RDS_INSTANCE_CLASSES: tuple[str, ...] = _classes(
    "db",
    {
        "t3": _BURST,
        "t4g": _BURST,
        "m5": _STD_24,
        "m6g": _STD,
        "m6i": _STD_32,
        "m7g": _STD,
        "m7i": _STD_24 + ("48xlarge",),
        "r5": _STD_24,
        "r6g": _STD,
        "r6i": _STD_32,
        "r7g": _STD,
        "r7i": _STD_24 + ("48xlarge",),
    },
)

# Aurora supports the memory-optimised and burstable classes, plus db.serverless for Serverless v2
# (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.SupportAurora.html).
AURORA_INSTANCE_CLASSES: tuple[str, ...] = ("db.serverless",) + _classes(
    "db",
    {
        "t3": ("medium", "large"),
        "t4g": ("medium", "large"),
        "r5": _STD_24,
        "r6g": _STD,
        "r6i": _STD_32,
        "r7g": _STD,
        "r7i": _STD_24 + ("48xlarge",),
    },
)

# ElastiCache node types (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html).
CACHE_NODE_TYPES: tuple[str, ...] = _classes(
    "cache",
    {
        "t3": ("micro", "small", "medium"),
        "t4g": ("micro", "small", "medium"),
        "m5": ("large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"),
        "m6g": ("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"),
        "m7g": ("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"),
        "r5": ("large", "xlarge", "2xlarge", "4xlarge", "12xlarge", "24xlarge"),
        "r6g": ("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"),
        "r7g": ("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"),
    },
)

# Default ports of the engines a connection opens (used when an edge names no port).
ENGINE_PORTS: dict[str, int] = {
    "postgres": 5432,
    "aurora-postgresql": 5432,
    "mysql": 3306,
    "mariadb": 3306,
    "aurora-mysql": 3306,
    "sqlserver-se": 1433,
    "sqlserver-ex": 1433,
    "sqlserver-web": 1433,
    "oracle-se2": 1521,
    "redis": 6379,
    "valkey": 6379,
    "memcached": 11211,
}

EBS_VOLUME_TYPES = ("gp3", "gp2", "io2", "io1", "st1", "sc1", "standard")
PRICING_MODELS = (
    "on_demand",
    "reserved_1y_no_upfront",
    "reserved_1y_partial_upfront",
    "reserved_1y_all_upfront",
    "reserved_3y_no_upfront",
    "reserved_3y_partial_upfront",
    "reserved_3y_all_upfront",
    "savings_plan_1y",
    "savings_plan_3y",
)
LAMBDA_RUNTIMES = (
    "python3.13",
    "python3.12",
    "python3.11",
    "nodejs22.x",
    "nodejs20.x",
    "java21",
    "java17",
    "dotnet8",
    "ruby3.3",
    "provided.al2023",
)


def string(
    name: str,
    label: str,
    default: str = "",
    *,
    help: str = "",
    max_length: int = 255,
    pattern: str | None = None,
    required: bool = False,
) -> Field:
    return Field(name, "string", label, default, help=help, max_length=max_length, pattern=pattern, required=required)


def integer(
    name: str,
    label: str,
    default: int = NO_DEFAULT,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    unit: str | None = None,
    help: str = "",
) -> Field:
    return Field(name, "integer", label, default, help=help, unit=unit, minimum=minimum, maximum=maximum)


def number(
    name: str,
    label: str,
    default: float,
    *,
    minimum: float | None = 0,
    maximum: float | None = None,
    unit: str | None = None,
    help: str = "",
) -> Field:
    return Field(name, "number", label, default, help=help, unit=unit, minimum=minimum, maximum=maximum)


def boolean(name: str, label: str, default: bool, *, help: str = "") -> Field:
    return Field(name, "boolean", label, default, help=help)


def choice(name: str, label: str, options: tuple[Any, ...], default: Any, *, help: str = "") -> Field:
    assert default in options, f"default {default!r} of {name} is not an option"
    return Field(name, "enum", label, default, help=help, options=options)


def cidr(name: str, label: str, default: str, *, help: str = "") -> Field:
    return Field(name, "cidr", label, default, help=help)


def refs(name: str, label: str, kinds: tuple[str, ...], *, help: str = "", max_items: int = 16) -> Field:
    return Field(name, "refs", label, (), help=help, ref_kinds=kinds, max_items=max_items)


def listof(
    name: str, label: str, item: Field, *, help: str = "", max_items: int = 100, unique_by: tuple[str, ...] = ()
) -> Field:
    return Field(name, "list", label, (), help=help, items=item, max_items=max_items, unique_by=unique_by)


def record(*fields: Field, ordered: tuple[tuple[str, ...], ...] = ()) -> Field:
    """An object made of named fields (used as the item of a list); `ordered` groups must not decrease."""
    return Field("item", "object", "item", fields=fields, ordered=ordered)


SUBNET = "aws.vpc.subnet"


def subnets(help: str = "The subnets it spans, in addition to the subnet it is drawn in.") -> Field:
    return refs("subnets", "Subnets", (SUBNET,), help=help)


def average_cpu() -> Field:
    return number(
        "average_cpu_percent",
        "Average CPU use",
        50,
        maximum=100,
        unit="%",
        help="From CloudWatch's CPUUtilization; not priced. At 10% or less the review suggests a smaller size.",
    )


def monthly_hours() -> Field:
    return number(
        "monthly_hours",
        "Hours running per month",
        730,
        maximum=744,
        unit="hours",
        help="730 is a whole month (the AWS Pricing Calculator's convention).",
    )


def pricing_model() -> Field:
    return choice(
        "pricing_model",
        "Pricing model",
        ("design",) + PRICING_MODELS,
        "design",
        help="'design' follows the design-wide pricing model.",
    )
