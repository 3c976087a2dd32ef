"""Storage: S3 buckets (encrypted, public access blocked, owner-enforced, TLS-only, kept when the stack goes)
and EFS file systems (encrypted, backed up, one mount target per AZ behind a security group of their own).

Sources: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html,
aws-resource-s3-bucketpolicy.html, aws-resource-efs-filesystem.html and aws-resource-efs-mounttarget.html;
S3 security best practices (block public access, disable ACLs, deny requests without TLS through
aws:SecureTransport: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html);
lifecycle transition minimums (objects must stay 30 days before moving to STANDARD_IA or ONEZONE_IA:
https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html);
EFS mount targets, one per AZ (https://docs.aws.amazon.com/efs/latest/ug/accessing-fs.html).
"""

from __future__ import annotations

import re
from typing import Any

from ...graph import GraphNode
from ..context import ExportContext, NodeOut
from ..template import get_att, join, ref, select, sub

_INFREQUENT_ACCESS = ("STANDARD_IA", "ONEZONE_IA")


def _lifecycle_rule(ctx: ExportContext, node: GraphNode, index: int, rule: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"Id": f"Rule{index}", "Status": "Enabled"}
    if rule.get("prefix"):
        out["Prefix"] = rule["prefix"]
    days, storage_class = int(rule.get("transition_days", 30)), rule.get("transition_class", "STANDARD_IA")
    expiration = int(rule.get("expiration_days", 0))
    if storage_class in _INFREQUENT_ACCESS and days < 30:
        ctx.note(
            f"{node.label}: lifecycle rule {index} moves objects to {storage_class} after 30 days, the least S3 allows"
        )
        days = 30
    if expiration and expiration <= days:
        ctx.note(f"{node.label}: lifecycle rule {index} expires objects before they would move; it only expires them")
    else:
        out["Transitions"] = [{"StorageClass": storage_class, "TransitionInDays": days}]
    if expiration:
        out["ExpirationInDays"] = expiration
    return out


def _notifies_a_function(ctx: ExportContext, node: GraphNode) -> bool:
    return any(
        e.source == node.id and e.meaning == "notification" and ctx.graph.node(e.target).kind == "aws.lambda.function"
        for e in ctx.graph.edges
    )


def _fixed_name(label: str) -> Any:
    """label-<the stack's UUID>: lower case, unique per stack, at most 63 characters."""
    slug = re.sub(r"[^a-z0-9-]+", "-", label.lower()).strip("-")[:26].strip("-") or "bucket"
    stack_uuid = select(2, {"Fn::Split": ["/", ref("AWS::StackId")]})
    return join("-", [slug, stack_uuid])


