"""Every template the exporter writes deploys with `create_stack` into moto's CloudFormation and reaches
CREATE_COMPLETE, and what it deploys matches the design: the subnets of each VPC with their CIDRs and zones, the
security group rules between the groups the design's traffic connects (and nothing open to the internet that the
design does not open), and the IAM actions of each access connection on the deployed ARN of exactly its target.

The templates: every catalog kind alone (test_kinds_alone.CASES), the three example designs and the design that
uses every connection. Each is exported, written as JSON and deployed once, in process (moto's `mock_aws`, fake
credentials, us-east-1); the assertions read the deployed resources back through the AWS APIs, not the template.

What moto cannot create is left out, with what needs it, and said so:
- resource types moto does not implement (not in its registry, `moto.cloudformation.parsing.get_model_map`) stay
  in the template, as exported: moto skips them with a warning (parsing.py, `parse_resource`). What refers to one
  of them (Ref, GetAtt, Sub, DependsOn) is left out, since moto would either fail on it (a GetAtt raises) or
  create it without the property (a Ref gives None); so is what needs an attribute moto's model says it lacks
  (`has_cfn_attr`). Where a resource holds independent entries, only the entry is left out: a statement of an IAM
  policy, an environment variable of a function or container. The set of unimplemented types is asserted below,
  so a moto upgrade or a new resource type shows up.
- a few resource types moto implements but cannot create from a valid template (its own defects, each with its
  source location in `SHIMS`): those are patched for the module's duration, and a test shows each patch is still
  needed (the template fails in moto without it).

The Amazon Linux 2023 AMI parameters (`AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>`, default
/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64) resolve as in AWS: moto ships the public
parameters AWS publishes (moto/ssm/resources/ami-amazon-linux-latest/us-east-1.json.gz, loaded on first use by
moto/ssm/models.py ParameterDict._check_loading_status), so nothing is created for them. The parameters without a
default are passed, as a deployer must: an ACM certificate requested in the mocked account, and a password.

Templates are sent as JSON: moto's YAML loader splits `!GetAtt Db.Endpoint.Address` at every dot
(moto/cloudformation/utils.py, yaml_tag_constructor), where CloudFormation splits at the first.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.apigateway.models import Method
from moto.cloudformation.parsing import get_model_map
from moto.ec2.models import ec2_backends
from moto.ec2.models.instances import Instance
from moto.ec2.models.transit_gateway import TransitGateway
from moto.elbv2.models import FakeLoadBalancer, elbv2_backends
from moto.events.models import EventBus
from moto.kms.models import Key

from designer.catalog.fields import ENGINE_PORTS
from designer.cloudformation.export import export
from designer.cloudformation.template import LogicalIds
from designer.cloudformation.wiring import access_actions
from designer.graph import ArchitectureGraph, GraphEdge, GraphNode
from tests.cloudformation.designs import every_connection, examples
from tests.cloudformation.test_kinds_alone import CASES
from tests.engines.design_builders import graph

REGION = "us-east-1"
WORLD = ("0.0.0.0/0", "::/0")

VPC = "aws.vpc.vpc"
SUBNET = "aws.vpc.subnet"
SG = "aws.vpc.security_group"
EC2 = "aws.ec2.instance"
ASG = "aws.autoscaling.group"
ECS_SERVICE = "aws.ecs.service"
EKS = "aws.eks.cluster"
LAMBDA = "aws.lambda.function"
ALB = "aws.elb.application_load_balancer"
NLB = "aws.elb.network_load_balancer"
RDS = "aws.rds.instance"
AURORA = "aws.rds.aurora_cluster"
CACHE = "aws.elasticache.cluster"
EFS = "aws.efs.file_system"
ENDPOINT = "aws.vpc.interface_endpoint"
RESOLVER = "aws.route53resolver.endpoint"
DATACENTER = "external.datacenter"
STATE_MACHINE = "aws.stepfunctions.state_machine"

# Kinds that get a security group of their own when placed in subnets (resources/*.py, ctx.security_group).
GROUPED = {EC2, ASG, ECS_SERVICE, EKS, LAMBDA, ALB, NLB, RDS, AURORA, CACHE, EFS, ENDPOINT, RESOLVER}

# The resource types of our templates that moto 5.2.5 does not implement. Kept by hand on purpose: when moto
# implements one (or a new exporter writes another), the test below fails and this list, and the coverage of the
# deployment, move with it.
NOT_IN_MOTO = {
    "AWS::ApiGateway::Stage",
    "AWS::ApiGatewayV2::Api",
    "AWS::ApiGatewayV2::Integration",
    "AWS::ApiGatewayV2::Route",
    "AWS::ApiGatewayV2::Stage",
    "AWS::ApiGatewayV2::VpcLink",
    "AWS::CloudFormation::WaitConditionHandle",
    "AWS::CloudFront::Distribution",
    "AWS::CloudFront::OriginAccessControl",
    "AWS::DMS::Endpoint",
    "AWS::DMS::ReplicationInstance",
    "AWS::DMS::ReplicationSubnetGroup",
    "AWS::DMS::ReplicationTask",
    "AWS::EC2::CustomerGateway",
    "AWS::EC2::NetworkAcl",
    "AWS::EC2::NetworkAclEntry",
    "AWS::EC2::SubnetNetworkAclAssociation",
    "AWS::EC2::TransitGatewayVpcAttachment",
    "AWS::EC2::VPNConnection",
    "AWS::EC2::VPNConnectionRoute",
    "AWS::EC2::VPNGatewayRoutePropagation",
    "AWS::EKS::Cluster",
    "AWS::EKS::Nodegroup",
    "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElastiCache::SubnetGroup",
    "AWS::RDS::DBCluster",
    "AWS::Route53Resolver::ResolverEndpoint",
    "AWS::S3::BucketPolicy",
    "AWS::SNS::Subscription",
    "AWS::SNS::TopicPolicy",
    "AWS::SQS::QueuePolicy",
    "AWS::SecretsManager::Secret",
    "AWS::WAFv2::WebACL",
}


# -- the designs -------------------------------------------------------------------------------------------------


def designs() -> dict[str, ArchitectureGraph]:
    """Stack name -> design: every kind alone, the examples, and the design with every connection."""
    out = {f"kind-{name}": graph(*case.nodes) for name, case in CASES.items()}
    out.update({f"example-{name}": g for name, g in examples().items()})
    out["every-connection"] = every_connection()
    return out


NAMES = [f"kind-{name}" for name in CASES] + [
    "example-hybrid-connectivity",
    "example-serverless-event-driven",
    "example-three-tier-web-app",
    "every-connection",
]
CONNECTED = NAMES[-4:]  # the designs with connections


# -- what moto cannot create -------------------------------------------------------------------------------------

_SUB = re.compile(r"\$\{([A-Za-z0-9:]+)(?:\.([A-Za-z0-9.]+))?\}")


def needs(value: Any) -> Iterator[tuple[str, str | None]]:
    """(name, attribute or None) of every Ref, GetAtt and ${...} inside a value."""
    if isinstance(value, list):
        for item in value:
            yield from needs(item)
    elif isinstance(value, dict):
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref" and isinstance(arg, str):
                yield arg, None
                return
            if key == "Fn::GetAtt":
                name, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
                yield name, attribute
                return
            if key == "Fn::Sub":
                text, variables = arg if isinstance(arg, list) else (arg, {})
                for match in _SUB.finditer(text):
                    if match.group(1) not in variables:
                        yield match.group(1), match.group(2)
                yield from needs(variables)
                return
        for item in value.values():
            yield from needs(item)


def has_attribute(type_: str, attribute: str) -> bool:
    """Whether moto's model of a type resolves the attribute (a model without get_cfn_attribute resolves none)."""
    model = get_model_map().get(type_)
    return model is None or (hasattr(model, "get_cfn_attribute") and model.has_cfn_attr(attribute))


