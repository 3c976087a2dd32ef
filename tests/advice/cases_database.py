"""Cases for the database rules (designer/advice/rules/database/)."""

from __future__ import annotations

from typing import Any

from tests.advice.rule_cases import Case, Document, tiered_network
from tests.engines.design_builders import AURORA, DYNAMODB, doc, node

CACHE = "aws.elasticache.cluster"


def in_isolated_subnets(kind: str, **props: Any) -> Document:
    """tiered_network's VPC with a `kind` node called db, in both isolated subnets, in place of its RDS database."""
    document = tiered_network("isolated")
    document["nodes"] = [n for n in document["nodes"] if n["id"] != "db"]
    document["nodes"].append(node("db", kind, "vpc", **props, subnets=["isolated-a", "isolated-b"]))
    return document


def table(**props: Any) -> Document:
    return doc(node("table", DYNAMODB, **props))


CASES: list[Case] = [
    Case(
        "database-in-public-subnet",
        triggers=lambda: tiered_network("public"),
        passes=lambda: tiered_network("isolated"),
        nodes=("db",),
        message="public subnet",
    ),
    Case(
        "rds-single-az",
        triggers=lambda: tiered_network("isolated", multi_az=False),
        passes=lambda: tiered_network("isolated", multi_az=True),
        nodes=("db",),
        message="one Availability Zone",
    ),
    Case(
        "database-unencrypted",
        triggers=lambda: tiered_network("isolated", encrypted=False),
        passes=lambda: tiered_network("isolated", encrypted=True),
        nodes=("db",),
        message="encryption off",
    ),
    Case(
        "aurora-single-instance",
        triggers=lambda: in_isolated_subnets(AURORA, instances=1),
        passes=lambda: in_isolated_subnets(AURORA, instances=2),
        nodes=("db",),
        message="single instance",
    ),
    Case(
        "backup-retention-short",
        triggers=lambda: tiered_network("isolated", backup_retention_days=0),
        passes=lambda: tiered_network("isolated", backup_retention_days=7),
        nodes=("db",),
        message="automated backups turned off",
    ),
    Case(
        "deletion-protection-off",
        triggers=lambda: in_isolated_subnets(AURORA, deletion_protection=False),
        passes=lambda: in_isolated_subnets(AURORA, deletion_protection=True),
        nodes=("db",),
        message="no deletion protection",
    ),
    Case(
        "rds-storage-gp2",
        triggers=lambda: tiered_network("isolated", storage_type="gp2", allocated_storage_gb=500),
        passes=lambda: tiered_network("isolated", storage_type="gp3", allocated_storage_gb=500),
        nodes=("db",),
        message="1,500 IOPS",
    ),
    Case(
        "dynamodb-without-pitr",
        triggers=lambda: table(point_in_time_recovery=False),
        passes=lambda: table(point_in_time_recovery=True),
        nodes=("table",),
        message="point-in-time recovery off",
    ),
    Case(
        "elasticache-unencrypted",
        triggers=lambda: in_isolated_subnets(CACHE, engine="valkey", at_rest_encryption=False),
        passes=lambda: in_isolated_subnets(CACHE, engine="memcached", at_rest_encryption=False),
        nodes=("db",),
        message="at rest",
    ),
    Case(
        "elasticache-single-node",
        triggers=lambda: in_isolated_subnets(CACHE, engine="redis", replicas=0),
        passes=lambda: in_isolated_subnets(CACHE, engine="memcached", replicas=0),
        nodes=("db",),
        message="no replica",
    ),
]
