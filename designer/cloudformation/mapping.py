"""Which design properties stand for which CloudFormation properties, per kind, both ways.

The importer reads a property into the design when its value can be known before deployment (a plain value,
or an intrinsic function over parameter defaults and mappings), and records what the design showed
(`cfn.mapped`). On export, an imported node's original properties are written back, and only the design
properties the user changed since are written over them, so a template that used `!FindInMap` for a CIDR
keeps it unless the user edits that CIDR. The importer documents these fields in docs/cloudformation.md.
"""

from __future__ import annotations

import json
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


def _lower(value: Json) -> Json:
    return _str(value).lower()


def _same(value: Json) -> Json:
    return value


@dataclass(frozen=True)
class Field:
    """`prop` of the design is `path` (dotted) in the resource's Properties. `read` turns the template's value
    into the design's (raising ValueError when it cannot), `write` the other way. `types` limits the field to
    some of the kind's resource types (a cache is a replication group or a cache cluster)."""

    prop: str
    path: str
    read: Callable[[Json], Json] = _same
    write: Callable[[Json], Json] = _same
    types: tuple[str, ...] = ()

    def applies_to(self, type_: str) -> bool:
        return not self.types or type_ in self.types


def _versioning_read(value: Json) -> Json:
    if value in ("Enabled", "Suspended"):
        return value == "Enabled"
    raise ValueError(value)


def _fifo_read(value: Json) -> Json:
    return "fifo" if _bool(value) else "standard"


def _upper_read(*options: str) -> Callable[[Json], Json]:
    def read(value: Json) -> Json:
        if value in options:
            return value
        raise ValueError(value)

    return read


def _endpoint_service_read(value: Json) -> Json:
    """com.amazonaws.us-east-1.s3 -> s3 (the region part is whatever the template evaluated to)."""
    text = _str(value)
    parts = text.split(".")
    if len(parts) < 4 or parts[0] != "com" or parts[1] != "amazonaws":
        raise ValueError(value)
    return ".".join(parts[3:])


def _endpoint_service_write(value: Json) -> Json:
    return {"Fn::Sub": f"com.amazonaws.${{AWS::Region}}.{value}"}


def _direction_read(value: Json) -> Json:
    """A Resolver endpoint's direction; CloudFormation accepts it in any case (inbound, Outbound)."""
    return _upper_read("INBOUND", "OUTBOUND")(_str(value).upper())


def _first_read(value: Json) -> Json:
    if isinstance(value, list) and len(value) == 1:
        return _str(value[0])
    raise ValueError(value)


def _zone_name_read(value: Json) -> Json:
    return _str(value).rstrip(".")


def _aurora_storage_read(value: Json) -> Json:
    return {"aurora": "standard", "aurora-iopt1": "io-optimized"}[_str(value)]


def _aurora_storage_write(value: Json) -> Json:
    return {"standard": "aurora", "io-optimized": "aurora-iopt1"}[value]


def _pattern_read(value: Json) -> Json:
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return _str(value)


def _pattern_write(value: Json) -> Json:
    return json.loads(value)


