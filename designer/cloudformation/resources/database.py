"""Databases: RDS instances (with read replicas), Aurora clusters, DynamoDB tables and ElastiCache clusters,
each RDS, Aurora and ElastiCache one with a subnet group made of the subnets it sits in and a security group
of its own that only connections open.

Secure defaults: storage encrypted, never publicly accessible, the master password generated and kept by
Secrets Manager (`ManageMasterUserPassword`, so no password is ever in the template), snapshots on deletion
and replacement, deletion protection as the design sets it; DynamoDB tables encrypted with a KMS key,
point-in-time recovery as set and deletion protection on (AWS Security Hub DynamoDB.6); ElastiCache encrypted
at rest and in transit as set.

Sources: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html,
aws-resource-rds-dbcluster.html, aws-resource-rds-dbsubnetgroup.html, aws-resource-dynamodb-table.html,
aws-resource-elasticache-replicationgroup.html, aws-resource-elasticache-cachecluster.html and
aws-resource-elasticache-subnetgroup.html; managed master passwords
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html); read replica limits per
engine (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html); Aurora Serverless v2
capacity (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.html); Redis OSS
and Valkey cluster mode needing a `cluster.on` parameter group
(https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html).
"""

from __future__ import annotations

from typing import Any

from ...catalog.fields import ENGINE_PORTS
from ...graph import GraphNode
from ..context import ExportContext, NodeOut
from ..template import get_att, ref

MASTER_USERNAME = "dbadmin"
# Engines whose read replicas RDS supports (SQL Server needs Enterprise edition, Oracle Enterprise edition).
_REPLICA_ENGINES = {"postgres", "mysql", "mariadb"}
# Engines RDS sells with the licence included; SQL Server is only sold that way.
_LICENSE_INCLUDED = ("sqlserver", "oracle")
# Cluster mode (more than one shard) needs a parameter group with cluster-enabled=yes, of the engine version's
# family, so the version is pinned with it.
_CLUSTER_MODE = {"redis": ("7.1", "default.redis7.cluster.on"), "valkey": ("8.0", "default.valkey8.cluster.on")}


def _subnet_group(ctx: ExportContext, node: GraphNode) -> str:
    logical_id = ctx.name(node, "SubnetGroup")
    ctx.template.add(
        logical_id,
        "AWS::RDS::DBSubnetGroup",
        {
            "DBSubnetGroupDescription": f"Subnets of {node.label}"[:255],
            "SubnetIds": ctx.subnets_of(node),
            "Tags": ctx.tags(node),
        },
    )
    return logical_id


