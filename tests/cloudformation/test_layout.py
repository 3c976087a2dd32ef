"""The automatic layout of imported designs is readable: every node has a position, every container is sized
around its children, siblings never overlap, and traffic flows left to right (for each edge between two
siblings the source stands left of the target, unless the two are in a cycle of edges).

Checked on every corpus template, on the small templates of test_import.py, and on designs built here to reach
the cases those miss (a transit gateway attached to a VPC, cycles, long chains).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from designer.cloudformation.importer import import_template
from designer.cloudformation.layout import LEAF, layout
from tests.cloudformation.test_import import NETWORK, REST_API, SERVERLESS, TARGETS, WEB

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "cfn-corpus"
TEMPLATES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".yaml", ".json"))

HYBRID = """
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a}
  Hub:
    Type: AWS::EC2::TransitGateway
  HubAttachment:
    Type: AWS::EC2::TransitGatewayVpcAttachment
    Properties: {TransitGatewayId: !Ref Hub, VpcId: !Ref Vpc, SubnetIds: [!Ref Subnet]}
  Office:
    Type: AWS::EC2::CustomerGateway
    Properties: {BgpAsn: 65000, IpAddress: 203.0.113.1, Type: ipsec.1}
  Tunnel:
    Type: AWS::EC2::VPNConnection
    Properties: {CustomerGatewayId: !Ref Office, TransitGatewayId: !Ref Hub, Type: ipsec.1, StaticRoutesOnly: true}
"""

INLINE = {"network": NETWORK, "web": WEB, "targets": TARGETS, "serverless": SERVERLESS, "rest": REST_API}
INLINE["hybrid"] = HYBRID


def box(node: dict[str, Any]) -> tuple[float, float]:
    size = node.get("size")
    return (size["width"], size["height"]) if size else LEAF


def reaches(edges: list[dict[str, Any]], start: str, goal: str) -> bool:
    following: dict[str, list[str]] = {}
    for edge in edges:
        following.setdefault(edge["source"], []).append(edge["target"])
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        if current == goal:
            return True
        if current not in seen:
            seen.add(current)
            todo += following.get(current, [])
    return False


def layout_problems(document: dict[str, Any]) -> list[str]:
    """What breaks the layout's promises, in words (empty when it keeps them all)."""
    problems: list[str] = []
    nodes = {n["id"]: n for n in document["nodes"]}
    siblings: dict[str | None, list[dict[str, Any]]] = {}
    for node in document["nodes"]:
        position = node.get("position")
        if not position or not all(isinstance(position.get(axis), float | int) for axis in ("x", "y")):
            problems.append(f"{node['id']} has no position")
            continue
        siblings.setdefault(node.get("parent"), []).append(node)
        if node["id"] in {n.get("parent") for n in document["nodes"]} and "size" not in node:
            problems.append(f"{node['id']} holds nodes but has no size")
    for parent, members in siblings.items():
        if parent is not None:
            width, height = box(nodes[parent])
            for child in members:
                x, y = child["position"]["x"], child["position"]["y"]
                child_width, child_height = box(child)
                if x < 0 or y < 0 or x + child_width > width or y + child_height > height:
                    problems.append(f"{child['id']} sticks out of {parent}")
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                (ax, ay), (bx, by) = (a["position"]["x"], a["position"]["y"]), (b["position"]["x"], b["position"]["y"])
                (aw, ah), (bw, bh) = box(a), box(b)
                if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
                    problems.append(f"{a['id']} overlaps {b['id']}")
    for edge in document["edges"]:
        source, target = nodes[edge["source"]], nodes[edge["target"]]
        if source.get("parent") != target.get("parent"):
            continue
        if source["position"]["x"] > target["position"]["x"] and not reaches(
            document["edges"], target["id"], source["id"]
        ):
            problems.append(f"{source['id']} -> {target['id']} flows right to left")
    return problems


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_corpus_template_is_laid_out_readably(name: str) -> None:
    document = import_template((CORPUS / name).read_bytes()).document
    assert layout_problems(document) == []


@pytest.mark.parametrize("name", sorted(INLINE))
def test_the_small_templates_are_laid_out_readably(name: str) -> None:
    document = import_template(INLINE[name]).document
    assert document["edges"] and layout_problems(document) == []


def test_a_vpc_attached_to_a_transit_gateway_stands_right_of_it_and_the_vpn_left_of_both() -> None:
    document = import_template(HYBRID).document
    x = {n["id"]: n["position"]["x"] for n in document["nodes"] if n.get("parent") is None}
    assert x["Tunnel"] < x["Hub"] < x["Vpc"]


def test_traffic_in_a_vpc_flows_from_the_load_balancer_to_its_servers() -> None:
    document = import_template(WEB).document
    x = {n["id"]: n["position"]["x"] for n in document["nodes"]}
    assert x["Balancer"] < x["AppGroupOfInstances"] < x["Database"]


def test_zones_are_rows_of_one_width_and_subnets_go_public_private_isolated_left_to_right() -> None:
    document = import_template((CORPUS / "VPC_VPC_With_Managed_NAT_And_Private_Subnet.yaml").read_bytes()).document
    nodes = {n["id"]: n for n in document["nodes"]}
    zones = [n for n in document["nodes"] if n["kind"] == "aws.vpc.availability_zone"]
    assert len(zones) == 2 and len({z["size"]["width"] for z in zones}) == 1
    assert len({z["position"]["x"] for z in zones}) == 1 and zones[0]["position"]["y"] != zones[1]["position"]["y"]
    for public, private in (("PublicSubnet0", "PrivateSubnet0"), ("PublicSubnet1", "PrivateSubnet1")):
        assert nodes[public]["parent"] == nodes[private]["parent"]
        assert nodes[public]["position"]["x"] < nodes[private]["position"]["x"]


def test_containers_are_sized_around_their_children_and_leaves_have_no_size() -> None:
    document = import_template(NETWORK).document
    nodes = {n["id"]: n for n in document["nodes"]}
    assert "size" not in nodes["Web1"] and "size" not in nodes["Function"]
    assert nodes["Vpc"]["size"]["width"] > nodes[nodes["SubnetA"]["parent"]]["size"]["width"]
    assert nodes["SubnetA"]["size"] == {"width": 180.0, "height": 170.0}  # one instance, with padding and title


def _document(nodes: list[tuple[str, str, str | None]], edges: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "nodes": [{"id": i, "kind": kind, "parent": parent} for i, kind, parent in nodes],
        "edges": [{"id": f"{s}-{t}", "source": s, "target": t} for s, t in edges],
    }


def test_a_long_chain_goes_left_to_right_and_a_cycle_is_laid_out_without_overlap() -> None:
    chain = [f"n{i}" for i in range(300)]
    document = _document([(n, "aws.lambda.function", None) for n in chain], list(pairwise(chain)))
    layout(document)
    xs = [n["position"]["x"] for n in document["nodes"]]
    assert xs == sorted(xs) and len(set(xs)) == 300
    cycle = _document([(n, "aws.lambda.function", None) for n in "abc"], [("a", "b"), ("b", "c"), ("c", "a")])
    layout(cycle)
    assert layout_problems(cycle) == []


def test_a_node_whose_parent_is_missing_is_laid_out_at_the_top_level() -> None:
    document = _document([("vpc", "aws.vpc.vpc", None), ("lost", "aws.ec2.instance", "nowhere")], [])
    layout(document)
    assert all("position" in n for n in document["nodes"])
    assert document["nodes"][0]["position"] != document["nodes"][1]["position"]
