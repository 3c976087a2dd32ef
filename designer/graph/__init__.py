"""The architecture graph every engine works on, built from a valid design document.

`build()` resolves what the document leaves implicit: the catalog's defaults for properties and usage, the
containment tree (Region > VPC > AZ > subnet > node), the region, VPC, subnets and AZs of every node, the zone
each AZ box stands for, and the meaning of every edge. The graph is frozen; engines never change it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..catalog import CATALOG, EDGE_USAGE, Catalog, Kind
from ..catalog.spec import defaults_of, filled
from ..document import DesignDocument

REGION = "aws.region"
VPC = "aws.vpc.vpc"
AZ = "aws.vpc.availability_zone"
SUBNET = "aws.vpc.subnet"


@dataclass(frozen=True)
class Zone:
    """The Availability Zone an AZ box stands for: an explicit name, or the `index`-th zone of the region
    (CloudFormation's `!Select [index, !GetAZs '']`)."""

    index: int
    name: str | None
    region: str


@dataclass(frozen=True)
class GraphNode:
    id: str
    kind: str
    spec: Kind
    label: str
    parent: str | None
    children: tuple[str, ...]
    props: Mapping[str, Any]
    usage: Mapping[str, Any]
    defaulted_usage: frozenset[str]
    region: str
    vpc: str | None
    subnets: tuple[str, ...]
    azs: tuple[str, ...]
    position: tuple[float, float]
    size: tuple[float, float] | None
    depth: int
    cfn: Mapping[str, Any] | None = None

    @property
    def az(self) -> str | None:
        """The single AZ box this node sits in, if it sits in exactly one."""
        return self.azs[0] if len(self.azs) == 1 else None


@dataclass(frozen=True)
class GraphEdge:
    id: str
    source: str
    target: str
    meaning: str
    description: str
    label: str
    props: Mapping[str, Any]
    usage: Mapping[str, Any]
    origin: str | None = None


@dataclass(frozen=True)
class ArchitectureGraph:
    name: str
    region: str
    settings: Mapping[str, Any]
    nodes: Mapping[str, GraphNode]
    edges: tuple[GraphEdge, ...]
    roots: tuple[str, ...]
    zones: Mapping[str, Zone]
    cloudformation: Mapping[str, Any] | None = None

    def node(self, node_id: str) -> GraphNode:
        return self.nodes[node_id]

    def children(self, node_id: str) -> list[GraphNode]:
        return [self.nodes[c] for c in self.nodes[node_id].children]

    def ancestors(self, node_id: str) -> list[GraphNode]:
        out = []
        parent = self.nodes[node_id].parent
        while parent is not None:
            out.append(self.nodes[parent])
            parent = self.nodes[parent].parent
        return out

    def descendants(self, node_id: str) -> Iterator[GraphNode]:
        for child in self.children(node_id):
            yield child
            yield from self.descendants(child.id)

    def of_kind(self, *kinds: str) -> list[GraphNode]:
        return [n for n in self.nodes.values() if n.kind in kinds]

    def outgoing(self, node_id: str) -> list[GraphEdge]:
        return [e for e in self.edges if e.source == node_id]

    def incoming(self, node_id: str) -> list[GraphEdge]:
        return [e for e in self.edges if e.target == node_id]


def build(document: DesignDocument, catalog: Catalog = CATALOG) -> ArchitectureGraph:
    """The graph of a document that has passed `load()` (unknown kinds or parents raise KeyError)."""
    raw = {n.id: n for n in document.nodes}
    children: dict[str, list[str]] = {n.id: [] for n in document.nodes}
    roots: list[str] = []
    for n in document.nodes:
        (children[n.parent] if n.parent else roots).append(n.id)

    def chain(node_id: str) -> list[str]:
        out, parent = [], raw[node_id].parent
        while parent is not None:
            out.append(parent)
            parent = raw[parent].parent
        return out

    def nearest(node_id: str, kind: str) -> str | None:
        if raw[node_id].kind == kind:
            return node_id
        return next((a for a in chain(node_id) if raw[a].kind == kind), None)

    def region_of(node_id: str) -> str:
        region = nearest(node_id, REGION)
        if region is None:
            return document.region
        spec = catalog.kinds[REGION]
        return str(raw[region].props.get("region", spec.default_props()["region"]))

    zones: dict[str, Zone] = {}
    for n in document.nodes:
        if n.kind == AZ:
            siblings = [c for c in children[n.parent] if raw[c].kind == AZ] if n.parent else [n.id]
            zones[n.id] = Zone(siblings.index(n.id), n.props.get("name") or None, region_of(n.id))

    def subnets_of(n: Any, spec: Kind) -> tuple[str, ...]:
        found: list[str] = []
        if n.kind == SUBNET:
            return (n.id,)
        for a in chain(n.id):
            if raw[a].kind == SUBNET:
                found.append(a)
                break
            if raw[a].kind in (VPC, AZ):
                break
            # a container between the node and its subnets (an Auto Scaling group): its subnets count
            container_spec = catalog.kinds[raw[a].kind]
            if container_spec.placement == "subnets":
                found.extend(subnets_of(raw[a], container_spec))
                break
        if spec.placement == "subnets":
            found.extend(s for s in n.props.get("subnets", ()) if s not in found)
        return tuple(found)

    nodes: dict[str, GraphNode] = {}
    for n in document.nodes:
        spec = catalog.kinds[n.kind]
        subnets = subnets_of(n, spec)
        azs: list[str] = []
        for s in subnets:
            az = nearest(s, AZ)
            if az is not None and az not in azs:
                azs.append(az)
        own_az = nearest(n.id, AZ)
        if not azs and own_az is not None:
            azs.append(own_az)
        vpc = nearest(n.id, VPC) or (nearest(subnets[0], VPC) if subnets else None)
        usage_defaults = spec.default_usage()
        nodes[n.id] = GraphNode(
            id=n.id,
            kind=n.kind,
            spec=spec,
            label=n.label,
            parent=n.parent,
            children=tuple(children[n.id]),
            props=MappingProxyType(filled(spec.props, dict(n.props))),
            usage=MappingProxyType({**usage_defaults, **n.usage}),
            defaulted_usage=frozenset(k for k in usage_defaults if k not in n.usage),
            region=region_of(n.id),
            vpc=vpc,
            subnets=subnets,
            azs=tuple(azs),
            position=n.position,
            size=n.size,
            depth=len(chain(n.id)),
            cfn=n.cfn,
        )

    edges = []
    edge_usage_defaults = defaults_of(EDGE_USAGE)
    for e in document.edges:
        connection = catalog.connections[(raw[e.source].kind, raw[e.target].kind)]
        edges.append(
            GraphEdge(
                id=e.id,
                source=e.source,
                target=e.target,
                meaning=connection.meaning,
                description=connection.description,
                label=e.label,
                props=MappingProxyType(filled(connection.props, dict(e.props))),
                usage=MappingProxyType({**edge_usage_defaults, **e.usage}),
                origin=e.origin,
            )
        )

    settings = {"hours_per_month": 730, "pricing_model": "on_demand", **document.settings}
    return ArchitectureGraph(
        name=document.name,
        region=document.region,
        settings=MappingProxyType(settings),
        nodes=MappingProxyType(nodes),
        edges=tuple(edges),
        roots=tuple(roots),
        zones=MappingProxyType(zones),
        cloudformation=document.cloudformation,
    )
