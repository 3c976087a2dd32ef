"""What the architect's review says: rules, the findings they make, and the fixes those carry as document changes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..graph import ArchitectureGraph

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Change:
    """One edit of a design document, in terms a user reads and `apply_fix` performs:

    - `set`: node `node`'s `field` (a dotted path: `props.multi_az`, `usage.monthly_hours`) becomes `value`; with
      no node, the design's `field` (`settings.pricing_model`);
    - `move`: node `node` moves into container `value` (a node id);
    - `add_node`: `value` is a whole node (`{id, kind, label, parent, props, usage, position}`);
    - `add_edge`: `value` is a whole edge (`{id, source, target, props}`);
    - `remove_item`: removes from the list at `field` of node `node` the item at index `value` (several in one
      fix: highest index first).
    """

    op: Literal["set", "move", "add_node", "add_edge", "remove_item"]
    node: str | None = None
    field: str | None = None
    value: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {"op": self.op, "node": self.node, "field": self.field, "value": self.value}


@dataclass(frozen=True)
class Fix:
    """A mechanical remedy: `title` says it as a button would ('Turn on Multi-AZ'); `changes` are the edits."""

    title: str
    changes: tuple[Change, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "changes": [c.as_dict() for c in self.changes]}


@dataclass(frozen=True)
class Hit:
    """What a rule's check reports: the nodes (and edges) concerned, a sentence about them, and a fix if any."""

    nodes: tuple[str, ...]
    message: str
    fix: Fix | None = None
    edges: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One best practice. `source_url` is the AWS documentation it follows (cfn-lint rules carry theirs too)."""

    id: str
    severity: Severity
    title: str
    source_url: str
    check: Callable[[ArchitectureGraph], Iterable[Hit]] = field(repr=False)


@dataclass(frozen=True)
class Finding:
    """A rule's hit on one design. `id` is stable for the same rule and nodes, so a fix can be named by it."""

    rule: str
    severity: Severity
    title: str
    message: str
    source_url: str
    nodes: tuple[str, ...]
    edges: tuple[str, ...] = ()
    fix: Fix | None = None

    @property
    def id(self) -> str:
        return ":".join([self.rule, *self.nodes, *self.edges])

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "source_url": self.source_url,
            "nodes": list(self.nodes),
            "edges": list(self.edges),
            "fix": self.fix.as_dict() if self.fix else None,
        }

    def line(self) -> str:
        where = ", ".join(self.nodes) or "design"
        return f"{self.severity}: {self.rule}: {where}: {self.message}"
