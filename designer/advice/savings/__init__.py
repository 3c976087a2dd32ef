"""Cost optimisation: suggestions that each change the design and save money.

Each proposer (one module per kind of saving) offers candidates: a fix (document changes) and what it means. A
candidate's saving is never guessed: the changed design is priced with the same price data and the same settings
as the estimate, and the saving is the difference of the two monthly totals. A candidate that saves nothing, or
whose changed design cannot be priced as fully as the original (a pricing model the price data lacks for that
component), is dropped. Of alternatives (a 1-year commitment as a Savings Plan or as reserved instances) only the
one saving most is kept.

    suggestions = suggest(document, prices, settings_of)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from ...document import load
from ...graph import ArchitectureGraph, build
from ...pricing.book import PriceSource
from ...pricing.charges import PricingSettings
from ...pricing.estimate import Estimate, estimate
from ..fixes import FixFailed, apply_fix
from . import commitments as commitments
from . import endpoints as endpoints
from . import graviton as graviton
from . import right_size as right_size
from . import s3_lifecycle as s3_lifecycle
from . import spot as spot
from . import storage as storage
from .model import Candidate, Suggestion

Proposer = Callable[[ArchitectureGraph], Iterable[Candidate]]
PROPOSERS: tuple[Proposer, ...] = (
    right_size.candidates,
    graviton.candidates,
    storage.candidates,
    spot.candidates,
    endpoints.candidates,
    s3_lifecycle.candidates,
    commitments.candidates,
)


def _priced(
    document: Mapping[str, Any], prices: PriceSource, settings_of: Callable[[Mapping[str, Any]], PricingSettings]
) -> Estimate | None:
    loaded = load(document).document
    if loaded is None:
        return None
    return estimate(build(loaded), settings_of(document), prices)


def suggest(
    document: dict[str, Any],
    prices: PriceSource,
    settings_of: Callable[[Mapping[str, Any]], PricingSettings],
    proposers: tuple[Proposer, ...] = PROPOSERS,
) -> list[Suggestion]:
    """Every suggestion that saves money on `document` (a valid design), biggest saving first."""
    loaded = load(document).document
    if loaded is None:
        return []
    graph = build(loaded)
    settings = settings_of(document)
    before = estimate(graph, settings, prices)
    best: dict[str, Suggestion] = {}
    for candidate in _candidates(graph, proposers):
        if _is_local(graph, candidate):
            priced = _local(graph, candidate, before, settings, prices)
        else:
            priced = _whole(document, candidate, before, prices, settings_of)
        if priced is None:
            continue
        suggestion = Suggestion(candidate, *priced)
        if suggestion.monthly_saving < Decimal("0.01"):
            continue
        key = candidate.group or candidate.id
        if key not in best or suggestion.monthly_saving > best[key].monthly_saving:
            best[key] = suggestion
    return sorted(best.values(), key=lambda s: (-s.monthly_saving, s.id))


def _is_local(graph: ArchitectureGraph, candidate: Candidate) -> bool:
    """Whether the candidate only sets properties of one node of the graph (then only that node is priced again)."""
    changes = candidate.fix.changes
    nodes = {c.node for c in changes}
    return (
        len(nodes) == 1
        and next(iter(nodes)) in graph.nodes
        and all(c.op == "set" and (c.field or "").startswith("props.") for c in changes)
    )


def _local(
    graph: ArchitectureGraph, candidate: Candidate, before: Estimate, settings: PricingSettings, prices: PriceSource
) -> tuple[Decimal, Decimal] | None:
    """The design's monthly total before and after a candidate that only sets properties of one node, pricing just
    that node again; None when the change leaves that node less fully priced."""
    changes = candidate.fix.changes
    node_id = str(changes[0].node)
    node = graph.nodes[node_id]
    props = {**node.props, **{(c.field or "").split(".", 1)[1]: c.value for c in changes}}
    changed = replace(graph, nodes={**graph.nodes, node_id: replace(node, props=MappingProxyType(props))})
    after = estimate(changed, settings, prices, only=frozenset({node_id}))
    if len(after.unpriced) > sum(u.node == node_id for u in before.unpriced):
        return None
    old = sum((line.monthly_cost + line.upfront_monthly for line in before.lines if line.node == node_id), Decimal(0))
    return before.total_monthly, before.total_monthly - old + after.total_monthly


def _whole(
    document: dict[str, Any],
    candidate: Candidate,
    before: Estimate,
    prices: PriceSource,
    settings_of: Callable[[Mapping[str, Any]], PricingSettings],
) -> tuple[Decimal, Decimal] | None:
    """The monthly totals before and after, pricing the whole changed design."""
    try:
        changed = apply_fix(document, candidate.fix)
    except FixFailed:
        return None
    after = _priced(changed, prices, settings_of)
    if after is None or len(after.unpriced) > len(before.unpriced):
        return None  # a change that cannot be priced as fully would show a saving that is not one
    return before.total_monthly, after.total_monthly


def _candidates(graph: ArchitectureGraph, proposers: tuple[Proposer, ...]) -> Iterator[Candidate]:
    for propose in proposers:
        yield from propose(graph)


__all__ = ["Candidate", "Suggestion", "suggest"]
