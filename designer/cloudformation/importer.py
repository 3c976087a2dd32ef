"""import_template(text) -> a design document and a report of what was not understood.

Every resource of the template ends up in the design, so exporting the design writes every resource back:
- a resource whose type the catalog has a kind for becomes a node of that kind (a VPC, a function, a table);
- a resource that belongs to such a node (a subnet's route table and its association, a function's
  permissions, a load balancer's listeners and target groups) is kept inside that node (`cfn.resources`), so
  the design shows one function rather than five boxes;
- any other resource becomes a generic node holding it as it was.
Containment comes from VpcId, SubnetId and SubnetIds references (through subnet groups and mount targets);
connections from security group rules between groups, IAM policies, event source mappings, target groups,
notifications, subscriptions, rule targets, integrations, origins and alias records (`recover.py`). What the
importer could not place or read is listed in the report (with where a VPC or subnets come from when they are
not in the template: a parameter, another stack, existing ones), and so are a tool's own YAML tags and resource
keys the design cannot keep. The design is checked by the same gate as any other document; a node the gate
refuses becomes a generic node (and says so in the report), and recovered connections that would make the
design larger than a design may be are left out (the template's resources keep that wiring), so an import
never fails on a template CloudFormation would accept; the exceptions are `Custom::Name` resource types, which
the document schema has no place for yet (`AWS::CloudFormation::CustomResource` imports), and a template
whose resources alone are more than a design may hold.

A template CloudFormation would refuse for its shape (a resource without a Type, a Ref to a list, resources
that depend on each other in a cycle) fails with a sentence naming the problem. Ownership is resolved once per
resource and remembered; a chain of owners longer than `MAX_CHAIN` (only a made-up template has one) is cut
where it gets too long, and a resource is always kept by a resource that holds itself, so the result never
depends on how deep Python lets a function recurse.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..catalog import CATALOG
from ..catalog.generic import GENERIC
from ..catalog.spec import CFN_TYPE_PATTERN, Kind
from ..document import load
from ..document.load import Limits
from ..document.messages import validator
from ..document.schema import CLOUDFORMATION_SECTIONS, DOCUMENT_TYPE
from . import recover
from .cycles import cycles, dependencies
from .evaluate import Evaluator, Unknown
from .layout import layout
from .mapping import read_mapped, unread
from .template import references
from .yaml_io import TemplateError, load_template

Json = Any

MAX_RESOURCES = 500  # CloudFormation's own limit per template
MAX_CHAIN = 100  # resources whose owners are worked out one inside the other
LAYOUT_BYTES = 100  # what the layout adds to a node (its position and size), at most
KEPT_SECTIONS = CLOUDFORMATION_SECTIONS
_ATTRIBUTES = (
    "DependsOn",
    "Condition",
    "DeletionPolicy",
    "UpdateReplacePolicy",
    "Metadata",
    "CreationPolicy",
    "UpdatePolicy",
)

VPC, AZ, SUBNET = "aws.vpc.vpc", "aws.vpc.availability_zone", "aws.vpc.subnet"


# -- what each resource type becomes ---------------------------------------------------------------------------


def _elb_kind(res: Resource) -> str | None:
    """Application or Network Load Balancer by its `Type` (application when unset); a gateway load balancer, or a
    type only known at deployment, stays a generic resource."""
    kind = res.prop("Type", "application")
    kinds = {"application": "aws.elb.application_load_balancer", "network": "aws.elb.network_load_balancer"}
    return kinds.get(kind) if isinstance(kind, str) else None


def _endpoint_kind(res: Resource) -> str | None:
    """Gateway or interface VPC endpoint by its `VpcEndpointType` (Gateway when unset); others stay generic."""
    kind = res.prop("VpcEndpointType", "Gateway")
    kinds = {"Gateway": "aws.vpc.gateway_endpoint", "Interface": "aws.vpc.interface_endpoint"}
    return kinds.get(kind) if isinstance(kind, str) else None


def _db_instance_kind(res: Resource) -> str | None:
    """RDS database, unless it names a `DBClusterIdentifier`: then it is kept inside its Aurora cluster."""
    return None if "DBClusterIdentifier" in res.properties else "aws.rds.instance"


def _db_cluster_kind(res: Resource) -> str | None:
    """Aurora cluster when its `Engine` is aurora-*; a Multi-AZ DB cluster of another engine stays generic."""
    engine = res.prop("Engine", "aurora-mysql")
    return "aws.rds.aurora_cluster" if isinstance(engine, str) and engine.startswith("aurora") else None


def _resolver_endpoint_kind(res: Resource) -> str | None:
    """Route 53 Resolver endpoint by its `Direction` (INBOUND, OUTBOUND or a parameter); an INBOUND_DELEGATION
    endpoint, a direction the catalog does not draw, stays generic."""
    direction = res.prop("Direction")
    if isinstance(direction, str) and direction.upper() not in ("INBOUND", "OUTBOUND"):
        return None
    return "aws.route53resolver.endpoint"


# Resource type -> the kind it becomes (a function of the resource where its properties decide).
PRIMARY: dict[str, str | Callable[[Resource], str | None]] = {
    "AWS::EC2::VPC": VPC,
    "AWS::EC2::Subnet": SUBNET,
    "AWS::EC2::InternetGateway": "aws.vpc.internet_gateway",
    "AWS::EC2::NatGateway": "aws.vpc.nat_gateway",
    "AWS::EC2::SecurityGroup": "aws.vpc.security_group",
    "AWS::EC2::NetworkAcl": "aws.vpc.network_acl",
    "AWS::EC2::VPCEndpoint": _endpoint_kind,
    "AWS::EC2::TransitGateway": "aws.ec2.transit_gateway",
    "AWS::EC2::VPNConnection": "aws.vpc.vpn_connection",
    "AWS::ElasticLoadBalancingV2::LoadBalancer": _elb_kind,
    "AWS::EC2::Instance": "aws.ec2.instance",
    "AWS::AutoScaling::AutoScalingGroup": "aws.autoscaling.group",
    "AWS::ECS::Cluster": "aws.ecs.cluster",
    "AWS::ECS::Service": "aws.ecs.service",
    "AWS::EKS::Cluster": "aws.eks.cluster",
    "AWS::Lambda::Function": "aws.lambda.function",
    "AWS::Serverless::Function": "aws.lambda.function",
    "AWS::EC2::Volume": "aws.ebs.volume",
    "AWS::S3::Bucket": "aws.s3.bucket",
    "AWS::EFS::FileSystem": "aws.efs.file_system",
    "AWS::RDS::DBInstance": _db_instance_kind,
    "AWS::RDS::DBCluster": _db_cluster_kind,
    "AWS::DynamoDB::Table": "aws.dynamodb.table",
    "AWS::Serverless::SimpleTable": "aws.dynamodb.table",
    "AWS::ElastiCache::ReplicationGroup": "aws.elasticache.cluster",
    "AWS::ElastiCache::CacheCluster": "aws.elasticache.cluster",
    "AWS::SQS::Queue": "aws.sqs.queue",
    "AWS::SNS::Topic": "aws.sns.topic",
    "AWS::Events::EventBus": "aws.eventbridge.event_bus",
    "AWS::Events::Rule": "aws.eventbridge.rule",
    "AWS::StepFunctions::StateMachine": "aws.stepfunctions.state_machine",
    "AWS::Serverless::StateMachine": "aws.stepfunctions.state_machine",
    "AWS::IAM::Role": "aws.iam.role",
    "AWS::KMS::Key": "aws.kms.key",
    "AWS::SecretsManager::Secret": "aws.secretsmanager.secret",
    "AWS::Logs::LogGroup": "aws.cloudwatch.log_group",
    "AWS::DMS::ReplicationInstance": "aws.dms.replication_instance",
    "AWS::Route53::HostedZone": "aws.route53.hosted_zone",
    "AWS::Route53Resolver::ResolverEndpoint": _resolver_endpoint_kind,
    "AWS::CloudFront::Distribution": "aws.cloudfront.distribution",
    "AWS::ApiGateway::RestApi": "aws.apigateway.api",
    "AWS::ApiGatewayV2::Api": "aws.apigateway.api",
    "AWS::Serverless::Api": "aws.apigateway.api",
    "AWS::Serverless::HttpApi": "aws.apigateway.api",
}

# Kinds of resources that are nodes only when they serve several others (or none): a security group, role or
# log group used by one thing belongs to it. Value: the referencing types that do not count as users.
SHARED: dict[str, tuple[str, ...]] = {
    "AWS::EC2::SecurityGroup": (
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::SecurityGroupEgress",
    ),
    "AWS::IAM::Role": ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"),
    "AWS::Logs::LogGroup": ("AWS::Logs::MetricFilter", "AWS::Logs::SubscriptionFilter", "AWS::Logs::LogStream"),
}


@dataclass(frozen=True)
class Owner:
    """Where a supporting resource belongs: the resource named by the first of `props` that names one, else the
    one resource of `by` types (any type when `by` is empty and `any_referrer`) that names it."""

    props: tuple[str, ...] = ()
    by: tuple[str, ...] = ()
    any_referrer: bool = False
    then: tuple[str, ...] = ()  # props naming the owner when the referrers do not settle it


def _p(*props: str) -> Owner:
    return Owner(props=props)


def _by(*types: str, any_referrer: bool = False) -> Owner:
    return Owner(by=types, any_referrer=any_referrer)


OWNERS: dict[str, Owner] = {
    "AWS::EC2::Route": _p("RouteTableId"),
    "AWS::EC2::SubnetRouteTableAssociation": _p("SubnetId"),
    "AWS::EC2::RouteTable": Owner(by=("AWS::EC2::SubnetRouteTableAssociation",), then=("VpcId",)),
    "AWS::EC2::VPCGatewayAttachment": _p("InternetGatewayId", "VpnGatewayId"),
    "AWS::EC2::EIP": Owner(props=("InstanceId",), by=("AWS::EC2::NatGateway",)),
    "AWS::EC2::EIPAssociation": _p("InstanceId", "AllocationId"),
    "AWS::EC2::SecurityGroupIngress": _p("GroupId"),
    "AWS::EC2::SecurityGroupEgress": _p("GroupId"),
    "AWS::EC2::NetworkAclEntry": _p("NetworkAclId"),
    "AWS::EC2::SubnetNetworkAclAssociation": _p("NetworkAclId"),
    "AWS::EC2::LaunchTemplate": _by("AWS::AutoScaling::AutoScalingGroup", "AWS::EC2::Instance", "AWS::EKS::Nodegroup"),
    "AWS::AutoScaling::LaunchConfiguration": _by("AWS::AutoScaling::AutoScalingGroup"),
    "AWS::AutoScaling::ScalingPolicy": _p("AutoScalingGroupName"),
    "AWS::AutoScaling::ScheduledAction": _p("AutoScalingGroupName"),
    "AWS::AutoScaling::LifecycleHook": _p("AutoScalingGroupName"),
    "AWS::AutoScaling::WarmPool": _p("AutoScalingGroupName"),
    "AWS::CloudWatch::Alarm": _p("Dimensions", "AlarmActions"),
    "AWS::IAM::InstanceProfile": _by(
        "AWS::EC2::LaunchTemplate", "AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration"
    ),
    "AWS::IAM::Policy": _p("Roles"),
    "AWS::IAM::ManagedPolicy": Owner(props=("Roles",), by=("AWS::IAM::Role",)),
    "AWS::IAM::RolePolicy": _p("RoleName"),
    "AWS::ElasticLoadBalancingV2::Listener": _p("LoadBalancerArn"),
    "AWS::ElasticLoadBalancingV2::ListenerRule": _p("ListenerArn"),
    "AWS::ElasticLoadBalancingV2::ListenerCertificate": _p("ListenerArn"),
    "AWS::ElasticLoadBalancingV2::TargetGroup": _by(
        "AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule", any_referrer=True
    ),
    "AWS::ECS::TaskDefinition": _by("AWS::ECS::Service"),
    "AWS::ECS::ClusterCapacityProviderAssociations": _p("Cluster"),
    "AWS::ApplicationAutoScaling::ScalableTarget": _p("ResourceId"),
    "AWS::ApplicationAutoScaling::ScalingPolicy": _p("ScalingTargetId"),
    "AWS::EKS::Nodegroup": _p("ClusterName"),
    "AWS::EKS::FargateProfile": _p("ClusterName"),
    "AWS::EKS::Addon": _p("ClusterName"),
    "AWS::EKS::AccessEntry": _p("ClusterName"),
    "AWS::Lambda::Permission": _p("FunctionName"),
    "AWS::Lambda::EventSourceMapping": _p("FunctionName"),
    "AWS::Lambda::Version": _p("FunctionName"),
    "AWS::Lambda::Alias": _p("FunctionName"),
    "AWS::Lambda::EventInvokeConfig": _p("FunctionName"),
    "AWS::Lambda::Url": _p("TargetFunctionArn"),
    "AWS::S3::BucketPolicy": _p("Bucket"),
    "AWS::SQS::QueuePolicy": _p("Queues"),
    "AWS::SNS::TopicPolicy": _p("Topics"),
    "AWS::SNS::Subscription": _p("TopicArn"),
    "AWS::KMS::Alias": _p("TargetKeyId"),
    "AWS::SecretsManager::SecretTargetAttachment": _p("SecretId"),
    "AWS::SecretsManager::RotationSchedule": _p("SecretId"),
    "AWS::SecretsManager::ResourcePolicy": _p("SecretId"),
    "AWS::RDS::DBSubnetGroup": _by("AWS::RDS::DBInstance", "AWS::RDS::DBCluster"),
    "AWS::RDS::DBParameterGroup": _by("AWS::RDS::DBInstance"),
    "AWS::RDS::DBClusterParameterGroup": _by("AWS::RDS::DBCluster"),
    "AWS::RDS::OptionGroup": _by("AWS::RDS::DBInstance"),
    "AWS::RDS::DBInstance": _p("DBClusterIdentifier"),  # an Aurora cluster's instance (others are nodes)
    "AWS::ElastiCache::SubnetGroup": _by("AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster"),
    "AWS::ElastiCache::ParameterGroup": _by("AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster"),
    "AWS::EFS::MountTarget": _p("FileSystemId"),
    "AWS::EFS::AccessPoint": _p("FileSystemId"),
    "AWS::Route53::RecordSet": _p("HostedZoneId"),
    "AWS::Route53::RecordSetGroup": _p("HostedZoneId"),
    "AWS::CloudFront::OriginAccessControl": _by("AWS::CloudFront::Distribution"),
    "AWS::CloudFront::CloudFrontOriginAccessIdentity": _by("AWS::CloudFront::Distribution", "AWS::S3::BucketPolicy"),
    "AWS::CloudFront::CachePolicy": _by("AWS::CloudFront::Distribution"),
    "AWS::CloudFront::OriginRequestPolicy": _by("AWS::CloudFront::Distribution"),
    "AWS::CloudFront::ResponseHeadersPolicy": _by("AWS::CloudFront::Distribution"),
    "AWS::CloudFront::Function": _by("AWS::CloudFront::Distribution"),
    "AWS::ApiGatewayV2::Integration": _p("ApiId"),
    "AWS::ApiGatewayV2::Route": _p("ApiId"),
    "AWS::ApiGatewayV2::Stage": _p("ApiId"),
    "AWS::ApiGatewayV2::Deployment": _p("ApiId"),
    "AWS::ApiGatewayV2::Authorizer": _p("ApiId"),
    "AWS::ApiGatewayV2::VpcLink": _by("AWS::ApiGatewayV2::Integration"),
    "AWS::DMS::ReplicationSubnetGroup": _by("AWS::DMS::ReplicationInstance"),
    "AWS::DMS::ReplicationTask": _p("ReplicationInstanceArn"),
    "AWS::DMS::Endpoint": _by("AWS::DMS::ReplicationTask"),
    "AWS::EC2::VolumeAttachment": _p("VolumeId"),
    "AWS::EC2::VPNGateway": _by("AWS::EC2::VPNConnection"),
    "AWS::EC2::CustomerGateway": _by("AWS::EC2::VPNConnection"),
    "AWS::EC2::VPNConnectionRoute": _p("VpnConnectionId"),
    "AWS::EC2::VPNGatewayRoutePropagation": _p("VpnGatewayId"),
    "AWS::EC2::TransitGatewayVpcAttachment": _p("TransitGatewayId"),
    "AWS::EC2::TransitGatewayRouteTable": _p("TransitGatewayId"),
    "AWS::EC2::TransitGatewayRoute": _p("TransitGatewayRouteTableId"),
    "AWS::EC2::FlowLog": _p("ResourceId"),
    "AWS::EC2::NetworkInterface": _by("AWS::EC2::Instance"),
    "AWS::Events::EventBusPolicy": _p("EventBusName"),
}
for _type in (
    "Resource",
    "Method",
    "Deployment",
    "Stage",
    "Authorizer",
    "Model",
    "RequestValidator",
    "GatewayResponse",
):
    OWNERS[f"AWS::ApiGateway::{_type}"] = _p("RestApiId")


# The property that names a resource of each type, for templates that name rather than reference it.
NAME_PROPERTIES = {
    "AWS::S3::Bucket": "BucketName",
    "AWS::SQS::Queue": "QueueName",
    "AWS::SNS::Topic": "TopicName",
    "AWS::Lambda::Function": "FunctionName",
    "AWS::DynamoDB::Table": "TableName",
    "AWS::ECS::Cluster": "ClusterName",
    "AWS::EKS::Cluster": "Name",
    "AWS::IAM::Role": "RoleName",
    "AWS::AutoScaling::AutoScalingGroup": "AutoScalingGroupName",
    "AWS::Logs::LogGroup": "LogGroupName",
}


def _canonical(value: Json) -> str:
    return json.dumps(value, sort_keys=True)


# -- the template's resources ------------------------------------------------------------------------------


@dataclass
class Resource:
    logical_id: str
    type: str
    raw: dict[str, Json]
    properties: dict[str, Json]
    refs: list[str] = field(default_factory=list)  # resources its properties name, in order

    def prop(self, name: str, default: Json = None) -> Json:
        return self.properties.get(name, default)

    def refs_in(self, *names: str) -> list[str]:
        found: list[str] = []
        for name in names:
            if name in self.properties:
                found += [r for r in references(self.properties[name], self.all_ids) if r not in found]
        return found

    all_ids: frozenset[str] = frozenset()

    def as_cfn(self) -> dict[str, Json]:
        out: dict[str, Json] = {"logical_id": self.logical_id, "type": self.type}
        if "Properties" in self.raw:
            out["properties"] = self.raw["Properties"] if isinstance(self.raw["Properties"], dict) else {}
        attributes = {k: v for k, v in self.raw.items() if k in _ATTRIBUTES}  # in the template's order
        if attributes:
            out["attributes"] = attributes
        return out


_TYPE = re.compile(CFN_TYPE_PATTERN)


def _check_resource(logical_id: str, body: Json) -> None:
    """What CloudFormation itself requires of a resource entry; raises ImportFailed naming what is wrong."""
    if not re.fullmatch(r"[A-Za-z0-9]{1,255}", logical_id):
        raise ImportFailed(f"Resources.{logical_id}: a logical ID must be 1-255 letters and digits")
    if not isinstance(body, dict) or not isinstance(body.get("Type"), str):
        raise ImportFailed(f"Resources.{logical_id}: a resource must be a mapping with a Type")
    type_ = body["Type"]
    if not _TYPE.fullmatch(type_) or len(type_) > 200:
        raise ImportFailed(f"Resources.{logical_id}.Type: {type_!r} is not a resource type")
    if body.get("Properties") is not None and not isinstance(body["Properties"], dict):
        raise ImportFailed(f"Resources.{logical_id}.Properties: must be a mapping")
    for key, (wanted, what) in _ATTRIBUTE_SHAPES.items():
        if key in body and not wanted(body[key]):
            raise ImportFailed(f"Resources.{logical_id}.{key}: must be {what}")
    _check_functions(body, f"Resources.{logical_id}")


def _text(value: Json) -> bool:
    return isinstance(value, str)


def _names(value: Json) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _mapping(value: Json) -> bool:
    return isinstance(value, dict)


# What CloudFormation accepts for each resource attribute (the export reads them, so they are checked here).
_ATTRIBUTE_SHAPES: dict[str, tuple[Callable[[Json], bool], str]] = {
    "DependsOn": (_names, "a logical ID or a list of them"),
    "Condition": (_text, "the name of a condition"),
    "DeletionPolicy": (_text, "a policy name"),
    "UpdateReplacePolicy": (_text, "a policy name"),
    "Metadata": (_mapping, "a mapping"),
    "CreationPolicy": (_mapping, "a mapping"),
    "UpdatePolicy": (_mapping, "a mapping"),
}


# The sections a design keeps that CloudFormation reads as mappings (the export merges its own into them).
_MAPPING_SECTIONS = ("Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Outputs")


def _check_sections(template: dict[str, Json]) -> None:
    for section in _MAPPING_SECTIONS:
        if template.get(section) is not None and not isinstance(template[section], dict):
            raise ImportFailed(f"{section}: must be a mapping")


def _check_functions(value: Json, path: str) -> None:
    """Ref names something and Fn::GetAtt a resource and an attribute (CloudFormation refuses anything else, and
    reading references relies on it)."""
    stack: list[tuple[Json, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            if len(item) == 1 and "Ref" in item and not isinstance(item["Ref"], str):
                raise ImportFailed(f"{where}: Ref must name a resource or a parameter")
            if len(item) == 1 and "Fn::GetAtt" in item and not _attribute(item["Fn::GetAtt"]):
                raise ImportFailed(f"{where}: Fn::GetAtt must name a resource and one of its attributes")
            stack += [(v, f"{where}.{k}") for k, v in item.items()]
        elif isinstance(item, list):
            stack += [(v, f"{where}.{i}") for i, v in enumerate(item)]


def _attribute(arg: Json) -> bool:
    if isinstance(arg, str):
        return "." in arg
    return isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str) and isinstance(arg[1], (str, dict))


def _other_tags(value: Json, path: str = "") -> dict[str, tuple[str, int]]:
    """The YAML tags of other tools kept as data ({"!Rain::Embed": ...}): tag -> (where first, how many)."""
    found: dict[str, tuple[str, int]] = {}
    stack: list[tuple[Json, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        children = item.items() if isinstance(item, dict) else enumerate(item) if isinstance(item, list) else ()
        for key, child in children:
            if isinstance(key, str) and key.startswith("!"):
                first, count = found.get(key, (where, 0))
                found[key] = (min(first, where), count + 1)
            stack.append((child, f"{where}.{key}" if where else str(key)))
    return dict(sorted(found.items()))


# -- the result --------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    resources: int = 0
    nodes: int = 0
    edges: int = 0
    kept_inside: int = 0
    generic: list[str] = field(default_factory=list)
    not_understood: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        if line not in self.not_understood:
            self.not_understood.append(line)

    def as_dict(self) -> dict[str, Json]:
        return {
            "resources": self.resources,
            "nodes": self.nodes,
            "edges": self.edges,
            "kept_inside_nodes": self.kept_inside,
            "generic_nodes": self.generic,
            "not_understood": self.not_understood,
        }


@dataclass
class ImportResult:
    document: dict[str, Json]
    report: ImportReport


class ImportFailed(ValueError):
    """A template that cannot be imported; the message names what is wrong."""


# -- building the design ------------------------------------------------------------------------------------


@dataclass(eq=False)
class Draft:
    """A node being built: the resource it stands for, the resources kept inside it, where it sits."""

    id: str
    kind: str
    resource: Resource
    inside: list[Resource] = field(default_factory=list)
    parent: str | None = None
    props: dict[str, Json] = field(default_factory=dict)
    mapped: dict[str, Json] = field(default_factory=dict)
    label: str = ""
    notes: dict[str, str] = field(default_factory=dict)  # property -> what the report says of it, if it stays a kind

    @property
    def resources(self) -> list[Resource]:
        return [self.resource, *self.inside]

    def refs(self) -> list[str]:
        return list(dict.fromkeys(r for res in self.resources for r in res.refs))


class Importer:
    def __init__(self, template: dict[str, Json], name: str | None, region: str | None) -> None:
        self.template = template
        self.report = ImportReport()
        _check_sections(template)
        raw = template["Resources"]
        if len(raw) > MAX_RESOURCES:
            raise ImportFailed(f"Resources: the template has {len(raw):,} resources; the limit is {MAX_RESOURCES}")
        ids = frozenset(raw)
        self.resources: dict[str, Resource] = {}
        for logical_id, body in raw.items():
            _check_resource(logical_id, body)
        loops = cycles(dependencies(raw))
        if loops:
            names = ", ".join(sorted(loops[0]))
            raise ImportFailed(f"Resources: {names} depend on each other in a cycle, which CloudFormation refuses")
        for logical_id, body in raw.items():
            properties: dict[str, Json] = body["Properties"] if isinstance(body.get("Properties"), dict) else {}
            res = Resource(logical_id, body["Type"], body, properties)
            res.all_ids = ids
            res.refs = [r for r in references(properties, ids) if r != logical_id]
            self.resources[logical_id] = res
        self.referrers: dict[str, list[str]] = {rid: [] for rid in self.resources}
        for res in self.resources.values():
            for target in res.refs:
                self.referrers[target].append(res.logical_id)
        self.region = region or self._region_of_template()
        self.evaluate = Evaluator(template, self.region)
        self.name = name or self._name_of_template()
        self._owner: dict[str, str] = {}
        self._by_name: dict[str, str] | None = None
        self._resolving: set[str] = set()
        self.drafts: dict[str, Draft] = {}  # by node id
        self.node_of: dict[str, str] = {}  # logical id -> node id
        self.edges: list[dict[str, Json]] = []
        self._report_what_is_not_kept()

    def _report_what_is_not_kept(self) -> None:
        for section in self.template:
            if section not in (*KEPT_SECTIONS, "Resources"):
                self.report.say(
                    f"{section}: the template's {section} section is left out (a design keeps "
                    f"{', '.join(KEPT_SECTIONS)}); exporting the design will not write it"
                )
        for logical_id, body in self.template["Resources"].items():
            for key in body:
                if key not in ("Type", "Properties", *_ATTRIBUTES):
                    self.report.say(
                        f"{logical_id}: its {key} is left out (a design keeps a resource's Properties and its "
                        "attributes: DependsOn, Condition, DeletionPolicy, Metadata...)"
                    )
        for tag, (path, count) in _other_tags(self.template).items():
            more = f" and {count - 1} more places" if count > 1 else ""
            self.report.say(
                f"{path}{more}: the tag {tag} is not CloudFormation's; it is kept as written, for the tool that "
                "defines it to process before deployment"
            )

    # -- naming --

    def _region_of_template(self) -> str:
        from ..catalog.fields import REGIONS

        text = repr(self.template.get("Resources"))
        for zone in re.findall(r"'([a-z]{2}(?:-[a-z]+)+-[0-9])[a-z]'", text):
            if zone in REGIONS:
                return str(zone)
        return "us-east-1"

    def _name_of_template(self) -> str:
        description = self.template.get("Description")
        if isinstance(description, str) and description.strip():
            first = description.strip().splitlines()[0]
            return first[:200]
        return "Imported template"

    # -- ownership --

    def primary_kind(self, res: Resource) -> str | None:
        rule = PRIMARY.get(res.type)
        return rule(res) if callable(rule) else rule

    def owner(self, logical_id: str) -> str:
        """The logical ID of the resource whose node holds this one (itself when it is a node)."""
        if logical_id in self._owner:
            return self._owner[logical_id]
        if logical_id in self._resolving:
            return logical_id
        if len(self._resolving) >= MAX_CHAIN:
            self._owner[logical_id] = logical_id
            return logical_id
        self._resolving.add(logical_id)
        res = self.resources[logical_id]
        found = self._owner_of(res)
        result = self.owner(found) if found and found != logical_id else logical_id
        self._resolving.discard(logical_id)
        self._owner[logical_id] = result
        return result

    def holder(self, logical_id: str) -> str:
        """The logical ID of the resource whose node holds this one: its owner, followed to a resource that owns
        itself (a loop of owners, which only a cut chain leaves, is broken where it is found)."""
        seen: set[str] = set()
        current = self.owner(logical_id)
        while self.owner(current) != current:
            if current in seen:
                self._owner[current] = current
                break
            seen.add(current)
            current = self.owner(current)
        return current

    def _owner_of(self, res: Resource) -> str | None:
        if res.type in SHARED:
            ignored = SHARED[res.type]
            users = {self.owner(r) for r in self.referrers[res.logical_id] if self.resources[r].type not in ignored}
            if res.type == "AWS::Logs::LogGroup":  # /aws/lambda/${Function} belongs to the function
                users |= {self.owner(r) for r in res.refs_in("LogGroupName")}
            users.discard(res.logical_id)
            return users.pop() if len(users) == 1 else None
        if self.primary_kind(res) is not None:
            return None
        rule = OWNERS.get(res.type)
        if rule is None:
            return None
        for prop in rule.props:
            named = res.refs_in(prop) or self._named_by_value(res.properties.get(prop))
            if named:
                return named[0]
        referrers = self.referrers[res.logical_id]
        for type_ in rule.by:
            holders = list(dict.fromkeys(self.owner(r) for r in referrers if self.resources[r].type == type_))
            if len(holders) == 1 and not rule.then:
                return holders[0]
            if len(holders) == 1:
                return holders[0]
            if holders:
                break  # shared by several
        else:
            if rule.any_referrer:
                holders = list(dict.fromkeys(self.owner(r) for r in referrers))
                if len(holders) == 1:
                    return holders[0]
        for prop in rule.then:
            named = res.refs_in(prop)
            if named:
                return named[0]
        return None

    def _named_by_value(self, value: Json) -> list[str]:
        """Resources named in a property by their name rather than a reference (Bucket: !Sub ${App}-logs)."""
        if value is None or not isinstance(value, (str, dict)):
            return []
        if self._by_name is None:
            self._by_name = {}
            for res in self.resources.values():
                prop = NAME_PROPERTIES.get(res.type)
                if prop and prop in res.properties:
                    self._by_name.setdefault(_canonical(res.properties[prop]), res.logical_id)
        found = self._by_name.get(_canonical(value))
        return [found] if found else []

    # -- nodes --

    def build(self) -> ImportResult:
        holders = {logical_id: self.holder(logical_id) for logical_id in self.resources}
        used_ids: set[str] = set()
        for logical_id, res in self.resources.items():
            if holders[logical_id] != logical_id:
                continue
            node_id = _node_id(logical_id, used_ids)
            kind = self.primary_kind(res) or GENERIC
            if kind == GENERIC and res.type in OWNERS:
                self.report.say(
                    f"{logical_id}: kept as a generic resource (the resource it belongs to is not in the template, "
                    "or several share it)"
                )
            self.drafts[node_id] = Draft(node_id, kind, res)
            self.node_of[logical_id] = node_id
        for logical_id, res in self.resources.items():
            holder = holders[logical_id]
            if holder != logical_id:
                draft = self.drafts[self.node_of[holder]]
                draft.inside.append(res)
                self.node_of[logical_id] = draft.id
                self.report.kept_inside += 1
        self.report.resources = len(self.resources)
        for draft in self.drafts.values():
            self._read_props(draft)
        _place(self)
        for draft in self.drafts.values():
            for note in draft.notes.values() if draft.kind != GENERIC else ():
                self.report.say(note)
        recover.recover(self)
        document = self._document()
        self._fit(document)
        document = self._settle(document)
        layout(document)
        self.report.nodes = len(document["nodes"])
        self.report.edges = len(document["edges"])
        self.report.generic = [n["cfn"]["logical_id"] for n in document["nodes"] if n["kind"] == GENERIC]
        return ImportResult(document, self.report)

    def spec(self, draft: Draft) -> Kind:
        kind = CATALOG.get(draft.kind)
        assert kind is not None
        return kind

    def _read_props(self, draft: Draft) -> None:
        res = draft.resource
        if draft.kind == GENERIC:
            draft.props = {"type": res.type}
            return
        spec = self.spec(draft)

        def evaluate(value: Json) -> Json:
            try:
                return self.evaluate(value)
            except Unknown as exc:
                raise ValueError(str(exc)) from None

        values = read_mapped(draft.kind, res.type, res.properties, evaluate)
        refused = []
        for prop, value in list(values.items()):
            field_ = spec.field(prop)
            if field_ is None or not _valid(draft.kind, prop, value):
                refused.append(prop)
                del values[prop]
                if field_ is not None:
                    shown = value if isinstance(value, (str, int, float, bool)) else "its value"
                    draft.notes[prop] = (
                        f"{res.logical_id}: {shown!r} is not a {field_.label.lower()} the designer accepts; the "
                        f"design shows {field_.default!r}"
                    )
        for path in unread(draft.kind, res.type, res.properties, {**values, **dict.fromkeys(refused)}):
            draft.notes[path] = f"{res.logical_id}: {path} is only known at deployment; the design shows the default"
        draft.props.update(values)
        draft.mapped.update(values)
        fixed = _fixed_props(self, draft)
        draft.props.update(fixed)

    # -- the document --

    def _document(self) -> dict[str, Json]:
        nodes: list[dict[str, Json]] = []
        for draft in self.drafts.values():
            cfn = draft.resource.as_cfn()
            if draft.mapped:
                cfn["mapped"] = draft.mapped
            if draft.inside:
                cfn["resources"] = [r.as_cfn() for r in draft.inside]
            node: dict[str, Json] = {
                "id": draft.id,
                "kind": draft.kind,
                "label": _label(draft),
                "parent": draft.parent,
                "props": draft.props,
                "usage": {},
            }
            if draft.kind not in (AZ,):
                node["cfn"] = cfn
            nodes.append(node)
        kept = {k: self.template[k] for k in KEPT_SECTIONS if k in self.template}
        description = self.template.get("Description") if isinstance(self.template.get("Description"), str) else ""
        document: dict[str, Json] = {
            "type": DOCUMENT_TYPE,
            "version": 1,
            "name": self.name,
            "description": (description or "")[:5000],
            "region": self.region,
            "settings": {},
            "nodes": _ordered(nodes),
            "edges": self.edges,
        }
        if kept:
            document["cloudformation"] = kept
        return document

    def _fit(self, document: dict[str, Json]) -> None:
        """Leave out recovered connections, the last first, while the design is over the size a design may be
        (the template's resources keep that wiring, so the export loses nothing); a design too large without
        any is refused."""
        limit = Limits().max_bytes
        edges: list[dict[str, Json]] = document["edges"]
        budget = limit - _size({**document, "edges": []}) - LAYOUT_BYTES * len(document["nodes"])
        if budget < 0:
            raise ImportFailed(f"the design would be {limit - budget:,} bytes; a design may be at most {limit:,}")
        kept: list[dict[str, Json]] = []
        for edge in edges:
            budget -= _size(edge) + 1
            if budget < 0:
                break
            kept.append(edge)
        if len(kept) < len(edges):
            self.report.say(
                f"{len(edges) - len(kept):,} of the {len(edges):,} connections read from the template are left out: "
                f"with them the design would be over {limit:,} bytes; the template's resources keep them"
            )
            document["edges"] = kept

    def _settle(self, document: dict[str, Json]) -> dict[str, Json]:
        """Check the design with the document gate; a node it refuses becomes a generic node in a place it may
        sit, an edge it refuses is left out (the template's resources still hold that wiring)."""
        for _ in range(8):
            result = load(document)
            errors = [p for p in result.problems if p.severity == "error"]
            if not errors:
                return document
            by_id = {n["id"]: n for n in document["nodes"]}
            bad_nodes = {p.node for p in errors if p.node}
            bad_edges = {p.edge for p in errors if p.edge and not p.node}
            for node_id in bad_nodes:
                node = by_id.get(node_id)
                if node is None:
                    continue
                message = next(p.message for p in errors if p.node == node_id)
                if node["kind"] == AZ or "cfn" not in node:
                    raise ImportFailed(f"the design could not be built: {message}")
                self.report.say(f"{node['cfn']['logical_id']}: kept as a generic resource ({message})")
                _demote(document, node)
            if bad_edges:
                kept_edges = []
                for edge in document["edges"]:
                    if edge["id"] in bad_edges:
                        message = next(p.message for p in errors if p.edge == edge["id"])
                        self.report.say(f"connection {edge['source']} -> {edge['target']} left out: {message}")
                    else:
                        kept_edges.append(edge)
                document["edges"] = kept_edges
        problems = "; ".join(p.line() for p in load(document).problems if p.severity == "error")
        raise ImportFailed(f"the design could not be built: {problems}")


_VALIDATORS: dict[tuple[str, str], Any] = {}


def _valid(kind: str, prop: str, value: Json) -> bool:
    key = (kind, prop)
    if key not in _VALIDATORS:
        spec = CATALOG.get(kind)
        field_ = spec.field(prop) if spec else None
        _VALIDATORS[key] = validator(field_.json_schema()) if field_ else None
    check = _VALIDATORS[key]
    return check is not None and bool(check.is_valid(value))


def _size(value: Json) -> int:
    """Bytes `value` takes in a design, counted as the document gate counts them."""
    return len(json.dumps(value, separators=(",", ":"), default=str, allow_nan=False).encode())


def _node_id(logical_id: str, used: set[str]) -> str:
    base = logical_id[:60]
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate, n = f"{base[:56]}-{n}", n + 1
    used.add(candidate.lower())
    return candidate


def _label(draft: Draft) -> str:
    return (draft.label or draft.resource.logical_id)[:200]


def _ordered(nodes: list[dict[str, Json]]) -> list[dict[str, Json]]:
    """Parents before children (the document does not require it, but it reads better)."""
    by_id = {n["id"]: n for n in nodes}
    out: list[dict[str, Json]] = []
    seen: set[str] = set()

    def visit(node: dict[str, Json]) -> None:
        if node["id"] in seen:
            return
        parent = by_id.get(node.get("parent") or "")
        if parent is not None and parent["id"] not in seen:
            visit(parent)
        seen.add(node["id"])
        out.append(node)

    for node in nodes:
        visit(node)
    return out


def _demote(document: dict[str, Json], node: dict[str, Json]) -> None:
    """A node the gate refused becomes a generic node, in the nearest container a generic node may sit in; its
    children move to that container too."""
    by_id = {n["id"]: n for n in document["nodes"]}
    generic = CATALOG.get(GENERIC)
    assert generic is not None
    parent = node.get("parent")
    while parent is not None and by_id[parent]["kind"] not in generic.parents:
        parent = by_id[parent].get("parent")
    node.update(kind=GENERIC, props={"type": node["cfn"]["type"]}, parent=parent)
    node["cfn"].pop("mapped", None)
    node.pop("size", None)
    for child in document["nodes"]:
        if child.get("parent") == node["id"]:
            child["parent"] = parent


def _fixed_props(importer: Importer, draft: Draft) -> dict[str, Json]:
    """Properties the resource type or the template's shape decides, shown in the design (pricing uses them)
    but not written back: an API's type, an Aurora cluster's instance count."""
    res = draft.resource
    out: dict[str, Json] = {}
    if draft.kind == "aws.apigateway.api":
        out["api_type"] = "REST" if res.type in ("AWS::ApiGateway::RestApi", "AWS::Serverless::Api") else "HTTP"
    elif draft.kind == "aws.rds.aurora_cluster":
        members = [r for r in draft.inside if r.type == "AWS::RDS::DBInstance"]
        if members:
            out["instances"] = min(len(members), 15)
            try:
                instance_class = importer.evaluate(members[0].prop("DBInstanceClass"))
            except Unknown:
                instance_class = None
            if instance_class is not None and _valid(draft.kind, "instance_class", instance_class):
                out["instance_class"] = instance_class
    elif draft.kind == "aws.sqs.queue" and "RedrivePolicy" in res.properties:
        try:
            policy = importer.evaluate.branch(res.properties["RedrivePolicy"])
            count = importer.evaluate(policy.get("maxReceiveCount"))
            if isinstance(count, int) and _valid(draft.kind, "max_receive_count", count):
                out["max_receive_count"] = count
        except (Unknown, AttributeError):
            pass
    return out


# -- containment ------------------------------------------------------------------------------------------


def _place(im: Importer) -> None:
    """Parents from VpcId and subnet references; zones as AZ boxes inside each VPC."""
    drafts = im.drafts
    vpcs = {d.resource.logical_id: d for d in drafts.values() if d.kind == VPC}
    subnet_drafts = {d.resource.logical_id: d for d in drafts.values() if d.kind == SUBNET}

    def node_kind_of(logical_id: str) -> str | None:
        node_id = im.node_of.get(logical_id)
        return drafts[node_id].kind if node_id else None

    def vpc_named(draft: Draft) -> Draft | None:
        for res in draft.resources:
            for name in res.refs_in("VpcId"):
                if name in vpcs:
                    return vpcs[name]
        return None

    # Subnets sit in AZ boxes of their VPC; a subnet outside any VPC of the template is generic.
    zones: dict[tuple[str, str], Draft] = {}
    for subnet in list(subnet_drafts.values()):
        vpc = vpc_named(subnet)
        if vpc is None:
            _to_generic(subnet, im, _outside(im, subnet, "its VPC", VPC_PROPS))
            del subnet_drafts[subnet.resource.logical_id]
            continue
        key, name, index = _zone_of(im, subnet.resource)
        box = zones.get((vpc.id, key))
        if box is None:
            box_id = _node_id(f"{vpc.id}-az{sum(1 for (v, _) in zones if v == vpc.id) + 1}", _used(im))
            box = Draft(box_id, AZ, subnet.resource, parent=vpc.id, props={"name": name}, label=name or "")
            box.mapped = {"_index": index}
            zones[(vpc.id, key)] = box
        subnet.parent = box.id
    for box in sorted(zones.values(), key=lambda b: (b.parent or "", b.mapped.get("_index", 99), b.id)):
        box.mapped = {}
        if not box.label:
            box.label = f"Zone {len([d for d in drafts.values() if d.kind == AZ and d.parent == box.parent]) + 1}"
        drafts[box.id] = box
    _subnet_cidrs(im, vpcs, subnet_drafts)
    _subnet_tiers(im, subnet_drafts)

    def subnets_named(draft: Draft) -> list[Draft]:
        found = []
        for res in draft.resources:
            for name in res.refs:
                if name in subnet_drafts and subnet_drafts[name] not in found:
                    found.append(subnet_drafts[name])
        return found

    # Everything else, containers first (an ECS service sits in its cluster, which sits where its services are).
    order = sorted(drafts.values(), key=lambda d: d.kind == "aws.ecs.cluster")
    for draft in order:
        if draft.kind in (VPC, SUBNET, AZ):
            continue
        spec = im.spec(draft)
        subnets = subnets_named(draft)
        vpc = vpc_named(draft)
        if subnets:
            vpc = next((vpcs[v] for v in vpcs if vpcs[v].id == _vpc_of_subnet(drafts, subnets[0])), vpc)
        in_one_vpc = len({_vpc_of_subnet(drafts, s) for s in subnets}) <= 1
        if draft.kind == "aws.ecs.service":
            clusters = [n for n in draft.resource.refs_in("Cluster") if node_kind_of(n) == "aws.ecs.cluster"]
            if not clusters:
                _to_generic(draft, im, _outside(im, draft, "its cluster", ("Cluster",)))
            elif not subnets or not in_one_vpc:
                _to_generic(draft, im, _outside(im, draft, "its subnets", SUBNET_PROPS))
            else:
                draft.parent = im.node_of[clusters[0]]
                draft.props["subnets"] = [s.id for s in subnets]
            continue
        if draft.kind == "aws.ecs.cluster":
            services = [d for d in drafts.values() if d.parent == draft.id]
            homes = {_vpc_of_subnet(drafts, drafts[s]) for d in services for s in d.props.get("subnets", [])}
            draft.parent = homes.pop() if len(homes) == 1 else None
            continue
        if draft.kind == "aws.ebs.volume":
            attached = [
                n for r in draft.inside for n in r.refs_in("InstanceId") if node_kind_of(n) == "aws.ec2.instance"
            ]
            host = drafts[im.node_of[attached[0]]] if attached else None
            if host is not None and host.kind == "aws.ec2.instance":
                draft.parent = host.id  # resolved to the host's subnet after instances are placed
                draft.props["_follow"] = True
            else:
                _to_generic(draft, im, "it is not attached to an instance of the template")
            continue
        if spec.placement == "subnets":
            if subnets and in_one_vpc:
                if len(subnets) == 1 and SUBNET in spec.parents:
                    draft.parent = subnets[0].id
                else:
                    draft.parent = _vpc_of_subnet(drafts, subnets[0])
                    draft.props["subnets"] = [s.id for s in subnets]
            elif not subnets and (spec.at_root or "aws.region" in spec.parents):
                draft.parent = None
                if _network_values(draft, SUBNET_PROPS):
                    why = _outside(im, draft, "its subnets", SUBNET_PROPS)
                    im.report.say(f"{draft.resource.logical_id}: shown outside any VPC ({why})")
            else:
                _to_generic(draft, im, _outside(im, draft, "its subnets", SUBNET_PROPS))
            continue
        if draft.kind == "aws.ec2.instance":
            if subnets:
                draft.parent = subnets[0].id
            else:
                _to_generic(draft, im, _outside(im, draft, "its subnet", SUBNET_PROPS))
            continue
        if draft.kind == "aws.vpc.nat_gateway":
            if subnets:
                draft.parent = subnets[0].id
            else:
                _to_generic(draft, im, _outside(im, draft, "its subnet", SUBNET_PROPS))
            continue
        if VPC in spec.parents and not spec.at_root:
            if vpc is not None:
                draft.parent = vpc.id
            else:
                _to_generic(draft, im, _outside(im, draft, "its VPC", VPC_PROPS))
            continue
        if draft.kind == GENERIC:
            if len(subnets) == 1:
                draft.parent = subnets[0].id
            elif subnets and in_one_vpc:
                draft.parent = _vpc_of_subnet(drafts, subnets[0])
            elif vpc is not None:
                draft.parent = vpc.id
            continue
        draft.parent = None
    for draft in drafts.values():
        if draft.props.pop("_follow", False):
            host = drafts[draft.parent or ""]
            if host.kind == "aws.ec2.instance" and host.parent:
                draft.parent = host.parent
            else:
                _to_generic(draft, im, "its instance is not in a subnet of the template")
    for draft in drafts.values():
        if draft.kind == "aws.vpc.network_acl":
            draft.props["subnets"] = [
                im.node_of[n]
                for r in draft.inside
                if r.type == "AWS::EC2::SubnetNetworkAclAssociation"
                for n in r.refs_in("SubnetId")
                if node_kind_of(n) == SUBNET
            ]


# Properties that name a resource's VPC or subnets (at any depth: VpcConfig.SubnetIds, AwsvpcConfiguration.Subnets).
VPC_PROPS = ("VpcId",)
SUBNET_PROPS = ("SubnetId", "SubnetIds", "Subnets", "VPCZoneIdentifier")


def _network_values(draft: Draft, names: tuple[str, ...]) -> list[Json]:
    """The values of the properties called `names` anywhere in the draft's resources."""
    found: list[Json] = []
    stack: list[Json] = [res.properties for res in draft.resources]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            found += [item[name] for name in names if name in item]
            stack += [v for k, v in item.items() if k not in names]
        elif isinstance(item, list):
            stack += item
    return found


def _outside(im: Importer, draft: Draft, what: str, names: tuple[str, ...]) -> str:
    """Why `what` (its VPC, its subnets) is not in the template, for the report: the parameter, the other stack
    or the existing resources that give it, or nothing at all (the default VPC)."""
    plural = what.endswith("s")
    values = _network_values(draft, names)
    parameters: dict[str, Json] = im.evaluate.parameters
    stack: list[Json] = list(values)
    while stack:
        value = stack.pop(0)
        if isinstance(value, dict) and isinstance(value.get("Ref"), str) and value["Ref"] in parameters:
            return f"{what} {'come' if plural else 'comes'} from the parameter {value['Ref']}, not from the template"
        if isinstance(value, dict) and "Fn::ImportValue" in value:
            return f"{what} {'are' if plural else 'is'} imported from another stack (Fn::ImportValue)"
        if isinstance(value, str) and re.fullmatch(r"(subnet|vpc)-[0-9a-f]+", value):
            return f"{what} {'are existing ones' if plural else 'is an existing one'} ({value}), not in the template"
        if isinstance(value, dict):
            stack += list(value.values())
        elif isinstance(value, list):
            stack += value
    if not values and what != "its cluster":
        return f"it names no {what.removeprefix('its ').rstrip('s')}, so it is in the default VPC"
    return f"{what} {'are' if plural else 'is'} not in the template"


def _used(im: Importer) -> set[str]:
    return {d.lower() for d in im.drafts} | {d.lower() for d in im.node_of.values()}


def _to_generic(draft: Draft, im: Importer | None = None, why: str = "") -> None:
    if im is not None and why:
        im.report.say(f"{draft.resource.logical_id}: kept as a generic resource ({why})")
    draft.kind = GENERIC
    draft.props = {"type": draft.resource.type}
    draft.mapped = {}
    draft.parent = None


def _vpc_of_subnet(drafts: dict[str, Draft], subnet: Draft) -> str | None:
    zone = drafts.get(subnet.parent or "")
    return zone.parent if zone is not None else None


def _zone_of(im: Importer, subnet: Resource) -> tuple[str, str, int]:
    """A key grouping subnets by zone, the AZ box's name (empty: the Nth zone of the region) and its order."""
    value = subnet.prop("AvailabilityZone")
    if value is None and subnet.prop("AvailabilityZoneId") is not None:
        try:
            zone_id = str(im.evaluate(subnet.prop("AvailabilityZoneId")))  # use1-az4: no name, but one zone
        except Unknown:
            return repr(subnet.prop("AvailabilityZoneId")), "", 50
        digits = re.sub(r"\D", "", zone_id.rsplit("-", 1)[-1])
        return f"id:{zone_id}", "", int(digits[:2] or 50)
    if value is None:
        return "(any)", "", 0
    if isinstance(value, dict) and "Fn::Select" in value:
        arg = value["Fn::Select"]
        if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], dict) and "Fn::GetAZs" in arg[1]:
            try:
                index = int(im.evaluate(arg[0]))
                return f"#{index}", "", index
            except (Unknown, ValueError, TypeError):
                pass
    try:
        name = im.evaluate(value)
    except Unknown:
        return repr(value), "", 50
    if isinstance(name, str) and re.fullmatch(r"[a-z]{2}(-[a-z]+)+-[0-9][a-z]", name):
        return name, name, ord(name[-1]) - ord("a")
    return repr(value), "", 50


