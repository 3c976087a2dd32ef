"""Application integration: SQS queues (with a dead-letter queue), SNS topics, EventBridge buses and rules,
Step Functions state machines and API Gateway APIs (HTTP or REST).

Resource policies (queue, topic) and a rule's targets are written in a finish step, once connections have
said what goes in them, so nothing empty is written. Queues are encrypted with SQS-managed keys and topics
with the AWS managed key alias/aws/sns until a KMS key is connected. A state machine's definition is built
from the Task states its connections add, chained in order.

Sources: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html,
aws-resource-sqs-queuepolicy.html, aws-resource-sns-topic.html, aws-resource-sns-topicpolicy.html,
aws-resource-events-eventbus.html, aws-resource-events-rule.html, aws-resource-stepfunctions-statemachine.html,
aws-resource-apigatewayv2-api.html, aws-resource-apigatewayv2-stage.html, aws-resource-apigateway-restapi.html,
-method.html, -deployment.html and -stage.html; FIFO names end in .fifo
(https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues.html); Step Functions
logging to a /aws/vendedlogs/ log group, whose delivery actions accept no resource but *
(https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html); private REST APIs need a resource policy
naming the VPC endpoints that may call them
(https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-create.html).
"""

from __future__ import annotations

import json
from typing import Any

from ...graph import GraphNode
from ..context import ExportContext, NodeOut
from ..template import get_att, ref, sub

_DEFAULT_PATTERN = {"source": ["aws.s3"]}
_LOG_DELIVERY_ACTIONS = [
    "logs:CreateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:DescribeLogGroups",
    "logs:DescribeResourcePolicies",
    "logs:GetLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:UpdateLogDelivery",
]


def _write_policy(
    ctx: ExportContext, logical_id: str, type_: str, target_key: str, target: Any, statements: list[Any]
) -> None:
    """A resource policy of `statements` named `logical_id` (claimed when the node was exported, so connections
    can depend on it), written only if connections added any."""
    if statements:
        document = {"Version": "2012-10-17", "Statement": statements}
        ctx.template.add(logical_id, type_, {target_key: [target], "PolicyDocument": document})


