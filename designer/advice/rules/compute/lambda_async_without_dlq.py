"""A Lambda function invoked asynchronously (by S3 event notifications, SNS subscriptions or EventBridge rules)
drops an event for good once its retries fail, unless a dead-letter queue or an on-failure destination keeps it.

Source: AWS Lambda Developer Guide, "Capturing records of Lambda asynchronous invocations"
(https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). The asynchronous callers
are the connections S3 -> Lambda (notification), SNS -> Lambda (subscription) and EventBridge rule -> Lambda
(target); queues and streams invoke through an event source mapping and keep failed records themselves.
The design's Lambda properties express neither a dead-letter queue nor a destination, so the function counts as
covered only when it was imported from a template that gives it one: `DeadLetterConfig` on
AWS::Lambda::Function, `DeadLetterQueue` or `EventInvokeConfig` on AWS::Serverless::Function, or an
AWS::Lambda::EventInvokeConfig with an `OnFailure` destination. There is therefore no mechanical fix.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ....graph import ArchitectureGraph, GraphNode
from ...model import Hit, Rule
from .._helpers import name

ASYNC_MEANINGS = ("notification", "subscription", "target")


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.lambda.function"):
        callers = [e for e in graph.incoming(node.id) if e.meaning in ASYNC_MEANINGS]
        if not callers or _keeps_failures(node):
            continue
        sources = ", ".join(dict.fromkeys(name(graph.node(e.source)) for e in callers))
        yield Hit(
            (node.id,),
            f"{name(node)} is invoked asynchronously by {sources} with no dead-letter queue or on-failure "
            "destination: events that still fail after Lambda's retries are lost.",
            edges=tuple(e.id for e in callers),
        )


def _keeps_failures(node: GraphNode) -> bool:
    cfn = node.cfn or {}
    props = _mapping(cfn.get("properties"))
    if cfn.get("type") == "AWS::Lambda::Function" and _mapping(props.get("DeadLetterConfig")).get("TargetArn"):
        return True
    if cfn.get("type") == "AWS::Serverless::Function" and (
        _mapping(props.get("DeadLetterQueue")).get("TargetArn") or _on_failure(props.get("EventInvokeConfig"))
    ):
        return True
    return any(
        r.get("type") == "AWS::Lambda::EventInvokeConfig" and _on_failure(r.get("properties"))
        for r in cfn.get("resources") or []
        if isinstance(r, Mapping)
    )


def _on_failure(config: Any) -> bool:
    destination = _mapping(_mapping(_mapping(config).get("DestinationConfig")).get("OnFailure"))
    return bool(destination.get("Destination") or destination.get("Type"))  # SAM creates a typed one


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


RULE = Rule(
    id="lambda-async-without-dlq",
    severity="warning",
    title="Asynchronously invoked Lambda function without a dead-letter queue",
    source_url="https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
    check=check,
)
