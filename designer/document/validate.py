"""The design rules beyond the JSON shape: kinds, properties, containment, addresses, placement and edges.

Every rule reports all its findings; nothing stops at the first. The input is the list of node and edge
dicts that passed the shape check (with their index in the document, for the JSON path).
"""

from __future__ import annotations

import ipaddress
import itertools
import weakref
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..catalog import EDGE_USAGE, Catalog, Kind
from ..catalog.spec import Field, filled, object_schema
from . import messages
from .problems import Problem, json_path

REGION = "aws.region"
VPC = "aws.vpc.vpc"
AZ = "aws.vpc.availability_zone"
SUBNET = "aws.vpc.subnet"

_VALIDATORS: weakref.WeakKeyDictionary[Catalog, dict[str, messages.Validator]] = weakref.WeakKeyDictionary()


def _validator(catalog: Catalog, key: str, schema: Callable[[], dict[str, Any]]) -> messages.Validator:
    """The compiled validator of `schema()`, built once per catalog and key."""
    cache = _VALIDATORS.setdefault(catalog, {})
    if key not in cache:
        cache[key] = messages.validator(schema())
    return cache[key]


def a(label: str) -> str:
    """`label` with its indefinite article: 'an EC2 instance', 'a VPC', 'an Application Load Balancer'."""
    first = label.split()[0]
    if label.startswith("Users"):
        return label
    if first.isupper() and first != "NAT" and len(first) <= 4:
        return f"{'an' if first[0] in 'AEFHILMNORSX' else 'a'} {label}"
    return f"{'an' if first[0].upper() in 'AEIOU' else 'a'} {label}"


def A(label: str) -> str:
    """`a(label)` at the start of a sentence."""
    text = a(label)
    return text[0].upper() + text[1:]


def or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


@dataclass
class _Node:
    index: int
    raw: dict[str, Any]
    kind: Kind | None

    @property
    def id(self) -> str:
        return str(self.raw["id"])

    def path(self, *parts: str | int) -> str:
        return json_path("nodes", self.index, *parts)