def sqs_queue(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t, p = ctx.template, node.props
    base = ctx.ids.node(node.id)
    fifo = p["queue_type"] == "fifo"
    properties: dict[str, Any] = {
        "VisibilityTimeout": int(p["visibility_timeout_s"]),
        "MessageRetentionPeriod": int(p["message_retention_s"]),
        "SqsManagedSseEnabled": True,
    }
    if fifo:
        properties = {"FifoQueue": True, "QueueName": sub(f"${{AWS::StackName}}-{base}.fifo"), **properties}
    logical_id = ctx.name(node)
    dead_letter = ctx.name(node, "DeadLetterQueue") if int(p["max_receive_count"]) > 0 else None
    if dead_letter:
        properties["RedrivePolicy"] = {
            "deadLetterTargetArn": get_att(dead_letter, "Arn"),
            "maxReceiveCount": int(p["max_receive_count"]),
        }
    properties["Tags"] = ctx.tags(node)
    t.add(logical_id, "AWS::SQS::Queue", properties)
    if dead_letter:
        # A FIFO queue's dead-letter queue must be FIFO too; it keeps messages as long as SQS allows.
        dlq: dict[str, Any] = {
            "MessageRetentionPeriod": 1209600,
            "SqsManagedSseEnabled": True,
            "Tags": ctx.tags(node, Role="dead-letter"),
        }
        if fifo:
            dlq = {"FifoQueue": True, "QueueName": sub(f"${{AWS::StackName}}-{base}-dlq.fifo"), **dlq}
        t.add(dead_letter, "AWS::SQS::Queue", dlq)
    statements: list[Any] = []
    policy = ctx.name(node, "Policy")

    def finish() -> None:
        # SQS-managed encryption and a KMS key exclude each other; a connected key wins.
        if "KmsMasterKeyId" in properties:
            properties.pop("SqsManagedSseEnabled", None)
        _write_policy(ctx, policy, "AWS::SQS::QueuePolicy", "Queues", ref(logical_id), statements)

    return NodeOut(
        primary=logical_id,
        name=ref(logical_id),
        arn=get_att(logical_id, "Arn"),
        env_name="QUEUE_URL",
        extra={
            "properties": properties,
            "policy_statements": statements,
            "finish": finish,
            "policy_name": policy,
            "key_property": "KmsMasterKeyId",
        },
    )


def sns_topic(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t = ctx.template
    properties: dict[str, Any] = {"KmsMasterKeyId": "alias/aws/sns", "Tags": ctx.tags(node)}
    if node.props["topic_type"] == "fifo":
        name = sub(f"${{AWS::StackName}}-{ctx.ids.node(node.id)}.fifo")
        properties = {"FifoTopic": True, "TopicName": name, **properties}
    logical_id = ctx.name(node)
    t.add(logical_id, "AWS::SNS::Topic", properties)
    statements: list[Any] = []
    policy = ctx.name(node, "Policy")
    publishers: set[str] = set()

    def finish() -> None:
        if publishers and properties.get("KmsMasterKeyId") == "alias/aws/sns":
            # The AWS managed key's policy admits no service principal, so S3 or EventBridge could not publish.
            del properties["KmsMasterKeyId"]
            ctx.note(
                f"{node.label}: not encrypted with the AWS managed key aws/sns, which {', '.join(sorted(publishers))} "
                "cannot use; connect a KMS key to encrypt it"
            )
        _write_policy(ctx, policy, "AWS::SNS::TopicPolicy", "Topics", ref(logical_id), statements)

    return NodeOut(
        primary=logical_id,
        name=ref(logical_id),
        arn=ref(logical_id),
        env_name="TOPIC_ARN",
        extra={
            "properties": properties,
            "policy_statements": statements,
            "finish": finish,
            "policy_name": policy,
            "publishers": publishers,
            "key_property": "KmsMasterKeyId",
        },
    )


def event_bus(ctx: ExportContext, node: GraphNode) -> NodeOut:
    """The account's default bus exists already: nothing is written, and rules on it name it 'default'."""
    name = node.props["bus_name"]
    if name == "default":
        arn = sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default")
        return NodeOut(primary="", name="default", arn=arn, env_name="EVENT_BUS")
    logical_id = ctx.name(node)
    ctx.template.add(
        logical_id, "AWS::Events::EventBus", {"Name": sub(f"${{AWS::StackName}}-{name}"), "Tags": ctx.tags(node)}
    )
    return NodeOut(primary=logical_id, name=ref(logical_id), arn=get_att(logical_id, "Arn"), env_name="EVENT_BUS")


def event_rule(ctx: ExportContext, node: GraphNode) -> NodeOut:
    p = node.props
    properties: dict[str, Any] = {"Description": f"{node.label}"[:512], "State": "ENABLED"}
    if p["trigger"] == "schedule":
        properties["ScheduleExpression"] = p["schedule_expression"]
    else:
        try:
            pattern = json.loads(p["event_pattern"])
        except ValueError:
            pattern = None
        if not isinstance(pattern, dict) or not pattern:
            ctx.note(f"{node.label}: its event pattern is not a JSON object; it matches S3 events instead")
            pattern = dict(_DEFAULT_PATTERN)
        properties["EventPattern"] = pattern
    logical_id = ctx.name(node)
    ctx.template.add(logical_id, "AWS::Events::Rule", properties)
    targets: list[Any] = []

    def finish() -> None:
        if targets:
            properties["Targets"] = targets
        else:
            ctx.note(f"{node.label}: the rule has no targets yet")

    return NodeOut(
        primary=logical_id,
        arn=get_att(logical_id, "Arn"),
        name=ref(logical_id),
        extra={"properties": properties, "targets": targets, "finish": finish},
    )


def state_machine(ctx: ExportContext, node: GraphNode) -> NodeOut:
    """The definition is a chain of the Task states connections append to extra["states"], in order (a state
    may carry a "Name"; unnamed ones are Step1, Step2, ...); with none, a single Pass state."""
    t, p = ctx.template, node.props
    base = ctx.ids.node(node.id)
    express = p["workflow_type"] == "EXPRESS"
    logs = ctx.name(node, "LogGroup")
    t.add(
        logs,
        "AWS::Logs::LogGroup",
        {"LogGroupName": sub(f"/aws/vendedlogs/states/${{AWS::StackName}}-{base}"), "RetentionInDays": 30},
    )
    role, statements = ctx.role(node, "states.amazonaws.com")
    statements.append({"Sid": "LogDelivery", "Effect": "Allow", "Action": _LOG_DELIVERY_ACTIONS, "Resource": "*"})
    definition: dict[str, Any] = {
        "Comment": node.label,
        "StartAt": "Pass",
        "States": {"Pass": {"Type": "Pass", "End": True}},
    }
    properties: dict[str, Any] = {
        "StateMachineType": p["workflow_type"],
        "RoleArn": get_att(role, "Arn"),
        "Definition": definition,
        "LoggingConfiguration": {
            "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": get_att(logs, "Arn")}}],
            "Level": "ALL" if express else "ERROR",
            "IncludeExecutionData": False,
        },
        "Tags": ctx.tags(node),
    }
    logical_id = ctx.name(node)
    t.add(logical_id, "AWS::StepFunctions::StateMachine", properties)
    ctx.needs_policy(logical_id, role)  # Step Functions checks the role may deliver logs
    states: list[dict[str, Any]] = []

    def finish() -> None:
        if not states:
            return
        chained: dict[str, Any] = {}
        names = [str(s.get("Name") or f"Step{i + 1}") for i, s in enumerate(states)]
        for i, state in enumerate(states):
            body = {k: v for k, v in state.items() if k not in ("Name", "Next", "End")}
            body.update({"Next": names[i + 1]} if i + 1 < len(states) else {"End": True})
            chained[names[i]] = body
        definition["StartAt"] = names[0]
        definition["States"] = chained
        substitutions: dict[str, Any] = {}
        for body in chained.values():
            substitutions.update(body.pop("_substitutions", {}))
        if substitutions:
            properties["DefinitionSubstitutions"] = substitutions

    return NodeOut(
        primary=logical_id,
        arn=ref(logical_id),
        name=get_att(logical_id, "Name"),
        env_name="STATE_MACHINE_ARN",
        role=role,
        statements=statements,
        extra={"properties": properties, "states": states, "finish": finish, "log_group": logs},
    )