def s3_bucket(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t, p = ctx.template, node.props
    logical_id = ctx.name(node)
    if p["encryption"] == "SSE-KMS":
        # aws:kms with no key ID uses the AWS managed key aws/s3 until a KMS key is connected.
        rule: dict[str, Any] = {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": True}
    else:
        rule = {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
    encryption = {"ServerSideEncryptionConfiguration": [rule]}
    block = bool(p["block_public_access"])
    if not block:
        ctx.note(f"{node.label}: public access is not blocked, as the design asks; check its bucket policy")
    properties: dict[str, Any] = {
        "BucketEncryption": encryption,
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": block,
            "BlockPublicPolicy": block,
            "IgnorePublicAcls": block,
            "RestrictPublicBuckets": block,
        },
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        "VersioningConfiguration": {"Status": "Enabled" if p["versioning"] else "Suspended"},
    }
    rules = [_lifecycle_rule(ctx, node, i + 1, r) for i, r in enumerate(p["lifecycle_rules"])]
    if rules:
        properties["LifecycleConfiguration"] = {"Rules": rules}
    properties["Tags"] = ctx.tags(node)
    t.add(logical_id, "AWS::S3::Bucket", properties, DeletionPolicy="Retain", UpdateReplacePolicy="Retain")
    statements: list[Any] = []
    name: Any = ref(logical_id)
    arn: Any = get_att(logical_id, "Arn")
    objects: Any = sub(f"${{{logical_id}.Arn}}/*")
    if _notifies_a_function(ctx, node):
        # The bucket names the function it notifies, and the function (its permission, role or environment)
        # names the bucket: with a name fixed in advance, nothing refers to the bucket resource and the
        # dependency cycle CloudFormation refuses is gone (https://repost.aws/knowledge-center/unable-validate-circular-dependency-cloudformation).
        name = _fixed_name(node.label)
        properties["BucketName"] = name
        arn = join("", ["arn:", ref("AWS::Partition"), ":s3:::", name])
        objects = join("", ["arn:", ref("AWS::Partition"), ":s3:::", name, "/*"])
    t.output(f"{ctx.ids.node(node.id)}Name", ref(logical_id), f"Name of bucket {node.label}")

    def finish() -> None:
        deny_insecure = {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [arn, sub(f"${{{logical_id}.Arn}}/*")],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
        t.add(
            ctx.name(node, "Policy"),
            "AWS::S3::BucketPolicy",
            {
                "Bucket": ref(logical_id),
                "PolicyDocument": {"Version": "2012-10-17", "Statement": [deny_insecure, *statements]},
            },
        )

    return NodeOut(
        primary=logical_id,
        name=name,
        arn=arn,
        env_name="BUCKET",
        extra={
            "properties": properties,
            "policy_statements": statements,
            "finish": finish,
            "objects_arn": objects,
            "key_property": "BucketEncryption",
        },
    )


def efs_file_system(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t, p = ctx.template, node.props
    throughput = p["throughput_mode"]
    if throughput == "elastic" and p["performance_mode"] == "maxIO":
        ctx.note(f"{node.label}: Elastic throughput needs General Purpose performance; it is written as bursting")
        throughput = "bursting"
    if not p["encrypted"]:
        ctx.note(f"{node.label}: the file system is encrypted regardless of its setting (a secure default)")
    properties: dict[str, Any] = {
        "Encrypted": True,
        "PerformanceMode": p["performance_mode"],
        "ThroughputMode": throughput,
        "BackupPolicy": {"Status": "ENABLED"},
    }
    if throughput == "provisioned":
        mibps = int(p["provisioned_throughput_mibps"])
        if mibps < 1:
            ctx.note(f"{node.label}: provisioned throughput needs at least 1 MiB/s; it is written with 1")
            mibps = 1
        properties["ProvisionedThroughputInMibps"] = mibps
    days = int(p["transition_to_ia_days"])
    if days:
        properties["LifecyclePolicies"] = [{"TransitionToIA": f"AFTER_{days}_DAY{'S' if days > 1 else ''}"}]
    properties["FileSystemTags"] = ctx.tags(node)
    logical_id = ctx.name(node)
    t.add(logical_id, "AWS::EFS::FileSystem", properties, DeletionPolicy="Retain", UpdateReplacePolicy="Retain")
    security_group = None
    groups: list[Any] | None = None
    if node.subnets and node.vpc is not None:
        security_group = ctx.security_group(node, f"EFS file system {node.label} mount targets")
        groups = [get_att(security_group, "GroupId")]
        per_zone: dict[str, str] = {}
        for s in node.subnets:
            if s in ctx.subnet_ids:
                per_zone.setdefault(ctx.graph.node(s).az or s, s)
        if len(per_zone) < len([s for s in node.subnets if s in ctx.subnet_ids]):
            ctx.note(f"{node.label}: EFS allows one mount target per AZ; one subnet of each AZ gets it")
        for i, subnet in enumerate(per_zone.values()):
            t.add(
                ctx.name(node, f"MountTarget{i + 1}"),
                "AWS::EFS::MountTarget",
                {
                    "FileSystemId": ref(logical_id),
                    "SubnetId": ref(ctx.subnet_ids[subnet]),
                    "SecurityGroups": groups,
                },
            )
    else:
        ctx.note(f"{node.label}: it is in no subnet, so it has no mount targets; draw it in subnets to mount it")
    return NodeOut(
        primary=logical_id,
        name=ref(logical_id),
        arn=get_att(logical_id, "Arn"),
        port=2049,
        security_group=security_group,
        security_groups=groups,
        env_name="FILE_SYSTEM_ID",
        extra={"properties": properties, "key_property": "KmsKeyId"},
    )