def _subnet_cidrs(im: Importer, vpcs: dict[str, Draft], subnets: dict[str, Draft]) -> None:
    """VPC and subnet CIDRs as the template gives them; where it cannot be known before deployment, a free block
    is shown instead (and recorded as read, so the template's own expression is what exports)."""
    for vpc in vpcs.values():
        network = _network(vpc.props.get("cidr"), 16, 28)
        if network is None:
            network = ipaddress.IPv4Network("10.0.0.0/16")
            _shown_instead(vpc, network)
        mine = [s for s in subnets.values() if im.drafts[s.parent or ""].parent == vpc.id]
        taken: list[ipaddress.IPv4Network] = []
        unknown: list[Draft] = []
        for subnet in mine:
            block = _network(subnet.props.get("cidr"), 16, 28)
            if block is None or not block.subnet_of(network) or any(block.overlaps(t) for t in taken):
                unknown.append(subnet)
            else:
                taken.append(block)
        for subnet in unknown:
            size = 24 if network.prefixlen <= 22 else min(28, network.prefixlen + 2)
            free = next((b for b in network.subnets(new_prefix=size) if not any(b.overlaps(t) for t in taken)), None)
            if free is None:
                _to_generic(subnet, im, "no room for it in its VPC's CIDR")
                continue
            taken.append(free)
            _shown_instead(subnet, free)


