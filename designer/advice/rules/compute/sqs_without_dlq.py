"""An SQS queue without a dead-letter queue redelivers a message its consumers cannot process until the message
expires: the poison message keeps costing receives and retries, then vanishes without a trace.

Source: Amazon SQS Developer Guide, "Using dead-letter queues in Amazon SQS"
(https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
A queue has one when `max_receive_count` is above 0; the exported template then adds the dead-letter queue
(FIFO for a FIFO queue) with the longest retention. The fix sets 5 receives, so a transient failure is retried
a few times before the message is set aside.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.sqs.queue"):
        if not node.props["max_receive_count"]:
            yield Hit(
                (node.id,),
                f"{name(node)} has no dead-letter queue: a message that keeps failing is retried until it "
                "expires, then lost.",
                set_props("Add a dead-letter queue after 5 receives", node.id, max_receive_count=5),
            )


RULE = Rule(
    id="sqs-without-dlq",
    severity="warning",
    title="SQS queue without a dead-letter queue",
    source_url="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html",
    check=check,
)