@dataclass
class ForMoto:
    """A template as handed to moto, and what was left out of the exported one."""

    template: dict[str, Any]
    unimplemented: dict[str, str]  # logical ID -> type, kept in the template for moto to skip
    left_out: dict[str, str]  # logical ID -> why (resources of types moto implements)
    entries: list[str]  # statements and environment variables left out, and why

    @property
    def created(self) -> set[str]:
        return set(self.template["Resources"]) - set(self.unimplemented)


def for_moto(exported: dict[str, Any]) -> ForMoto:
    template = copy.deepcopy(exported)
    resources: dict[str, Any] = template["Resources"]
    unimplemented = {k: r["Type"] for k, r in resources.items() if r["Type"] not in get_model_map()}
    gone: dict[str, str] = {k: f"{t} is not implemented by moto" for k, t in unimplemented.items()}

    def missing(value: Any) -> list[str]:
        out = []
        for name, attribute in needs(value):
            if name in gone:
                out.append(f"needs {name} ({gone[name]})")
            elif name in resources and attribute and not has_attribute(resources[name]["Type"], attribute):
                out.append(f"needs {name}.{attribute}, an attribute moto does not implement")
        return out

    entries: list[str] = []

    def keep(where: str, items: list[Any], key: str = "Sid") -> list[Any]:
        kept = []
        for item in items:
            why = missing(item)
            if why:
                entries.append(f"{where} {item.get(key, '')}: {why[0]}")
            else:
                kept.append(item)
        return kept

    changed = True
    while changed:
        changed = False
        for name, resource in resources.items():
            if name in gone:
                continue
            p = resource.get("Properties", {})
            kind = resource["Type"]
            if kind == "AWS::IAM::Policy":
                p["PolicyDocument"]["Statement"] = keep(f"{name} statement", p["PolicyDocument"]["Statement"])
                if not p["PolicyDocument"]["Statement"]:
                    gone[name] = "every statement needs a resource left out"
                    changed = True
                    continue
            if kind == "AWS::IAM::Role" and "Policies" in p:
                for policy in p["Policies"]:
                    policy["PolicyDocument"]["Statement"] = keep(
                        f"{name} statement", policy["PolicyDocument"]["Statement"]
                    )
                p["Policies"] = [policy for policy in p["Policies"] if policy["PolicyDocument"]["Statement"]]
            if kind == "AWS::Lambda::Function" and "Environment" in p:
                variables = p["Environment"]["Variables"]
                for variable, value in list(variables.items()):
                    why = missing(value)
                    if why:
                        entries.append(f"{name} variable {variable}: {why[0]}")
                        del variables[variable]
            if kind == "AWS::ECS::TaskDefinition":
                for container in p["ContainerDefinitions"]:
                    container["Environment"] = keep(f"{name} variable", container.get("Environment", []), "Name")
            depends = resource.get("DependsOn", [])
            depends = [depends] if isinstance(depends, str) else depends
            why = missing(p) + [f"depends on {d} ({gone[d]})" for d in depends if d in gone]
            if why:
                gone[name] = why[0]
                changed = True
    left_out = {name: why for name, why in gone.items() if name not in unimplemented}
    for name in left_out:
        del resources[name]
    if "Outputs" in template:
        template["Outputs"] = {k: o for k, o in template["Outputs"].items() if not missing(o)}
        if not template["Outputs"]:
            del template["Outputs"]
    return ForMoto(template, unimplemented, left_out, entries)


