"""Drawing a design document node by node: what every blueprint's `build` uses, and the parameters they share.

The document it returns is laid out by the same automatic layout an imported template gets (traffic left to
right, containers sized around their children), so a blueprint never places a node by hand.
"""

from __future__ import annotations

from typing import Any

from ..catalog.fields import REGIONS
from ..cloudformation.layout import layout
from ..document import CURRENT_VERSION, DOCUMENT_TYPE
from ..pricing.regions import LOCATION_OF
from .spec import Param

REGION = Param(
    "region",
    "Region",
    "choice",
    "us-east-1",
    help="The AWS Region the design is deployed in.",
    options=REGIONS,
)


def zones_param(default: int, maximum: int = 6) -> Param:
    return Param(
        "azs",
        "Availability Zones",
        "integer",
        default,
        help="How many zones the network spans; two at least, so that one zone's failure leaves the design running.",
        minimum=2,
        maximum=maximum,
    )


class Drawing:
    """The nodes and connections of a design being drawn, in the order they are added."""

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []

    def add(
        self,
        node_id: str,
        kind: str,
        label: str,
        parent: str | None = None,
        *,
        usage: dict[str, Any] | None = None,
        **props: Any,
    ) -> str:
        """A node; `props` and `usage` hold only what differs from the catalog's defaults."""
        self.nodes.append(
            {"id": node_id, "kind": kind, "label": label, "parent": parent, "props": props, "usage": usage or {}}
        )
        return node_id

    def connect(self, source: str, target: str, *, usage: dict[str, Any] | None = None, **props: Any) -> str:
        edge_id = f"{source}-to-{target}"
        self.edges.append({"id": edge_id, "source": source, "target": target, "props": props, "usage": usage or {}})
        return edge_id

    def region_box(self, region: str) -> str:
        return self.add("region", "aws.region", LOCATION_OF.get(region, region), region=region)

    def document(self, name: str, description: str, region: str) -> dict[str, Any]:
        """The version-1 document, laid out."""
        document: dict[str, Any] = {
            "type": DOCUMENT_TYPE,
            "version": CURRENT_VERSION,
            "name": name,
            "description": description,
            "region": region,
            "settings": {"hours_per_month": 730, "pricing_model": "on_demand"},
            "nodes": self.nodes,
            "edges": self.edges,
        }
        layout(document)
        return document
