"""Which kinds may connect, and what each connection means.

The table is the contract the engines implement: the CloudFormation exporter turns a `traffic` edge into a
security-group rule on the target's port, an `access` edge into a least-privilege IAM policy, and so on
(see docs/connections.md). A pair of kinds has at most one meaning.
"""

from __future__ import annotations

from .compute import ASG
from .external import DATACENTER, USERS
from .fields import boolean, choice, integer, string
from .spec import Connection, Field

EC2 = "aws.ec2.instance"
ECS_SERVICE = "aws.ecs.service"
EKS = "aws.eks.cluster"
LAMBDA = "aws.lambda.function"
ALB = "aws.elb.application_load_balancer"
NLB = "aws.elb.network_load_balancer"
RDS = "aws.rds.instance"
AURORA = "aws.rds.aurora_cluster"
CACHE = "aws.elasticache.cluster"
EFS = "aws.efs.file_system"
S3 = "aws.s3.bucket"
DYNAMODB = "aws.dynamodb.table"
SQS = "aws.sqs.queue"
SNS = "aws.sns.topic"
BUS = "aws.eventbridge.event_bus"
RULE = "aws.eventbridge.rule"
SFN = "aws.stepfunctions.state_machine"
SECRET = "aws.secretsmanager.secret"
KMS = "aws.kms.key"
LOGS = "aws.cloudwatch.log_group"
APIGW = "aws.apigateway.api"
CLOUDFRONT = "aws.cloudfront.distribution"
ROUTE53 = "aws.route53.hosted_zone"
RESOLVER = "aws.route53resolver.endpoint"
VPN = "aws.vpc.vpn_connection"
DX = "aws.directconnect.connection"
TGW = "aws.ec2.transit_gateway"
VPC = "aws.vpc.vpc"
SG = "aws.vpc.security_group"
IAM_ROLE = "aws.iam.role"
EBS = "aws.ebs.volume"
DMS = "aws.dms.replication_instance"
INTERFACE_ENDPOINT = "aws.vpc.interface_endpoint"

SERVERS = (EC2, ASG, ECS_SERVICE, EKS)
COMPUTE = SERVERS + (LAMBDA,)
DATA_STORES = (RDS, AURORA, CACHE, EFS)
AWS_APIS = (S3, DYNAMODB, SQS, SNS, BUS, SFN, SECRET, KMS)
LOAD_BALANCERS = (ALB, NLB)

_PORT = integer("port", "Port", minimum=1, maximum=65535, help="Empty means the target's own port.")
_ACCESS = choice(
    "access",
    "Access",
    ("read", "write", "read-write"),
    "read",
    help="The IAM actions granted on the target, scoped to its ARN.",
)

# meaning -> the properties an edge of that meaning carries
MEANINGS: dict[str, tuple[Field, ...]] = {
    "ingress": (
        integer("port", "Listener port", 443, minimum=1, maximum=65535),
        choice("protocol", "Protocol", ("HTTPS", "HTTP", "TCP", "TLS", "UDP"), "HTTPS"),
    ),
    "traffic": (_PORT, choice("protocol", "Protocol", ("tcp", "udp"), "tcp")),
    "access": (_ACCESS,),
    "invoke": (),
    "event_source": (integer("batch_size", "Batch size", 10, minimum=1, maximum=10000),),
    "notification": (
        choice(
            "events",
            "Events",
            (
                "s3:ObjectCreated:*",
                "s3:ObjectRemoved:*",
                "s3:ObjectCreated:Put",
                "s3:ObjectCreated:CompleteMultipartUpload",
            ),
            "s3:ObjectCreated:*",
        ),
        string("prefix", "Key prefix", "", max_length=1024),
        string("suffix", "Key suffix", "", max_length=1024),
    ),
    "integration": (
        string(
            "route",
            "Route",
            "ANY /{proxy+}",
            max_length=512,
            pattern=r"^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /\S*$",
        ),
    ),
    "routes": (),
    "target": (),
    "subscription": (
        boolean("raw_message_delivery", "Raw message delivery", False),
        string("filter_policy", "Filter policy (JSON)", "", max_length=4096),
    ),
    "origin": (
        string("path_pattern", "Path pattern", "*", max_length=255, help="'*' makes it the default origin."),
        choice(
            "origin_protocol",
            "Origin protocol",
            ("https-only", "http-only", "match-viewer"),
            "https-only",
            help="Custom origins only.",
        ),
    ),
    "alias": (
        string("record_name", "Record name", "", max_length=253, help="Empty means the zone apex."),
        choice("record_type", "Record type", ("A", "AAAA"), "A"),
    ),
    "dns": (),
    "link": (),
    "attachment": (),
    "protects": (),
    "role": (),
    "encrypts": (),
    "attaches": (),
    "logs": (),
    "replication": (
        choice("migration_type", "Migration type", ("full-load-and-cdc", "full-load", "cdc"), "full-load-and-cdc"),
    ),
}