# -- moto's defects with types it implements -----------------------------------------------------------------------


@dataclass(frozen=True)
class Shim:
    """A patch of moto for one defect: `attribute` of `owner` becomes `patch(original)` while the module runs.
    `witness` is a stack of ours that fails with `error` without it."""

    name: str
    defect: str
    owner: type
    attribute: str
    patch: Callable[[Any], Any]
    witness: str
    error: str

    def original(self) -> Any:
        return vars(self.owner).get(self.attribute)


def _properties_first(fix: Callable[[dict[str, Any], str, str], None]) -> Callable[[Any], Any]:
    """A create_from_cloudformation_json that fixes the resource's properties, then runs moto's own."""

    def patch(original: Any) -> Any:
        def create(cls: Any, name: str, cloudformation_json: Any, account_id: str, region_name: str, **kw: Any) -> Any:
            fix(cloudformation_json["Properties"], account_id, region_name)
            return original.__func__(cls, name, cloudformation_json, account_id, region_name, **kw)

        return classmethod(create)

    return patch


def _kms_key(properties: dict[str, Any], account_id: str, region_name: str) -> None:
    properties["Tags"] = [{"TagKey": t["Key"], "TagValue": t["Value"]} for t in properties.get("Tags", [])]
    properties["KeyPolicy"] = json.dumps(properties["KeyPolicy"])


def _transit_gateway_description(properties: dict[str, Any], account_id: str, region_name: str) -> None:
    properties.setdefault("Description", None)


def _mock_integration(properties: dict[str, Any], account_id: str, region_name: str) -> None:
    integration = properties.get("Integration", {})
    integration.setdefault("IntegrationHttpMethod", None)
    integration.setdefault("Uri", None)


def _instance_from_launch_template(properties: dict[str, Any], account_id: str, region_name: str) -> None:
    """What moto's run_instances takes from a launch template (instances.py:816), given to its CloudFormation
    glue, which reads only the instance's own properties."""
    spec = properties.get("LaunchTemplate")
    if spec is None or "ImageId" in properties:
        return
    data = ec2_backends[account_id][region_name]._get_template_from_args(spec).data
    properties["ImageId"] = data["ImageId"]
    properties.setdefault("InstanceType", data.get("InstanceType"))
    properties.setdefault("SecurityGroups", data.get("SecurityGroupIds", []))


def _load_balancer_type(original: Any) -> Any:
    def create(cls: Any, name: str, cloudformation_json: Any, account_id: str, region_name: str, **kw: Any) -> Any:
        p = cloudformation_json["Properties"]
        return elbv2_backends[account_id][region_name].create_load_balancer(
            name,
            p.get("SecurityGroups"),
            p.get("Subnets"),
            scheme=p.get("Scheme", "internet-facing"),
            loadbalancer_type=p.get("Type", "application"),
        )

    return classmethod(create)


SHIMS = [
    Shim(
        "kms-key",
        "moto/kms/models.py:327 hands CloudFormation's {Key, Value} tags to a tagger keyed TagKey/TagValue "
        "(kms/models.py:361), so every tagged AWS::KMS::Key fails; and it keeps KeyPolicy as an object where "
        "describe_key reads JSON text (moto/kms/policy_validator.py:22)",
        Key,
        "create_from_cloudformation_json",
        _properties_first(_kms_key),
        "kind-kms-key",
        "TagKey",
    ),
    Shim(
        "transit-gateway-description",
        "moto/ec2/models/transit_gateway.py:93 reads the optional Description unconditionally",
        TransitGateway,
        "create_from_cloudformation_json",
        _properties_first(_transit_gateway_description),
        "kind-transit-gateway",
        "Description",
    ),
    Shim(
        "mock-integration",
        "moto/apigateway/models.py:336-338 reads Integration.IntegrationHttpMethod and Uri, which a MOCK "
        "integration has not",
        Method,
        "create_from_cloudformation_json",
        _properties_first(_mock_integration),
        "kind-rest-api",
        "IntegrationHttpMethod",
    ),
    Shim(
        "instance-launch-template",
        "moto/ec2/models/instances.py:447 requires ImageId and ignores LaunchTemplate, though run_instances "
        "supports launch templates",
        Instance,
        "create_from_cloudformation_json",
        _properties_first(_instance_from_launch_template),
        "kind-ec2-instance",
        "ImageId",
    ),
    Shim(
        "load-balancer-type",
        "moto/elbv2/models.py:659-677 ignores Type, so a network load balancer is made an application one and "
        "its TCP listener is refused",
        FakeLoadBalancer,
        "create_from_cloudformation_json",
        _load_balancer_type,
        "kind-network-load-balancer",
        "Listener protocol 'TCP' must be one of 'HTTP, HTTPS'",
    ),
    Shim(
        "event-bus-ref",
        "moto/events/models.py:378 EventBus has no physical_resource_id, so Ref gives the model object and a "
        "rule on the bus fails in put_rule (events/models.py:1303)",
        EventBus,
        "physical_resource_id",
        lambda original: property(lambda bus: bus.name),
        "example-serverless-event-driven",
        "'EventBus' object has no attribute 'split'",
    ),
]


