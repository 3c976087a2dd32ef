"""The rules' test table: what a `Case` is, and builders the cases share. The cases themselves are in
tests/advice/cases_<group>.py (each module's `CASES`), one per rule; tests/advice/test_rules.py runs them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.engines.design_builders import AZ, RDS, SUBNET, VPC, doc, node

Document = dict[str, Any]


@dataclass(frozen=True)
class Case:
    rule: str
    triggers: Callable[[], Document]  # a valid design on which the rule finds something
    passes: Callable[[], Document]  # a valid design, as close as can be, on which it finds nothing
    nodes: tuple[str, ...]  # the nodes the finding on `triggers` names
    fixed: bool = True  # whether that finding carries a fix (applying it must remove the finding)
    message: str = ""  # a phrase the finding's message contains
    extra: dict[str, Any] = field(default_factory=dict)


def tiered_network(db_tier: str = "public", **db: Any) -> Document:
    """A VPC with two AZs, each with a public and an isolated subnet; an RDS database in zone a's `db_tier`
    subnet (its `subnets` in both zones' `db_tier` subnets)."""
    nodes = [node("vpc", VPC, cidr="10.0.0.0/16")]
    for i, letter in enumerate("ab"):
        nodes.append(node(f"az-{letter}", AZ, "vpc", name=f"us-east-1{letter}"))
        nodes.append(node(f"public-{letter}", SUBNET, f"az-{letter}", cidr=f"10.0.{i}.0/24", tier="public"))
        nodes.append(node(f"isolated-{letter}", SUBNET, f"az-{letter}", cidr=f"10.0.{10 + i}.0/24", tier="isolated"))
    props = {"multi_az": True, **db, "subnets": [f"{db_tier}-a", f"{db_tier}-b"]}
    nodes.append(node("db", RDS, "vpc", **props))
    return doc(*nodes)