_RULES: list[tuple[tuple[str, ...], tuple[str, ...], str, str]] = [
    ((USERS,), LOAD_BALANCERS + (CLOUDFRONT, APIGW, EC2), "ingress", "sends requests to"),
    ((USERS,), (ROUTE53,), "dns", "resolves names in"),
    ((DATACENTER,), (RESOLVER,), "dns", "sends DNS queries to"),
    ((RESOLVER,), (DATACENTER,), "dns", "forwards DNS queries to"),
    (LOAD_BALANCERS, SERVERS, "traffic", "forwards traffic to"),
    ((ALB,), (LAMBDA,), "invoke", "invokes"),
    (COMPUTE, DATA_STORES, "traffic", "connects to"),
    (COMPUTE, LOAD_BALANCERS, "traffic", "sends requests to"),
    (COMPUTE, SERVERS, "traffic", "connects to"),
    (COMPUTE, AWS_APIS, "access", "uses"),
    ((LAMBDA, SFN), (LAMBDA,), "invoke", "invokes"),
    ((SFN,), (DYNAMODB, SQS, SNS, BUS, S3, SFN), "access", "calls"),
    ((SQS,), (LAMBDA,), "event_source", "triggers"),
    ((DYNAMODB,), (LAMBDA,), "event_source", "streams changes to"),
    ((S3,), (LAMBDA, SQS, SNS, BUS), "notification", "notifies"),
    ((APIGW,), (LAMBDA, SFN, SQS) + LOAD_BALANCERS, "integration", "routes requests to"),
    ((BUS,), (RULE,), "routes", "carries events for"),
    ((RULE,), (LAMBDA, SQS, SFN, SNS), "target", "sends matching events to"),
    ((SNS,), (SQS, LAMBDA), "subscription", "delivers messages to"),
    ((CLOUDFRONT,), (S3, ALB, NLB, APIGW, EC2), "origin", "serves content from"),
    ((ROUTE53,), (ALB, NLB, CLOUDFRONT, APIGW), "alias", "points a name at"),
    ((DATACENTER,), (VPN, DX), "link", "connects through"),
    ((VPN, DX), (TGW, VPC), "attachment", "attaches to"),
    ((TGW,), (VPC,), "attachment", "attaches to"),
    ((SG,), COMPUTE + DATA_STORES + LOAD_BALANCERS + (INTERFACE_ENDPOINT, RESOLVER, DMS), "protects", "protects"),
    ((IAM_ROLE,), COMPUTE + (SFN,), "role", "is assumed by"),
    ((KMS,), (S3, RDS, AURORA, DYNAMODB, EBS, SQS, SNS, SECRET, EFS, LOGS, CACHE), "encrypts", "encrypts"),
    ((EC2,), (EBS,), "attaches", "attaches"),
    (COMPUTE + (APIGW, SFN), (LOGS,), "logs", "sends logs to"),
    ((DATACENTER, RDS, AURORA, EC2), (DMS,), "replication", "is replicated by"),
    ((DMS,), (RDS, AURORA, S3, DYNAMODB), "replication", "replicates into"),
]


def build_connections() -> dict[tuple[str, str], Connection]:
    table: dict[tuple[str, str], Connection] = {}
    for sources, targets, meaning, description in _RULES:
        for source in sources:
            for target in targets:
                if (source, target) in table:
                    raise ValueError(f"{source} -> {target} is given two meanings")
                table[(source, target)] = Connection(source, target, meaning, description, MEANINGS[meaning])
    return table