UNPATCHED = {shim.name: shim.original() for shim in SHIMS}  # moto's own, before the module patches it


# -- the deployment ----------------------------------------------------------------------------------------------


@dataclass
class Stack:
    name: str
    design: ArchitectureGraph
    exported: dict[str, Any]
    moto: ForMoto
    status: str = ""
    error: str = ""
    physical: dict[str, str] = field(default_factory=dict)  # logical ID -> physical ID

    def ids(self) -> LogicalIds:
        return LogicalIds({n.id: n.label for n in self.design.nodes.values()})

    def resource(self, logical_id: str, type_: str) -> str:
        """The physical ID of a deployed resource of ours, checking the template wrote it with that type."""
        assert self.exported["Resources"][logical_id]["Type"] == type_, logical_id
        return self.physical[logical_id]


@dataclass
class Cloud:
    stacks: dict[str, Stack]
    certificate: str
    clients: dict[str, Any] = field(default_factory=dict)

    def client(self, service: str) -> Any:
        if service not in self.clients:
            self.clients[service] = boto3.client(service, region_name=REGION)
        return self.clients[service]

    def deploy(self, stack: Stack) -> None:
        with warnings.catch_warnings():
            # moto warns of each resource it skips, whenever it reads the stack: their types are NOT_IN_MOTO
            warnings.simplefilter("ignore")
            self._deploy(stack)

    def _deploy(self, stack: Stack) -> None:
        cloudformation = self.client("cloudformation")
        try:
            cloudformation.create_stack(
                StackName=stack.name,
                TemplateBody=json.dumps(stack.moto.template),
                Parameters=self.parameters(stack.moto.template),
            )
        except Exception as error:
            stack.error = f"{type(error).__name__}: {error}"
            return
        stack.status = cloudformation.describe_stacks(StackName=stack.name)["Stacks"][0]["StackStatus"]
        summaries = cloudformation.list_stack_resources(StackName=stack.name)["StackResourceSummaries"]
        # moto lists the resources it skipped with no logical ID; those are the unimplemented ones
        stack.physical = {r["LogicalResourceId"]: r["PhysicalResourceId"] for r in summaries if r["LogicalResourceId"]}

    def parameters(self, template: dict[str, Any]) -> list[dict[str, str]]:
        """Values for the parameters without a default, as a deployer gives them."""
        out = []
        for name, spec in template.get("Parameters", {}).items():
            if "Default" in spec:
                continue
            if name == "CertificateArn":
                value = self.certificate
            elif spec.get("NoEcho"):
                value = "Replication-Passw0rd"
            else:
                raise AssertionError(f"no value to deploy parameter {name} with")
            out.append({"ParameterKey": name, "ParameterValue": value})
        return out


@pytest.fixture(scope="module")
def cloud() -> Iterator[Cloud]:
    with pytest.MonkeyPatch.context() as mp:
        for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"):
            mp.setenv(key, "testing")
        mp.setenv("AWS_DEFAULT_REGION", REGION)
        mp.delenv("AWS_PROFILE", raising=False)
        for shim in SHIMS:
            mp.setattr(shim.owner, shim.attribute, shim.patch(shim.original()), raising=False)
        # moto also logs each resource it skips, at WARNING, hundreds of lines in a failure's report
        mp.setattr(logging.getLogger("moto"), "disabled", True)
        with mock_aws():
            acm = boto3.client("acm", region_name=REGION)
            certificate = acm.request_certificate(DomainName="example.com")["CertificateArn"]
            stacks = {}
            for name, design in designs().items():
                exported = export(design)
                stacks[name] = Stack(name, design, exported, for_moto(exported))
            out = Cloud(stacks, certificate)
            for stack in stacks.values():
                out.deploy(stack)
            yield out


# -- it deploys --------------------------------------------------------------------------------------------------


def test_every_design_to_deploy_is_one_of_ours() -> None:
    assert list(designs()) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_template_reaches_create_complete_with_every_resource_moto_implements(cloud: Cloud, name: str) -> None:
    stack = cloud.stacks[name]
    left_out = [f"{k}: {why}" for k, why in stack.moto.left_out.items()] + stack.moto.entries
    print(f"{name}: left out of moto's deployment:", *left_out or ["nothing"], sep="\n  ")
    assert stack.error == ""
    assert stack.status == "CREATE_COMPLETE"
    assert set(stack.physical) == stack.moto.created


