"""The baseline of bench_diagram.py: a `diagrams` program written by hand that draws the same picture the
renderer draws of bench_estimate's synthetic design (`design_of(n)`: a queue, users, VPCs of two zones with
public, private and isolated subnets, a load balancer, ten web servers and a database each, extra web servers in
the last VPC), with the same icons, labels, boxes, styles and invisible layout edges, the way a person would
write it: loops over the structure they know, no design document, no catalog.

Run alone: .venv/bin/python bench/handwritten_diagram.py 100   (writes synthetic.png here)
"""

from __future__ import annotations

import html
import itertools
import math
import sys
from pathlib import Path

import diagrams
from diagrams import Cluster, Diagram, Edge, Node
from diagrams.aws.compute import EC2
from diagrams.aws.database import RDS
from diagrams.aws.general import Users
from diagrams.aws.integration import SimpleQueueServiceSqsQueue
from diagrams.aws.network import ElbApplicationLoadBalancer

RESOURCES = Path(diagrams.__file__).resolve().parent.parent / "resources"
GRAPH = {
    "pad": "0.4",
    "nodesep": "0.55",
    "ranksep": "1.1",
    "splines": "spline",
    "compound": "true",
    "fontname": "Helvetica",
    "fontcolor": "#232F3E",
    "labelloc": "t",
    "newrank": "true",
}
NODES = {"fontname": "Helvetica", "fontsize": "12", "fontcolor": "#232F3E", "width": "1.1", "imagepos": "tc"}
EDGES = {
    "color": "#7B8894",
    "fontname": "Helvetica",
    "fontsize": "11",
    "fontcolor": "#545B64",
    "arrowsize": "0.7",
    "penwidth": "1.2",
}
BOX = {"labeljust": "l", "labelloc": "t", "penwidth": "1.6", "fontname": "Helvetica", "fontsize": "13", "margin": "22"}
VPC = {**BOX, "pencolor": "#8C4FFF", "bgcolor": "#FFFFFF", "style": "rounded"}
ZONE = {**BOX, "pencolor": "#147EBA", "bgcolor": "#FFFFFF", "style": "dashed,rounded"}
SUBNETS = {
    "public": {**BOX, "pencolor": "#7AA116", "bgcolor": "#F2F8EC", "style": "rounded"},
    "private": {**BOX, "pencolor": "#00A4A6", "bgcolor": "#EAF6F7", "style": "rounded"},
    "isolated": {**BOX, "pencolor": "#7D8998", "bgcolor": "#F4F5F6", "style": "rounded"},
}
SUBNET_ICONS = {"public": "public-subnet.png", "private": "private-subnet.png", "isolated": "private-subnet.png"}
INVISIBLE = {"style": "invis"}


def heading(text: str, subtitle: str) -> str:
    return (
        f'<<FONT POINT-SIZE="20"><B>{html.escape(text)}</B></FONT><BR/>'
        f'<FONT POINT-SIZE="13" COLOR="#545B64">{html.escape(subtitle)}</FONT>>'
    )


def title(text: str, icon: str | None = None) -> str:
    cells = f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="#232F3E">{html.escape(text)}</FONT></TD>'
    if icon:
        src = html.escape(str(RESOURCES / "aws" / "network" / icon))
        cells = f'<TD FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="20"><IMG SRC="{src}" SCALE="TRUE"/></TD>{cells}'
    return f'<<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="0"><TR>{cells}<TD WIDTH="1"></TD></TR></TABLE>>'


def height(label: str) -> str:
    """The icon on top, then a line per line of label."""
    return f"{1.18 + 0.19 * (label.count(chr(10)) + 1):.2f}"


def box(label: str, attrs: dict[str, str], icon: str | None = None) -> Cluster:
    return Cluster(label, graph_attr={**attrs, "label": title(label, icon)})


def anchor() -> Node:
    return Node("", shape="point", style="invis", width="0.01", height="0.01")


def grid(nodes: list[Node]) -> None:
    """Five or more alike servers in a grid instead of one long column."""
    if len(nodes) >= 5:
        rows = math.ceil(math.sqrt(len(nodes)))
        for i in range(len(nodes) - rows):
            nodes[i] >> Edge(**INVISIBLE, weight="1") >> nodes[i + rows]


def draw(directory: Path, total: int = 100) -> Path:
    vpcs = (total - 2) // 21
    extra = total - 2 - 21 * vpcs
    with Diagram(
        "Synthetic",
        filename=str(directory / "synthetic"),
        direction="LR",
        curvestyle="curved",
        outformat="png",
        show=False,
        graph_attr={**GRAPH, "label": heading("Synthetic", "us-east-1"), "dpi": "96"},
        node_attr=NODES,
        edge_attr=EDGES,
    ):
        jobs = SimpleQueueServiceSqsQueue("jobs", height=height("jobs"))
        users = Users("users", height=height("users"))
        for v in range(vpcs):
            last = v == vpcs - 1
            with box(f"vpc{v} · 10.{v}.0.0/16", VPC, "vpc.png"):
                zones = []
                for a, zone in enumerate("ab"):
                    with box(f"vpc{v}-az{zone}", ZONE):
                        subnets, webs, extras = [], [], []
                        for t, tier in enumerate(SUBNETS):
                            cidr = f"10.{v}.{a * 16 + t}.0/24"
                            with box(f"vpc{v}-{tier}-{zone} · {tier} · {cidr}", SUBNETS[tier], SUBNET_ICONS[tier]):
                                point = anchor()
                                members = [point]
                                if tier == "private":
                                    for i in range(a, 10, 2):
                                        label = f"vpc{v}-web{i}\nm6i.large"
                                        webs.append(EC2(label, nodeid=f"vpc{v}-web{i}", height=height(label)))
                                    for i in range(a, extra if last else 0, 2):
                                        label = f"vpc{v}-extra{i}\nm6i.large"
                                        extras.append(EC2(label, nodeid=f"vpc{v}-extra{i}", height=height(label)))
                                    members += webs + extras
                                subnets.append((point, members))
                        # Subnets side by side: each one's nodes after the one before.
                        for (left, left_members), (right, right_members) in itertools.pairwise(subnets):
                            for before in left_members:
                                for after in right_members:
                                    before >> Edge(**INVISIBLE, weight="0") >> after
                            left >> Edge(**INVISIBLE, weight="5") >> right
                        grid(webs)
                        grid(extras)
                        zones.append((webs, extras))
                alb_label = f"vpc{v}-alb\nHTTPS:443"
                alb = ElbApplicationLoadBalancer(alb_label, height=height(alb_label))
                db_label = f"vpc{v}-db\nPostgreSQL\ndb.t4g.medium\nMulti-AZ"
                db = RDS(db_label, height=height(db_label))
            users >> Edge(label="HTTPS 443" if v == 0 else "") >> alb
            servers = [w for webs, _ in zones for w in webs]
            servers.sort(key=lambda n: int(n.nodeid.split("web")[1]))
            for i, web in enumerate(servers):
                alb >> Edge(label="TCP 8080" if i == 0 else "") >> web
                web >> Edge(label="TCP 5432" if i == 0 else "") >> db
                web >> Edge(label="write" if v == 0 and i == 0 else "") >> jobs
            for _, extras in zones:
                for server in extras:
                    alb >> Edge() >> server
                    server >> Edge() >> db
    return directory / "synthetic.png"


if __name__ == "__main__":
    print(draw(Path.cwd(), int(sys.argv[1]) if len(sys.argv) > 1 else 100))
