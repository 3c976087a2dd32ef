"""The loaded design document: what `load()` returns once a document has passed the gate."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .migrations import CURRENT_VERSION
from .schema import DOCUMENT_TYPE


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    label: str
    parent: str | None = None
    position: tuple[float, float] = (0.0, 0.0)
    size: tuple[float, float] | None = None
    props: dict[str, Any] = field(default_factory=dict)
    usage: dict[str, Any] = field(default_factory=dict)
    cfn: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "parent": self.parent,
            "position": {"x": self.position[0], "y": self.position[1]},
        }
        if self.size is not None:
            out["size"] = {"width": self.size[0], "height": self.size[1]}
        out["props"] = self.props
        out["usage"] = self.usage
        if self.cfn is not None:
            out["cfn"] = self.cfn
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Node:
        pos = raw.get("position") or {"x": 0, "y": 0}
        size = raw.get("size")
        return cls(
            id=raw["id"],
            kind=raw["kind"],
            label=raw["label"],
            parent=raw.get("parent"),
            position=(pos["x"], pos["y"]),
            size=(size["width"], size["height"]) if size else None,
            props=dict(raw.get("props") or {}),
            usage=dict(raw.get("usage") or {}),
            cfn=raw.get("cfn"),
        )


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    label: str = ""
    props: dict[str, Any] = field(default_factory=dict)
    usage: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "source": self.source, "target": self.target}
        if self.label:
            out["label"] = self.label
        out["props"] = self.props
        out["usage"] = self.usage
        if self.origin:
            out["origin"] = self.origin
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Edge:
        return cls(
            id=raw["id"],
            source=raw["source"],
            target=raw["target"],
            label=raw.get("label", ""),
            props=dict(raw.get("props") or {}),
            usage=dict(raw.get("usage") or {}),
            origin=raw.get("origin"),
        )


@dataclass(frozen=True)
class DesignDocument:
    """A valid design at the current format version. Properties hold only what the author set; the graph
    applies the catalog's defaults."""

    name: str
    region: str
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    description: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    cloudformation: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "type": DOCUMENT_TYPE,
            "version": CURRENT_VERSION,
            "name": self.name,
            "description": self.description,
            "region": self.region,
            "settings": self.settings,
            "nodes": [n.to_dict() for n in self.nodes],
            "edges": [e.to_dict() for e in self.edges],
        }
        if self.cloudformation:
            out["cloudformation"] = self.cloudformation
        return out

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> DesignDocument:
        """Build from a dict that has already passed `load()`; this does not validate."""
        return cls(
            name=raw["name"],
            region=raw["region"],
            description=raw.get("description", ""),
            settings=dict(raw.get("settings") or {}),
            cloudformation=raw.get("cloudformation"),
            nodes=tuple(Node.from_dict(n) for n in raw["nodes"]),
            edges=tuple(Edge.from_dict(e) for e in raw["edges"]),
        )


def new_document(name: str, region: str = "us-east-1") -> dict[str, Any]:
    """An empty design, as a dict ready to be loaded or stored."""
    return DesignDocument(name=name, region=region).to_dict()