def test_the_resource_types_moto_does_not_implement_are_the_known_ones(cloud: Cloud) -> None:
    found: dict[str, set[str]] = {}
    for stack in cloud.stacks.values():
        for type_ in stack.moto.unimplemented.values():
            found.setdefault(type_, set()).add(stack.name)
    report = "\n".join(f"{t}: {', '.join(sorted(names))}" for t, names in sorted(found.items()))
    print(f"Resource types moto does not implement, and the stacks that hold them:\n{report}")
    assert set(found) == NOT_IN_MOTO, report


@pytest.mark.parametrize("shim", SHIMS, ids=[s.name for s in SHIMS])
def test_each_patch_of_moto_is_still_needed(cloud: Cloud, shim: Shim) -> None:
    witness = cloud.stacks[shim.witness]
    assert witness.status == "CREATE_COMPLETE"
    stack = Stack(f"unpatched-{shim.name}", witness.design, witness.exported, witness.moto)
    with pytest.MonkeyPatch.context() as mp:
        if UNPATCHED[shim.name] is None:
            mp.delattr(shim.owner, shim.attribute)
        else:
            mp.setattr(shim.owner, shim.attribute, UNPATCHED[shim.name])
        cloud.deploy(stack)
    assert shim.error in stack.error, f"{shim.defect}: {stack.error or 'deployed without the patch'}"


# -- what the design says ----------------------------------------------------------------------------------------


def has_group(node: GraphNode) -> bool:
    """Whether the exporter gives the node a security group of its own: a kind that has one, in subnets."""
    return node.kind in GROUPED and bool(node.subnets) and not node.cfn


def group(stack: Stack, node: GraphNode) -> str:
    return stack.ids().node(node.id) + ("" if node.kind == SG else "SecurityGroup")


def listener_ports(balancer: GraphNode) -> list[int]:
    p = balancer.props
    ports = [int(p["listener_port"])]
    if balancer.kind == ALB and p["listener_protocol"] == "HTTPS" and p["redirect_http_to_https"]:
        ports.append(80)
    return ports


def target_port(edge: GraphEdge, target: GraphNode) -> int:
    """The connection's port, else the target's own: its engine's, its listener's, its container's."""
    p = target.props
    if edge.props.get("port"):
        return int(edge.props["port"])
    if target.kind in (RDS, AURORA, CACHE):
        return ENGINE_PORTS[p["engine"]]
    if target.kind in (ALB, NLB):
        return int(p["listener_port"])
    if target.kind == ECS_SERVICE:
        return int(p["container_port"])
    return {EFS: 2049, EKS: 443, EC2: 80, ASG: 80}[target.kind]


def connections(stack: Stack, meaning: str) -> Iterator[tuple[GraphEdge, GraphNode, GraphNode]]:
    g = stack.design
    for edge in g.edges:
        if edge.meaning == meaning and edge.origin != "import":
            yield edge, g.node(edge.source), g.node(edge.target)


Rule = tuple[str, str, str, int | None, int | None]  # (group, source group or CIDR, protocol, from port, to port)


def expected_rules(stack: Stack) -> set[Rule]:
    """Every ingress rule the design asks for: each traffic connection between two nodes with security groups
    opens the target's port to the source's group; Users / Internet, and CloudFront for its origins, open an
    internet-facing load balancer's listener ports, or an instance's port, to the world; an on-premises network
    opens DNS (TCP and UDP 53) on an inbound Resolver endpoint to its CIDR; a security group drawn as a node has
    its own rules."""
    out: set[Rule] = set()
    for edge, source, target in connections(stack, "traffic"):
        if has_group(source) and has_group(target):
            port = target_port(edge, target)
            # A source in another VPC (across a Transit Gateway) is admitted by its VPC's CIDR, not its group.
            other_vpc = source.vpc is not None and target.vpc is not None and source.vpc != target.vpc
            origin = stack.design.node(source.vpc).props["cidr"] if other_vpc else group(stack, source)
            out.add((group(stack, target), origin, edge.props.get("protocol") or "tcp", port, port))
    for meaning in ("ingress", "origin"):
        for edge, _source, target in connections(stack, meaning):
            if target.kind in (ALB, NLB) and target.props["scheme"] == "internet-facing":
                out |= {(group(stack, target), "0.0.0.0/0", "tcp", port, port) for port in listener_ports(target)}
            elif target.kind == EC2:
                if meaning == "ingress":
                    port = int(edge.props["port"])
                else:
                    port = 80 if edge.props["origin_protocol"] == "http-only" else 443
                out.add((group(stack, target), "0.0.0.0/0", "tcp", port, port))
    for _edge, source, target in connections(stack, "dns"):
        if source.kind == DATACENTER and target.kind == RESOLVER and target.props["direction"] == "INBOUND":
            out |= {(group(stack, target), source.props["cidr"], protocol, 53, 53) for protocol in ("tcp", "udp")}
    for node in stack.design.of_kind(SG):
        for rule in node.props["rules"]:
            if rule["direction"] == "ingress":
                ports = (None, None) if rule["protocol"] == "-1" else (rule["from_port"], rule["to_port"])
                out.add((group(stack, node), rule["cidr"], rule["protocol"], *ports))
    return out


