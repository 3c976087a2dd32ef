"""Database kinds: RDS, Aurora, DynamoDB and ElastiCache."""

from __future__ import annotations

from .fields import (
    AURORA_INSTANCE_CLASSES,
    CACHE_NODE_TYPES,
    RDS_INSTANCE_CLASSES,
    SUBNET,
    boolean,
    choice,
    integer,
    monthly_hours,
    number,
    pricing_model,
    string,
    subnets,
)
from .network import REGION, VPC
from .spec import Kind

_DB_SUBNETS = "The subnets of its subnet group (AWS requires two AZs)."

KINDS = [
    Kind(
        kind="aws.rds.instance",
        label="RDS database",
        category="database",
        service="Amazon RDS",
        description="A managed relational database instance, optionally Multi-AZ with read replicas.",
        icon="aws/database/rds.png",
        cfn_types=("AWS::RDS::DBInstance", "AWS::RDS::DBSubnetGroup"),
        parents=(VPC, SUBNET),
        placement="subnets",
        min_subnet_azs=2,
        props=(
            choice("engine", "Engine",
                   ("postgres", "mysql", "mariadb", "sqlserver-ex", "sqlserver-web", "sqlserver-se", "oracle-se2"),
                   "postgres"),  # fmt: skip
            string("engine_version", "Engine version", "", max_length=32, help="Empty uses the engine's default."),
            choice("instance_class", "Instance class", RDS_INSTANCE_CLASSES, "db.t4g.medium"),
            boolean("multi_az", "Multi-AZ", False),
            choice("storage_type", "Storage type", ("gp3", "gp2", "io1", "io2"), "gp3"),
            integer("allocated_storage_gb", "Storage", 100, minimum=20, maximum=65536, unit="GB"),
            integer("iops", "Provisioned IOPS", 3000, minimum=1000, maximum=256000,
                    help="io1/io2, and gp3 above the included baseline."),  # fmt: skip
            integer("read_replicas", "Read replicas", 0, minimum=0, maximum=15),
            integer("backup_retention_days", "Backup retention", 7, minimum=0, maximum=35, unit="days"),
            boolean("encrypted", "Encrypted", True),
            boolean("deletion_protection", "Deletion protection", True),
            pricing_model(),
            subnets(_DB_SUBNETS),
        ),
        usage=(
            monthly_hours(),
            number("backup_storage_gb", "Backup storage beyond the free allowance", 0, unit="GB-month"),
        ),
        keywords=("database", "sql", "postgresql", "mysql", "rds"),
        docs_url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Welcome.html",
    ),
    Kind(
        kind="aws.rds.aurora_cluster",
        label="Aurora cluster",
        category="database",
        service="Amazon Aurora",
        description="An Aurora MySQL or PostgreSQL cluster: provisioned instances or Serverless v2 capacity.",
        icon="aws/database/aurora.png",
        cfn_types=("AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::RDS::DBSubnetGroup"),
        parents=(VPC, SUBNET),
        placement="subnets",
        min_subnet_azs=2,
        props=(
            choice("engine", "Engine", ("aurora-postgresql", "aurora-mysql"), "aurora-postgresql"),
            choice("capacity_mode", "Capacity", ("provisioned", "serverless_v2"), "provisioned"),
            choice("instance_class", "Instance class", AURORA_INSTANCE_CLASSES, "db.r6g.large",
                   help="Provisioned mode; Serverless v2 uses db.serverless."),  # fmt: skip
            integer("instances", "Instances", 2, minimum=1, maximum=16, help="One writer, the rest readers."),
            number("min_acu", "Minimum ACUs", 0.5, minimum=0, maximum=256, unit="ACU"),
            number("max_acu", "Maximum ACUs", 8, minimum=1, maximum=256, unit="ACU"),
            choice("storage_config", "Storage configuration", ("standard", "io-optimized"), "standard"),
            integer("backup_retention_days", "Backup retention", 7, minimum=1, maximum=35, unit="days"),
            boolean("encrypted", "Encrypted", True),
            boolean("deletion_protection", "Deletion protection", True),
            pricing_model(),
            subnets(_DB_SUBNETS),
        ),
        ordered=(("min_acu", "max_acu"),),
        usage=(
            monthly_hours(),
            number("storage_gb", "Storage", 100, unit="GB-month"),
            number("monthly_io_millions", "I/O requests", 10, unit="million/month", help="Standard storage only."),
            number("average_acus", "Average ACUs", 2, maximum=256, unit="ACU", help="Serverless v2 only."),
            number("backup_storage_gb", "Backup storage beyond the free allowance", 0, unit="GB-month"),
        ),
        keywords=("aurora", "database", "serverless", "postgresql", "mysql"),
        docs_url="https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/CHAP_AuroraOverview.html",
    ),
    Kind(
        kind="aws.dynamodb.table",
        label="DynamoDB table",
        category="database",
        service="Amazon DynamoDB",
        description="A serverless key-value and document table, on-demand or provisioned.",
        icon="aws/database/dynamodb-table.png",
        cfn_types=("AWS::DynamoDB::Table",),
        parents=(REGION,),
        at_root=True,
        props=(
            string("partition_key", "Partition key", "pk", pattern=r"^[A-Za-z0-9_.-]+$", max_length=255),
            string("sort_key", "Sort key", "", pattern=r"^[A-Za-z0-9_.-]*$", max_length=255),
            choice("billing_mode", "Capacity mode", ("PAY_PER_REQUEST", "PROVISIONED"), "PAY_PER_REQUEST"),
            integer("read_capacity", "Read capacity units", 5, minimum=1, maximum=40000, help="Provisioned only."),
            integer("write_capacity", "Write capacity units", 5, minimum=1, maximum=40000, help="Provisioned only."),
            choice("table_class", "Table class", ("STANDARD", "STANDARD_INFREQUENT_ACCESS"), "STANDARD"),
            boolean("point_in_time_recovery", "Point-in-time recovery", True),
            boolean("streams", "Streams", False),
        ),
        usage=(
            number("storage_gb", "Storage", 1, unit="GB-month"),
            number("monthly_read_request_units", "Read request units", 1_000_000, unit="per month",
                   help="On-demand only."),  # fmt: skip
            number("monthly_write_request_units", "Write request units", 1_000_000, unit="per month",
                   help="On-demand only."),  # fmt: skip
        ),
        keywords=("nosql", "key-value", "dynamodb", "table"),
        docs_url="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Introduction.html",
    ),
    Kind(
        kind="aws.elasticache.cluster",
        label="ElastiCache cluster",
        category="database",
        service="Amazon ElastiCache",
        description="A managed Redis OSS, Valkey or Memcached cache.",
        icon="aws/database/elasticache.png",
        cfn_types=("AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster",
                   "AWS::ElastiCache::SubnetGroup"),  # fmt: skip
        parents=(VPC, SUBNET),
        placement="subnets",
        props=(
            choice("engine", "Engine", ("redis", "valkey", "memcached"), "redis"),
            choice("node_type", "Node type", CACHE_NODE_TYPES, "cache.t4g.medium"),
            integer("nodes", "Nodes (shards)", 1, minimum=1, maximum=500,
                    help="Shards for Redis OSS and Valkey, nodes for Memcached."),  # fmt: skip
            integer("replicas", "Replicas per shard", 1, minimum=0, maximum=5, help="Redis OSS and Valkey only."),
            boolean("transit_encryption", "Encryption in transit", True),
            boolean("at_rest_encryption", "Encryption at rest", True),
            pricing_model(),
            subnets("The subnets of its subnet group."),
        ),
        usage=(monthly_hours(), number("backup_storage_gb", "Backup storage", 0, unit="GB-month")),
        keywords=("cache", "redis", "valkey", "memcached", "in-memory"),
        docs_url="https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/WhatIs.html",
    ),
]
