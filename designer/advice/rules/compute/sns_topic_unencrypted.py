"""An SNS topic that S3 or EventBridge publishes to cannot use the AWS managed key `aws/sns` (its key policy
admits no service principal), so unless a customer managed KMS key encrypts it the topic stores messages
unencrypted.

Source: AWS Config managed rule sns-encrypted-kms
(https://docs.aws.amazon.com/config/latest/developerguide/sns-encrypted-kms.html). Other topics are exported
encrypted with `aws/sns` and are not reported. The publishers are the connections S3 -> SNS (notification) and
EventBridge rule -> SNS (target); a topic is covered by a KMS key connected to it. The fix adds a KMS key (with
automatic rotation) beside the topic and connects it; the exported key policy then lets those services use it.
A customer managed key costs a monthly fee plus its requests.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph, GraphNode
from ...model import Change, Fix, Hit, Rule
from .._helpers import name
from ._common import new_id, node_beside

PUBLISHERS = ("notification", "target")


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.sns.topic"):
        incoming = graph.incoming(node.id)
        if any(e.meaning == "encrypts" for e in incoming):
            continue
        publishers = [e for e in incoming if e.meaning in PUBLISHERS]
        if not publishers:
            continue
        sources = ", ".join(dict.fromkeys(name(graph.node(e.source)) for e in publishers))
        yield Hit(
            (node.id,),
            f"{name(node)} is published to by {sources}, which cannot use the AWS managed key aws/sns: "
            "without a KMS key of its own its messages are stored unencrypted.",
            _fix(graph, node),
        )


def _fix(graph: ArchitectureGraph, topic: GraphNode) -> Fix:
    key = new_id(graph, f"{topic.id}-key")
    edge = new_id(graph, f"{key}-encrypts-{topic.id}", key)
    label = f"{topic.label or topic.id} key"[:200]
    return Fix(
        "Encrypt it with a new KMS key",
        (
            Change("add_node", value=node_beside(topic, key, "aws.kms.key", label, key_rotation=True)),
            Change("add_edge", value={"id": edge, "source": key, "target": topic.id, "props": {}}),
        ),
    )


RULE = Rule(
    id="sns-topic-unencrypted",
    severity="warning",
    title="SNS topic stored unencrypted",
    source_url="https://docs.aws.amazon.com/config/latest/developerguide/sns-encrypted-kms.html",
    check=check,
)