def deployed_rules(cloud: Cloud, stack: Stack) -> set[Rule]:
    """The ingress rules of the stack's security groups, as moto holds them (groups by logical ID)."""
    groups = {
        physical: name
        for name, physical in stack.physical.items()
        if stack.exported["Resources"][name]["Type"] == "AWS::EC2::SecurityGroup"
    }
    if not groups:
        return set()
    out: set[Rule] = set()
    for sg in cloud.client("ec2").describe_security_groups(GroupIds=list(groups))["SecurityGroups"]:
        for permission in sg["IpPermissions"]:
            key = (permission["IpProtocol"], permission.get("FromPort"), permission.get("ToPort"))
            sources = [pair["GroupId"] for pair in permission.get("UserIdGroupPairs", [])]
            sources = [groups.get(source, source) for source in sources]
            sources += [r["CidrIp"] for r in permission.get("IpRanges", [])]
            sources += [r["CidrIpv6"] for r in permission.get("Ipv6Ranges", [])]
            out |= {(groups[sg["GroupId"]], source, *key) for source in sources}
    return out


def zone_of(design: ArchitectureGraph, subnet: GraphNode) -> str | None:
    return design.zones[subnet.az].name if subnet.az and subnet.az in design.zones else None


# -- the subnets of each VPC -------------------------------------------------------------------------------------

WITH_VPCS = [name for name, design in designs().items() if design.of_kind(VPC)]


@pytest.mark.parametrize("name", WITH_VPCS)
def test_each_vpc_has_the_subnets_of_the_design_with_their_cidrs_and_zones(cloud: Cloud, name: str) -> None:
    stack, ec2 = cloud.stacks[name], cloud.client("ec2")
    for vpc in stack.design.of_kind(VPC):
        vpc_id = stack.resource(stack.ids().node(vpc.id), "AWS::EC2::VPC")
        (deployed_vpc,) = ec2.describe_vpcs(VpcIds=[vpc_id])["Vpcs"]
        assert deployed_vpc["CidrBlock"] == vpc.props["cidr"]
        subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
        designed = [s for s in stack.design.of_kind(SUBNET) if s.vpc == vpc.id]
        assert len(subnets) == len(designed), vpc.label
        assert sorted(s["CidrBlock"] for s in subnets) == sorted(s.props["cidr"] for s in designed)
        zones = {s["CidrBlock"]: s["AvailabilityZone"] for s in subnets}
        for subnet in designed:
            assert zone_of(stack.design, subnet) in (None, zones[subnet.props["cidr"]]), subnet.label


def test_the_every_connection_vpc_has_six_subnets_in_two_zones(cloud: Cloud) -> None:
    stack, ec2 = cloud.stacks["every-connection"], cloud.client("ec2")
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [stack.physical["Vpc"]]}])["Subnets"]
    assert sorted((s["AvailabilityZone"], s["CidrBlock"]) for s in subnets) == [
        ("us-east-1a", "10.0.0.0/24"),
        ("us-east-1a", "10.0.10.0/24"),
        ("us-east-1a", "10.0.20.0/24"),
        ("us-east-1b", "10.0.1.0/24"),
        ("us-east-1b", "10.0.11.0/24"),
        ("us-east-1b", "10.0.21.0/24"),
    ]


# -- security group rules ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_security_groups_admit_exactly_what_the_designs_connections_open(cloud: Cloud, name: str) -> None:
    """Between groups: the traffic connections, each from the source's group on the target's port; from the
    internet (0.0.0.0/0): an internet-facing load balancer's listener ports and an instance Users reach; nothing
    else. The interface endpoint's HTTPS from its VPC's CIDR is the one rule no connection draws."""
    stack = cloud.stacks[name]
    deployed = deployed_rules(cloud, stack)
    endpoints = {
        (group(stack, n), stack.design.node(n.vpc).props["cidr"], "tcp", 443, 443)
        for n in stack.design.of_kind(ENDPOINT)
        if n.vpc
    }
    assert deployed == expected_rules(stack) | endpoints


def test_in_the_three_tier_app_each_tier_admits_only_the_one_in_front_of_it(cloud: Cloud) -> None:
    """CloudFront reaches the load balancer from the internet, on its HTTPS listener and the HTTP redirect."""
    stack = cloud.stacks["example-three-tier-web-app"]
    assert deployed_rules(cloud, stack) == {
        ("WebAlbSecurityGroup", "0.0.0.0/0", "tcp", 443, 443),
        ("WebAlbSecurityGroup", "0.0.0.0/0", "tcp", 80, 80),
        ("WebSecurityGroup", "WebAlbSecurityGroup", "tcp", 8080, 8080),
        ("OrdersDbSecurityGroup", "WebSecurityGroup", "tcp", 5432, 5432),
        ("SessionsSecurityGroup", "WebSecurityGroup", "tcp", 6379, 6379),
    }


