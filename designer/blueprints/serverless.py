"""The serverless event-driven blueprint: an API on API Gateway and Lambda over DynamoDB, uploads to S3 processed
from a queue, and order events routed by EventBridge to a Step Functions workflow.

What it draws, following the AWS Well-Architected Serverless Applications Lens
(https://docs.aws.amazon.com/wellarchitected/latest/serverless-applications-lens/welcome.html):
- an HTTP or REST API routing /orders to a function that reads and writes an on-demand DynamoDB table with
  point-in-time recovery, the API writing access logs;
- S3 events: the uploads bucket notifies an SQS queue, which a function consumes in batches. A queue between S3
  and the function (rather than S3 invoking it directly) keeps events that keep failing: after 5 receives they go
  to a dead-letter queue (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html); its visibility timeout is
  six times the function's timeout, as that page advises;
- EventBridge: the API's function puts order events on a custom bus, whose rule starts a Step Functions workflow
  (Standard or Express) that calls a fulfilment function and records the order;
- every function and the workflow logging to a log group that keeps 30 days.
Usage: the API and its function get the monthly requests given; the downstream parts (uploads, order events,
workflow executions) one tenth of them. Functions run on arm64 (Graviton) with the memory given.
"""

from __future__ import annotations

from typing import Any

from .drawing import REGION, Drawing
from .spec import Blueprint, Param, Params

FUNCTION_TIMEOUT_S = 30

PARAMS = (
    REGION,
    Param(
        "api_type",
        "API type",
        "choice",
        "HTTP",
        help="An HTTP API (cheaper, lower latency) or a REST API (usage plans, request validation).",
        options=("HTTP", "REST"),
    ),
    Param(
        "monthly_requests",
        "Requests a month",
        "integer",
        1_000_000,
        help="The API's requests; uploads, events and workflow runs are taken as a tenth of them.",
        minimum=1_000,
        maximum=10_000_000_000,
    ),
    Param(
        "memory_mb",
        "Function memory (MB)",
        "integer",
        512,
        help="Each Lambda function's memory, which also sets its CPU share.",
        minimum=128,
        maximum=10240,
    ),
    Param(
        "s3_events",
        "S3 events",
        "boolean",
        True,
        help="An uploads bucket whose new objects are queued in SQS and processed by a function.",
    ),
    Param(
        "workflow",
        "EventBridge and Step Functions",
        "boolean",
        True,
        help="Order events on an EventBridge bus, starting a Step Functions workflow.",
    ),
    Param(
        "workflow_type",
        "Workflow type",
        "choice",
        "STANDARD",
        help="Standard (exactly once, up to a year) or Express (at least once, up to five minutes, cheaper at volume).",
        options=("STANDARD", "EXPRESS"),
    ),
)


def build(params: Params) -> dict[str, Any]:
    requests = params["monthly_requests"]
    downstream = max(requests // 10, 1)
    memory = params["memory_mb"]
    d = Drawing()

    def function(node_id: str, label: str, invocations: int) -> None:
        d.add(
            node_id,
            "aws.lambda.function",
            label,
            "region",
            memory_mb=memory,
            timeout_s=FUNCTION_TIMEOUT_S,
            usage={"monthly_requests": invocations, "average_duration_ms": 120},
        )
        d.connect(node_id, "logs")

    d.add("users", "external.users", "Clients")
    d.region_box(params["region"])
    d.add("logs", "aws.cloudwatch.log_group", "app-logs", "region", retention_days=30)
    d.add(
        "api",
        "aws.apigateway.api",
        "orders-api",
        "region",
        api_type=params["api_type"],
        usage={"monthly_requests": requests},
    )
    function("orders-fn", "orders-handler", requests)
    d.add("orders", "aws.dynamodb.table", "orders", "region", partition_key="order_id")
    d.connect("users", "api", port=443, protocol="HTTPS")
    d.connect("api", "orders-fn", route="ANY /orders/{proxy+}")
    d.connect("api", "logs")
    d.connect("orders-fn", "orders", access="read-write")

    if params["s3_events"]:
        d.add("uploads", "aws.s3.bucket", "uploads", "region", usage={"monthly_put_requests": downstream})
        d.add(
            "upload-queue",
            "aws.sqs.queue",
            "new-uploads",
            "region",
            visibility_timeout_s=6 * FUNCTION_TIMEOUT_S,
            max_receive_count=5,
            usage={"monthly_requests": 3 * downstream},  # send, receive and delete each message
        )
        function("process-fn", "process-upload", downstream)
        d.connect("uploads", "upload-queue", events="s3:ObjectCreated:*", prefix="incoming/")
        d.connect("upload-queue", "process-fn", batch_size=10)
        d.connect("process-fn", "uploads", access="read-write")

    if params["workflow"]:
        d.add(
            "bus",
            "aws.eventbridge.event_bus",
            "orders-bus",
            "region",
            bus_name="orders",
            usage={"monthly_custom_events": downstream},
        )
        d.add(
            "rule",
            "aws.eventbridge.rule",
            "order-placed",
            "region",
            event_pattern='{"source": ["orders"], "detail-type": ["OrderPlaced"]}',
        )
        d.add(
            "workflow",
            "aws.stepfunctions.state_machine",
            "fulfilment",
            "region",
            workflow_type=params["workflow_type"],
            usage={"monthly_executions": downstream},
        )
        function("fulfil-fn", "fulfil-order", downstream)
        d.connect("orders-fn", "bus", access="write")
        d.connect("bus", "rule")
        d.connect("rule", "workflow")
        d.connect("workflow", "fulfil-fn")
        d.connect("workflow", "orders", access="write")
        d.connect("workflow", "logs")

    return d.document("Serverless event-driven app", _description(params), params["region"])


def _description(params: Params) -> str:
    parts = [f"An order API on API Gateway ({params['api_type']}) and Lambda with DynamoDB"]
    if params["s3_events"]:
        parts.append("uploads to S3 queued in SQS for a processing function")
    if params["workflow"]:
        kind = params["workflow_type"].capitalize()
        parts.append(f"order events routed by EventBridge to a {kind} Step Functions workflow")
    return "; ".join(parts) + "."


BLUEPRINT = Blueprint(
    slug="serverless",
    title="Serverless event-driven app",
    description="API Gateway and Lambda over DynamoDB, S3 upload events through SQS, and EventBridge events "
    "driving a Step Functions workflow; nothing to run when idle.",
    params=PARAMS,
    build=build,
)
