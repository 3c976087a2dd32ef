"""The networking a design's containers imply: VPCs, zones, subnets with their route tables and routes, the
internet gateway, NAT gateways with Elastic IPs, network ACLs, security groups drawn as nodes, VPC endpoints,
Route 53 Resolver endpoints, Transit Gateways, Site-to-Site VPN and Direct Connect gateways.

Sources: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpc.html and the
neighbouring pages for each resource type; public subnets route 0.0.0.0/0 to the internet gateway, private
subnets to a NAT gateway in their own AZ when there is one (else the VPC's first), isolated subnets nowhere
(https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html#nat-gateway-basics).
"""

from __future__ import annotations

from typing import Any

from ...graph import GraphNode
from ..context import ExportContext, NodeOut
from ..template import get_att, get_azs, ref, select, sub

VPC = "aws.vpc.vpc"
AZ = "aws.vpc.availability_zone"
SUBNET = "aws.vpc.subnet"
NAT = "aws.vpc.nat_gateway"
IGW = "aws.vpc.internet_gateway"

_PROTOCOL = {"tcp": "tcp", "udp": "udp", "icmp": "icmp", "-1": "-1"}


def export_networking(ctx: ExportContext, skip: set[str] | frozenset[str] = frozenset()) -> None:
    """Every VPC with its zones, subnets, route tables, internet gateway, NAT gateways and routes. Nodes in
    `skip` were imported: their original resources are written as they were, and only their logical IDs are
    recorded here so new nodes can refer to them."""
    g, t = ctx.graph, ctx.template
    for node in g.nodes.values():
        if node.id in skip and node.cfn:
            if node.kind == VPC:
                ctx.vpc_ids[node.id] = node.cfn["logical_id"]
            elif node.kind == SUBNET:
                ctx.subnet_ids[node.id] = node.cfn["logical_id"]
    for zone in g.of_kind(AZ):
        info = g.zones[zone.id]
        # A named zone keeps its letter but not its region ("${AWS::Region}a"), so the template deploys in any
        # region and cfn-lint's W3010 (hard-coded zone) stays quiet; an unnamed one is the Nth of the region.
        ctx.zones[zone.id] = sub("${AWS::Region}" + info.name[-1]) if info.name else select(info.index, get_azs())
    for vpc in g.of_kind(VPC):
        if vpc.id in skip:
            _in_imported_vpc(ctx, vpc, skip)
            continue
        vpc_id = ctx.name(vpc)
        p = vpc.props
        t.add(
            vpc_id,
            "AWS::EC2::VPC",
            {
                "CidrBlock": p["cidr"],
                "EnableDnsSupport": p["enable_dns_support"],
                "EnableDnsHostnames": p["enable_dns_hostnames"],
                "InstanceTenancy": p["instance_tenancy"],
                "Tags": ctx.tags(vpc),
            },
        )
        ctx.vpc_ids[vpc.id] = vpc_id
        ctx.out[vpc.id] = NodeOut(primary=vpc_id, name=ref(vpc_id))
        if p["flow_logs"]:
            _flow_logs(ctx, vpc, vpc_id)
        subnets = [s for s in g.of_kind(SUBNET) if s.vpc == vpc.id and s.id not in skip]
        igw_nodes = [n for n in g.of_kind(IGW) if n.vpc == vpc.id and n.id not in skip]
        igw, attachment = None, None
        if igw_nodes or any(s.props["tier"] == "public" for s in subnets):
            igw = ctx.name(igw_nodes[0]) if igw_nodes else ctx.ids.claim(f"{vpc_id}InternetGateway")
            t.add(igw, "AWS::EC2::InternetGateway", {"Tags": ctx.tags(igw_nodes[0] if igw_nodes else vpc)})
            attachment = ctx.ids.claim(f"{igw}Attachment")
            t.add(attachment, "AWS::EC2::VPCGatewayAttachment", {"VpcId": ref(vpc_id), "InternetGatewayId": ref(igw)})
            for node in igw_nodes:
                ctx.out[node.id] = NodeOut(primary=igw, extra={"attachment": attachment})
        for zone in (z for z in g.of_kind(AZ) if z.vpc == vpc.id):
            ctx.out[zone.id] = NodeOut(primary="")
        _subnets_and_routes(ctx, vpc, vpc_id, subnets, skip, igw, attachment)