def test_the_rule_between_groups_names_the_source_groups_deployed_id(cloud: Cloud) -> None:
    stack = cloud.stacks["example-three-tier-web-app"]
    ec2 = cloud.client("ec2")
    (db,) = ec2.describe_security_groups(GroupIds=[stack.physical["OrdersDbSecurityGroup"]])["SecurityGroups"]
    (permission,) = db["IpPermissions"]
    assert (permission["FromPort"], permission["ToPort"]) == (5432, 5432)
    assert [pair["GroupId"] for pair in permission["UserIdGroupPairs"]] == [stack.physical["WebSecurityGroup"]]
    assert permission["IpRanges"] == []


def test_a_source_in_another_vpc_is_admitted_by_its_vpcs_cidr(cloud: Cloud) -> None:
    """Groups cannot be named across a Transit Gateway: the hybrid design's database admits the web tier's VPC."""
    stack = cloud.stacks["example-hybrid-connectivity"]
    ec2 = cloud.client("ec2")
    (db,) = ec2.describe_security_groups(GroupIds=[stack.physical["CrmDbSecurityGroup"]])["SecurityGroups"]
    (permission,) = db["IpPermissions"]
    assert (permission["FromPort"], permission["ToPort"]) == (5432, 5432)
    assert permission["UserIdGroupPairs"] == []
    assert [r["CidrIp"] for r in permission["IpRanges"]] == ["10.1.0.0/16"]


def test_every_connection_opens_only_the_load_balancers_and_the_instance_users_and_cloudfront_reach(
    cloud: Cloud,
) -> None:
    stack = cloud.stacks["every-connection"]
    world = {rule for rule in deployed_rules(cloud, stack) if rule[1] in WORLD}
    assert world == {
        ("AlbSecurityGroup", "0.0.0.0/0", "tcp", 443, 443),
        ("AlbSecurityGroup", "0.0.0.0/0", "tcp", 80, 80),
        ("NlbSecurityGroup", "0.0.0.0/0", "tcp", 443, 443),
        ("ServerSecurityGroup", "0.0.0.0/0", "tcp", 443, 443),
    }


# -- IAM actions on the right ARNs -------------------------------------------------------------------------------


def deployed_arn(cloud: Cloud, kind: str, physical: str) -> str:
    """The ARN of a deployed resource, as its own service reports it."""
    if kind == "aws.s3.bucket":
        cloud.client("s3").head_bucket(Bucket=physical)  # S3 reports no ARN; the bucket must exist
        return f"arn:aws:s3:::{physical}"
    if kind == "aws.dynamodb.table":
        return str(cloud.client("dynamodb").describe_table(TableName=physical)["Table"]["TableArn"])
    if kind == "aws.sqs.queue":
        attributes = cloud.client("sqs").get_queue_attributes(QueueUrl=physical, AttributeNames=["QueueArn"])
        return str(attributes["Attributes"]["QueueArn"])
    if kind == "aws.sns.topic":
        return str(cloud.client("sns").get_topic_attributes(TopicArn=physical)["Attributes"]["TopicArn"])
    if kind == STATE_MACHINE:
        return str(cloud.client("stepfunctions").describe_state_machine(stateMachineArn=physical)["stateMachineArn"])
    if kind == "aws.kms.key":
        return str(cloud.client("kms").describe_key(KeyId=physical)["KeyMetadata"]["Arn"])
    if kind == "aws.eventbridge.event_bus":
        return str(cloud.client("events").describe_event_bus(Name=physical)["Arn"])
    raise AssertionError(f"no way to read the ARN of a deployed {kind}")


def role_of(cloud: Cloud, stack: Stack, node: GraphNode) -> str:
    """The name of the IAM role the deployed compute runs as, read from the compute itself."""
    base, physical = stack.ids().node(node.id), stack.physical
    if node.kind == LAMBDA:
        arn = cloud.client("lambda").get_function(FunctionName=physical[base])["Configuration"]["Role"]
    elif node.kind == STATE_MACHINE:
        arn = cloud.client("stepfunctions").describe_state_machine(stateMachineArn=physical[base])["roleArn"]
    elif node.kind == ECS_SERVICE:
        # moto's task definition keeps no TaskRoleArn (moto/ecs/models.py:233-258): the role is found by its name
        return physical[f"{base}Role"]
    elif node.kind in (EC2, ASG):
        (version,) = cloud.client("ec2").describe_launch_template_versions(
            LaunchTemplateId=physical[f"{base}LaunchTemplate"]
        )["LaunchTemplateVersions"]
        profile = version["LaunchTemplateData"]["IamInstanceProfile"]["Arn"].split("/")[-1]
        (role,) = cloud.client("iam").get_instance_profile(InstanceProfileName=profile)["InstanceProfile"]["Roles"]
        arn = role["Arn"]
    elif node.kind == EKS:
        # the node group that runs as this role is not implemented by moto: the role is found by its name
        return physical[f"{base}NodeRole"]
    else:
        raise AssertionError(f"no way to find the role of a deployed {node.kind}")
    return str(arn).split("/")[-1]


