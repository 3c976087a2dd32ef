"""What a saving is: a candidate change, and the suggestion it becomes once both designs are priced."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...pricing.estimate import money
from ..model import Fix


@dataclass(frozen=True)
class Candidate:
    """A change that may save money. `group` names alternatives of which only the best is kept; `per` is the
    number of instances the saving spreads over (for a 'per instance' figure)."""

    id: str
    kind: str
    title: str
    message: str
    nodes: tuple[str, ...]
    fix: Fix
    source_url: str
    is_estimate: bool = False
    group: str = ""
    per: int = 1


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    monthly_before: Decimal
    monthly_after: Decimal

    @property
    def monthly_saving(self) -> Decimal:
        return self.monthly_before - self.monthly_after

    @property
    def id(self) -> str:
        return self.candidate.id

    def as_dict(self) -> dict[str, Any]:
        c = self.candidate
        saving = self.monthly_saving
        out = {
            "id": c.id,
            "kind": c.kind,
            "title": c.title,
            "message": f"{c.message} Saves ${money(saving)} a month"
            + (f" (${money(saving / c.per)} per instance)" if c.per > 1 else "")
            + (", an estimate" if c.is_estimate else "")
            + ".",
            "nodes": list(c.nodes),
            "source_url": c.source_url,
            "is_estimate": c.is_estimate,
            "monthly_saving": money(saving),
            "yearly_saving": money(saving * 12),
            "monthly_before": money(self.monthly_before),
            "monthly_after": money(self.monthly_after),
            "fix": c.fix.as_dict(),
        }
        return out
