"""Security and operations services: KMS keys, Secrets Manager secrets, CloudWatch log groups, DMS
replication instances, and EFS file systems.

Sources: https://aws.amazon.com/kms/pricing/ (per key-month, per 10,000 requests),
https://aws.amazon.com/secrets-manager/pricing/ (per secret-month, per 10,000 API calls),
https://aws.amazon.com/cloudwatch/pricing/ (Logs: per GB ingested, per GB-month stored),
https://aws.amazon.com/dms/pricing/ (instance hours by class and deployment; storage),
https://aws.amazon.com/efs/pricing/ (Standard and Infrequent Access storage). Usage types are
**unverified** against a live file (see selection.py). Provisioned EFS throughput is not priced yet.
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = (
    "aws.kms.key",
    "aws.secretsmanager.secret",
    "aws.cloudwatch.log_group",
    "aws.dms.replication_instance",
    "aws.efs.file_system",
)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u, p, r = node.usage, node.props, node.region
    if node.kind == "aws.kms.key":
        return NodeCharges(
            [
                Charge("Key", Decimal(1), "key-months", query("awskms", r, usage="KMS-Keys")),
                Charge("Requests", dec(u["monthly_requests"]), "requests", query("awskms", r, usage="KMS-Requests")),
            ]
        )
    if node.kind == "aws.secretsmanager.secret":
        return NodeCharges(
            [
                Charge(
                    "Secret",
                    Decimal(1),
                    "secret-months",
                    query("AWSSecretsManager", r, usage="AWSSecretsManager-Secrets"),
                ),
                Charge(
                    "API calls",
                    dec(u["monthly_api_calls"]),
                    "calls",
                    query("AWSSecretsManager", r, usage="AWSSecretsManager-APIRequest"),
                ),
            ]
        )
    if node.kind == "aws.cloudwatch.log_group":
        return NodeCharges(
            [
                Charge(
                    "Logs ingested",
                    dec(u["ingested_gb"]),
                    "GB",
                    query("AmazonCloudWatch", r, usage="DataProcessing-Bytes"),
                ),
                Charge(
                    "Logs stored",
                    dec(u["stored_gb"]),
                    "GB-month",
                    query("AmazonCloudWatch", r, usage="TimedStorage-ByteHrs"),
                ),
            ]
        )
    if node.kind == "aws.dms.replication_instance":
        multi = bool(p["multi_az"])
        usage = f"{'Multi-AZUsg' if multi else 'InstanceUsg'}:{p['instance_class']}"
        return NodeCharges(
            [
                Charge(
                    f"Replication instance hours ({p['instance_class']}, {'Multi-AZ' if multi else 'Single-AZ'})",
                    ctx.node_hours(node),
                    "hours",
                    query("AWSDatabaseMigrationSvc", r, usage=usage),
                ),
                Charge(
                    "Storage",
                    dec(p["allocated_storage_gb"]),
                    "GB-month",
                    query("AWSDatabaseMigrationSvc", r, usage="Multi-AZStorageUsage" if multi else "StorageUsage"),
                ),
            ]
        )
    stored = dec(u["storage_gb"])
    ia = stored * dec(u["infrequent_access_percent"]) / 100
    charges = [Charge("Standard storage", stored - ia, "GB-month", query("AmazonEFS", r, usage="TimedStorage-ByteHrs"))]
    if ia:
        charges.append(
            Charge("Infrequent Access storage", ia, "GB-month", query("AmazonEFS", r, usage="IATimedStorage-ByteHrs"))
        )
    notes = ["provisioned throughput is not priced yet"] if p["throughput_mode"] == "provisioned" else []
    return NodeCharges(charges, notes=notes)