def statements(cloud: Cloud, stack: Stack, node: GraphNode) -> list[dict[str, Any]]:
    """The statements of the node's own policy ("<Node>Access"), read back from IAM on the node's role."""
    role = role_of(cloud, stack, node)
    name = f"{stack.ids().node(node.id)}Access"
    iam = cloud.client("iam")
    assert name in iam.list_role_policies(RoleName=role)["PolicyNames"]
    document = iam.get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"]
    return [
        {
            **statement,
            "Action": as_list(statement["Action"]),
            "Resource": as_list(statement["Resource"]),
        }
        for statement in document["Statement"]
    ]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def access_checks(cloud: Cloud, stack: Stack) -> tuple[list[str], list[str]]:
    """Each access connection checked on the deployed stack; (checked, not deployable in moto)."""
    checked, not_in_moto = [], []
    for edge, source, target in connections(stack, "access"):
        what = f"{source.label} -> {target.label} ({edge.props['access']})"
        target_id = stack.ids().node(target.id)
        if target_id not in stack.physical:
            assert target_id in stack.moto.unimplemented or target_id in stack.moto.left_out, what
            not_in_moto.append(what)
            continue
        arn = deployed_arn(cloud, target.kind, stack.physical[target_id])
        granted = statements(cloud, stack, source)
        actions = access_actions(target.kind, edge.props["access"])
        on_target = [s for s in granted if arn in s["Resource"]]
        assert any(
            s["Effect"] == "Allow"
            and sorted(s["Action"]) == actions
            and all(r == arn or r.startswith(f"{arn}/") for r in s["Resource"])
            for s in on_target
        ), f"{what}: no statement grants {actions} on {arn} alone, in {on_target}"
        service = actions[0].split(":")[0]
        wide = [s for s in granted if "*" in s["Resource"] and {a.split(":")[0] for a in s["Action"]} & {service, "*"}]
        assert wide == [], f"{what}: {service} actions on every resource"
        checked.append(what)
    return checked, not_in_moto


@pytest.mark.parametrize("name", CONNECTED)
def test_access_grants_its_actions_on_the_deployed_arn_of_exactly_its_target(cloud: Cloud, name: str) -> None:
    stack = cloud.stacks[name]
    checked, not_in_moto = access_checks(cloud, stack)
    print(f"{name}: checked {len(checked)}; target not deployable in moto: {', '.join(not_in_moto) or 'none'}")
    assert len(checked) + len(not_in_moto) == len(list(connections(stack, "access")))
    if name != "example-hybrid-connectivity":  # its one access connection is to a secret, not in moto
        assert checked


def test_in_the_serverless_app_each_function_gets_only_the_table_actions_its_access_needs(cloud: Cloud) -> None:
    stack = cloud.stacks["example-serverless-event-driven"]
    table = deployed_arn(cloud, "aws.dynamodb.table", stack.physical["Orders"])
    bus = deployed_arn(cloud, "aws.eventbridge.event_bus", stack.physical["OrdersBus"])

    def granted(label: str, arn: str) -> set[str]:
        node = next(n for n in stack.design.nodes.values() if n.label == label)
        return {a for s in statements(cloud, stack, node) if arn in s["Resource"] for a in s["Action"]}

    assert {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"} <= granted("orders-handler", table)
    assert granted("orders-handler", bus) == {"events:PutEvents"}
    ship = granted("ship-order", table)
    assert "dynamodb:PutItem" in ship
    assert not {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"} & ship
    assert granted("thumbnailer", table) == set()


def test_every_connection_checks_access_to_each_kind_of_target_moto_deploys(cloud: Cloud) -> None:
    checked, not_in_moto = access_checks(cloud, cloud.stacks["every-connection"])
    targets = {what.split(" -> ")[1].split(" (")[0] for what in checked}
    missing = {what.split(" -> ")[1].split(" (")[0] for what in not_in_moto}
    assert targets == {"table", "bus", "key", "queue", "topic", "workflow", "workflow-2"}
    assert missing == {"bucket", "secret"}


# -- the AMI from AWS's public SSM parameter ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["kind-ec2-instance", "kind-autoscaling-group", "every-connection"])
def test_launch_templates_boot_the_amazon_linux_ami_aws_publishes_under_the_ssm_parameter(
    cloud: Cloud, name: str
) -> None:
    stack, ec2 = cloud.stacks[name], cloud.client("ec2")
    (parameter,) = [p for p in stack.exported["Parameters"].values() if p["Type"].startswith("AWS::SSM::Parameter")]
    assert parameter["Default"] == "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
    ami = cloud.client("ssm").get_parameter(Name=parameter["Default"])["Parameter"]["Value"]
    assert ami.startswith("ami-")
    templates = [k for k, r in stack.exported["Resources"].items() if r["Type"] == "AWS::EC2::LaunchTemplate"]
    assert templates
    for logical_id in templates:
        (version,) = ec2.describe_launch_template_versions(LaunchTemplateId=stack.physical[logical_id])[
            "LaunchTemplateVersions"
        ]
        assert version["LaunchTemplateData"]["ImageId"] == ami
    instances = [k for k, r in stack.exported["Resources"].items() if r["Type"] == "AWS::EC2::Instance"]
    for logical_id in instances:
        (reservation,) = ec2.describe_instances(InstanceIds=[stack.physical[logical_id]])["Reservations"]
        assert reservation["Instances"][0]["ImageId"] == ami