def _subnets_and_routes(
    ctx: ExportContext,
    vpc: GraphNode,
    vpc_id: str,
    subnets: list[GraphNode],
    skip: set[str] | frozenset[str],
    igw: str | None,
    attachment: str | None,
) -> None:
    for subnet in subnets:
        _subnet(ctx, subnet, vpc_id)
    for nat in (n for n in ctx.graph.of_kind(NAT) if n.vpc == vpc.id and n.id not in skip):
        _nat(ctx, nat)
    for subnet in subnets:
        _routes(ctx, subnet, igw, attachment)


def _in_imported_vpc(ctx: ExportContext, vpc: GraphNode, skip: set[str] | frozenset[str]) -> None:
    """Subnets and NAT gateways drawn into a VPC that came from an imported template: written into that VPC,
    routed through its own internet gateway and NAT gateways (found by their logical IDs)."""
    g = ctx.graph
    subnets = [s for s in g.of_kind(SUBNET) if s.vpc == vpc.id and s.id not in skip]
    new_nats = [n for n in g.of_kind(NAT) if n.vpc == vpc.id and n.id not in skip]
    if not subnets and not new_nats:
        return
    igw, attachment = None, None
    for node in g.of_kind(IGW):
        if node.vpc == vpc.id and node.cfn:
            igw = node.cfn["logical_id"]
            attachment = next(
                (
                    r["logical_id"]
                    for r in node.cfn.get("resources") or []
                    if r["type"] == "AWS::EC2::VPCGatewayAttachment"
                ),
                None,
            )
    if igw is None and any(s.props["tier"] == "public" for s in subnets):
        ctx.note(f"{vpc.label} came from a template without its internet gateway: route its new public subnets by hand")
    _subnets_and_routes(ctx, vpc, ctx.vpc_ids[vpc.id], subnets, skip, igw, attachment)


def _flow_logs(ctx: ExportContext, vpc: GraphNode, vpc_id: str) -> None:
    t = ctx.template
    group = ctx.name(vpc, "FlowLogGroup")
    t.add(group, "AWS::Logs::LogGroup", {"RetentionInDays": 90})
    role = ctx.name(vpc, "FlowLogRole")
    t.add(
        role,
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "vpc-flow-logs.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            },
            "Policies": [
                {
                    "PolicyName": "FlowLogDelivery",
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Action": ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
                                "Resource": get_att(group, "Arn"),
                            }
                        ],
                    },
                }
            ],
        },
    )
    t.add(
        ctx.name(vpc, "FlowLog"),
        "AWS::EC2::FlowLog",
        {
            "ResourceId": ref(vpc_id),
            "ResourceType": "VPC",
            "TrafficType": "ALL",
            "LogDestinationType": "cloud-watch-logs",
            "LogGroupName": ref(group),
            "DeliverLogsPermissionArn": get_att(role, "Arn"),
        },
    )


def _subnet(ctx: ExportContext, subnet: GraphNode, vpc_id: str) -> None:
    t = ctx.template
    logical_id = ctx.name(subnet)
    zone = ctx.zones.get(subnet.az or "", select(0, get_azs()))
    t.add(
        logical_id,
        "AWS::EC2::Subnet",
        {
            "VpcId": ref(vpc_id),
            "CidrBlock": subnet.props["cidr"],
            "AvailabilityZone": zone,
            "MapPublicIpOnLaunch": subnet.props["map_public_ip_on_launch"],
            "Tags": ctx.tags(subnet, Tier=subnet.props["tier"]),
        },
    )
    table = ctx.name(subnet, "RouteTable")
    t.add(table, "AWS::EC2::RouteTable", {"VpcId": ref(vpc_id), "Tags": ctx.tags(subnet)})
    t.add(
        ctx.name(subnet, "RouteTableAssociation"),
        "AWS::EC2::SubnetRouteTableAssociation",
        {"SubnetId": ref(logical_id), "RouteTableId": ref(table)},
    )
    ctx.subnet_ids[subnet.id] = logical_id
    ctx.route_tables[subnet.id] = table
    ctx.out[subnet.id] = NodeOut(primary=logical_id, name=ref(logical_id))


