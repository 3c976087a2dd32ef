"""What each connection writes into the template: the connection table (docs/connections.md is generated from
`TABLE` below).

Every connection meaning of the catalog (`designer/catalog/connections.py`) has a wiring function here. They
speak to the exported nodes only through their handles (`NodeOut`): a security group and the list its groups
go in, the statements of its IAM policy, its environment, its ARN and the value that names it. Where the
wiring is not possible in a template (a Direct Connect gateway association, say), it says so in the template's
notes instead of writing half of it.

Sources (AWS CloudFormation resource pages unless noted): security group rules between groups
(AWS::EC2::SecurityGroupIngress, SourceSecurityGroupId); target groups and listener rules
(AWS::ElasticLoadBalancingV2::*); Lambda permissions for each invoking service (AWS::Lambda::Permission,
https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html); S3 event notifications
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html);
SQS event source mappings (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html); EventBridge targets
(https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html); SNS subscriptions;
CloudFront origin access control (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html);
Route 53 alias records (CloudFront's fixed hosted zone Z2FDTNDATAQYW2); Transit Gateway attachments and VPN
route propagation; IAM actions from the Service Authorization Reference
(https://docs.aws.amazon.com/service-authorization/latest/reference/).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..graph import GraphEdge, GraphNode
from .context import ExportContext, NodeOut
from .template import get_att, ref, select, sub

Json = Any
Wire = Callable[[ExportContext, GraphEdge, GraphNode, GraphNode], None]

USERS = "external.users"
DATACENTER = "external.datacenter"
RESOLVER = "aws.route53resolver.endpoint"
LOAD_BALANCERS = {"aws.elb.application_load_balancer", "aws.elb.network_load_balancer"}
CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2"  # every CloudFront alias target's hosted zone


@dataclass(frozen=True)
class Row:
    meaning: str
    writes: str


TABLE: list[Row] = []


def describes(meaning: str, writes: str) -> Callable[[Wire], Wire]:
    def register(fn: Wire) -> Wire:
        TABLE.append(Row(meaning, writes))
        WIRES[meaning] = fn
        return fn

    return register


WIRES: dict[str, Wire] = {}


def wire(ctx: ExportContext) -> None:
    for edge in ctx.graph.edges:
        if edge.origin == "import":
            continue  # the imported template's own resources already wire it
        source, target = ctx.graph.node(edge.source), ctx.graph.node(edge.target)
        imported_target = target.cfn and not source.cfn and edge.meaning in ("access", "invoke")
        if (source.cfn or target.cfn) and not (imported_target and ctx.out[target.id].arn is not None):
            ctx.note(f"connection {source.label} -> {target.label} joins an imported resource; wire it by hand")
            continue
        WIRES[edge.meaning](ctx, edge, source, target)
    _keys_for_publishers(ctx)


def _keys_for_publishers(ctx: ExportContext) -> None:
    """A queue or topic encrypted with a KMS key of the design, which AWS services send to: the key's policy lets
    those services use it (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html)."""
    for out in ctx.out.values():
        key = out.extra.get("encrypted_by")
        publishers = out.extra.get("publishers")
        if key is None or not publishers:
            continue
        statement = {
            "Sid": f"Send{out.primary}"[:100],
            "Effect": "Allow",
            "Principal": {"Service": sorted(publishers)},
            "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
            "Resource": "*",
        }
        if statement not in key.extra["key_policy_statements"]:
            key.extra["key_policy_statements"].append(statement)


def _out(ctx: ExportContext, node: GraphNode) -> NodeOut | None:
    out = ctx.out.get(node.id)
    return out if out is not None and out.primary else None


def env_prefix(node: GraphNode) -> str:
    """ORDERS_TABLE, WEB_ALB_...: the node's label in upper snake case."""
    return re.sub(r"[^A-Za-z0-9]+", "_", node.label).strip("_").upper() or "RESOURCE"


def _ingress(
    ctx: ExportContext,
    target: GraphNode,
    port: int,
    description: str,
    *,
    source_group: str | None = None,
    cidr: str | None = None,
    protocol: str = "tcp",
) -> None:
    out = _out(ctx, target)
    if out is None or out.security_group is None:
        ctx.note(f"{target.label} has no security group for: {description}")
        return
    rule: dict[str, Json] = {
        "GroupId": get_att(out.security_group, "GroupId"),
        "IpProtocol": protocol,
        "FromPort": port,
        "ToPort": port,
        "Description": description[:255],
    }
    if source_group is not None:
        rule["SourceSecurityGroupId"] = get_att(source_group, "GroupId")
    else:
        rule["CidrIp"] = cidr
    # A rule the group already has (Users and CloudFront both opening a listener, say) is not written twice: EC2
    # refuses a duplicate rule (InvalidPermission.Duplicate) and the stack fails. The description is no part of it.
    same = repr(
        [rule.get(key) for key in ("GroupId", "IpProtocol", "FromPort", "ToPort", "SourceSecurityGroupId", "CidrIp")]
    )
    if same in ctx.ingress_rules:
        return
    ctx.ingress_rules.add(same)
    suffix = f"From{source_group}" if source_group else "FromAnywhere" if cidr == "0.0.0.0/0" else "FromNetwork"
    ctx.template.add(ctx.ids.claim(f"{out.security_group}{suffix}Port{port}"), "AWS::EC2::SecurityGroupIngress", rule)


def _env(ctx: ExportContext, source: GraphNode, name: str, value: Json) -> None:
    out = _out(ctx, source)
    if out is not None and out.add_env is not None:
        out.add_env(name, value)


# -- network traffic -----------------------------------------------------------------------------------------