def _shown_instead(draft: Draft, block: ipaddress.IPv4Network) -> None:
    """Show `block` for a CIDR the design cannot hold as the template gives it; what the report says of that
    CIDR is this, rather than what reading it found."""
    read = draft.props.get("cidr")
    refused = draft.notes.pop("cidr", None) is not None
    draft.props["cidr"] = draft.mapped["cidr"] = str(block)
    if "CidrBlock" in draft.resource.properties:
        if read is not None or refused:
            why = f"({read}) does not fit the design" if read is not None else "does not fit the design"
        else:
            why = "is only known at deployment"
        draft.notes["CidrBlock"] = f"{draft.resource.logical_id}: its CIDR {why}; shown as {block}"


def _network(value: Json, widest: int, narrowest: int) -> ipaddress.IPv4Network | None:
    try:
        network = ipaddress.IPv4Network(str(value), strict=True)
    except ValueError:
        return None
    return network if widest <= network.prefixlen <= narrowest else None


def _subnet_tiers(im: Importer, subnets: dict[str, Draft]) -> None:
    """public: its route table sends traffic to an internet gateway; private: to a NAT gateway, instance or
    Transit Gateway; isolated: neither."""
    tables: dict[str, list[str]] = {}  # subnet logical id -> its route tables
    for res in im.resources.values():
        if res.type == "AWS::EC2::SubnetRouteTableAssociation":
            for named in res.refs_in("SubnetId"):
                tables.setdefault(named, []).extend(res.refs_in("RouteTableId"))
    routes: dict[str, set[str]] = {}
    for res in im.resources.values():
        if res.type == "AWS::EC2::Route":
            for table in res.refs_in("RouteTableId"):
                for target in res.refs_in(
                    "GatewayId", "NatGatewayId", "InstanceId", "TransitGatewayId", "NetworkInterfaceId"
                ):
                    routes.setdefault(table, set()).add(im.resources[target].type)
    for logical_id, subnet in subnets.items():
        kinds = {t for table in tables.get(logical_id, []) for t in routes.get(table, set())}
        if "AWS::EC2::InternetGateway" in kinds:
            tier = "public"
        elif kinds:
            tier = "private"
        else:
            tier = "isolated"
        subnet.props["tier"] = tier


# -- the way in ---------------------------------------------------------------------------------------------


def import_template(source: str | bytes, *, name: str | None = None, region: str | None = None) -> ImportResult:
    """A design from a CloudFormation template (YAML or JSON). Raises ImportFailed with a sentence."""
    try:
        template = load_template(source)
    except TemplateError as exc:
        raise ImportFailed(str(exc)) from None
    return Importer(template, name, region).build()
