"""An IAM policy that allows every action (`"*"`), every action of a service (`"s3:*"`), everything but a few
actions (`NotAction`) or actions on every resource (`"Resource": "*"`) grants far more than a workload uses; a
leaked credential or a bug then reaches everything the wildcard covers.

Source: IAM User Guide, "Security best practices in IAM", apply least-privilege permissions
(https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html). The design's own roles get their
statements from connections, scoped to each target's ARN; what can still be too broad is:
- the AWS managed policies an IAM role node names: AdministratorAccess (`*` on `*`), PowerUserAccess and the
  `...FullAccess` policies (`service:*`);
- the policies of nodes imported from a template (the node's `cfn` resource and the resources kept with it):
  inline `Policies` and `ManagedPolicyArns` of AWS::IAM::Role, AWS::IAM::Policy, ManagedPolicy and RolePolicy
  documents, and the `Policies` of AWS::Serverless::Function.
`"Resource": "*"` is reported only for actions that can be scoped: not List* and Describe* actions, nor the few
that take no resource (Service Authorization Reference), listed in UNSCOPED. There is no mechanical fix: what
to grant instead depends on what the workload does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ....graph import ArchitectureGraph, GraphNode
from ...model import Hit, Rule
from .._helpers import name

# An AWS managed policy, by ARN (any partition, any path) or by the bare name SAM accepts.
_MANAGED = re.compile(r"(?:^|:iam::aws:policy/(?:.*/)?)(?P<name>[A-Za-z0-9+=,.@_-]+)$")
BROAD_MANAGED = ("AdministratorAccess", "PowerUserAccess")

# Actions that take no resource ARN, so "*" is the only resource they can have.
UNSCOPED = frozenset(
    {
        "cloudwatch:putmetricdata",
        "ec2:assignprivateipaddresses",
        "ec2:createnetworkinterface",
        "ec2:deletenetworkinterface",
        "ec2:unassignprivateipaddresses",
        "ecr:getauthorizationtoken",
        "kms:createkey",
        "logs:createlogdelivery",
        "logs:deletelogdelivery",
        "logs:getlogdelivery",
        "logs:putresourcepolicy",
        "logs:updatelogdelivery",
        "sts:getcalleridentity",
        "xray:puttelemetryrecords",
        "xray:puttracesegments",
    }
)
_POLICY_RESOURCES = ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy")


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.nodes.values():
        found = list(dict.fromkeys(_problems(node)))
        if found:
            shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
            yield Hit(
                (node.id,),
                f"{name(node)} allows {shown}: grant only the actions it uses, on the resources it uses.",
            )


def _problems(node: GraphNode) -> Iterator[str]:
    if node.kind == "aws.iam.role":
        yield from _managed(node.props.get("managed_policy_arns") or ())
    cfn = node.cfn or {}
    resources = [cfn, *(r for r in cfn.get("resources") or [] if isinstance(r, Mapping))]
    for resource in resources:
        kind, props = resource.get("type"), _mapping(resource.get("properties"))
        if kind == "AWS::IAM::Role":
            yield from _managed(_list(props.get("ManagedPolicyArns")))
            for policy in _list(props.get("Policies")):
                yield from _document(_mapping(policy).get("PolicyDocument"))
        elif kind in _POLICY_RESOURCES:
            yield from _document(props.get("PolicyDocument"))
        elif kind == "AWS::Serverless::Function":
            for policy in _list(props.get("Policies")):
                if isinstance(policy, Mapping) and "Statement" in policy:
                    yield from _document(policy)
                else:
                    yield from _managed([policy])


def _managed(arns: Any) -> Iterator[str]:
    for arn in arns:
        text = arn.get("Fn::Sub") if isinstance(arn, Mapping) else arn
        match = _MANAGED.search(text) if isinstance(text, str) else None
        if match and (match["name"] in BROAD_MANAGED or match["name"].endswith("FullAccess")):
            yield f"the AWS managed policy {match['name']}"


def _document(document: Any) -> Iterator[str]:
    for statement in _list(_mapping(document).get("Statement")):
        if not isinstance(statement, Mapping) or statement.get("Effect", "Allow") != "Allow":
            continue
        if "NotAction" in statement:
            yield "every action but those its NotAction lists"
        actions = [a for a in _list(statement.get("Action")) if isinstance(a, str)]
        for action in actions:
            if action == "*":
                yield 'every action (Action "*")'
            elif action.endswith(":*"):
                yield f'every {action[:-2]} action (Action "{action}")'
        if "*" in _list(statement.get("Resource")):
            scoped = [a for a in actions if a != "*" and not a.endswith(":*") and _can_be_scoped(a)]
            if scoped:
                yield f'{scoped[0]} on every resource (Resource "*")'


def _can_be_scoped(action: str) -> bool:
    verb = action.partition(":")[2]
    return not verb.startswith(("List", "Describe")) and action.lower() not in UNSCOPED


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


RULE = Rule(
    id="iam-wildcard",
    severity="error",
    title="IAM policy with wildcard permissions",
    source_url="https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html",
    check=check,
)