@describes(
    "ingress",
    "Users / Internet -> load balancer: ingress from 0.0.0.0/0 on its listener ports only; -> EC2 "
    "instance: ingress on the connection's port; -> CloudFront, API Gateway: nothing (public endpoints)",
)
def ingress(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    if target.kind in LOAD_BALANCERS:
        out = _out(ctx, target)
        if out is None:
            return
        if target.props["scheme"] != "internet-facing":
            ctx.note(f"{target.label} is internal; Users / Internet cannot reach it")
            return
        for port in out.extra["public_ports"]:
            _ingress(ctx, target, port, f"{target.props['listener_protocol']} from the internet", cidr="0.0.0.0/0")
    elif target.kind == "aws.ec2.instance":
        _ingress(ctx, target, int(edge.props["port"]), "From the internet", cidr="0.0.0.0/0")


@describes(
    "dns",
    "Users / Internet -> Route 53: nothing (names resolve publicly); on-premises -> inbound Route 53 Resolver "
    "endpoint: its security group admits TCP and UDP 53 from the network's CIDR; outbound Resolver endpoint -> "
    "on-premises: its security group's egress is TCP and UDP 53 to the networks it forwards to, and nothing else",
)
def dns(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    if source.kind == DATACENTER and target.kind == RESOLVER:
        _resolver_rules(ctx, target, source, "INBOUND")
    elif source.kind == RESOLVER and target.kind == DATACENTER:
        _resolver_rules(ctx, source, target, "OUTBOUND")


def _resolver_rules(ctx: ExportContext, endpoint: GraphNode, network: GraphNode, direction: str) -> None:
    """DNS (TCP and UDP 53) between a Resolver endpoint and an on-premises network, written into the endpoint's
    own group: an inbound endpoint's ingress, an outbound one's egress. Listing egress replaces the group's
    allow-all default, so an outbound endpoint reaches only the networks it is connected to (AWS asks for
    "inbound rules (for inbound endpoints) or outbound rules (for outbound endpoints)" that "allow TCP and UDP
    access", AWS::Route53Resolver::ResolverEndpoint, SecurityGroupIds)."""
    out = _out(ctx, endpoint)
    if out is None or out.security_group is None:
        return
    if endpoint.props["direction"] != direction:
        ctx.note(
            f"{endpoint.label} is an {endpoint.props['direction'].lower()} endpoint, so {network.label} "
            f"{'cannot send it queries' if direction == 'INBOUND' else 'gets no queries from it'}: make it "
            f"{direction.lower()}, or draw an {direction.lower()} endpoint for this connection"
        )
        return
    key, towards = ("SecurityGroupIngress", "from") if direction == "INBOUND" else ("SecurityGroupEgress", "to")
    rules = ctx.template.resources[out.security_group]["Properties"].setdefault(key, [])
    for protocol in ("tcp", "udp"):
        rule = {"IpProtocol": protocol, "FromPort": 53, "ToPort": 53, "CidrIp": network.props["cidr"]}
        if not any({k: r.get(k) for k in rule} == rule for r in rules):
            rules.append({**rule, "Description": f"DNS over {protocol.upper()} {towards} on premises"})


def target_port(edge: GraphEdge, target: GraphNode, target_out: NodeOut) -> int:
    return int(edge.props.get("port") or target_out.port or 80)


@describes(
    "traffic",
    "load balancer -> EC2, Auto Scaling group, ECS service: a target group (instances, the "
    "group's TargetGroupARNs, the service's LoadBalancers), the listener's default action or a path rule, "
    "and ingress on the target's port from the load balancer's security group; compute -> database, "
    "cache, file system, load balancer or compute: ingress on the target's port from the source's "
    "security group, and the target's address and port as environment variables (databases: their "
    "Secrets Manager secret, readable by the source)",
)
def traffic(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    source_out, target_out = _out(ctx, source), _out(ctx, target)
    if source_out is None or target_out is None:
        return
    if source.kind in LOAD_BALANCERS:
        _register_target(ctx, edge, source, source_out, target, target_out)
        return
    port = target_port(edge, target, target_out)
    if source_out.security_group is None:
        ctx.note(f"{source.label} has no security group (not in a VPC), so no rule lets it reach {target.label}")
    elif source.vpc is not None and target.vpc is not None and source.vpc != target.vpc:
        # A group in another VPC cannot be named across a Transit Gateway or VPN: the source VPC's CIDR is.
        cidr = ctx.graph.node(source.vpc).props["cidr"]
        _ingress(ctx, target, port, f"From {source.label} (VPC {ctx.graph.node(source.vpc).label})", cidr=cidr)
    else:
        _ingress(ctx, target, port, f"From {source.label}", source_group=source_out.security_group)
    prefix = env_prefix(target)
    if target_out.name is not None:
        _env(ctx, source, f"{prefix}_{'URL' if target.kind in LOAD_BALANCERS else 'HOST'}", target_out.name)
        _env(ctx, source, f"{prefix}_PORT", str(port))
    secret = target_out.extra.get("secret_arn")
    if secret is not None:
        _env(ctx, source, f"{prefix}_SECRET_ARN", secret)
        source_out.allow(["secretsmanager:GetSecretValue"], [secret])
    if target.kind == "aws.efs.file_system" and target_out.arn is not None:
        actions = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
        source_out.allow(actions, [target_out.arn])


def _register_target(
    ctx: ExportContext, edge: GraphEdge, lb: GraphNode, lb_out: NodeOut, target: GraphNode, target_out: NodeOut
) -> None:
    t = ctx.template
    application = lb_out.extra["application"]
    port = target_port(edge, target, target_out)
    if target.kind == "aws.eks.cluster":
        ctx.note(f"{lb.label} -> {target.label}: register pods with the AWS Load Balancer Controller")
        _ingress(ctx, target, port, f"From {lb.label}", source_group=lb_out.security_group)
        return
    group = ctx.ids.claim(f"{lb_out.primary}To{ctx.ids.node(target.id)}")
    properties: dict[str, Json] = {
        "VpcId": ctx.vpc_of(lb),
        "Protocol": "HTTP" if application else "TCP",
        "Port": port,
        "TargetType": "ip" if target.kind == "aws.ecs.service" else "instance",
    }
    if application:
        properties["HealthCheckPath"] = "/"
        properties["Matcher"] = {"HttpCode": "200-399"}
    if target.kind == "aws.ec2.instance":
        properties["Targets"] = [{"Id": ref(i), "Port": port} for i in target_out.extra["instances"]]
    t.add(group, "AWS::ElasticLoadBalancingV2::TargetGroup", properties)
    groups: list[str] = lb_out.extra["target_groups"]
    groups.append(group)
    listener = lb_out.extra["listener"]
    if len(groups) == 1:
        lb_out.extra["listener_properties"]["DefaultActions"] = [{"Type": "forward", "TargetGroupArn": ref(group)}]
    elif application:
        path = re.sub(r"[^a-z0-9-]+", "-", target.label.lower()).strip("-") or ctx.ids.node(target.id).lower()
        t.add(
            ctx.ids.claim(f"{group}Rule"),
            "AWS::ElasticLoadBalancingV2::ListenerRule",
            {
                "ListenerArn": ref(listener),
                "Priority": len(groups) - 1,
                "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": [f"/{path}/*"]}}],
                "Actions": [{"Type": "forward", "TargetGroupArn": ref(group)}],
            },
        )
    else:
        extra_listener = ctx.ids.claim(f"{lb_out.primary}Listener{port}")
        t.add(
            extra_listener,
            "AWS::ElasticLoadBalancingV2::Listener",
            {
                "LoadBalancerArn": ref(lb_out.primary),
                "Port": port,
                "Protocol": "TCP",
                "DefaultActions": [{"Type": "forward", "TargetGroupArn": ref(group)}],
            },
        )
        listener = extra_listener
    if target.kind == "aws.autoscaling.group":
        target_out.extra["properties"].setdefault("TargetGroupARNs", []).append(ref(group))
    elif target.kind == "aws.ecs.service":
        service = target_out.extra["properties"]
        service.setdefault("LoadBalancers", []).append(
            {"ContainerName": target_out.extra["container"], "ContainerPort": port, "TargetGroupArn": ref(group)}
        )
        service["HealthCheckGracePeriodSeconds"] = 60
        resource = t.resources[target_out.primary]
        depends = resource.setdefault("DependsOn", [])
        depends.append(listener) if listener not in depends else None
    _ingress(ctx, target, port, f"From {lb.label}", source_group=lb_out.security_group)