def rds_instance(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t, p = ctx.template, node.props
    engine = p["engine"]
    subnet_group = _subnet_group(ctx, node)
    security_group = ctx.security_group(node, f"RDS database {node.label}")
    groups = [get_att(security_group, "GroupId")]
    replicas = int(p["read_replicas"])
    if replicas and engine not in _REPLICA_ENGINES:
        ctx.note(
            f"{node.label}: RDS read replicas of {engine} need an edition this design does not use; "
            "its replicas are left out"
        )
        replicas = 0
    backups = int(p["backup_retention_days"])
    if replicas and backups == 0:
        ctx.note(f"{node.label}: read replicas need automated backups, so backups are kept for 1 day")
        backups = 1
    multi_az = bool(p["multi_az"])
    if multi_az and engine in ("sqlserver-ex", "sqlserver-web"):
        ctx.note(f"{node.label}: SQL Server Express and Web editions cannot be Multi-AZ; it is written Single-AZ")
        multi_az = False
    if engine.startswith(_LICENSE_INCLUDED) and p["instance_class"].split(".")[1].endswith("g"):
        ctx.note(f"{node.label}: {engine} does not run on Graviton ({p['instance_class']}); choose an Intel class")
    if not p["encrypted"]:
        ctx.note(f"{node.label}: storage is encrypted regardless of its setting (a secure default)")
    logical_id = ctx.name(node)
    properties: dict[str, Any] = {
        "Engine": engine,
        "DBInstanceClass": p["instance_class"],
        "AllocatedStorage": str(p["allocated_storage_gb"]),
        "StorageType": p["storage_type"],
        "MultiAZ": multi_az,
        "StorageEncrypted": True,
        "PubliclyAccessible": False,
        "MasterUsername": MASTER_USERNAME,
        "ManageMasterUserPassword": True,
        "BackupRetentionPeriod": backups,
        "DeletionProtection": bool(p["deletion_protection"]),
        "CopyTagsToSnapshot": True,
        "DBSubnetGroupName": ref(subnet_group),
        "VPCSecurityGroups": groups,
    }
    if p["engine_version"]:
        properties["EngineVersion"] = p["engine_version"]
    if p["storage_type"] in ("io1", "io2"):
        properties["Iops"] = int(p["iops"])
    if engine.startswith(_LICENSE_INCLUDED):
        properties["LicenseModel"] = "license-included"
    properties["Tags"] = ctx.tags(node)
    t.add(logical_id, "AWS::RDS::DBInstance", properties, DeletionPolicy="Snapshot", UpdateReplacePolicy="Snapshot")
    replica_ids = []
    for i in range(replicas):
        replica = ctx.name(node, f"Replica{i + 1}")
        # A same-Region replica takes its subnet group, storage and encryption from its source.
        t.add(
            replica,
            "AWS::RDS::DBInstance",
            {
                "SourceDBInstanceIdentifier": ref(logical_id),
                "DBInstanceClass": p["instance_class"],
                "PubliclyAccessible": False,
                "VPCSecurityGroups": groups,
                "CopyTagsToSnapshot": True,
                "Tags": ctx.tags(node, Role="read-replica"),
            },
        )
        replica_ids.append(replica)
    t.output(
        f"{ctx.ids.node(node.id)}Endpoint", get_att(logical_id, "Endpoint.Address"), f"Endpoint address of {node.label}"
    )
    return NodeOut(
        primary=logical_id,
        name=get_att(logical_id, "Endpoint.Address"),
        arn=get_att(logical_id, "DBInstanceArn"),
        env_name="DB",
        security_group=security_group,
        security_groups=groups,
        port=ENGINE_PORTS[engine],
        extra={
            "properties": properties,
            "secret_arn": get_att(logical_id, "MasterUserSecret.SecretArn"),
            "key_property": "KmsKeyId",
            "replicas": replica_ids,
            "subnet_group": subnet_group,
        },
    )


def aurora_cluster(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t, p = ctx.template, node.props
    engine = p["engine"]
    serverless = p["capacity_mode"] == "serverless_v2"
    if not serverless and p["instance_class"] == "db.serverless":
        ctx.note(f"{node.label}: db.serverless instances need Serverless v2 capacity; its cluster is written with it")
        serverless = True
    subnet_group = _subnet_group(ctx, node)
    security_group = ctx.security_group(node, f"Aurora cluster {node.label}")
    groups = [get_att(security_group, "GroupId")]
    if not p["encrypted"]:
        ctx.note(f"{node.label}: storage is encrypted regardless of its setting (a secure default)")
    logical_id = ctx.name(node)
    properties: dict[str, Any] = {
        "Engine": engine,
        "StorageEncrypted": True,
        "MasterUsername": MASTER_USERNAME,
        "ManageMasterUserPassword": True,
        "BackupRetentionPeriod": int(p["backup_retention_days"]),
        "DeletionProtection": bool(p["deletion_protection"]),
        "CopyTagsToSnapshot": True,
        "DBSubnetGroupName": ref(subnet_group),
        "VpcSecurityGroupIds": groups,
    }
    if serverless:
        properties["ServerlessV2ScalingConfiguration"] = {"MinCapacity": p["min_acu"], "MaxCapacity": p["max_acu"]}
    if p["storage_config"] == "io-optimized":
        properties["StorageType"] = "aurora-iopt1"
    properties["Tags"] = ctx.tags(node)
    t.add(logical_id, "AWS::RDS::DBCluster", properties, DeletionPolicy="Snapshot", UpdateReplacePolicy="Snapshot")
    instance_class = "db.serverless" if serverless else p["instance_class"]
    instances = []
    for i in range(int(p["instances"])):
        instance = ctx.name(node, f"Instance{i + 1}")
        # Storage, encryption, backups and credentials belong to the cluster; an instance only has its class.
        t.add(
            instance,
            "AWS::RDS::DBInstance",
            {
                "DBClusterIdentifier": ref(logical_id),
                "Engine": engine,
                "DBInstanceClass": instance_class,
                "PubliclyAccessible": False,
                "Tags": ctx.tags(node, Role="writer" if i == 0 else "reader"),
            },
        )
        instances.append(instance)
    t.output(
        f"{ctx.ids.node(node.id)}Endpoint",
        get_att(logical_id, "Endpoint.Address"),
        f"Writer endpoint address of {node.label}",
    )
    return NodeOut(
        primary=logical_id,
        name=get_att(logical_id, "Endpoint.Address"),
        arn=get_att(logical_id, "DBClusterArn"),
        env_name="DB",
        security_group=security_group,
        security_groups=groups,
        port=ENGINE_PORTS[engine],
        extra={
            "properties": properties,
            "secret_arn": get_att(logical_id, "MasterUserSecret.SecretArn"),
            "key_property": "KmsKeyId",
            "instances": instances,
            "subnet_group": subnet_group,
        },
    )


def dynamodb_table(ctx: ExportContext, node: GraphNode) -> NodeOut:
    p = node.props
    keys = [(p["partition_key"], "HASH")]
    if p["sort_key"]:
        keys.append((p["sort_key"], "RANGE"))
    properties: dict[str, Any] = {
        "AttributeDefinitions": [{"AttributeName": name, "AttributeType": "S"} for name, _ in keys],
        "KeySchema": [{"AttributeName": name, "KeyType": key_type} for name, key_type in keys],
        "BillingMode": p["billing_mode"],
        "TableClass": p["table_class"],
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": bool(p["point_in_time_recovery"])},
        "SSESpecification": {"SSEEnabled": True},
        "DeletionProtectionEnabled": True,
    }
    if p["billing_mode"] == "PROVISIONED":
        properties["ProvisionedThroughput"] = {
            "ReadCapacityUnits": int(p["read_capacity"]),
            "WriteCapacityUnits": int(p["write_capacity"]),
        }
    if p["streams"]:
        properties["StreamSpecification"] = {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    properties["Tags"] = ctx.tags(node)
    ctx.note(f"{node.label}: its keys are written as strings (S); change AttributeType for number or binary keys")
    logical_id = ctx.name(node)
    ctx.template.add(
        logical_id, "AWS::DynamoDB::Table", properties, DeletionPolicy="Retain", UpdateReplacePolicy="Retain"
    )
    extra: dict[str, Any] = {"properties": properties, "key_property": "SSESpecification"}
    if p["streams"]:
        extra["stream_arn"] = get_att(logical_id, "StreamArn")
    return NodeOut(
        primary=logical_id, name=ref(logical_id), arn=get_att(logical_id, "Arn"), env_name="TABLE", extra=extra
    )


def elasticache_cluster(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t, p = ctx.template, node.props
    engine = p["engine"]
    subnet_group = ctx.name(node, "SubnetGroup")
    t.add(
        subnet_group,
        "AWS::ElastiCache::SubnetGroup",
        {
            "Description": f"Subnets of {node.label}"[:255],
            "SubnetIds": ctx.subnets_of(node),
            "Tags": ctx.tags(node),
        },
    )
    security_group = ctx.security_group(node, f"ElastiCache cluster {node.label}")
    groups = [get_att(security_group, "GroupId")]
    logical_id = ctx.name(node)
    nodes = int(p["nodes"])
    if engine == "memcached":
        if p["at_rest_encryption"]:
            ctx.note(f"{node.label}: Memcached has no encryption at rest")
        properties: dict[str, Any] = {
            "Engine": engine,
            "CacheNodeType": p["node_type"],
            "NumCacheNodes": nodes,
            "CacheSubnetGroupName": ref(subnet_group),
            "VpcSecurityGroupIds": groups,
            "TransitEncryptionEnabled": bool(p["transit_encryption"]),
        }
        if nodes > 1:
            properties["AZMode"] = "cross-az"
        properties["Tags"] = ctx.tags(node)
        t.add(logical_id, "AWS::ElastiCache::CacheCluster", properties)
        endpoint = get_att(logical_id, "ConfigurationEndpoint.Address")
    else:
        replicas = int(p["replicas"])
        properties = {
            "ReplicationGroupDescription": f"{node.label}"[:255],
            "Engine": engine,
            "CacheNodeType": p["node_type"],
            "CacheSubnetGroupName": ref(subnet_group),
            "SecurityGroupIds": groups,
            "AtRestEncryptionEnabled": bool(p["at_rest_encryption"]),
            "TransitEncryptionEnabled": bool(p["transit_encryption"]),
            "AutomaticFailoverEnabled": replicas > 0 or nodes > 1,
            "MultiAZEnabled": replicas > 0,
        }
        if nodes > 1:
            version, parameter_group = _CLUSTER_MODE[engine]
            properties.update(
                {
                    "EngineVersion": version,
                    "CacheParameterGroupName": parameter_group,
                    "NumNodeGroups": nodes,
                    "ReplicasPerNodeGroup": replicas,
                }
            )
            endpoint = get_att(logical_id, "ConfigurationEndPoint.Address")
        else:
            properties["NumCacheClusters"] = 1 + replicas
            endpoint = get_att(logical_id, "PrimaryEndPoint.Address")
        properties["Tags"] = ctx.tags(node)
        t.add(logical_id, "AWS::ElastiCache::ReplicationGroup", properties)
    extra: dict[str, Any] = {"properties": properties, "subnet_group": subnet_group}
    if engine != "memcached":  # Memcached keeps nothing at rest, so it takes no key
        extra["key_property"] = "KmsKeyId"
    for key in ("at_rest_encryption", "transit_encryption"):
        if not p[key] and not (engine == "memcached" and key == "at_rest_encryption"):
            ctx.note(f"{node.label}: {key.replace('_', ' ')} is off")
    return NodeOut(
        primary=logical_id,
        name=endpoint,
        env_name="CACHE",
        security_group=security_group,
        security_groups=groups,
        port=ENGINE_PORTS[engine],
        extra=extra,
    )