def _nat(ctx: ExportContext, nat: GraphNode) -> None:
    t = ctx.template
    logical_id = ctx.name(nat)
    properties: dict[str, Any] = {"SubnetId": ref(ctx.subnet_ids[nat.subnets[0]]), "Tags": ctx.tags(nat)}
    if nat.props["connectivity"] == "public":
        eip = ctx.name(nat, "ElasticIp")
        t.add(eip, "AWS::EC2::EIP", {"Domain": "vpc", "Tags": ctx.tags(nat)})
        properties["AllocationId"] = get_att(eip, "AllocationId")
    else:
        properties["ConnectivityType"] = "private"
    t.add(logical_id, "AWS::EC2::NatGateway", properties)
    ctx.out[nat.id] = NodeOut(primary=logical_id, name=ref(logical_id))


def _nat_id(ctx: ExportContext, nat: GraphNode) -> str | None:
    """A NAT gateway's logical ID: written by this export, or kept from an imported template."""
    if nat.cfn:
        return str(nat.cfn["logical_id"])
    out = ctx.out.get(nat.id)
    return out.primary if out is not None else None


def _routes(ctx: ExportContext, subnet: GraphNode, igw: str | None, attachment: str | None) -> None:
    g, t = ctx.graph, ctx.template
    tier = subnet.props["tier"]
    table = ctx.route_tables[subnet.id]
    if tier == "public" and igw is not None:
        t.add(
            ctx.name(subnet, "InternetRoute"),
            "AWS::EC2::Route",
            {"RouteTableId": ref(table), "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": ref(igw)},
            DependsOn=attachment,
        )
    elif tier == "private":
        nats = [
            n
            for n in g.of_kind(NAT)
            if n.vpc == subnet.vpc and n.props["connectivity"] == "public" and _nat_id(ctx, n) is not None
        ]
        same_zone = [n for n in nats if set(n.azs) & set(subnet.azs)]
        chosen = (same_zone or nats)[:1]
        if chosen:
            t.add(
                ctx.name(subnet, "NatRoute"),
                "AWS::EC2::Route",
                {
                    "RouteTableId": ref(table),
                    "DestinationCidrBlock": "0.0.0.0/0",
                    "NatGatewayId": ref(_nat_id(ctx, chosen[0]) or ""),
                },
            )
        else:
            ctx.note(f"private subnet {subnet.label} has no NAT gateway in its VPC, so no route out")


def _rule(rule: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"IpProtocol": _PROTOCOL[rule["protocol"]], "CidrIp": rule["cidr"]}
    if rule["protocol"] != "-1":
        out["FromPort"], out["ToPort"] = rule["from_port"], rule["to_port"]
    if rule.get("description"):
        out["Description"] = rule["description"]
    return out


def security_group_node(ctx: ExportContext, node: GraphNode) -> NodeOut:
    """A security group drawn as a node: its explicit rules; its `protects` connections attach it."""
    logical_id = ctx.name(node)
    rules = node.props["rules"]
    properties: dict[str, Any] = {
        "GroupDescription": node.props["description"][:255] or node.label,
        "VpcId": ctx.vpc_of(node),
        "Tags": ctx.tags(node),
    }
    ingress = [_rule(r) for r in rules if r["direction"] == "ingress"]
    egress = [_rule(r) for r in rules if r["direction"] == "egress"]
    if ingress:
        properties["SecurityGroupIngress"] = ingress
    if egress:
        properties["SecurityGroupEgress"] = egress
    ctx.template.add(logical_id, "AWS::EC2::SecurityGroup", properties)
    return NodeOut(primary=logical_id, name=get_att(logical_id, "GroupId"), security_group=logical_id)


