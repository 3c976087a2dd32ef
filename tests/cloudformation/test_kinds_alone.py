"""Every catalog kind, alone in the smallest design that holds it, exports a template cfn-lint passes with no
error and no warning, made of the resource types the kind maps to, with the secure defaults the issue asks for.

All templates are linted in one cfn-lint run (its schemas load once), then each case reads its own findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cfnlint.api import ManualArgs, lint_by_config

from designer.catalog import CATALOG
from designer.cloudformation.export import export
from designer.cloudformation.yaml_io import dump_yaml
from tests.engines.design_builders import graph, node

VPC = "aws.vpc.vpc"
AZ = "aws.vpc.availability_zone"
SUBNET = "aws.vpc.subnet"
PRIVATE = ["private-a", "private-b"]
PUBLIC = ["public-a", "public-b"]
GENERIC = "aws.cloudformation.resource"
HANDLE = "AWS::CloudFormation::WaitConditionHandle"
ACL_RULE = {
    "rule_number": 100,
    "direction": "ingress",
    "action": "allow",
    "protocol": "tcp",
    "from_port": 443,
    "to_port": 443,
    "cidr": "10.0.0.0/16",
}


def vpc(*nodes: dict[str, Any]) -> list[dict[str, Any]]:
    """A VPC with two AZs, each holding a public and a private subnet (ids public-a, private-a, ...)."""
    out = [node("vpc", VPC, cidr="10.0.0.0/16")]
    for i, letter in enumerate("ab"):
        out.append(node(f"az-{letter}", AZ, "vpc", name=f"us-east-1{letter}"))
        zone = f"az-{letter}"
        out.append(node(f"public-{letter}", SUBNET, zone, cidr=f"10.0.{i}.0/24", tier="public"))
        out.append(node(f"private-{letter}", SUBNET, zone, cidr=f"10.0.{10 + i}.0/24", tier="private"))
    return out + list(nodes)


@dataclass(frozen=True)
class Case:
    """A design named `name` holding a node of `kind` (id "subject") and what it needs; `types` are the resource
    types it must write (none for kinds that write nothing)."""

    name: str
    kind: str
    nodes: list[dict[str, Any]]
    types: tuple[str, ...] = ()


def alone(name: str, kind: str, types: tuple[str, ...], **props: Any) -> Case:
    """The node by itself, at the top level."""
    return Case(name, kind, [node("subject", kind, **props)], types)


def in_vpc(name: str, kind: str, types: tuple[str, ...], parent: str = "vpc", **props: Any) -> Case:
    """The node in the two-AZ VPC, drawn in `parent` (subnet-placed kinds also name their subnets)."""
    return Case(name, kind, vpc(node("subject", kind, parent, **props)), types)


RDS = ("AWS::RDS::DBInstance", "AWS::RDS::DBSubnetGroup", "AWS::EC2::SecurityGroup")
AURORA = ("AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::RDS::DBSubnetGroup")
CACHE = ("AWS::ElastiCache::SubnetGroup", "AWS::EC2::SecurityGroup")
REST = ("AWS::ApiGateway::RestApi", "AWS::ApiGateway::Method", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage")
LIFECYCLE = [
    {"prefix": "logs/", "transition_days": 7, "transition_class": "STANDARD_IA", "expiration_days": 365},
    {"transition_days": 0, "transition_class": "GLACIER"},
]


def cases() -> Iterator[Case]:
    # Networking: the containers and what sits in them.
    yield Case("region", "aws.region", [node("subject", "aws.region")])
    yield Case("vpc", VPC, [node("vpc", VPC)], ("AWS::EC2::VPC",))
    yield Case("availability-zone", AZ, [node("vpc", VPC), node("subject", AZ, "vpc")], ("AWS::EC2::VPC",))
    yield Case("subnet", SUBNET, vpc(), ("AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::Route"))
    yield Case(
        "internet-gateway",
        "aws.vpc.internet_gateway",
        [node("vpc", VPC), node("subject", "aws.vpc.internet_gateway", "vpc")],
        ("AWS::EC2::InternetGateway", "AWS::EC2::VPCGatewayAttachment"),
    )
    yield in_vpc("nat-gateway", "aws.vpc.nat_gateway", ("AWS::EC2::NatGateway", "AWS::EC2::EIP"), "public-a")
    yield in_vpc("security-group", "aws.vpc.security_group", ("AWS::EC2::SecurityGroup",))
    yield in_vpc(
        "network-acl",
        "aws.vpc.network_acl",
        ("AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry", "AWS::EC2::SubnetNetworkAclAssociation"),
        subnets=PRIVATE,
        rules=[ACL_RULE],
    )
    yield in_vpc(
        "application-load-balancer",
        "aws.elb.application_load_balancer",
        ("AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::Listener"),
        subnets=PUBLIC,
    )
    yield in_vpc(
        "network-load-balancer",
        "aws.elb.network_load_balancer",
        ("AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup"),
        subnets=PUBLIC,
    )
    yield in_vpc("gateway-endpoint", "aws.vpc.gateway_endpoint", ("AWS::EC2::VPCEndpoint",))
    yield in_vpc(
        "interface-endpoint",
        "aws.vpc.interface_endpoint",
        ("AWS::EC2::VPCEndpoint", "AWS::EC2::SecurityGroup"),
        subnets=PRIVATE,
    )
    resolver = ("AWS::Route53Resolver::ResolverEndpoint", "AWS::EC2::SecurityGroup")
    yield in_vpc("resolver-inbound-endpoint", "aws.route53resolver.endpoint", resolver, subnets=PRIVATE)
    yield in_vpc(
        "resolver-outbound-endpoint", "aws.route53resolver.endpoint", resolver, subnets=PRIVATE, direction="OUTBOUND"
    )
    yield in_vpc("resolver-endpoint-in-one-subnet", "aws.route53resolver.endpoint", resolver, "private-a")
    yield alone("transit-gateway", "aws.ec2.transit_gateway", ("AWS::EC2::TransitGateway",))
    yield alone(
        "vpn-connection",
        "aws.vpc.vpn_connection",
        ("AWS::EC2::VPNConnection", "AWS::EC2::CustomerGateway", "AWS::EC2::VPNGateway"),
    )
    yield alone("direct-connect", "aws.directconnect.connection", ("AWS::EC2::VPNGateway",))
    # The edge and APIs.
    yield alone("hosted-zone", "aws.route53.hosted_zone", ("AWS::Route53::HostedZone",))
    yield Case(
        "private-hosted-zone",
        "aws.route53.hosted_zone",
        vpc(node("subject", "aws.route53.hosted_zone", domain_name="corp.example.com", private_zone=True)),
        ("AWS::Route53::HostedZone",),
    )
    yield alone("cloudfront", "aws.cloudfront.distribution", ("AWS::CloudFront::Distribution",))
    yield alone(
        "cloudfront-with-waf",
        "aws.cloudfront.distribution",
        ("AWS::CloudFront::Distribution", "AWS::WAFv2::WebACL"),
        waf=True,
        default_root_object="",
    )
    yield alone("http-api", "aws.apigateway.api", ("AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage"))
    yield alone("rest-api", "aws.apigateway.api", REST, api_type="REST")
    yield alone("private-rest-api", "aws.apigateway.api", REST, api_type="REST", endpoint_type="PRIVATE")
    # Compute.
    yield in_vpc(
        "ec2-instance",
        "aws.ec2.instance",
        ("AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::IAM::InstanceProfile"),
        "private-a",
    )
    yield in_vpc(
        "autoscaling-group",
        "aws.autoscaling.group",
        ("AWS::AutoScaling::AutoScalingGroup", "AWS::EC2::LaunchTemplate"),
        subnets=PRIVATE,
    )
    yield alone("ecs-cluster", "aws.ecs.cluster", ("AWS::ECS::Cluster",))
    yield Case(
        "ecs-service",
        "aws.ecs.service",
        vpc(node("cluster", "aws.ecs.cluster", "vpc"), node("subject", "aws.ecs.service", "cluster", subnets=PRIVATE)),
        ("AWS::ECS::Service", "AWS::ECS::TaskDefinition", "AWS::Logs::LogGroup"),
    )
    yield in_vpc("eks-cluster", "aws.eks.cluster", ("AWS::EKS::Cluster", "AWS::EKS::Nodegroup"), subnets=PRIVATE)
    yield alone(
        "lambda-function", "aws.lambda.function", ("AWS::Lambda::Function", "AWS::IAM::Role", "AWS::Logs::LogGroup")
    )
    yield in_vpc("ebs-volume", "aws.ebs.volume", ("AWS::EC2::Volume",), "private-a")
    # Storage.
    yield alone("s3-bucket", "aws.s3.bucket", ("AWS::S3::Bucket", "AWS::S3::BucketPolicy"))
    yield alone(
        "s3-bucket-kms-lifecycle",
        "aws.s3.bucket",
        ("AWS::S3::Bucket", "AWS::S3::BucketPolicy"),
        encryption="SSE-KMS",
        versioning=False,
        lifecycle_rules=LIFECYCLE,
    )
    yield alone("efs-file-system", "aws.efs.file_system", ("AWS::EFS::FileSystem",))
    yield in_vpc(
        "efs-file-system-in-subnets",
        "aws.efs.file_system",
        ("AWS::EFS::FileSystem", "AWS::EFS::MountTarget", "AWS::EC2::SecurityGroup"),
        subnets=PRIVATE,
        throughput_mode="provisioned",
        provisioned_throughput_mibps=64,
        transition_to_ia_days=1,
    )
    # Databases.
    yield in_vpc("rds-instance", "aws.rds.instance", RDS, subnets=PRIVATE)
    yield in_vpc(
        "rds-instance-with-replicas",
        "aws.rds.instance",
        RDS,
        subnets=PRIVATE,
        engine="mysql",
        engine_version="8.4.7",
        storage_type="io2",
        iops=3000,
        read_replicas=2,
        multi_az=True,
    )
    yield in_vpc(
        "rds-sql-server",
        "aws.rds.instance",
        RDS,
        subnets=PRIVATE,
        engine="sqlserver-se",
        instance_class="db.m5.large",
        multi_az=True,
    )
    yield in_vpc("aurora-cluster", "aws.rds.aurora_cluster", AURORA, subnets=PRIVATE)
    yield in_vpc(
        "aurora-serverless",
        "aws.rds.aurora_cluster",
        AURORA,
        subnets=PRIVATE,
        engine="aurora-mysql",
        capacity_mode="serverless_v2",
        storage_config="io-optimized",
        instances=1,
    )
    yield alone("dynamodb-table", "aws.dynamodb.table", ("AWS::DynamoDB::Table",))
    yield alone(
        "dynamodb-table-provisioned",
        "aws.dynamodb.table",
        ("AWS::DynamoDB::Table",),
        sort_key="sk",
        billing_mode="PROVISIONED",
        streams=True,
    )
    redis = CACHE + ("AWS::ElastiCache::ReplicationGroup",)
    yield in_vpc("elasticache-redis", "aws.elasticache.cluster", redis, subnets=PRIVATE)
    yield in_vpc(
        "elasticache-valkey-cluster-mode", "aws.elasticache.cluster", redis, subnets=PRIVATE, engine="valkey", nodes=3
    )
    yield in_vpc(
        "elasticache-memcached",
        "aws.elasticache.cluster",
        CACHE + ("AWS::ElastiCache::CacheCluster",),
        subnets=PRIVATE,
        engine="memcached",
        nodes=2,
    )
    # Application integration.
    yield alone("sqs-queue", "aws.sqs.queue", ("AWS::SQS::Queue",))
    yield alone(
        "sqs-fifo-queue-with-dead-letters",
        "aws.sqs.queue",
        ("AWS::SQS::Queue",),
        queue_type="fifo",
        max_receive_count=5,
    )
    yield alone("sns-topic", "aws.sns.topic", ("AWS::SNS::Topic",))
    yield alone("sns-fifo-topic", "aws.sns.topic", ("AWS::SNS::Topic",), topic_type="fifo")
    yield Case("default-event-bus", "aws.eventbridge.event_bus", [node("subject", "aws.eventbridge.event_bus")])
    yield alone("custom-event-bus", "aws.eventbridge.event_bus", ("AWS::Events::EventBus",), bus_name="orders")
    yield alone("event-rule", "aws.eventbridge.rule", ("AWS::Events::Rule",))
    yield alone(
        "scheduled-rule",
        "aws.eventbridge.rule",
        ("AWS::Events::Rule",),
        trigger="schedule",
        schedule_expression="cron(0 3 * * ? *)",
    )
    state_machine = ("AWS::StepFunctions::StateMachine", "AWS::IAM::Role", "AWS::Logs::LogGroup")
    yield alone("state-machine", "aws.stepfunctions.state_machine", state_machine)
    yield alone("express-state-machine", "aws.stepfunctions.state_machine", state_machine, workflow_type="EXPRESS")
    # Security and operations.
    yield alone("iam-role", "aws.iam.role", ("AWS::IAM::Role", "AWS::IAM::InstanceProfile"))
    yield alone(
        "iam-role-with-managed-policies",
        "aws.iam.role",
        ("AWS::IAM::Role",),
        trusted_service="lambda.amazonaws.com",
        managed_policy_arns=["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    )
    yield alone("kms-key", "aws.kms.key", ("AWS::KMS::Key", "AWS::KMS::Alias"))
    yield alone("secret", "aws.secretsmanager.secret", ("AWS::SecretsManager::Secret",), rotation_days=30)
    yield alone("log-group", "aws.cloudwatch.log_group", ("AWS::Logs::LogGroup",))
    yield alone("log-group-kept-forever", "aws.cloudwatch.log_group", ("AWS::Logs::LogGroup",), retention_days=0)
    yield in_vpc(
        "dms-replication-instance",
        "aws.dms.replication_instance",
        ("AWS::DMS::ReplicationInstance", "AWS::DMS::ReplicationSubnetGroup"),
        subnets=PRIVATE,
    )
    # A resource kept from an imported template, and what lies outside AWS.
    imported = node("subject", GENERIC, type=HANDLE)
    imported["cfn"] = {"logical_id": "Handle", "type": HANDLE}
    yield Case("imported-resource", GENERIC, [imported], (HANDLE,))
    yield Case("users", "external.users", [node("subject", "external.users")])
    yield Case("datacenter", "external.datacenter", [node("subject", "external.datacenter")])


CASES = {case.name: case for case in cases()}


@dataclass
class Linted:
    templates: dict[str, dict[str, Any]]
    findings: dict[str, list[str]]


def lint(paths: list[Path]) -> dict[str, list[str]]:
    """cfn-lint's errors and warnings (informational messages are allowed), by file stem, in one run."""
    findings: dict[str, list[str]] = {path.stem: [] for path in paths}
    for match in lint_by_config(ManualArgs(templates=[str(path) for path in paths])):
        if match.rule.severity in ("error", "warning"):
            findings[Path(match.filename or "").stem].append(f"{match.rule.id} {match.linenumber}: {match.message}")
    return findings


