"""Application integration kinds: queues, topics, event buses and rules, state machines."""

from __future__ import annotations

from .fields import choice, integer, number, string
from .network import REGION
from .spec import Kind

KINDS = [
    Kind(
        kind="aws.sqs.queue",
        label="SQS queue",
        category="integration",
        service="Amazon SQS",
        description="A message queue, standard or FIFO.",
        icon="aws/integration/simple-queue-service-sqs-queue.png",
        cfn_types=("AWS::SQS::Queue", "AWS::SQS::QueuePolicy"),
        parents=(REGION,),
        at_root=True,
        props=(
            choice("queue_type", "Type", ("standard", "fifo"), "standard"),
            integer("visibility_timeout_s", "Visibility timeout", 30, minimum=0, maximum=43200, unit="seconds"),
            integer("message_retention_s", "Message retention", 345600, minimum=60, maximum=1209600, unit="seconds"),
            integer("max_receive_count", "Receives before the dead-letter queue", 0, minimum=0, maximum=1000,
                    help="0 means no dead-letter queue."),  # fmt: skip
        ),
        usage=(number("monthly_requests", "Requests (64 KB chunks)", 1_000_000, unit="requests/month"),),
        keywords=("queue", "messages", "sqs", "fifo"),
        docs_url="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/welcome.html",
    ),
    Kind(
        kind="aws.sns.topic",
        label="SNS topic",
        category="integration",
        service="Amazon SNS",
        description="Publish/subscribe fan-out to queues, functions and endpoints.",
        icon="aws/integration/simple-notification-service-sns-topic.png",
        cfn_types=("AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::SNS::TopicPolicy"),
        parents=(REGION,),
        at_root=True,
        props=(choice("topic_type", "Type", ("standard", "fifo"), "standard"),),
        usage=(
            number("monthly_publishes", "Publishes", 1_000_000, unit="requests/month"),
            number("monthly_http_deliveries", "HTTP/S deliveries", 0, unit="per month"),
            number("monthly_email_deliveries", "Email deliveries", 0, unit="per month"),
        ),
        keywords=("pubsub", "notifications", "fan-out", "topic"),
        docs_url="https://docs.aws.amazon.com/sns/latest/dg/welcome.html",
    ),
    Kind(
        kind="aws.eventbridge.event_bus",
        label="EventBridge event bus",
        category="integration",
        service="Amazon EventBridge",
        description="Receives events; its rules route them to targets.",
        icon="aws/integration/eventbridge-custom-event-bus-resource.png",
        cfn_types=("AWS::Events::EventBus",),
        parents=(REGION,),
        at_root=True,
        props=(
            string("bus_name", "Bus name", "default", pattern=r"^[A-Za-z0-9._-]+$", max_length=256,
                   help="'default' is the account's default bus."),  # fmt: skip
        ),
        usage=(number("monthly_custom_events", "Custom events published", 1_000_000, unit="events/month"),),
        keywords=("events", "event bus", "eventbridge"),
        docs_url="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus.html",
    ),
    Kind(
        kind="aws.eventbridge.rule",
        label="EventBridge rule",
        category="integration",
        service="Amazon EventBridge",
        description="Matches events on a bus, or fires on a schedule, and sends them to its targets.",
        icon="aws/integration/eventbridge-rule.png",
        cfn_types=("AWS::Events::Rule",),
        parents=(REGION,),
        at_root=True,
        props=(
            choice("trigger", "Trigger", ("event_pattern", "schedule"), "event_pattern"),
            string("event_pattern", "Event pattern (JSON)", '{"source": ["aws.s3"]}', max_length=4096),
            string("schedule_expression", "Schedule", "rate(5 minutes)", max_length=256,
                   pattern=r"^(rate\(.+\)|cron\(.+\))$"),  # fmt: skip
        ),
        keywords=("events", "schedule", "cron", "rule"),
        docs_url="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html",
    ),
    Kind(
        kind="aws.stepfunctions.state_machine",
        label="Step Functions state machine",
        category="integration",
        service="AWS Step Functions",
        description="A workflow of steps calling functions and AWS services.",
        icon="aws/integration/step-functions.png",
        cfn_types=("AWS::StepFunctions::StateMachine", "AWS::IAM::Role", "AWS::Logs::LogGroup"),
        parents=(REGION,),
        at_root=True,
        props=(choice("workflow_type", "Workflow type", ("STANDARD", "EXPRESS"), "STANDARD"),),
        usage=(
            number("monthly_executions", "Executions", 100_000, unit="per month"),
            number("transitions_per_execution", "State transitions per execution", 10, unit="per execution",
                   help="Standard workflows."),  # fmt: skip
            number("average_duration_ms", "Average duration", 1000, unit="ms", help="Express workflows."),
            number("memory_mb", "Memory", 64, minimum=64, unit="MB", help="Express workflows."),
        ),
        keywords=("workflow", "orchestration", "state machine"),
        docs_url="https://docs.aws.amazon.com/step-functions/latest/dg/welcome.html",
    ),
]