_CACHE_GROUP = ("AWS::ElastiCache::ReplicationGroup",)
_CACHE_CLUSTER = ("AWS::ElastiCache::CacheCluster",)

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
    "aws.vpc.nat_gateway": (Field("connectivity", "ConnectivityType", _str),),
    "aws.elb.application_load_balancer": (Field("scheme", "Scheme", _str),),
    "aws.elb.network_load_balancer": (Field("scheme", "Scheme", _str),),
    "aws.vpc.gateway_endpoint": (Field("service", "ServiceName", _endpoint_service_read, _endpoint_service_write),),
    "aws.vpc.interface_endpoint": (
        Field("service", "ServiceName", _endpoint_service_read, _endpoint_service_write),
        Field("private_dns", "PrivateDnsEnabled", _bool),
    ),
    "aws.ec2.transit_gateway": (Field("amazon_side_asn", "AmazonSideAsn", _int),),
    "aws.route53.hosted_zone": (Field("domain_name", "Name", _zone_name_read),),
    "aws.route53resolver.endpoint": (Field("direction", "Direction", _direction_read),),
    "aws.cloudfront.distribution": (
        Field("price_class", "DistributionConfig.PriceClass", _str),
        Field("default_root_object", "DistributionConfig.DefaultRootObject", _str),
    ),
    "aws.ec2.instance": (Field("instance_type", "InstanceType", _str),),
    "aws.autoscaling.group": (
        Field("min_size", "MinSize", _int, str),
        Field("max_size", "MaxSize", _int, str),
        Field("desired_capacity", "DesiredCapacity", _int, str),
    ),
    "aws.ecs.service": (
        Field("desired_count", "DesiredCount", _int),
        Field("launch_type", "LaunchType", _str),
    ),
    "aws.eks.cluster": (Field("kubernetes_version", "Version", _str),),
    "aws.lambda.function": (
        Field("runtime", "Runtime", _str),
        Field("memory_mb", "MemorySize", _int),
        Field("timeout_s", "Timeout", _int),
        Field("architecture", "Architectures", _first_read, lambda v: [v]),
        Field("ephemeral_storage_mb", "EphemeralStorage.Size", _int),
    ),
    "aws.ebs.volume": (
        Field("volume_type", "VolumeType", _str),
        Field("size_gb", "Size", _int),
        Field("iops", "Iops", _int),
        Field("encrypted", "Encrypted", _bool),
    ),
    "aws.s3.bucket": (
        Field(
            "versioning", "VersioningConfiguration.Status", _versioning_read, lambda v: "Enabled" if v else "Suspended"
        ),
    ),
    "aws.efs.file_system": (
        Field("performance_mode", "PerformanceMode", _str),
        Field("throughput_mode", "ThroughputMode", _str),
        Field("encrypted", "Encrypted", _bool),
    ),
    "aws.rds.instance": (
        Field("instance_class", "DBInstanceClass", _str),
        Field("engine", "Engine", _lower),
        Field("engine_version", "EngineVersion", _str),
        Field("multi_az", "MultiAZ", _bool),
        Field("allocated_storage_gb", "AllocatedStorage", _int, str),
        Field("storage_type", "StorageType", _str),
        Field("iops", "Iops", _int),
        Field("backup_retention_days", "BackupRetentionPeriod", _int),
        Field("encrypted", "StorageEncrypted", _bool),
        Field("deletion_protection", "DeletionProtection", _bool),
    ),
    "aws.rds.aurora_cluster": (
        Field("engine", "Engine", _str),
        Field("storage_config", "StorageType", _aurora_storage_read, _aurora_storage_write),
        Field("backup_retention_days", "BackupRetentionPeriod", _int),
        Field("encrypted", "StorageEncrypted", _bool),
        Field("deletion_protection", "DeletionProtection", _bool),
    ),
    "aws.dynamodb.table": (
        Field("billing_mode", "BillingMode", _str),
        Field("read_capacity", "ProvisionedThroughput.ReadCapacityUnits", _int),
        Field("write_capacity", "ProvisionedThroughput.WriteCapacityUnits", _int),
        Field("table_class", "TableClass", _str),
    ),
    "aws.elasticache.cluster": (
        Field("engine", "Engine", _str),
        Field("node_type", "CacheNodeType", _str),
        Field("nodes", "NumNodeGroups", _int, types=_CACHE_GROUP),
        Field("replicas", "ReplicasPerNodeGroup", _int, types=_CACHE_GROUP),
        Field("transit_encryption", "TransitEncryptionEnabled", _bool, types=_CACHE_GROUP),
        Field("at_rest_encryption", "AtRestEncryptionEnabled", _bool, types=_CACHE_GROUP),
        Field("nodes", "NumCacheNodes", _int, types=_CACHE_CLUSTER),
    ),
    "aws.sqs.queue": (
        Field("queue_type", "FifoQueue", _fifo_read, lambda v: v == "fifo"),
        Field("visibility_timeout_s", "VisibilityTimeout", _int),
        Field("message_retention_s", "MessageRetentionPeriod", _int),
    ),
    "aws.sns.topic": (Field("topic_type", "FifoTopic", _fifo_read, lambda v: v == "fifo"),),
    "aws.eventbridge.event_bus": (Field("bus_name", "Name", _str),),
    "aws.eventbridge.rule": (
        Field("event_pattern", "EventPattern", _pattern_read, _pattern_write),
        Field("schedule_expression", "ScheduleExpression", _str),
    ),
    "aws.stepfunctions.state_machine": (
        Field("workflow_type", "StateMachineType", _upper_read("STANDARD", "EXPRESS")),
    ),
    "aws.kms.key": (
        Field("key_rotation", "EnableKeyRotation", _bool),
        Field("pending_window_days", "PendingWindowInDays", _int),
    ),
    "aws.cloudwatch.log_group": (Field("retention_days", "RetentionInDays", _int),),
    "aws.dms.replication_instance": (
        Field("instance_class", "ReplicationInstanceClass", _str),
        Field("allocated_storage_gb", "AllocatedStorage", _int),
        Field("multi_az", "MultiAZ", _bool),
    ),
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


def read_mapped(kind: str, type_: str, properties: Json, evaluate: Callable[[Json], Json] = _same) -> dict[str, Json]:
    """The design properties a resource's values give. `evaluate` turns an intrinsic function into its value
    where that can be known before deployment (and raises ValueError where it cannot: the field is skipped)."""
    out: dict[str, Json] = {}
    if not isinstance(properties, dict):
        return out
    for f in FIELDS.get(kind, ()):
        if f.prop in out or not f.applies_to(type_):
            continue
        try:
            out[f.prop] = f.read(evaluate(_get(properties, f.path)))
        except (KeyError, ValueError, TypeError):
            continue
    return out


def unread(kind: str, type_: str, properties: Json, read: dict[str, Json]) -> list[str]:
    """The mapped template properties present in the resource that could not be read into the design."""
    if not isinstance(properties, dict):
        return []
    missing = []
    for f in FIELDS.get(kind, ()):
        if f.applies_to(type_) and f.prop not in read:
            try:
                _get(properties, f.path)
            except KeyError:
                continue
            missing.append(f.path)
    return missing


def apply_mapped(node: GraphNode, type_: str, properties: dict[str, Json], mapped: dict[str, Json]) -> None:
    """Write over `properties` the design properties the user changed since the import."""
    for f in FIELDS.get(node.kind, ()):
        if f.applies_to(type_) and f.prop in mapped and node.props.get(f.prop) != mapped[f.prop]:
            _set(properties, f.path, f.write(node.props[f.prop]))
