"""What exporters share while a template is built: the template, logical IDs, and each node's handles.

A node's exporter writes its resources and returns a `NodeOut`: the handles connections use to wire it (its
security group, the list its security groups go in, its IAM policy statements, its environment variables, its
ARN and the value that names it). The wiring step (`wiring.py`) then only speaks to handles, never to a
kind's resource layout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..graph import ArchitectureGraph, GraphNode
from .template import LogicalIds, Template, get_att, ref

Json = Any


@dataclass
class NodeOut:
    """The handles of one exported node."""

    primary: str
    arn: Json = None
    name: Json = None
    env_name: str = ""
    security_group: str | None = None
    security_groups: list[Json] | None = None
    statements: list[Json] | None = None
    role: str | None = None
    port: int | None = None
    add_env: Callable[[str, Json], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def attach_security_group(self, logical_id: str) -> bool:
        if self.security_groups is None:
            return False
        value = get_att(logical_id, "GroupId")
        if value not in self.security_groups:
            self.security_groups.append(value)
        return True

    def allow(self, actions: list[str], resources: list[Json], sid: str = "") -> bool:
        """Add a least-privilege statement to this node's own policy (False: the node has no role)."""
        if self.statements is None:
            return False
        statement: dict[str, Json] = {"Effect": "Allow", "Action": sorted(set(actions)), "Resource": resources}
        if sid:
            statement = {"Sid": sid, **statement}
        if statement not in self.statements:
            self.statements.append(statement)
        return True


@dataclass
class Zone:
    """How a template names an AZ box's zone: an explicit name, or the Nth zone of the region."""

    value: Json


class ExportContext:
    def __init__(self, graph: ArchitectureGraph, template: Template) -> None:
        self.graph = graph
        self.template = template
        self.ids = LogicalIds({n.id: n.label for n in graph.nodes.values()})
        self.out: dict[str, NodeOut] = {}
        self.zones: dict[str, Json] = {}
        self.vpc_ids: dict[str, str] = {}
        self.subnet_ids: dict[str, str] = {}
        self.route_tables: dict[str, str] = {}
        self.notes: list[str] = []
        self.ingress_rules: set[str] = set()  # rules already written, so none is written twice
        self._policies: list[tuple[str, GraphNode, list[Json]]] = []
        self._needs: dict[str, list[str]] = {}

    def name(self, node: GraphNode, suffix: str = "") -> str:
        """A node's logical ID, with `suffix` for its secondary resources; claimed so it is never reused."""
        return self.ids.claim(self.ids.node(node.id) + suffix)

    def vpc_of(self, node: GraphNode) -> Json:
        if node.vpc is None:
            raise ValueError(f"{node.label} is not in a VPC")
        return ref(self.vpc_ids[node.vpc])

    def subnets_of(self, node: GraphNode) -> list[Json]:
        return [ref(self.subnet_ids[s]) for s in node.subnets if s in self.subnet_ids]

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def tags(self, node: GraphNode, **extra: str) -> list[dict[str, str]]:
        tags = [{"Key": "Name", "Value": node.label}]
        tags += [{"Key": k, "Value": v} for k, v in extra.items()]
        return tags

    def security_group(self, node: GraphNode, description: str) -> str:
        """A security group of the node's own, in its VPC, with no ingress until connections add some."""
        logical_id = self.name(node, "SecurityGroup")
        self.template.add(
            logical_id,
            "AWS::EC2::SecurityGroup",
            {
                "GroupDescription": description[:255],
                "VpcId": self.vpc_of(node),
                "Tags": self.tags(node),
            },
        )
        return logical_id

    def role(
        self, node: GraphNode, service: str, managed: list[Json] | None = None, suffix: str = "Role"
    ) -> tuple[str, list[Json]]:
        """An IAM role the node's service assumes; connections fill the statements of its policy."""
        logical_id = self.name(node, suffix)
        statements: list[Json] = []
        properties: dict[str, Json] = {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}],
            },
            "Tags": self.tags(node),
        }
        if managed:
            properties["ManagedPolicyArns"] = managed
        self.template.add(logical_id, "AWS::IAM::Role", properties)
        self._policies.append((logical_id, node, statements))
        return logical_id, statements

    def needs_policy(self, logical_id: str, role: str) -> None:
        """`logical_id` needs its role's permissions when it is created (an event source mapping, a state
        machine that logs): it depends on the role's policy, once that is written."""
        self._needs.setdefault(role, []).append(logical_id)

    def finish_policies(self) -> None:
        """Each role's statements, once connections have added them, as a policy resource of its own (a role
        with none gets none). A separate resource, not the role's inline list: the role then refers to nothing,
        so two functions allowed to call each other do not make a dependency cycle through their roles."""
        for role, node, statements in self._policies:
            if not statements:
                continue
            seen: dict[str, int] = {}
            for statement in statements:
                sid = statement.get("Sid")
                if sid:
                    seen[sid] = seen.get(sid, 0) + 1
                    if seen[sid] > 1:
                        statement["Sid"] = f"{sid}{seen[sid]}"
            policy = self.ids.claim(f"{role}Policy")
            self.template.add(
                policy,
                "AWS::IAM::Policy",
                {
                    "PolicyName": f"{self.ids.node(node.id)}Access",
                    "PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
                    "Roles": [ref(role)],
                },
            )
            for dependent in self._needs.get(role, []):
                resource = self.template.resources[dependent]
                depends = resource.get("DependsOn", [])
                depends = [depends] if isinstance(depends, str) else depends
                resource["DependsOn"] = [*depends, policy]
