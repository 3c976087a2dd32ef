"""Which design properties stand for which CloudFormation properties, per kind, both ways.

The importer reads a property into the design only when the template holds a plain value for it (not an
intrinsic function), and records what it read (`cfn.mapped`). On export, an imported node's original
properties are written back, and only the design properties that changed since are written over them, so a
template that used `!FindInMap` for a CIDR keeps it unless the user edits that CIDR.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..graph import GraphNode

Json = Any


def _bool(value: Json) -> Json:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(value)


def _int(value: Json) -> Json:
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise ValueError(value)


def _str(value: Json) -> Json:
    if isinstance(value, str):
        return value
    raise ValueError(value)


def _same(value: Json) -> Json:
    return value


@dataclass(frozen=True)
class Field:
    """`prop` of the design is `path` (dotted) in the resource's Properties. `read` turns the template's value
    into the design's (raising ValueError when it cannot), `write` the other way."""

    prop: str
    path: str
    read: Callable[[Json], Json] = _same
    write: Callable[[Json], Json] = _same


def _versioning_read(value: Json) -> Json:
    if value in ("Enabled", "Suspended"):
        return value == "Enabled"
    raise ValueError(value)


def _fifo_read(value: Json) -> Json:
    return "fifo" if _bool(value) else "standard"


def _workflow_read(value: Json) -> Json:
    if value in ("STANDARD", "EXPRESS"):
        return value
    raise ValueError(value)


FIELDS: dict[str, tuple[Field, ...]] = {
    "aws.vpc.vpc": (
        Field("cidr", "CidrBlock", _str),
        Field("enable_dns_support", "EnableDnsSupport", _bool),
        Field("enable_dns_hostnames", "EnableDnsHostnames", _bool),
        Field("instance_tenancy", "InstanceTenancy", _str),
    ),
    "aws.vpc.subnet": (
        Field("cidr", "CidrBlock", _str),
        Field("map_public_ip_on_launch", "MapPublicIpOnLaunch", _bool),
    ),
    "aws.ec2.instance": (Field("instance_type", "InstanceType", _str),),
    "aws.autoscaling.group": (
        Field("min_size", "MinSize", _int, str),
        Field("max_size", "MaxSize", _int, str),
        Field("desired_capacity", "DesiredCapacity", _int, str),
    ),
    "aws.lambda.function": (
        Field("runtime", "Runtime", _str),
        Field("memory_mb", "MemorySize", _int),
        Field("timeout_s", "Timeout", _int),
    ),
    "aws.s3.bucket": (
        Field(
            "versioning", "VersioningConfiguration.Status", _versioning_read, lambda v: "Enabled" if v else "Suspended"
        ),
    ),
    "aws.rds.instance": (
        Field("instance_class", "DBInstanceClass", _str),
        Field("engine", "Engine", _str),
        Field("multi_az", "MultiAZ", _bool),
        Field("allocated_storage_gb", "AllocatedStorage", _int, str),
        Field("storage_type", "StorageType", _str),
        Field("backup_retention_days", "BackupRetentionPeriod", _int),
    ),
    "aws.dynamodb.table": (Field("billing_mode", "BillingMode", _str),),
    "aws.sqs.queue": (
        Field("queue_type", "FifoQueue", _fifo_read, lambda v: v == "fifo"),
        Field("visibility_timeout_s", "VisibilityTimeout", _int),
        Field("message_retention_s", "MessageRetentionPeriod", _int),
    ),
    "aws.stepfunctions.state_machine": (Field("workflow_type", "StateMachineType", _workflow_read),),
    "aws.cloudwatch.log_group": (Field("retention_days", "RetentionInDays", _int),),
    "aws.ecs.service": (Field("desired_count", "DesiredCount", _int),),
}


def _get(properties: dict[str, Json], path: str) -> Json:
    value: Json = properties
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(path)
        value = value[part]
    return value


def _set(properties: dict[str, Json], path: str, value: Json) -> None:
    parts = path.split(".")
    target = properties
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def read_mapped(kind: str, properties: dict[str, Json]) -> dict[str, Json]:
    """The design properties a resource's plain values give (a property holding an intrinsic is skipped)."""
    out: dict[str, Json] = {}
    for f in FIELDS.get(kind, ()):
        try:
            out[f.prop] = f.read(_get(properties, f.path))
        except (KeyError, ValueError, TypeError):
            continue
    return out


def apply_mapped(node: GraphNode, properties: dict[str, Json], mapped: dict[str, Json]) -> None:
    """Write over `properties` the design properties the user changed since the import."""
    for f in FIELDS.get(node.kind, ()):
        if f.prop in mapped and node.props.get(f.prop) != mapped[f.prop]:
            _set(properties, f.path, f.write(node.props[f.prop]))
