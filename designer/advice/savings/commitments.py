"""Savings Plans and reserved instances: a 1-year and a 3-year commitment for each component priced on demand,
and for the whole design, whichever purchase option saves most for each term.

Sources: Compute Savings Plans (https://docs.aws.amazon.com/savingsplans/latest/userguide/what-is-savings-plans.html),
reserved instances (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-reserved-instances.html), reserved DB
instances (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithReservedDBInstances.html).
An upfront payment counts spread over the term's months, as the estimate counts it. A purchase option the price
data has no price for (a Savings Plan for a database) leaves that component unpriced and is dropped.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...graph import ArchitectureGraph, GraphNode
from ..model import Change, Fix
from ._common import instances, label, set_props
from .model import Candidate

SOURCE = "https://docs.aws.amazon.com/savingsplans/latest/userguide/what-is-savings-plans.html"
OPTIONS = {
    "1y": ("savings_plan_1y", "reserved_1y_no_upfront", "reserved_1y_partial_upfront", "reserved_1y_all_upfront"),
    "3y": ("savings_plan_3y", "reserved_3y_no_upfront", "reserved_3y_partial_upfront", "reserved_3y_all_upfront"),
}


def describe(model: str) -> str:
    """'savings_plan_1y' -> 'a 1-year Compute Savings Plan'; 'reserved_3y_all_upfront' -> '3-year reserved
    capacity, all upfront'."""
    years = "1-year" if "_1y" in model else "3-year"
    if model.startswith("savings_plan"):
        return f"a {years} Compute Savings Plan"
    payment = model.split("_", 2)[2].replace("_", " ")
    return f"{years} reserved capacity, {payment}"


def candidates(graph: ArchitectureGraph) -> Iterator[Candidate]:
    design_model = str(graph.settings.get("pricing_model", "on_demand"))
    for node in graph.nodes.values():
        if "pricing_model" not in node.props:
            continue
        own = str(node.props["pricing_model"])
        if (own if own != "design" else design_model) != "on_demand":
            continue
        yield from _for_node(node)
    if design_model == "on_demand":
        for term, models in OPTIONS.items():
            for model in models:
                yield Candidate(
                    id=f"commitment-{term}:design",
                    kind=f"commitment-{term}",
                    title=f"The whole design on {describe(model)}",
                    message=f"Committing every component that can be to {describe(model)}.",
                    nodes=(),
                    fix=Fix(
                        f"Price the design as {describe(model)}",
                        (Change("set", field="settings.pricing_model", value=model),),
                    ),
                    source_url=SOURCE,
                    group=f"commitment-{term}:design",
                )


def _for_node(node: GraphNode) -> Iterator[Candidate]:
    for term, models in OPTIONS.items():
        for model in models:
            yield Candidate(
                id=f"commitment-{term}:{node.id}",
                kind=f"commitment-{term}",
                title=f"{describe(model)[0].upper()}{describe(model)[1:]} for {label(node)}",
                message=f"{label(node)} runs on demand; {describe(model)} covers it.",
                nodes=(node.id,),
                fix=set_props(f"Price it as {describe(model)}", node.id, pricing_model=model),
                source_url=SOURCE,
                group=f"commitment-{term}:{node.id}",
                per=instances(node),
            )