def api_gateway(ctx: ExportContext, node: GraphNode) -> NodeOut:
    if node.props["api_type"] == "HTTP":
        return _http_api(ctx, node)
    return _rest_api(ctx, node)


def _execute_api_arn(api: str) -> dict[str, str]:
    return sub(f"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:${{{api}}}/*")


def _http_api(ctx: ExportContext, node: GraphNode) -> NodeOut:
    """An HTTP API and its auto-deployed stage; connections add integrations and routes, and may add
    AccessLogSettings to extra["stage_properties"]."""
    t, p = ctx.template, node.props
    if p["endpoint_type"] != "REGIONAL":
        ctx.note(f"{node.label}: HTTP APIs are regional; its {p['endpoint_type']} endpoint type is not used")
    api = ctx.name(node)
    t.add(
        api,
        "AWS::ApiGatewayV2::Api",
        {
            "Name": sub(f"${{AWS::StackName}}-{ctx.ids.node(node.id)}"),
            "ProtocolType": "HTTP",
            "Tags": {"Name": node.label},
        },
    )
    stage = ctx.name(node, "Stage")
    stage_properties: dict[str, Any] = {"ApiId": ref(api), "StageName": p["stage_name"], "AutoDeploy": True}
    t.add(stage, "AWS::ApiGatewayV2::Stage", stage_properties)
    url = sub(f"${{{api}.ApiEndpoint}}/{p['stage_name']}")
    t.output(f"{ctx.ids.node(node.id)}Url", url, f"Invoke URL of {node.label}")
    return NodeOut(
        primary=api,
        name=url,
        arn=_execute_api_arn(api),
        extra={"http": True, "api": api, "stage": stage, "stage_properties": stage_properties},
    )