def network_acl(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t = ctx.template
    logical_id = ctx.name(node)
    t.add(logical_id, "AWS::EC2::NetworkAcl", {"VpcId": ctx.vpc_of(node), "Tags": ctx.tags(node)})
    for rule in node.props["rules"]:
        entry: dict[str, Any] = {
            "NetworkAclId": ref(logical_id),
            "RuleNumber": rule["rule_number"],
            "Egress": rule["direction"] == "egress",
            "RuleAction": rule["action"],
            "CidrBlock": rule["cidr"],
            "Protocol": {"tcp": 6, "udp": 17, "icmp": 1, "-1": -1}[rule["protocol"]],
        }
        if rule["protocol"] in ("tcp", "udp"):
            entry["PortRange"] = {"From": rule["from_port"], "To": rule["to_port"]}
        if rule["protocol"] == "icmp":
            entry["Icmp"] = {"Code": -1, "Type": -1}
        t.add(
            ctx.name(node, f"Rule{rule['rule_number']}{'Out' if entry['Egress'] else 'In'}"),
            "AWS::EC2::NetworkAclEntry",
            entry,
        )
    for subnet in node.props["subnets"]:
        if subnet in ctx.subnet_ids:
            t.add(
                ctx.name(node, f"{ctx.subnet_ids[subnet]}Association"),
                "AWS::EC2::SubnetNetworkAclAssociation",
                {"SubnetId": ref(ctx.subnet_ids[subnet]), "NetworkAclId": ref(logical_id)},
            )
    return NodeOut(primary=logical_id)


def gateway_endpoint(ctx: ExportContext, node: GraphNode) -> NodeOut:
    subnets = node.props["route_subnets"] or [
        s.id for s in ctx.graph.of_kind(SUBNET) if s.vpc == node.vpc and s.props["tier"] != "public"
    ]
    logical_id = ctx.name(node)
    ctx.template.add(
        logical_id,
        "AWS::EC2::VPCEndpoint",
        {
            "VpcEndpointType": "Gateway",
            "ServiceName": sub(f"com.amazonaws.${{AWS::Region}}.{node.props['service']}"),
            "VpcId": ctx.vpc_of(node),
            "RouteTableIds": [ref(ctx.route_tables[s]) for s in subnets if s in ctx.route_tables],
        },
    )
    return NodeOut(primary=logical_id)


def interface_endpoint(ctx: ExportContext, node: GraphNode) -> NodeOut:
    """Network interfaces in one subnet per AZ; reachable on 443 from inside its VPC."""
    t = ctx.template
    security_group = ctx.security_group(node, f"Interface endpoint {node.label}")
    vpc_cidr = ctx.graph.node(node.vpc).props["cidr"] if node.vpc else "10.0.0.0/16"
    t.resources[security_group]["Properties"]["SecurityGroupIngress"] = [
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": vpc_cidr, "Description": "HTTPS from the VPC"}
    ]
    per_zone: dict[str, str] = {}
    for s in node.subnets:
        zone = ctx.graph.node(s).az or s
        per_zone.setdefault(zone, s)
    logical_id = ctx.name(node)
    groups = [get_att(security_group, "GroupId")]
    t.add(
        logical_id,
        "AWS::EC2::VPCEndpoint",
        {
            "VpcEndpointType": "Interface",
            "ServiceName": sub(f"com.amazonaws.${{AWS::Region}}.{node.props['service']}"),
            "VpcId": ctx.vpc_of(node),
            "SubnetIds": [ref(ctx.subnet_ids[s]) for s in per_zone.values()],
            "SecurityGroupIds": groups,
            "PrivateDnsEnabled": node.props["private_dns"],
        },
    )
    return NodeOut(primary=logical_id, security_group=security_group, security_groups=groups, port=443)


def resolver_endpoint(ctx: ExportContext, node: GraphNode) -> NodeOut:
    """A Resolver endpoint with an IP address in each of its subnets, and a security group of its own.

    AWS wants two IP addresses at least, preferably in two AZs (the design check warns about one AZ); an endpoint
    with a single subnet gets both addresses there. Protocols is left out, so the endpoint takes AWS's default,
    plain DNS on port 53 (Do53). The group opens nothing itself: an on-premises network's `dns` connection to an
    inbound endpoint admits TCP and UDP 53 from its CIDR, and an outbound endpoint's connection to one narrows
    the group's egress to TCP and UDP 53 towards it (wiring.py). Sources: AWS::Route53Resolver::ResolverEndpoint
    (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-route53resolver-resolverendpoint.html:
    SecurityGroupIds "must include one or more inbound rules (for inbound endpoints) or outbound rules (for
    outbound endpoints)", TCP and UDP on port 53) and
    https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-high-availability.html.
    """
    t = ctx.template
    security_group = ctx.security_group(node, f"Resolver endpoint {node.label}")
    subnets = ctx.subnets_of(node)
    if len(subnets) == 1:
        subnets = subnets * 2
        ctx.note(f"{node.label}: both of its IP addresses are in its one subnet; give it a subnet in a second AZ")
    groups = [get_att(security_group, "GroupId")]
    logical_id = ctx.name(node)
    t.add(
        logical_id,
        "AWS::Route53Resolver::ResolverEndpoint",
        {
            "Direction": node.props["direction"],
            "IpAddresses": [{"SubnetId": subnet} for subnet in subnets],
            "SecurityGroupIds": groups,
            "Tags": ctx.tags(node),
        },
    )
    out = NodeOut(
        primary=logical_id,
        arn=get_att(logical_id, "Arn"),
        name=ref(logical_id),
        security_group=security_group,
        security_groups=groups,
        port=53,
    )

    def finish() -> None:
        rules = t.resources[security_group].get("Properties", {}).get("SecurityGroupIngress")
        if node.props["direction"] == "INBOUND" and not rules and len(groups) == 1:
            ctx.note(
                f"{node.label} admits no DNS queries yet: connect the on-premises network to it, or attach a "
                "security group that admits TCP and UDP 53 from your resolvers"
            )

    out.extra["finish"] = finish
    return out


def transit_gateway(ctx: ExportContext, node: GraphNode) -> NodeOut:
    logical_id = ctx.name(node)
    enable = "enable" if node.props["default_route_table_association"] else "disable"
    ctx.template.add(
        logical_id,
        "AWS::EC2::TransitGateway",
        {
            "AmazonSideAsn": node.props["amazon_side_asn"],
            "DefaultRouteTableAssociation": enable,
            "DefaultRouteTablePropagation": enable,
            "AutoAcceptSharedAttachments": "disable",
            "DnsSupport": "enable",
            "Tags": ctx.tags(node),
        },
    )
    return NodeOut(primary=logical_id, name=ref(logical_id))


def vpn_connection(ctx: ExportContext, node: GraphNode) -> NodeOut:
    """The customer gateway and the VPN; it lands on a Transit Gateway or a VPC's virtual private gateway
    (its attachment connection decides; `wiring.py` fills that in). Alone, it gets a gateway of its own."""
    t = ctx.template
    p = node.props
    gateway = ctx.name(node, "CustomerGateway")
    t.add(
        gateway,
        "AWS::EC2::CustomerGateway",
        {
            "Type": "ipsec.1",
            "IpAddress": p["customer_gateway_ip"],
            "BgpAsn": p["customer_bgp_asn"],
            "Tags": ctx.tags(node),
        },
    )
    logical_id = ctx.name(node)
    properties: dict[str, Any] = {
        "Type": "ipsec.1",
        "CustomerGatewayId": ref(gateway),
        "StaticRoutesOnly": p["routing"] == "static",
        "Tags": ctx.tags(node),
    }
    t.add(logical_id, "AWS::EC2::VPNConnection", properties)
    return NodeOut(primary=logical_id, name=ref(logical_id), extra={"properties": properties})


def direct_connect(ctx: ExportContext, node: GraphNode) -> NodeOut:
    """The virtual private gateway a Direct Connect private virtual interface lands on. The connection and its
    virtual interface are ordered outside CloudFormation (there is no resource type for them)."""
    logical_id = ctx.name(node, "Gateway")
    ctx.template.add(logical_id, "AWS::EC2::VPNGateway", {"Type": "ipsec.1", "Tags": ctx.tags(node)})
    ctx.note(
        f"Direct Connect {node.label}: order the {node.props['bandwidth']} connection at {node.props['location']} "
        "and its private virtual interface outside CloudFormation, on the gateway this template creates"
    )
    return NodeOut(primary=logical_id, name=ref(logical_id), extra={"gateway": logical_id})


def finish_vpn(ctx: ExportContext, node: GraphNode) -> None:
    """A VPN with no attachment connection still needs somewhere to land: a gateway of its own."""
    out = ctx.out[node.id]
    properties = out.extra["properties"]
    if "VpnGatewayId" not in properties and "TransitGatewayId" not in properties:
        gateway = ctx.name(node, "Gateway")
        ctx.template.add(gateway, "AWS::EC2::VPNGateway", {"Type": "ipsec.1", "Tags": ctx.tags(node)})
        properties["VpnGatewayId"] = ref(gateway)