# -- IAM access to AWS APIs ------------------------------------------------------------------------------------

# kind -> access -> actions (Service Authorization Reference), and the resources they apply to
_ACTIONS: dict[str, dict[str, list[str]]] = {
    "aws.s3.bucket": {
        "read": ["s3:GetObject", "s3:ListBucket"],
        "write": ["s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
    },
    "aws.dynamodb.table": {
        "read": [
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:Scan",
            "dynamodb:ConditionCheckItem",
            "dynamodb:DescribeTable",
        ],
        "write": [
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:DescribeTable",
        ],
    },
    "aws.sqs.queue": {
        "read": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"],
        "write": ["sqs:SendMessage", "sqs:GetQueueAttributes"],
    },
    "aws.sns.topic": {"read": ["sns:GetTopicAttributes"], "write": ["sns:Publish"]},
    "aws.eventbridge.event_bus": {"read": ["events:DescribeEventBus"], "write": ["events:PutEvents"]},
    "aws.stepfunctions.state_machine": {
        "read": ["states:DescribeStateMachine", "states:ListExecutions"],
        "write": ["states:StartExecution"],
    },
    "aws.secretsmanager.secret": {
        "read": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        "write": ["secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret"],
    },
    "aws.kms.key": {"read": ["kms:Decrypt", "kms:DescribeKey"], "write": ["kms:Encrypt", "kms:GenerateDataKey"]},
}


def _resources(target: GraphNode, out: NodeOut) -> list[Json]:
    if target.kind == "aws.s3.bucket":
        return [out.arn, out.extra["objects_arn"]]
    if target.kind == "aws.dynamodb.table":
        return [out.arn, sub(f"${{{out.primary}.Arn}}/index/*")]
    return [out.arn]


def access_actions(kind: str, access: str) -> list[str]:
    table = _ACTIONS[kind]
    return sorted({a for level in ("read", "write") if level in access for a in table[level]})


@describes(
    "access",
    "compute or Step Functions -> S3, DynamoDB, SQS, SNS, EventBridge, Step Functions, Secrets "
    "Manager, KMS: an IAM statement with the actions the access (read, write, read-write) needs, on that "
    "resource's ARN only, and an environment variable naming the resource",
)
def access(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    source_out, target_out = _out(ctx, source), ctx.out.get(target.id)
    if source_out is None or target_out is None or target_out.arn is None:
        return
    actions = access_actions(target.kind, edge.props["access"])
    if not source_out.allow(actions, _resources(target, target_out), sid=_sid(target)):
        ctx.note(f"{source.label} has no IAM role to grant {edge.props['access']} access to {target.label}")
    if target_out.name is not None and target_out.env_name:
        _env(ctx, source, f"{env_prefix(target)}_{target_out.env_name}", target_out.name)


def _sid(node: GraphNode) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", node.label.title())[:100] or "Access"


def _permission(ctx: ExportContext, function: GraphNode, principal: str, source_arn: Json | None, suffix: str) -> str:
    out = ctx.out[function.id]
    properties: dict[str, Json] = {
        "Action": "lambda:InvokeFunction",
        "FunctionName": get_att(out.primary, "Arn"),
        "Principal": principal,
    }
    if source_arn is not None:
        properties["SourceArn"] = source_arn
    else:
        properties["SourceAccount"] = ref("AWS::AccountId")
    logical_id = ctx.ids.claim(f"{out.primary}Permission{suffix}")
    ctx.template.add(logical_id, "AWS::Lambda::Permission", properties)
    return logical_id


@describes(
    "invoke",
    "load balancer -> Lambda: a Lambda target group and the permission for Elastic Load "
    "Balancing; Lambda or Step Functions -> Lambda: lambda:InvokeFunction on that function (a Task state "
    "for Step Functions) and its name as an environment variable",
)
def invoke(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    source_out, target_out = _out(ctx, source), _out(ctx, target)
    if source_out is None or target_out is None:
        return
    if source.kind in LOAD_BALANCERS:
        permission = _permission(ctx, target, "elasticloadbalancing.amazonaws.com", None, "Elb")
        group = ctx.ids.claim(f"{source_out.primary}To{target_out.primary}")
        ctx.template.add(
            group,
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            {"TargetType": "lambda", "Targets": [{"Id": get_att(target_out.primary, "Arn")}]},
            DependsOn=permission,
        )
        groups: list[str] = source_out.extra["target_groups"]
        groups.append(group)
        if len(groups) == 1:
            source_out.extra["listener_properties"]["DefaultActions"] = [
                {"Type": "forward", "TargetGroupArn": ref(group)}
            ]
        return
    source_out.allow(["lambda:InvokeFunction"], [get_att(target_out.primary, "Arn")], sid=_sid(target))
    if source.kind == "aws.stepfunctions.state_machine":
        source_out.extra["states"].append(
            {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "${" + target_out.primary + "}", "Payload.$": "$"},
                "_substitutions": {target_out.primary: get_att(target_out.primary, "Arn")},
            }
        )
    else:
        _env(ctx, source, f"{env_prefix(target)}_FUNCTION", ref(target_out.primary))


# -- events --------------------------------------------------------------------------------------------------


@describes(
    "event_source",
    "SQS -> Lambda: an event source mapping and the function's permission to receive and "
    "delete that queue's messages; DynamoDB -> Lambda: the table's stream, a mapping from it and the "
    "permission to read that stream",
)
def event_source(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    source_out, target_out = ctx.out.get(source.id), _out(ctx, target)
    if source_out is None or target_out is None:
        return
    mapping: dict[str, Json] = {"FunctionName": ref(target_out.primary), "BatchSize": int(edge.props["batch_size"])}
    if source.kind == "aws.sqs.queue":
        mapping["EventSourceArn"] = source_out.arn
        target_out.allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], [source_out.arn])
        timeout = int(target.props["timeout_s"])
        queue = source_out.extra["properties"]
        if int(queue.get("VisibilityTimeout", 30)) < timeout:
            # Lambda refuses a mapping from a queue whose visibility timeout is shorter than the function's.
            queue["VisibilityTimeout"] = timeout
    else:
        table = source_out.extra["properties"]
        table["StreamSpecification"] = {"StreamViewType": "NEW_AND_OLD_IMAGES"}
        stream = get_att(source_out.primary, "StreamArn")
        mapping["EventSourceArn"] = stream
        mapping["StartingPosition"] = "LATEST"
        target_out.allow(
            ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
            [stream],
        )
    mapping_id = ctx.ids.claim(f"{ctx.ids.node(source.id)}To{target_out.primary}")
    ctx.template.add(mapping_id, "AWS::Lambda::EventSourceMapping", mapping)
    if target_out.role is not None:
        ctx.needs_policy(mapping_id, target_out.role)  # Lambda checks the role can read the source


def _service_may_send(target: GraphNode, out: NodeOut, principal: str, condition: dict[str, Json]) -> None:
    """The queue's or topic's resource policy lets `principal` (s3, events, sns) send to it under `condition`;
    the service is remembered so a KMS key encrypting the target lets it use the key too."""
    action = "sqs:SendMessage" if target.kind == "aws.sqs.queue" else "sns:Publish"
    out.extra["policy_statements"].append(
        {
            "Effect": "Allow",
            "Principal": {"Service": principal},
            "Action": action,
            "Resource": out.arn,
            "Condition": condition,
        }
    )
    out.extra.setdefault("publishers", set()).add(principal)


def _from_arn(arn: Json) -> dict[str, Json]:
    return {"ArnEquals": {"aws:SourceArn": arn}}


def _from_this_account() -> dict[str, Json]:
    return {"StringEquals": {"aws:SourceAccount": ref("AWS::AccountId")}}


@describes(
    "notification",
    "S3 -> Lambda, SQS, SNS: the bucket's notification configuration for the events, "
    "prefix and suffix, and the target's permission for S3 (Lambda permission, queue or topic policy "
    "scoped to the bucket); S3 -> EventBridge: EventBridge notifications on the bucket",
)
def notification(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    bucket, target_out = ctx.out.get(source.id), ctx.out.get(target.id)
    if bucket is None or target_out is None:
        return
    config = bucket.extra["properties"].setdefault("NotificationConfiguration", {})
    resource = ctx.template.resources[bucket.primary]
    depends = resource.setdefault("DependsOn", [])
    entry: dict[str, Json] = {"Event": edge.props["events"]}
    rules = [{"Name": name, "Value": edge.props[name]} for name in ("prefix", "suffix") if edge.props[name]]
    if rules:
        entry["Filter"] = {"S3Key": {"Rules": rules}}
    # The bucket names its targets while the targets' policies name the bucket: built from the stack's account so
    # neither refers to the other's resource (CloudFormation would see a cycle).
    if target.kind == "aws.lambda.function":
        depends.append(_permission(ctx, target, "s3.amazonaws.com", None, "S3"))
        config.setdefault("LambdaConfigurations", []).append({**entry, "Function": target_out.arn})
    elif target.kind == "aws.sqs.queue":
        _service_may_send(target, target_out, "s3.amazonaws.com", _from_this_account())
        depends.append(target_out.extra["policy_name"])
        config.setdefault("QueueConfigurations", []).append({**entry, "Queue": target_out.arn})
    elif target.kind == "aws.sns.topic":
        _service_may_send(target, target_out, "s3.amazonaws.com", _from_this_account())
        depends.append(target_out.extra["policy_name"])
        config.setdefault("TopicConfigurations", []).append({**entry, "Topic": target_out.arn})
    else:
        config["EventBridgeConfiguration"] = {"EventBridgeEnabled": True}
        if target.props.get("bus_name") != "default":
            ctx.note(
                f"{source.label} sends its events to the default event bus; route them to {target.label} "
                "with a rule there"
            )
    if not depends:
        resource.pop("DependsOn")


@describes(
    "integration",
    "API Gateway -> Lambda: an integration, a route (HTTP API) or a proxy resource and "
    "method (REST API), and the permission for API Gateway scoped to that API; -> Step Functions, SQS "
    "(HTTP API): a service integration with a role allowed only that call; -> load balancer (HTTP API): a "
    "VPC link and an HTTP proxy integration",
)
def integration(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    api, target_out = ctx.out.get(source.id), _out(ctx, target)
    if api is None or target_out is None:
        return
    t = ctx.template
    api_id = api.extra["api"]
    route = edge.props["route"]
    if not api.extra["http"]:
        if target.kind != "aws.lambda.function":
            ctx.note(f"{source.label} (REST) -> {target.label}: only Lambda integrations are written for REST APIs")
            return
        permission = _permission(ctx, target, "apigateway.amazonaws.com", api.arn, "Api")
        resource = ctx.ids.claim(f"{api_id}Proxy")
        t.add(
            resource,
            "AWS::ApiGateway::Resource",
            {"RestApiId": ref(api_id), "ParentId": api.extra["root_resource"], "PathPart": "{proxy+}"},
        )
        method = ctx.ids.claim(f"{api_id}ProxyAny")
        t.add(
            method,
            "AWS::ApiGateway::Method",
            {
                "RestApiId": ref(api_id),
                "ResourceId": ref(resource),
                "HttpMethod": "ANY",
                "AuthorizationType": "NONE",
                "Integration": {
                    "Type": "AWS_PROXY",
                    "IntegrationHttpMethod": "POST",
                    "Uri": sub(
                        "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
                        f"${{{target_out.primary}.Arn}}/invocations"
                    ),
                },
            },
            DependsOn=permission,
        )
        api.extra["deployment_depends_on"].append(method)
        if route != "ANY /{proxy+}":
            ctx.note(f"{source.label}: REST APIs are written with one proxy resource; route {route} is served by it")
        return
    integration_props: dict[str, Json] = {"ApiId": ref(api_id)}
    if target.kind == "aws.lambda.function":
        _permission(ctx, target, "apigateway.amazonaws.com", api.arn, "Api")
        integration_props.update(IntegrationType="AWS_PROXY", IntegrationUri=target_out.arn, PayloadFormatVersion="2.0")
    elif target.kind in ("aws.stepfunctions.state_machine", "aws.sqs.queue"):
        role = ctx.ids.claim(f"{api_id}To{target_out.primary}Role")
        action, subtype, parameters = (
            (
                "states:StartExecution",
                "StepFunctions-StartExecution",
                {"StateMachineArn": target_out.arn, "Input": "$request.body"},
            )
            if target.kind == "aws.stepfunctions.state_machine"
            else ("sqs:SendMessage", "SQS-SendMessage", {"QueueUrl": target_out.name, "MessageBody": "$request.body"})
        )
        t.add(
            role,
            "AWS::IAM::Role",
            {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "apigateway.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                },
                "Policies": [
                    {
                        "PolicyName": "Integration",
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [{"Effect": "Allow", "Action": action, "Resource": target_out.arn}],
                        },
                    }
                ],
            },
        )
        integration_props.update(
            IntegrationType="AWS_PROXY",
            IntegrationSubtype=subtype,
            CredentialsArn=get_att(role, "Arn"),
            RequestParameters=parameters,
            PayloadFormatVersion="1.0",
        )
    else:
        if target_out.security_group is None:
            ctx.note(f"{source.label} -> {target.label}: the load balancer has no security group for a VPC link")
            return
        link = api.extra.get("vpc_link")
        if link is None:
            link = ctx.ids.claim(f"{api_id}VpcLink")
            t.add(
                link,
                "AWS::ApiGatewayV2::VpcLink",
                {
                    "Name": sub(f"${{AWS::StackName}}-{api_id}"),
                    "SubnetIds": ctx.subnets_of(target),
                    "SecurityGroupIds": [get_att(target_out.security_group, "GroupId")],
                },
            )
            api.extra["vpc_link"] = link
        integration_props.update(
            IntegrationType="HTTP_PROXY",
            IntegrationMethod="ANY",
            ConnectionType="VPC_LINK",
            ConnectionId=ref(link),
            IntegrationUri=ref(target_out.extra["listener"]),
            PayloadFormatVersion="1.0",
        )
    integration_id = ctx.ids.claim(f"{api_id}To{target_out.primary}")
    t.add(integration_id, "AWS::ApiGatewayV2::Integration", integration_props)
    t.add(
        ctx.ids.claim(f"{integration_id}Route"),
        "AWS::ApiGatewayV2::Route",
        {"ApiId": ref(api_id), "RouteKey": route, "Target": sub(f"integrations/${{{integration_id}}}")},
    )


@describes("routes", "EventBridge bus -> rule: the rule listens on that bus")
def routes(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    bus, rule = ctx.out.get(source.id), _out(ctx, target)
    if bus is None or rule is None:
        return
    if bus.primary:
        rule.extra["properties"]["EventBusName"] = bus.name


@describes(
    "target",
    "EventBridge rule -> Lambda, SQS, Step Functions, SNS: a rule target, and the target's "
    "permission for EventBridge scoped to the rule (Lambda permission, queue or topic policy, or a role "
    "allowed to start only that state machine)",
)
def target(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    rule, target_out = _out(ctx, source), _out(ctx, target)
    if rule is None or target_out is None:
        return
    entry: dict[str, Json] = {"Id": ctx.ids.node(target.id)[:64], "Arn": target_out.arn}
    rule_arn = get_att(rule.primary, "Arn")
    if target.kind == "aws.lambda.function":
        _permission(ctx, target, "events.amazonaws.com", rule_arn, "Events")
    elif target.kind == "aws.sqs.queue" or target.kind == "aws.sns.topic":
        _service_may_send(target, target_out, "events.amazonaws.com", _from_arn(rule_arn))
    else:
        role = ctx.ids.claim(f"{rule.primary}To{target_out.primary}Role")
        ctx.template.add(
            role,
            "AWS::IAM::Role",
            {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "events.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                },
                "Policies": [
                    {
                        "PolicyName": "StartExecution",
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [
                                {"Effect": "Allow", "Action": "states:StartExecution", "Resource": target_out.arn}
                            ],
                        },
                    }
                ],
            },
        )
        entry["RoleArn"] = get_att(role, "Arn")
    rule.extra["targets"].append(entry)


@describes(
    "subscription",
    "SNS -> SQS, Lambda: a subscription (raw delivery and filter policy as set) and the "
    "target's permission for that topic (queue policy or Lambda permission)",
)
def subscription(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    topic, target_out = _out(ctx, source), _out(ctx, target)
    if topic is None or target_out is None:
        return
    properties: dict[str, Json] = {"TopicArn": topic.arn, "Endpoint": target_out.arn}
    if target.kind == "aws.sqs.queue":
        properties["Protocol"] = "sqs"
        properties["RawMessageDelivery"] = bool(edge.props["raw_message_delivery"])
        _service_may_send(target, target_out, "sns.amazonaws.com", _from_arn(topic.arn))
    else:
        properties["Protocol"] = "lambda"
        _permission(ctx, target, "sns.amazonaws.com", topic.arn, "Sns")
    if edge.props["filter_policy"]:
        import json

        try:
            properties["FilterPolicy"] = json.loads(edge.props["filter_policy"])
        except ValueError:
            ctx.note(f"{source.label} -> {target.label}: the filter policy is not JSON and was left out")
    ctx.template.add(ctx.ids.claim(f"{topic.primary}To{target_out.primary}"), "AWS::SNS::Subscription", properties)


# -- edge and DNS --------------------------------------------------------------------------------------------


@describes(
    "origin",
    "CloudFront -> S3: an S3 origin with origin access control and a bucket policy letting only "
    "this distribution read it; -> load balancer, API Gateway, EC2: a custom origin (HTTPS only unless set), "
    "and the load balancer's listener ports (the instance's origin port) open to the internet CloudFront comes "
    "from; the origin serves the connection's path pattern ('*' is the default behaviour)",
)
def origin(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    distribution, target_out = _out(ctx, source), _out(ctx, target)
    if distribution is None or target_out is None:
        return
    origin_id = ctx.ids.node(target.id)
    entry: dict[str, Json] = {"Id": origin_id}
    if target.kind == "aws.s3.bucket":
        control = ctx.ids.claim(f"{distribution.primary}To{origin_id}Access")
        ctx.template.add(
            control,
            "AWS::CloudFront::OriginAccessControl",
            {
                "OriginAccessControlConfig": {
                    "Name": sub(f"${{AWS::StackName}}-{origin_id}"),
                    "OriginAccessControlOriginType": "s3",
                    "SigningBehavior": "always",
                    "SigningProtocol": "sigv4",
                }
            },
        )
        entry.update(
            DomainName=get_att(target_out.primary, "RegionalDomainName"),
            OriginAccessControlId=get_att(control, "Id"),
            S3OriginConfig={"OriginAccessIdentity": ""},
        )
        target_out.extra["policy_statements"].append(
            {
                "Effect": "Allow",
                "Principal": {"Service": "cloudfront.amazonaws.com"},
                "Action": "s3:GetObject",
                "Resource": sub(f"${{{target_out.primary}.Arn}}/*"),
                "Condition": {"StringEquals": {"AWS:SourceArn": distribution.arn}},
            }
        )
    else:
        domain: Json = target_out.name
        if target.kind == "aws.apigateway.api":
            domain = select(2, {"Fn::Split": ["/", target_out.name]})
        elif target.kind == "aws.ec2.instance":
            domain = get_att(target_out.primary, "PublicDnsName")
        entry.update(
            DomainName=domain,
            CustomOriginConfig={
                "OriginProtocolPolicy": edge.props["origin_protocol"],
                "HTTPSPort": 443,
                "HTTPPort": 80,
                "OriginSSLProtocols": ["TLSv1.2"],
            },
        )
        _open_to_cloudfront(ctx, edge, source, target, target_out)
    distribution.extra["origins"].append(entry)
    pattern = edge.props["path_pattern"]
    if pattern != "*":
        distribution.extra["behaviors"].append(
            {
                "PathPattern": pattern,
                "TargetOriginId": origin_id,
                "ViewerProtocolPolicy": source.props["viewer_protocol_policy"],
                "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
            }
        )
    else:
        distribution.extra["default_origin"] = origin_id


def _open_to_cloudfront(
    ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode, target_out: NodeOut
) -> None:
    """CloudFront reaches a load balancer or instance origin from the internet: its origin ports are public
    listeners. (AWS's managed prefix list com.amazonaws.global.cloudfront.origin-facing narrows that to
    CloudFront, but its ID differs per Region and a template cannot look it up by name.)"""
    if target.kind in LOAD_BALANCERS:
        if target.props["scheme"] != "internet-facing":
            ctx.note(f"{source.label} cannot reach {target.label}: it is internal (use a CloudFront VPC origin)")
            return
        ports = target_out.extra["public_ports"]
        protocol = target.props["listener_protocol"]
    else:  # an instance
        ports = [80] if edge.props["origin_protocol"] == "http-only" else [443]
        protocol = "HTTP" if ports == [80] else "HTTPS"
    for port in ports:
        _ingress(ctx, target, port, f"{protocol} from CloudFront {source.label}", cidr="0.0.0.0/0")
    ctx.note(
        f"{target.label} accepts {', '.join(map(str, ports))} from anywhere so {source.label} can reach it; "
        "restrict it to the managed prefix list com.amazonaws.global.cloudfront.origin-facing of your Region"
    )


@describes(
    "alias",
    "Route 53 -> load balancer, CloudFront: an alias A record (name.domain) to its DNS name; "
    "-> API Gateway: needs a custom domain (noted)",
)
def alias(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    zone, target_out = _out(ctx, source), _out(ctx, target)
    if zone is None or target_out is None:
        return
    if target.kind == "aws.apigateway.api":
        ctx.note(f"{source.label} -> {target.label}: an alias to an API needs an API Gateway custom domain name")
        return
    domain = zone.extra["domain"]
    name = f"{edge.props['record_name']}.{domain}" if edge.props["record_name"] else domain
    hosted_zone = (
        CLOUDFRONT_ZONE
        if target.kind == "aws.cloudfront.distribution"
        else get_att(target_out.primary, "CanonicalHostedZoneID")
    )
    ctx.template.add(
        ctx.ids.claim(f"{zone.primary}{ctx.ids.node(target.id)}Record"),
        "AWS::Route53::RecordSet",
        {
            "HostedZoneId": ref(zone.primary),
            "Name": f"{name}.",
            "Type": edge.props["record_type"],
            "AliasTarget": {"DNSName": target_out.name, "HostedZoneId": hosted_zone, "EvaluateTargetHealth": False},
        },
    )


# -- hybrid networking ---------------------------------------------------------------------------------------


@describes(
    "link",
    "on-premises -> Site-to-Site VPN: static routes to the network's CIDR when the VPN uses static "
    "routing on a virtual private gateway; -> Direct Connect: nothing (ordered outside CloudFormation)",
)
def link(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    out = _out(ctx, target)
    if out is None or target.kind != "aws.vpc.vpn_connection" or target.props["routing"] != "static":
        return
    out.extra.setdefault("static_cidrs", []).append(source.props["cidr"])


def _private_tables(ctx: ExportContext, vpc: GraphNode) -> list[Json]:
    return [
        ref(ctx.route_tables[s.id])
        for s in ctx.graph.of_kind("aws.vpc.subnet")
        if s.vpc == vpc.id and s.props["tier"] != "public" and s.id in ctx.route_tables
    ]


def _datacenter_cidrs(ctx: ExportContext, node: GraphNode) -> list[str]:
    return [
        ctx.graph.node(e.source).props["cidr"]
        for e in ctx.graph.edges
        if e.target == node.id and ctx.graph.node(e.source).kind == DATACENTER
    ]


@describes(
    "attachment",
    "Site-to-Site VPN -> VPC: a virtual private gateway attached to the VPC, the VPN on it, "
    "route propagation to the VPC's private route tables (and static routes to the on-premises CIDR); "
    "VPN -> Transit Gateway: the VPN on the Transit Gateway; Direct Connect -> VPC: its gateway attached "
    "with route propagation; Transit Gateway -> VPC: an attachment in one subnet per AZ and routes from "
    "the VPC's private route tables to the on-premises networks and the other attached VPCs",
)
def attachment(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    t = ctx.template
    source_out = _out(ctx, source)
    if source_out is None:
        return
    if source.kind == "aws.ec2.transit_gateway":
        _tgw_attachment(ctx, source, source_out, target)
        return
    if target.kind == "aws.ec2.transit_gateway":
        target_out = _out(ctx, target)
        if source.kind == "aws.vpc.vpn_connection" and target_out is not None:
            source_out.extra["properties"]["TransitGatewayId"] = ref(target_out.primary)
        else:
            ctx.note(
                f"{source.label} -> {target.label}: associate the Direct Connect gateway with the Transit "
                "Gateway outside CloudFormation"
            )
        return
    gateway = source_out.extra.get("gateway")
    if gateway is None:
        gateway = ctx.ids.claim(f"{source_out.primary}Gateway")
        t.add(gateway, "AWS::EC2::VPNGateway", {"Type": "ipsec.1", "Tags": ctx.tags(source)})
        source_out.extra["gateway"] = gateway
        source_out.extra["properties"]["VpnGatewayId"] = ref(gateway)
    attach = ctx.ids.claim(f"{gateway}Attachment")
    t.add(
        attach, "AWS::EC2::VPCGatewayAttachment", {"VpcId": ref(ctx.vpc_ids[target.id]), "VpnGatewayId": ref(gateway)}
    )
    tables = _private_tables(ctx, target)
    if tables:
        t.add(
            ctx.ids.claim(f"{gateway}Propagation"),
            "AWS::EC2::VPNGatewayRoutePropagation",
            {"RouteTableIds": tables, "VpnGatewayId": ref(gateway)},
            DependsOn=attach,
        )
    if source.kind == "aws.vpc.vpn_connection":
        for cidr in source_out.extra.get("static_cidrs", []) or _datacenter_cidrs(ctx, source):
            if source.props["routing"] == "static":
                t.add(
                    ctx.ids.claim(f"{source_out.primary}Route"),
                    "AWS::EC2::VPNConnectionRoute",
                    {"DestinationCidrBlock": cidr, "VpnConnectionId": ref(source_out.primary)},
                )


def _tgw_attachment(ctx: ExportContext, tgw: GraphNode, tgw_out: NodeOut, vpc: GraphNode) -> None:
    t = ctx.template
    per_zone: dict[str, str] = {}
    for subnet in sorted(
        (s for s in ctx.graph.of_kind("aws.vpc.subnet") if s.vpc == vpc.id),
        key=lambda s: {"private": 0, "isolated": 1, "public": 2}[s.props["tier"]],
    ):
        per_zone.setdefault(subnet.az or subnet.id, subnet.id)
    attach = ctx.ids.claim(f"{tgw_out.primary}{ctx.ids.node(vpc.id)}Attachment")
    t.add(
        attach,
        "AWS::EC2::TransitGatewayVpcAttachment",
        {
            "TransitGatewayId": ref(tgw_out.primary),
            "VpcId": ref(ctx.vpc_ids[vpc.id]),
            "SubnetIds": [ref(ctx.subnet_ids[s]) for s in per_zone.values()],
            "Tags": ctx.tags(vpc),
        },
    )
    destinations: list[str] = []
    for e in ctx.graph.edges:
        other = ctx.graph.node(e.source)
        if e.target == tgw.id and other.kind in ("aws.vpc.vpn_connection", "aws.directconnect.connection"):
            destinations += _datacenter_cidrs(ctx, other)
        if e.source == tgw.id and e.target != vpc.id and ctx.graph.node(e.target).kind == "aws.vpc.vpc":
            destinations.append(ctx.graph.node(e.target).props["cidr"])
    for subnet_table in _private_tables(ctx, vpc):
        table = subnet_table["Ref"]
        for n, cidr in enumerate(dict.fromkeys(destinations)):
            t.add(
                ctx.ids.claim(f"{table}ToTransitGateway{n + 1}"),
                "AWS::EC2::Route",
                {"RouteTableId": subnet_table, "DestinationCidrBlock": cidr, "TransitGatewayId": ref(tgw_out.primary)},
                DependsOn=attach,
            )


# -- attachments of security, storage and logs ---------------------------------------------------------------


@describes("protects", "security group -> anything with security groups: the group is attached to it")
def protects(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    out = _out(ctx, target)
    group = ctx.out.get(source.id)
    if out is None or group is None or not out.attach_security_group(group.primary):
        ctx.note(f"{source.label} cannot be attached to {target.label}")


@describes(
    "role",
    "IAM role -> compute or Step Functions: the role's managed policies are attached to the "
    "compute's own role, which keeps the least-privilege statements its connections wrote",
)
def role(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    role_out, target_out = _out(ctx, source), _out(ctx, target)
    if role_out is None or target_out is None or target_out.role is None:
        ctx.note(f"{source.label} cannot be used by {target.label}")
        return
    managed = role_out.extra.get("managed") or []
    if managed:
        properties = ctx.template.resources[target_out.role]["Properties"]
        existing = properties.setdefault("ManagedPolicyArns", [])
        existing.extend(m for m in managed if m not in existing)


def _bucket_key(properties: dict[str, Json], key: Json) -> None:
    rule = {
        "ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key},
        "BucketKeyEnabled": True,
    }
    properties["BucketEncryption"] = {"ServerSideEncryptionConfiguration": [rule]}


def _table_key(properties: dict[str, Json], key: Json) -> None:
    properties["SSESpecification"] = {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": key}


def _queue_key(properties: dict[str, Json], key: Json) -> None:
    properties.pop("SqsManagedSseEnabled", None)  # the two cannot be set together
    properties["KmsMasterKeyId"] = key


def _topic_key(properties: dict[str, Json], key: Json) -> None:
    properties["KmsMasterKeyId"] = key


_KEY_PROPERTIES: dict[str, Callable[[dict[str, Json], Json], None]] = {
    "aws.s3.bucket": _bucket_key,
    "aws.dynamodb.table": _table_key,
    "aws.sqs.queue": _queue_key,
    "aws.sns.topic": _topic_key,
}


@describes(
    "encrypts",
    "KMS key -> S3 (SSE-KMS with a bucket key), RDS, Aurora, DynamoDB, EBS, SQS, SNS, Secrets "
    "Manager, EFS, log group, ElastiCache: the resource is encrypted with that key (and the key policy lets "
    "CloudWatch Logs use it for a log group)",
)
def encrypts(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    key, out = _out(ctx, source), ctx.out.get(target.id)
    if key is None or out is None:
        return
    properties = out.extra.get("properties")
    if properties is None:
        ctx.note(f"{source.label} cannot encrypt {target.label}")
        return
    key_arn = get_att(key.primary, "Arn")
    out.extra["encrypted_by"] = key
    if target.kind in _KEY_PROPERTIES:
        _KEY_PROPERTIES[target.kind](properties, key_arn)
    else:
        properties["KmsKeyId"] = key_arn
        if target.kind == "aws.elasticache.cluster" and "AtRestEncryptionEnabled" in properties:
            properties["AtRestEncryptionEnabled"] = True
    if target.kind == "aws.cloudwatch.log_group":
        key.extra["key_policy_statements"].append(
            {
                "Sid": "CloudWatchLogs",
                "Effect": "Allow",
                "Principal": {"Service": sub("logs.${AWS::Region}.amazonaws.com")},
                "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                "Resource": "*",
            }
        )


@describes("attaches", "EC2 instance -> EBS volume: a volume attachment, the volume in the instance's zone")
def attaches(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    instance, volume = _out(ctx, source), _out(ctx, target)
    if instance is None or volume is None:
        return
    used = instance.extra.setdefault("devices", 0)
    instance.extra["devices"] = used + 1
    volume.extra["properties"]["AvailabilityZone"] = get_att(instance.primary, "AvailabilityZone")
    ctx.template.add(
        ctx.ids.claim(f"{volume.primary}Attachment"),
        "AWS::EC2::VolumeAttachment",
        {
            "InstanceId": ref(instance.primary),
            "VolumeId": ref(volume.primary),
            "Device": f"/dev/sd{'fghijklmnop'[used]}",
        },
    )


@describes(
    "logs",
    "compute, API Gateway, Step Functions -> log group: the source logs there (Lambda logging "
    "config, ECS awslogs, HTTP API access logs, Step Functions logging) with permission to write only "
    "that group; EC2 and EKS get the permission",
)
def logs(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    source_out, group = _out(ctx, source), _out(ctx, target)
    if source_out is None or group is None:
        return
    arn = group.arn
    if source.kind == "aws.lambda.function":
        source_out.extra["properties"]["LoggingConfig"] = {"LogGroup": ref(group.primary)}
        ctx.template.resources.pop(source_out.extra["log_group"], None)
        if source_out.statements is not None:
            source_out.statements[:] = [
                s for s in source_out.statements if s.get("Resource") != get_att(source_out.extra["log_group"], "Arn")
            ]
    elif source.kind == "aws.ecs.service":
        container = ctx.template.resources[source_out.extra["properties"]["TaskDefinition"]["Ref"]]
        options = container["Properties"]["ContainerDefinitions"][0]["LogConfiguration"]["Options"]
        ctx.template.resources.pop(options["awslogs-group"]["Ref"], None)
        options["awslogs-group"] = ref(group.primary)
        execution = container["Properties"]["ExecutionRoleArn"]["Fn::GetAtt"][0]
        ctx.template.resources[execution]["Properties"].setdefault("Policies", []).append(
            {
                "PolicyName": "Logs",
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": arn}
                    ],
                },
            }
        )
        return
    elif source.kind == "aws.apigateway.api" and source_out.extra.get("http"):
        stage = source_out.extra["stage_properties"]
        stage["AccessLogSettings"] = {
            "DestinationArn": arn,
            "Format": (
                '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime",'
                '"routeKey":"$context.routeKey","status":"$context.status"}'
            ),
        }
        return
    elif source.kind == "aws.stepfunctions.state_machine":
        source_out.extra["properties"]["LoggingConfiguration"] = {
            "Level": "ERROR",
            "IncludeExecutionData": False,
            "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": arn}}],
        }
        # These log-delivery actions take no resource ARN (Service Authorization Reference: CloudWatch Logs).
        source_out.allow(
            [
                "logs:CreateLogDelivery",
                "logs:DeleteLogDelivery",
                "logs:DescribeLogGroups",
                "logs:DescribeResourcePolicies",
                "logs:GetLogDelivery",
                "logs:ListLogDeliveries",
                "logs:PutResourcePolicy",
                "logs:UpdateLogDelivery",
            ],
            ["*"],
            sid="LogDelivery",
        )
        return
    elif source.kind == "aws.apigateway.api":
        ctx.note(f"{source.label}: REST API access logs need the account's API Gateway logging role")
        return
    source_out.allow(["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], [arn], sid=_sid(target))
    _env(ctx, source, f"{env_prefix(target)}_LOG_GROUP", ref(group.primary))


@describes(
    "replication",
    "source database or on-premises -> DMS -> target: DMS endpoints for each side (on-premises "
    "credentials as NoEcho parameters, AWS databases through their Secrets Manager secret) and a replication "
    "task of the connection's migration type once both sides are connected",
)
def replication(ctx: ExportContext, edge: GraphEdge, source: GraphNode, target: GraphNode) -> None:
    from .resources import replication as dms

    dms.wire(ctx, edge, source, target)