def _rest_api(ctx: ExportContext, node: GraphNode) -> NodeOut:
    """A REST API, its deployment and stage. Connections add methods and list them in
    extra["deployment_depends_on"]; a root ANY method answering from a MOCK integration is added in the finish
    step when none was, so the deployment always has a method to deploy."""
    t, p = ctx.template, node.props
    api = ctx.name(node)
    endpoint_type = p["endpoint_type"]
    api_properties: dict[str, Any] = {
        "Name": sub(f"${{AWS::StackName}}-{ctx.ids.node(node.id)}"),
        "EndpointConfiguration": {"Types": [endpoint_type]},
        "Tags": ctx.tags(node),
    }
    t.add(api, "AWS::ApiGateway::RestApi", api_properties)
    root = get_att(api, "RootResourceId")
    depends_on: list[str] = []
    deployment = ctx.name(node, "Deployment")
    t.add(
        deployment,
        "AWS::ApiGateway::Deployment",
        {"RestApiId": ref(api), "Description": node.label[:1024]},
        DependsOn=depends_on,
    )
    stage = ctx.name(node, "Stage")
    stage_properties: dict[str, Any] = {
        "RestApiId": ref(api),
        "DeploymentId": ref(deployment),
        "StageName": p["stage_name"],
        "Tags": ctx.tags(node),
    }
    t.add(stage, "AWS::ApiGateway::Stage", stage_properties)
    url = sub(f"https://${{{api}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/{p['stage_name']}")
    t.output(f"{ctx.ids.node(node.id)}Url", url, f"Invoke URL of {node.label}")

    def finish() -> None:
        if not depends_on:
            method = ctx.name(node, "RootMethod")
            t.add(
                method,
                "AWS::ApiGateway::Method",
                {
                    "RestApiId": ref(api),
                    "ResourceId": root,
                    "HttpMethod": "ANY",
                    "AuthorizationType": "NONE",
                    "Integration": {
                        "Type": "MOCK",
                        "RequestTemplates": {"application/json": '{"statusCode": 200}'},
                        "IntegrationResponses": [{"StatusCode": "200"}],
                    },
                    "MethodResponses": [{"StatusCode": "200"}],
                },
            )
            depends_on.append(method)
        if endpoint_type == "PRIVATE":
            api_properties["Policy"] = _private_api_policy(ctx, node)

    return NodeOut(
        primary=api,
        name=url,
        arn=_execute_api_arn(api),
        extra={
            "http": False,
            "api": api,
            "stage": stage,
            "stage_properties": stage_properties,
            "deployment": deployment,
            "deployment_depends_on": depends_on,
            "root_resource": root,
            "finish": finish,
        },
    )


def _private_api_policy(ctx: ExportContext, node: GraphNode) -> dict[str, Any]:
    """Invoke allowed only through the design's execute-api interface endpoints, or through the endpoint a
    parameter names."""
    endpoints: list[Any] = [
        ref(ctx.out[e.id].primary)
        for e in ctx.graph.of_kind("aws.vpc.interface_endpoint")
        if e.props["service"] == "execute-api" and e.id in ctx.out and ctx.out[e.id].primary
    ]
    if not endpoints:
        name = f"{ctx.ids.node(node.id)}VpcEndpointId"
        endpoints = [
            ctx.template.parameter(
                name,
                Type="String",
                Default="",
                AllowedPattern="^(vpce-[0-9a-f]+)?$",
                Description=f"The execute-api VPC endpoint allowed to call private API {node.label}",
            )
        ]
        ctx.note(
            f"{node.label}: a private API is called through an execute-api interface endpoint; "
            f"set {name} (until then no one can call it)"
        )
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "execute-api:Invoke",
                "Resource": "execute-api:/*",
                "Condition": {"StringEquals": {"aws:SourceVpce": endpoints}},
            }
        ],
    }
