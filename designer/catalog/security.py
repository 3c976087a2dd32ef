"""Security and operations kinds: IAM roles, KMS keys, secrets, log groups and DMS."""

from __future__ import annotations

from .fields import SUBNET, boolean, choice, integer, listof, monthly_hours, number, string, subnets
from .network import REGION, VPC
from .spec import Kind

_LOG_RETENTION = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
                  2922, 3288, 3653, 0)  # fmt: skip
_DMS_CLASSES = (
    "dms.t3.micro", "dms.t3.small", "dms.t3.medium", "dms.t3.large",
    "dms.c5.large", "dms.c5.xlarge", "dms.c5.2xlarge", "dms.c5.4xlarge",
    "dms.r5.large", "dms.r5.xlarge", "dms.r5.2xlarge", "dms.r5.4xlarge",
)  # fmt: skip

KINDS = [
    Kind(
        kind="aws.iam.role",
        label="IAM role",
        category="security",
        service="AWS IAM",
        description="An identity a service assumes. Connections from compute to resources write its "
        "least-privilege policies; this node adds managed policies you name.",
        icon="aws/security/identity-and-access-management-iam-role.png",
        cfn_types=("AWS::IAM::Role", "AWS::IAM::InstanceProfile"),
        parents=(REGION,),
        at_root=True,
        props=(
            choice("trusted_service", "Trusted service",
                   ("ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "eks.amazonaws.com",
                    "states.amazonaws.com", "events.amazonaws.com"), "ec2.amazonaws.com"),  # fmt: skip
            listof("managed_policy_arns", "Managed policy ARNs",
                   string("item", "ARN", "", pattern=r"^arn:aws[a-z-]*:iam::(aws|\d{12}):policy/.+$",
                          max_length=2048), max_items=20),  # fmt: skip
        ),
        keywords=("iam", "role", "permissions", "identity"),
        docs_url="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html",
    ),
    Kind(
        kind="aws.kms.key",
        label="KMS key",
        category="security",
        service="AWS KMS",
        description="A customer managed encryption key. Connect it to what it encrypts.",
        icon="aws/security/key-management-service.png",
        cfn_types=("AWS::KMS::Key", "AWS::KMS::Alias"),
        parents=(REGION,),
        at_root=True,
        props=(
            boolean("key_rotation", "Automatic rotation", True),
            integer("pending_window_days", "Deletion waiting period", 30, minimum=7, maximum=30, unit="days"),
        ),
        usage=(number("monthly_requests", "API requests", 10_000, unit="requests/month"),),
        keywords=("kms", "encryption", "key", "cmk"),
        docs_url="https://docs.aws.amazon.com/kms/latest/developerguide/overview.html",
    ),
    Kind(
        kind="aws.secretsmanager.secret",
        label="Secrets Manager secret",
        category="security",
        service="AWS Secrets Manager",
        description="A stored secret (credentials, API keys), optionally rotated.",
        icon="aws/security/secrets-manager.png",
        cfn_types=("AWS::SecretsManager::Secret",),
        parents=(REGION,),
        at_root=True,
        props=(
            integer("rotation_days", "Rotate every", 0, minimum=0, maximum=365, unit="days",
                    help="0 turns rotation off."),  # fmt: skip
        ),
        usage=(number("monthly_api_calls", "API calls", 10_000, unit="calls/month"),),
        keywords=("secret", "credentials", "password"),
        docs_url="https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html",
    ),
    Kind(
        kind="aws.cloudwatch.log_group",
        label="CloudWatch log group",
        category="security",
        service="Amazon CloudWatch",
        description="Where logs are kept, for as long as its retention says.",
        icon="aws/management/cloudwatch-logs.png",
        cfn_types=("AWS::Logs::LogGroup",),
        parents=(REGION,),
        at_root=True,
        props=(choice("retention_days", "Retention", _LOG_RETENTION, 30, help="0 keeps logs forever."),),
        usage=(
            number("ingested_gb", "Logs ingested", 10, unit="GB/month"),
            number("stored_gb", "Logs stored", 10, unit="GB-month"),
        ),
        keywords=("logs", "cloudwatch", "monitoring"),
        docs_url="https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/WhatIsCloudWatchLogs.html",
    ),
    Kind(
        kind="aws.dms.replication_instance",
        label="DMS replication instance",
        category="security",
        service="AWS Database Migration Service",
        description="Migrates or replicates data from a source database to a target.",
        icon="aws/database/database-migration-service.png",
        cfn_types=("AWS::DMS::ReplicationInstance", "AWS::DMS::ReplicationSubnetGroup"),
        parents=(VPC, SUBNET),
        placement="subnets",
        min_subnet_azs=2,
        props=(
            choice("instance_class", "Instance class", _DMS_CLASSES, "dms.t3.medium"),
            integer("allocated_storage_gb", "Storage", 50, minimum=5, maximum=6144, unit="GB"),
            boolean("multi_az", "Multi-AZ", False),
            subnets("The subnets of its replication subnet group."),
        ),
        usage=(monthly_hours(),),
        keywords=("dms", "migration", "replication", "cdc"),
        docs_url="https://docs.aws.amazon.com/dms/latest/userguide/Welcome.html",
    ),
]