class Checker:
    def __init__(self, catalog: Catalog, region: str) -> None:
        self.catalog = catalog
        self.region = region
        self.problems: list[Problem] = []
        self.nodes: dict[str, _Node] = {}

    # -- reporting ------------------------------------------------------------------------------------
    def node_problem(self, node: _Node, code: str, message: str, *parts: str | int, severity: str = "error") -> None:
        field = ".".join(str(p) for p in parts) or None
        self.problems.append(
            Problem(code, message, node.path(*parts), node=node.id, field=field, severity=severity)  # type: ignore[arg-type]
        )

    def edge_problem(self, index: int, edge_id: str, code: str, message: str, *parts: str | int) -> None:
        field = ".".join(str(p) for p in parts) or None
        self.problems.append(Problem(code, message, json_path("edges", index, *parts), edge=edge_id, field=field))

    # -- the rules -------------------------------------------------------------------------------------
    def run(
        self,
        nodes: list[tuple[int, dict[str, Any]]],
        edges: list[tuple[int, dict[str, Any]]],
        all_ids: dict[str, list[str]],
    ) -> list[Problem]:
        self.check_ids(all_ids)
        for index, raw in nodes:
            kind = self.catalog.get(raw["kind"])
            node = _Node(index, raw, kind)
            if raw["id"] in self.nodes:
                continue  # reported as a duplicate id
            self.nodes[raw["id"]] = node
            if kind is None:
                self.node_problem(node, "unknown_kind", f"'{raw['kind']}' is not a kind in the catalog.", "kind")
                continue
            self.check_fields(node, kind)
        # Nodes that exist but were skipped for a malformed shape: references to them are not 'unknown'.
        self.known_ids = {i for i, places in all_ids.items() if any(p.startswith("$.nodes") for p in places)}
        for node in self.nodes.values():
            self.check_parent(node)
        for node in self.nodes.values():
            if node.kind is not None:
                self.check_refs(node)
                self.check_placement(node)
        self.check_cidrs()
        self.check_zones()
        self.check_edges(edges)
        return self.problems

    def check_ids(self, all_ids: dict[str, list[str]]) -> None:
        for element_id, places in all_ids.items():
            if len(places) > 1:
                self.problems.append(
                    Problem(
                        "duplicate_id",
                        f"Id '{element_id}' is used {len(places)} times ({', '.join(places)}); ids must be unique.",
                        places[1],
                        node=element_id if places[1].startswith("$.nodes") else None,
                        edge=element_id if places[1].startswith("$.edges") else None,
                        field="id",
                    )
                )

    def check_fields(self, node: _Node, kind: Kind) -> None:
        for part, schema_key, schema in (
            ("props", f"{kind.kind}:props", kind.props_schema),
            ("usage", f"{kind.kind}:usage", kind.usage_schema),
        ):
            values = node.raw.get(part) or {}
            v = _validator(self.catalog, schema_key, schema)
            for path, message in messages.errors(v, values):
                code = "invalid_property" if part == "props" else "invalid_usage"
                self.node_problem(node, code, message, part, *path)
        raw_props = node.raw.get("props") or {}
        props = {**kind.default_props(), **raw_props}
        for field in kind.props:
            if field.type == "list" and field.items is not None and isinstance(raw_props.get(field.name), list):
                self.check_items(node, field, raw_props[field.name])
        for group in kind.ordered:
            values = [(name, props.get(name)) for name in group]
            for (lo_name, lo), (hi_name, hi) in itertools.pairwise(values):
                if isinstance(lo, int | float) and isinstance(hi, int | float) and lo > hi:
                    lo_label = kind.field(lo_name).label  # type: ignore[union-attr]
                    hi_label = kind.field(hi_name).label  # type: ignore[union-attr]
                    self.node_problem(
                        node, "order", f"{lo_label} ({lo}) must not exceed {hi_label} ({hi}).", "props", lo_name
                    )

    def check_items(self, node: _Node, field: Field, items: list[Any]) -> None:
        """Items of a list property that AWS would refuse: two alike in `unique_by`, a range running backwards."""
        assert field.items is not None
        item_spec = field.items
        noun = field.label.removesuffix("s")  # "Rules" -> "Rule 2 repeats rule 1"
        seen: dict[tuple[Any, ...], int] = {}
        for i, raw in enumerate(items):
            if not isinstance(raw, dict):
                continue  # the schema reported it
            item = filled(item_spec.fields, raw)
            for group in item_spec.ordered:
                values = [item.get(name) for name in group]
                numbers = [float(v) for v in values if isinstance(v, int | float)]
                if len(numbers) == len(values) and numbers != sorted(numbers):
                    labels = [next(f.label for f in item_spec.fields if f.name == name) for name in group]
                    self.node_problem(
                        node,
                        "order",
                        f"{labels[0]} ({values[0]}) must not exceed {labels[1]} ({values[1]}).",
                        "props",
                        field.name,
                        i,
                        group[0],
                    )
            if field.unique_by:
                key = tuple(item.get(name) for name in field.unique_by)
                if key in seen:
                    alike = ", ".join(
                        f"{next(f.label for f in item_spec.fields if f.name == n).lower()} {item.get(n)}"
                        for n in field.unique_by
                    )
                    self.node_problem(
                        node,
                        "duplicate_item",
                        f"{noun} {i + 1} repeats {noun.lower()} {seen[key] + 1} ({alike}); AWS refuses two alike.",
                        "props",
                        field.name,
                        i,
                    )
                else:
                    seen[key] = i

    def parent_of(self, node: _Node) -> _Node | None:
        parent_id = node.raw.get("parent")
        return self.nodes.get(parent_id) if parent_id else None

    def check_parent(self, node: _Node) -> None:
        parent_id = node.raw.get("parent")
        if parent_id is not None and parent_id not in self.nodes:
            if parent_id not in self.known_ids:
                self.node_problem(
                    node, "unknown_parent", f"Parent '{parent_id}' is not a node of this design.", "parent"
                )
            return
        if self._in_cycle(node):
            self.node_problem(node, "parent_cycle", "Its parents lead back to itself.", "parent")
            return
        kind = node.kind
        parent = self.parent_of(node)
        if kind is None or (parent is not None and parent.kind is None):
            return
        if parent is None:
            if not kind.at_root:
                self.node_problem(
                    node,
                    "invalid_parent",
                    f"{A(kind.label)} must sit in {self._places(kind)}, not at the top level.",
                    "parent",
                )
            return
        assert parent.kind is not None
        if parent.kind.kind not in kind.parents:
            self.node_problem(
                node,
                "invalid_parent",
                f"{A(kind.label)} must sit in {self._places(kind)}, not in {a(parent.kind.label)} ('{parent.id}').",
                "parent",
            )

    def _places(self, kind: Kind) -> str:
        names = [a(self.catalog.kinds[p].label) for p in kind.parents if p in self.catalog.kinds]
        if kind.at_root:
            names = ["the top level", *names]
        return or_list(names) if names else "nothing"

    def _in_cycle(self, node: _Node) -> bool:
        seen = {node.id}
        current = self.parent_of(node)
        while current is not None:
            if current.id in seen:
                return True
            seen.add(current.id)
            current = self.parent_of(current)
        return False

    def ancestors(self, node: _Node) -> list[_Node]:
        out: list[_Node] = []
        seen = {node.id}
        current = self.parent_of(node)
        while current is not None and current.id not in seen:
            out.append(current)
            seen.add(current.id)
            current = self.parent_of(current)
        return out

    def ancestor_of_kind(self, node: _Node, kind: str) -> _Node | None:
        return next((n for n in self.ancestors(node) if n.kind and n.kind.kind == kind), None)

    def vpc_of(self, node: _Node) -> _Node | None:
        if node.kind and node.kind.kind == VPC:
            return node
        return self.ancestor_of_kind(node, VPC)

    def check_refs(self, node: _Node) -> None:
        kind = node.kind
        assert kind is not None
        props = node.raw.get("props") or {}
        for f in kind.props:
            if f.type != "refs" or not isinstance(props.get(f.name), list):
                continue
            for i, ref in enumerate(props[f.name]):
                target = self.nodes.get(ref) if isinstance(ref, str) else None
                if target is None and ref in self.known_ids:
                    continue  # a malformed node, reported on its own
                if target is None:
                    self.node_problem(
                        node,
                        "unknown_reference",
                        f"{f.label}: '{ref}' is not a node of this design.",
                        "props",
                        f.name,
                        i,
                    )
                elif target.kind is None or target.kind.kind not in f.ref_kinds:
                    wanted = or_list([a(self.catalog.kinds[k].label) for k in f.ref_kinds])
                    is_a = a(target.kind.label) if target.kind else "of an unknown kind"
                    self.node_problem(
                        node, "invalid_reference", f"{f.label}: '{ref}' is {is_a}, not {wanted}.", "props", f.name, i
                    )

    def subnets_of(self, node: _Node) -> list[_Node]:
        """The subnets a subnet-placed node lives in: its parent subnet and those its props list."""
        out: list[_Node] = []
        parent = self.parent_of(node)
        if parent is not None and parent.kind and parent.kind.kind == SUBNET:
            out.append(parent)
        for ref in (node.raw.get("props") or {}).get("subnets") or []:
            target = self.nodes.get(ref) if isinstance(ref, str) else None
            if target is not None and target.kind and target.kind.kind == SUBNET and target not in out:
                out.append(target)
        return out

    def check_placement(self, node: _Node) -> None:
        kind = node.kind
        assert kind is not None
        if kind.placement != "subnets":
            self._check_same_vpc_refs(node)
            return
        subnets = self.subnets_of(node)
        home_vpc = self.vpc_of(node)
        if home_vpc is not None and not subnets:
            self.node_problem(
                node,
                "placement",
                f"{A(kind.label)} in a VPC needs at least one "
                "subnet: draw it in a subnet or list subnets in 'Subnets'.",
                "props",
                "subnets",
            )
            return
        if home_vpc is None and not subnets and not kind.at_root and "aws.region" not in kind.parents:
            # An ECS service in a cluster drawn outside any VPC: it runs in subnets all the same.
            container = self.parent_of(node)
            where = f"put its {container.kind.label} in a VPC" if container and container.kind else "draw it in a VPC"
            self.node_problem(
                node,
                "placement",
                f"{A(kind.label)} runs in a VPC's subnets: {where}, or list subnets in 'Subnets'.",
                "props",
                "subnets",
            )
            return
        vpcs = {s.id: self.vpc_of(s) for s in subnets}
        distinct = {v.id for v in vpcs.values() if v is not None}
        if len(distinct) > 1:
            listed = ", ".join(f"'{s}' in '{v.id}'" for s, v in vpcs.items() if v is not None)
            self.node_problem(
                node, "placement", f"Its subnets must all be in one VPC; they are not ({listed}).", "props", "subnets"
            )
        elif home_vpc is not None and distinct and distinct != {home_vpc.id}:
            self.node_problem(
                node,
                "placement",
                f"Its subnets are in VPC '{distinct.pop()}', but it sits in VPC '{home_vpc.id}'.",
                "props",
                "subnets",
            )
        if kind.min_subnet_azs and subnets:
            zones = {az.id for s in subnets if (az := self.ancestor_of_kind(s, AZ)) is not None}
            if len(zones) < kind.min_subnet_azs:
                self.node_problem(
                    node,
                    "too_few_azs",
                    f"AWS needs {a(kind.label)}'s subnets in at least "
                    f"{kind.min_subnet_azs} Availability Zones; these are in {len(zones)}.",
                    "props",
                    "subnets",
                    severity="warning",
                )

    def _check_same_vpc_refs(self, node: _Node) -> None:
        """Subnet lists of VPC-level kinds (network ACLs, gateway endpoints) must name their own VPC's subnets."""
        kind = node.kind
        assert kind is not None
        home = self.vpc_of(node)
        props = node.raw.get("props") or {}
        for f in kind.props:
            if f.type != "refs" or SUBNET not in f.ref_kinds or home is None:
                continue
            for i, ref in enumerate(props.get(f.name) or []):
                target = self.nodes.get(ref) if isinstance(ref, str) else None
                if target is None or target.kind is None or target.kind.kind != SUBNET:
                    continue
                vpc = self.vpc_of(target)
                if vpc is not None and vpc.id != home.id:
                    self.node_problem(
                        node,
                        "placement",
                        f"{f.label}: subnet '{ref}' is in VPC '{vpc.id}', not in this node's VPC '{home.id}'.",
                        "props",
                        f.name,
                        i,
                    )

    def _network(self, node: _Node) -> ipaddress.IPv4Network | None:
        value = (node.raw.get("props") or {}).get("cidr", node.kind.default_props().get("cidr") if node.kind else None)
        try:
            return ipaddress.IPv4Network(value, strict=True) if isinstance(value, str) else None
        except ValueError:
            return None  # reported by the property check

    def check_cidrs(self) -> None:
        by_vpc: dict[str, list[tuple[ipaddress.IPv4Network, _Node]]] = defaultdict(list)
        vpc_nets: dict[str, ipaddress.IPv4Network | None] = {}
        for node in self.nodes.values():
            if node.kind is None or node.kind.kind not in (VPC, SUBNET):
                continue
            net = self._network(node)
            if net is None:
                continue
            label = "A VPC's" if node.kind.kind == VPC else "A subnet's"
            if not 16 <= net.prefixlen <= 28:
                self.node_problem(
                    node,
                    "invalid_cidr",
                    f"{label} CIDR must be between /16 and /28; {net} is /{net.prefixlen}.",
                    "props",
                    "cidr",
                )
            if node.kind.kind == VPC:
                vpc_nets[node.id] = net
        for node in self.nodes.values():
            if node.kind is None or node.kind.kind != SUBNET:
                continue
            net = self._network(node)
            vpc = self.vpc_of(node)
            if net is None or vpc is None:
                continue
            vpc_net = vpc_nets.get(vpc.id)
            if vpc_net is not None and not net.subnet_of(vpc_net):
                self.node_problem(
                    node, "cidr_outside_vpc", f"CIDR {net} is outside its VPC's {vpc_net}.", "props", "cidr"
                )
            by_vpc[vpc.id].append((net, node))
        for subnets in by_vpc.values():
            subnets.sort(key=lambda item: (item[0].network_address, item[0].prefixlen))
            widest: tuple[ipaddress.IPv4Network, _Node] | None = None
            for net, node in subnets:
                if widest is not None and net.overlaps(widest[0]):
                    other_net, other = widest
                    self.node_problem(
                        node,
                        "cidr_overlap",
                        f"CIDR {net} overlaps subnet '{other.id}' ({other_net}) in the same VPC.",
                        "props",
                        "cidr",
                    )
                if widest is None or net.broadcast_address > widest[0].broadcast_address:
                    widest = (net, node)

    def region_of(self, node: _Node) -> str:
        region = self.ancestor_of_kind(node, REGION)
        if region is not None:
            return str((region.raw.get("props") or {}).get("region", "us-east-1"))
        return self.region

    def check_zones(self) -> None:
        names: dict[tuple[str, str], list[_Node]] = defaultdict(list)
        automatic: dict[str, list[_Node]] = defaultdict(list)
        for node in self.nodes.values():
            if node.kind is None or node.kind.kind != AZ:
                continue
            name = (node.raw.get("props") or {}).get("name") or ""
            if not isinstance(name, str) or not name:
                vpc = self.vpc_of(node)
                if vpc is not None:
                    automatic[vpc.id].append(node)
                continue
            region = self.region_of(node)
            if not (name.startswith(region) and len(name) == len(region) + 1):
                self.node_problem(
                    node, "az_region", f"Zone {name} is not in this VPC's region {region}.", "props", "name"
                )
            vpc = self.vpc_of(node)
            if vpc is not None:
                names[(vpc.id, name)].append(node)
        for (_, name), zones in names.items():
            for node in zones[1:]:
                self.node_problem(
                    node,
                    "duplicate_az",
                    f"Zone {name} is already drawn in this VPC as '{zones[0].id}'.",
                    "props",
                    "name",
                )
        named_vpcs = {vpc_id for vpc_id, _ in names}
        for vpc_id, zones in automatic.items():
            if vpc_id in named_vpcs:
                for node in zones:
                    self.node_problem(
                        node,
                        "mixed_az_names",
                        "This VPC names some zones and leaves others automatic, "
                        "so two boxes may land in the same zone; name them all or none.",
                        "props",
                        "name",
                        severity="warning",
                    )

    def check_edges(self, edges: list[tuple[int, dict[str, Any]]]) -> None:
        pairs: dict[tuple[str, str], str] = {}
        usage_validator = _validator(self.catalog, "edge:usage", lambda: object_schema(EDGE_USAGE))
        for index, raw in edges:
            edge_id = str(raw["id"])
            ends = []
            for end in ("source", "target"):
                node = self.nodes.get(raw[end])
                if node is None and raw[end] not in self.known_ids:
                    self.edge_problem(
                        index,
                        edge_id,
                        "unknown_node",
                        f"{end.capitalize()} '{raw[end]}' is not a node of this design.",
                        end,
                    )
                ends.append(node)
            source, target = ends
            if raw["source"] == raw["target"]:
                self.edge_problem(index, edge_id, "self_loop", "A connection cannot join a node to itself.", "target")
                continue
            for path, message in messages.errors(usage_validator, raw.get("usage") or {}):
                self.edge_problem(index, edge_id, "invalid_usage", message, "usage", *path)
            if source is None or target is None or source.kind is None or target.kind is None:
                continue
            connection = self.catalog.connection(source.kind.kind, target.kind.kind)
            if connection is None:
                self.edge_problem(
                    index, edge_id, "invalid_connection", self._refusal(source.kind, target.kind), "target"
                )
                continue
            pair = (source.id, target.id)
            if pair in pairs:
                self.edge_problem(
                    index,
                    edge_id,
                    "duplicate_edge",
                    f"'{source.id}' is already connected to '{target.id}' by edge '{pairs[pair]}'.",
                    "target",
                )
                continue
            pairs[pair] = edge_id
            v = _validator(self.catalog, f"edge:{source.kind.kind}>{target.kind.kind}", connection.props_schema)
            for path, message in messages.errors(v, raw.get("props") or {}):
                self.edge_problem(index, edge_id, "invalid_property", message, "props", *path)

    def _refusal(self, source: Kind, target: Kind) -> str:
        message = f"{A(source.label)} cannot connect to {a(target.label)}."
        if self.catalog.connection(target.kind, source.kind) is not None:
            return message + " The other direction is allowed."
        allowed = sorted({self.catalog.kinds[c.target].label for c in self.catalog.connections_from(source.kind)})
        if not allowed:
            return message + " It does not start connections."
        shown = ", ".join(allowed[:8]) + (", ..." if len(allowed) > 8 else "")
        return message + f" It can connect to: {shown}."