@pytest.fixture(scope="module")
def linted(tmp_path_factory: pytest.TempPathFactory) -> Linted:
    """Every case exported and written as YAML, then linted together."""
    directory = tmp_path_factory.mktemp("templates")
    templates: dict[str, dict[str, Any]] = {}
    for case in CASES.values():
        templates[case.name] = export(graph(*case.nodes))
        (directory / f"{case.name}.yaml").write_text(dump_yaml(templates[case.name]))
    return Linted(templates, lint([directory / f"{name}.yaml" for name in CASES]))


def resources(template: dict[str, Any], type_: str) -> list[dict[str, Any]]:
    return [r for r in template["Resources"].values() if r["Type"] == type_]


def properties(template: dict[str, Any], type_: str) -> dict[str, Any]:
    """The properties of the first resource of `type_`."""
    return resources(template, type_)[0].get("Properties", {})


def walk(value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def test_every_catalog_kind_has_a_design_of_its_own() -> None:
    assert set(CATALOG.kinds) - {case.kind for case in CASES.values()} == set()


def test_the_lint_step_reports_errors_and_warnings(tmp_path: Path) -> None:
    template = {
        "Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"Versioning": "on"}}},
        "Parameters": {"Unused": {"Type": "String"}},
    }
    (tmp_path / "broken.yaml").write_text(dump_yaml(template))
    found = {finding.split()[0] for finding in lint([tmp_path / "broken.yaml"])["broken"]}
    assert {"E3002", "W2001"} <= found


@pytest.mark.parametrize("name", CASES)
def test_each_kind_alone_lints_with_no_error_and_no_warning(linted: Linted, name: str) -> None:
    assert linted.findings[name] == []


@pytest.mark.parametrize("name", [name for name, case in CASES.items() if case.types])
def test_each_kind_alone_writes_the_resource_types_it_maps_to(linted: Linted, name: str) -> None:
    written = {r["Type"] for r in linted.templates[name]["Resources"].values()}
    assert set(CASES[name].types) - written == set()


@pytest.mark.parametrize("name", [name for name, case in CASES.items() if not case.types])
def test_kinds_without_resources_get_a_placeholder_and_a_note_saying_why(linted: Linted, name: str) -> None:
    template = linted.templates[name]
    assert template["Resources"] == {"Placeholder": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}
    assert (
        "a placeholder resource keeps the template valid"
        in template["Metadata"]["AwsArchitectureDesigner"]["Notes"][-1]
    )


def test_no_template_holds_a_password_or_a_secret_value(linted: Linted) -> None:
    for name, template in linted.templates.items():
        keys = {key for key, _ in walk(template)}
        assert keys & {"MasterUserPassword", "SecretString", "Password", "AuthToken"} == set(), name


def test_a_bucket_is_encrypted_private_owner_enforced_and_kept(linted: Linted) -> None:
    template = linted.templates["s3-bucket"]
    (bucket,) = resources(template, "AWS::S3::Bucket")
    p = bucket["Properties"]
    assert p["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "AES256"
    }
    assert set(p["PublicAccessBlockConfiguration"].values()) == {True}
    assert len(p["PublicAccessBlockConfiguration"]) == 4
    assert p["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    assert p["VersioningConfiguration"] == {"Status": "Enabled"}
    assert (bucket["DeletionPolicy"], bucket["UpdateReplacePolicy"]) == ("Retain", "Retain")
    assert "SubjectName" in template["Outputs"]


def test_a_bucket_policy_refuses_requests_without_tls(linted: Linted) -> None:
    policy = properties(linted.templates["s3-bucket"], "AWS::S3::BucketPolicy")
    (statement,) = policy["PolicyDocument"]["Statement"]
    assert statement["Effect"] == "Deny"
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_a_bucket_asking_for_sse_kms_uses_kms_and_its_lifecycle_rules_respect_s3_minimums(linted: Linted) -> None:
    p = properties(linted.templates["s3-bucket-kms-lifecycle"], "AWS::S3::Bucket")
    assert p["BucketEncryption"]["ServerSideEncryptionConfiguration"][0] == {
        "ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"},
        "BucketKeyEnabled": True,
    }
    assert p["VersioningConfiguration"] == {"Status": "Suspended"}
    first, second = p["LifecycleConfiguration"]["Rules"]
    assert first["Transitions"] == [{"StorageClass": "STANDARD_IA", "TransitionInDays": 30}]
    assert (first["Prefix"], first["ExpirationInDays"]) == ("logs/", 365)
    assert second["Transitions"] == [{"StorageClass": "GLACIER", "TransitionInDays": 0}]


def test_an_rds_instance_is_encrypted_private_and_keeps_its_password_in_secrets_manager(linted: Linted) -> None:
    template = linted.templates["rds-instance"]
    (instance,) = resources(template, "AWS::RDS::DBInstance")
    p = instance["Properties"]
    assert p["StorageEncrypted"] is True
    assert p["PubliclyAccessible"] is False
    assert p["ManageMasterUserPassword"] is True
    assert p["AllocatedStorage"] == "100"
    assert "EngineVersion" not in p and "Iops" not in p
    assert (instance["DeletionPolicy"], instance["UpdateReplacePolicy"]) == ("Snapshot", "Snapshot")
    subnet_group = properties(template, "AWS::RDS::DBSubnetGroup")
    assert subnet_group["SubnetIds"] == [{"Ref": "PrivateA"}, {"Ref": "PrivateB"}]
    assert template["Outputs"]["SubjectEndpoint"]["Value"] == {"Fn::GetAtt": ["Subject", "Endpoint.Address"]}


def test_read_replicas_follow_their_source_and_share_its_security_groups(linted: Linted) -> None:
    template = linted.templates["rds-instance-with-replicas"]
    primary, *replicas = resources(template, "AWS::RDS::DBInstance")
    assert primary["Properties"]["Iops"] == 3000
    assert primary["Properties"]["EngineVersion"] == "8.4.7"
    assert len(replicas) == 2
    for replica in replicas:
        assert replica["Properties"]["SourceDBInstanceIdentifier"] == {"Ref": "Subject"}
        assert replica["Properties"]["VPCSecurityGroups"] == primary["Properties"]["VPCSecurityGroups"]
        assert replica["Properties"]["PubliclyAccessible"] is False


def test_an_aurora_cluster_is_encrypted_and_its_instances_are_private(linted: Linted) -> None:
    template = linted.templates["aurora-cluster"]
    cluster = properties(template, "AWS::RDS::DBCluster")
    assert (cluster["StorageEncrypted"], cluster["ManageMasterUserPassword"]) == (True, True)
    instances = resources(template, "AWS::RDS::DBInstance")
    assert len(instances) == 2
    assert {i["Properties"]["PubliclyAccessible"] for i in instances} == {False}


def test_a_serverless_aurora_cluster_scales_in_acus_on_serverless_instances(linted: Linted) -> None:
    template = linted.templates["aurora-serverless"]
    cluster = properties(template, "AWS::RDS::DBCluster")
    assert cluster["ServerlessV2ScalingConfiguration"] == {"MinCapacity": 0.5, "MaxCapacity": 8}
    assert cluster["StorageType"] == "aurora-iopt1"
    assert properties(template, "AWS::RDS::DBInstance")["DBInstanceClass"] == "db.serverless"


def test_a_dynamodb_table_is_encrypted_recoverable_and_protected(linted: Linted) -> None:
    p = properties(linted.templates["dynamodb-table"], "AWS::DynamoDB::Table")
    assert p["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert p["SSESpecification"] == {"SSEEnabled": True}
    assert p["DeletionProtectionEnabled"] is True
    assert p["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}]


def test_a_provisioned_table_with_a_sort_key_and_streams(linted: Linted) -> None:
    p = properties(linted.templates["dynamodb-table-provisioned"], "AWS::DynamoDB::Table")
    assert [k["KeyType"] for k in p["KeySchema"]] == ["HASH", "RANGE"]
    assert p["ProvisionedThroughput"] == {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    assert p["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}


def test_redis_is_encrypted_and_fails_over_to_its_replica(linted: Linted) -> None:
    p = properties(linted.templates["elasticache-redis"], "AWS::ElastiCache::ReplicationGroup")
    assert (p["AtRestEncryptionEnabled"], p["TransitEncryptionEnabled"]) == (True, True)
    assert (p["NumCacheClusters"], p["AutomaticFailoverEnabled"], p["MultiAZEnabled"]) == (2, True, True)


def test_valkey_with_several_shards_runs_in_cluster_mode(linted: Linted) -> None:
    p = properties(linted.templates["elasticache-valkey-cluster-mode"], "AWS::ElastiCache::ReplicationGroup")
    assert (p["NumNodeGroups"], p["ReplicasPerNodeGroup"]) == (3, 1)
    assert p["CacheParameterGroupName"].endswith(".cluster.on")


def test_a_file_system_is_encrypted_backed_up_and_mounted_once_per_zone(linted: Linted) -> None:
    template = linted.templates["efs-file-system-in-subnets"]
    p = properties(template, "AWS::EFS::FileSystem")
    assert (p["Encrypted"], p["BackupPolicy"]) == (True, {"Status": "ENABLED"})
    assert p["ProvisionedThroughputInMibps"] == 64
    assert p["LifecyclePolicies"] == [{"TransitionToIA": "AFTER_1_DAY"}]
    targets = resources(template, "AWS::EFS::MountTarget")
    assert [t["Properties"]["SubnetId"] for t in targets] == [{"Ref": "PrivateA"}, {"Ref": "PrivateB"}]


def test_queues_and_topics_are_encrypted_and_fifo_names_end_in_fifo(linted: Linted) -> None:
    queue, dead_letters = resources(linted.templates["sqs-fifo-queue-with-dead-letters"], "AWS::SQS::Queue")
    assert dead_letters["Properties"]["FifoQueue"] is True
    assert queue["Properties"]["SqsManagedSseEnabled"] is True
    assert queue["Properties"]["QueueName"]["Fn::Sub"].endswith(".fifo")
    assert queue["Properties"]["RedrivePolicy"]["maxReceiveCount"] == 5
    topic = properties(linted.templates["sns-fifo-topic"], "AWS::SNS::Topic")
    assert topic["KmsMasterKeyId"] == "alias/aws/sns"
    assert topic["TopicName"]["Fn::Sub"].endswith(".fifo")


def test_the_default_event_bus_is_not_created(linted: Linted) -> None:
    assert resources(linted.templates["default-event-bus"], "AWS::Events::EventBus") == []


def test_a_state_machine_alone_passes_and_logs(linted: Linted) -> None:
    p = properties(linted.templates["state-machine"], "AWS::StepFunctions::StateMachine")
    assert p["Definition"]["States"] == {"Pass": {"Type": "Pass", "End": True}}
    assert p["LoggingConfiguration"]["Level"] == "ERROR"


def test_a_rest_api_deploys_a_mock_root_method_when_nothing_is_connected(linted: Linted) -> None:
    template = linted.templates["rest-api"]
    (deployment,) = resources(template, "AWS::ApiGateway::Deployment")
    assert deployment["DependsOn"] == ["SubjectRootMethod"]
    assert properties(template, "AWS::ApiGateway::Method")["Integration"]["Type"] == "MOCK"
    assert "SubjectUrl" in template["Outputs"]


def test_a_private_rest_api_is_callable_only_through_a_vpc_endpoint(linted: Linted) -> None:
    template = linted.templates["private-rest-api"]
    (statement,) = properties(template, "AWS::ApiGateway::RestApi")["Policy"]["Statement"]
    assert statement["Condition"] == {"StringEquals": {"aws:SourceVpce": [{"Ref": "SubjectVpcEndpointId"}]}}


def test_a_kms_key_rotates_and_its_policy_trusts_only_the_account(linted: Linted) -> None:
    p = properties(linted.templates["kms-key"], "AWS::KMS::Key")
    assert p["EnableKeyRotation"] is True
    (statement,) = p["KeyPolicy"]["Statement"]
    assert statement["Principal"] == {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}}


def test_a_secret_value_is_generated_and_rotation_is_left_to_a_note(linted: Linted) -> None:
    template = linted.templates["secret"]
    assert "GenerateSecretString" in properties(template, "AWS::SecretsManager::Secret")
    assert any("rotation" in note for note in template["Metadata"]["AwsArchitectureDesigner"]["Notes"])


def test_a_log_group_kept_forever_has_no_retention(linted: Linted) -> None:
    assert "RetentionInDays" not in properties(linted.templates["log-group-kept-forever"], "AWS::Logs::LogGroup")
    assert properties(linted.templates["log-group"], "AWS::Logs::LogGroup")["RetentionInDays"] == 30


def test_a_dms_instance_is_not_public(linted: Linted) -> None:
    p = properties(linted.templates["dms-replication-instance"], "AWS::DMS::ReplicationInstance")
    assert p["PubliclyAccessible"] is False


def test_a_private_hosted_zone_is_attached_to_the_designs_vpc(linted: Linted) -> None:
    p = properties(linted.templates["private-hosted-zone"], "AWS::Route53::HostedZone")
    assert p["VPCs"] == [{"VPCId": {"Ref": "Vpc"}, "VPCRegion": {"Ref": "AWS::Region"}}]


def test_a_distribution_alone_gets_a_parameterised_origin_and_https(linted: Linted) -> None:
    template = linted.templates["cloudfront"]
    config = properties(template, "AWS::CloudFront::Distribution")["DistributionConfig"]
    (origin,) = config["Origins"]
    assert origin["DomainName"] == {"Ref": "OriginDomainName"}
    assert config["DefaultCacheBehavior"]["TargetOriginId"] == origin["Id"]
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    assert "SubjectDomainName" in template["Outputs"]


def test_a_distribution_with_waf_names_its_web_acl(linted: Linted) -> None:
    config = properties(linted.templates["cloudfront-with-waf"], "AWS::CloudFront::Distribution")["DistributionConfig"]
    assert config["WebACLId"] == {"Fn::GetAtt": ["SubjectWebAcl", "Arn"]}
    assert "DefaultRootObject" not in config


def test_a_resolver_endpoint_has_an_ip_address_in_each_subnet_and_a_group_that_opens_nothing_alone(
    linted: Linted,
) -> None:
    for name, direction in (("resolver-inbound-endpoint", "INBOUND"), ("resolver-outbound-endpoint", "OUTBOUND")):
        template = linted.templates[name]
        p = properties(template, "AWS::Route53Resolver::ResolverEndpoint")
        assert p["Direction"] == direction
        assert p["IpAddresses"] == [{"SubnetId": {"Ref": "PrivateA"}}, {"SubnetId": {"Ref": "PrivateB"}}]
        assert p["SecurityGroupIds"] == [{"Fn::GetAtt": ["SubjectSecurityGroup", "GroupId"]}]
        group = properties(template, "AWS::EC2::SecurityGroup")
        assert "SecurityGroupIngress" not in group and "SecurityGroupEgress" not in group
    notes = linted.templates["resolver-inbound-endpoint"]["Metadata"]["AwsArchitectureDesigner"]["Notes"]
    assert any("subject admits no DNS queries yet" in note for note in notes)


def test_a_resolver_endpoint_in_one_subnet_puts_both_of_its_ip_addresses_there(linted: Linted) -> None:
    template = linted.templates["resolver-endpoint-in-one-subnet"]
    p = properties(template, "AWS::Route53Resolver::ResolverEndpoint")
    assert p["IpAddresses"] == [{"SubnetId": {"Ref": "PrivateA"}}] * 2
    notes = template["Metadata"]["AwsArchitectureDesigner"]["Notes"]
    assert any("both of its IP addresses are in its one subnet" in note for note in notes)
