"""An API Gateway API without access logging leaves no record of who called it, when, and with what result,
which incident response and many compliance frameworks need.

Source: Amazon API Gateway Developer Guide, "Configure logging for HTTP APIs in API Gateway"
(https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html), which recommends writing
logs to CloudWatch Logs for every stage. The design expresses access logging as a connection from the API to a
CloudWatch log group; the exported template writes the stage's access log settings for HTTP APIs (for REST APIs
it notes that the account's API Gateway logging role is needed). Throttling is not checked: the design has no
property for it. The fix adds a log group keeping 30 days beside the API and connects the API to it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph, GraphNode
from ...model import Change, Fix, Hit, Rule
from .._helpers import name
from ..compute._common import new_id, node_beside


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.apigateway.api"):
        if not any(e.meaning == "logs" for e in graph.outgoing(node.id)):
            yield Hit(
                (node.id,),
                f"{name(node)} writes no access logs: there is no record of the requests it served.",
                _fix(graph, node),
            )


def _fix(graph: ArchitectureGraph, api: GraphNode) -> Fix:
    group = new_id(graph, f"{api.id}-access-logs")
    edge = new_id(graph, f"{api.id}-logs-to-{group}", group)
    label = f"{api.label or api.id} access logs"[:200]
    return Fix(
        "Send access logs to a new log group",
        (
            Change("add_node", value=node_beside(api, group, "aws.cloudwatch.log_group", label, retention_days=30)),
            Change("add_edge", value={"id": edge, "source": api.id, "target": group, "props": {}}),
        ),
    )


RULE = Rule(
    id="api-gateway-without-access-logs",
    severity="warning",
    title="API Gateway API without access logs",
    source_url="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html",
    check=check,
)
