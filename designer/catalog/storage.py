"""Storage kinds: S3 buckets and EFS file systems (EBS volumes sit with compute, where they attach)."""

from __future__ import annotations

from .fields import SUBNET, boolean, choice, integer, listof, number, record, string, subnets
from .network import REGION, VPC
from .spec import Kind

_S3_CLASSES = (
    "STANDARD",
    "INTELLIGENT_TIERING",
    "STANDARD_IA",
    "ONEZONE_IA",
    "GLACIER_IR",
    "GLACIER",
    "DEEP_ARCHIVE",
)

_LIFECYCLE_RULE = record(
    string("prefix", "Prefix", "", max_length=1024),
    integer("transition_days", "Transition after", 30, minimum=0, maximum=36500, unit="days"),
    choice("transition_class", "Transition to", _S3_CLASSES[1:], "STANDARD_IA"),
    integer("expiration_days", "Expire after", 0, minimum=0, maximum=36500, unit="days", help="0 keeps objects."),
)

KINDS = [
    Kind(
        kind="aws.s3.bucket",
        label="S3 bucket",
        category="storage",
        service="Amazon S3",
        description="Object storage.",
        icon="aws/storage/simple-storage-service-s3-bucket.png",
        cfn_types=("AWS::S3::Bucket", "AWS::S3::BucketPolicy"),
        parents=(REGION,),
        at_root=True,
        props=(
            choice("storage_class", "Storage class", _S3_CLASSES, "STANDARD"),
            boolean("versioning", "Versioning", True),
            choice(
                "encryption",
                "Encryption",
                ("SSE-S3", "SSE-KMS"),
                "SSE-S3",
                help="SSE-KMS uses a connected KMS key, or the AWS-managed key.",
            ),
            boolean("block_public_access", "Block public access", True),
            listof("lifecycle_rules", "Lifecycle rules", _LIFECYCLE_RULE, max_items=50),
        ),
        usage=(
            number("storage_gb", "Storage", 100, unit="GB-month"),
            number("monthly_put_requests", "PUT, COPY, POST, LIST requests", 10_000, unit="requests/month"),
            number("monthly_get_requests", "GET and other requests", 100_000, unit="requests/month"),
            number("data_transfer_out_gb", "Data transfer out to the internet", 0, unit="GB/month"),
            number(
                "rarely_read_percent",
                "Data rarely read",
                0,
                maximum=100,
                unit="%",
                help="The share of the stored data older than 30 days and seldom read: what a lifecycle "
                "transition moves to a cheaper class.",
            ),
        ),
        keywords=("object storage", "bucket", "s3", "static website"),
        docs_url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html",
    ),
    Kind(
        kind="aws.efs.file_system",
        label="EFS file system",
        category="storage",
        service="Amazon EFS",
        description="A shared NFS file system with mount targets in your subnets.",
        icon="aws/storage/elastic-file-system-efs-file-system.png",
        cfn_types=("AWS::EFS::FileSystem", "AWS::EFS::MountTarget"),
        parents=(REGION, VPC, SUBNET),
        at_root=True,
        placement="subnets",
        props=(
            choice("performance_mode", "Performance mode", ("generalPurpose", "maxIO"), "generalPurpose"),
            choice("throughput_mode", "Throughput mode", ("elastic", "bursting", "provisioned"), "elastic"),
            integer(
                "provisioned_throughput_mibps",
                "Provisioned throughput",
                0,
                minimum=0,
                maximum=10240,
                unit="MiB/s",
                help="Provisioned mode only.",
            ),
            boolean("encrypted", "Encrypted", True),
            choice(
                "transition_to_ia_days",
                "Move to Infrequent Access after",
                (0, 1, 7, 14, 30, 60, 90, 180, 270, 365),
                30,
                help="0 never moves files.",
            ),
            subnets("The subnets that get mount targets."),
        ),
        usage=(
            number("storage_gb", "Storage", 100, unit="GB-month"),
            number("infrequent_access_percent", "Share in Infrequent Access", 0, maximum=100, unit="%"),
        ),
        keywords=("nfs", "file system", "shared storage"),
        docs_url="https://docs.aws.amazon.com/efs/latest/ug/whatisefs.html",
    ),
]
