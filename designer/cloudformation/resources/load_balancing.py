"""Application and Network Load Balancers: the load balancer, its security group, and its listeners. Target
groups come from the load balancer's connections (`wiring.py`): the first target is the listener's default
action, later ones get path-based rules (ALB).

HTTPS needs a certificate the design cannot know: the template asks for it as a parameter. Sources:
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-loadbalancer.html,
-listener.html, -targetgroup.html; the TLS 1.3 policy ELBSecurityPolicy-TLS13-1-2-2021-06
(https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html); dropping
invalid header fields (routing.http.drop_invalid_header_fields.enabled) as AWS Security Hub ELB.4 advises.
"""

from __future__ import annotations

from typing import Any

from ...graph import GraphNode
from ..context import ExportContext, NodeOut
from ..template import get_att, ref

TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"


def certificate(ctx: ExportContext) -> dict[str, str]:
    return ctx.template.parameter(
        "CertificateArn",
        Type="String",
        AllowedPattern="^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$",
        Description="ACM certificate for the HTTPS and TLS listeners",
    )


def load_balancer(ctx: ExportContext, node: GraphNode) -> NodeOut:
    t, p = ctx.template, node.props
    application = node.kind == "aws.elb.application_load_balancer"
    security_group = ctx.security_group(node, f"Load balancer {node.label}")
    groups = [get_att(security_group, "GroupId")]
    logical_id = ctx.name(node)
    properties: dict[str, Any] = {
        "Type": "application" if application else "network",
        "Scheme": p["scheme"],
        "Subnets": ctx.subnets_of(node),
        "SecurityGroups": groups,
        "Tags": ctx.tags(node),
    }
    if application:
        properties["LoadBalancerAttributes"] = [
            {"Key": "idle_timeout.timeout_seconds", "Value": str(p["idle_timeout_s"])},
            {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
        ]
    elif p["cross_zone"]:
        properties["LoadBalancerAttributes"] = [{"Key": "load_balancing.cross_zone.enabled", "Value": "true"}]
    t.add(logical_id, "AWS::ElasticLoadBalancingV2::LoadBalancer", properties)
    protocol, port = p["listener_protocol"], p["listener_port"]
    listener = ctx.name(node, "Listener")
    listener_properties: dict[str, Any] = {"LoadBalancerArn": ref(logical_id), "Port": port, "Protocol": protocol}
    if protocol in ("HTTPS", "TLS"):
        listener_properties["Certificates"] = [{"CertificateArn": certificate(ctx)}]
        listener_properties["SslPolicy"] = TLS_POLICY
    if application:
        listener_properties["DefaultActions"] = [
            {
                "Type": "fixed-response",
                "FixedResponseConfig": {"StatusCode": "404", "ContentType": "text/plain", "MessageBody": "Not found"},
            }
        ]
    else:
        default_group = ctx.name(node, "DefaultTargetGroup")
        t.add(
            default_group,
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            {
                "VpcId": ctx.vpc_of(node),
                "Protocol": "UDP" if protocol == "UDP" else "TCP",
                "Port": port,
                "TargetType": "ip",
            },
        )
        listener_properties["DefaultActions"] = [{"Type": "forward", "TargetGroupArn": ref(default_group)}]
    t.add(listener, "AWS::ElasticLoadBalancingV2::Listener", listener_properties)
    listeners = [listener]
    public_ports = [port]
    if application and protocol == "HTTPS" and p["redirect_http_to_https"]:
        redirect = ctx.name(node, "HttpRedirect")
        t.add(
            redirect,
            "AWS::ElasticLoadBalancingV2::Listener",
            {
                "LoadBalancerArn": ref(logical_id),
                "Port": 80,
                "Protocol": "HTTP",
                "DefaultActions": [
                    {
                        "Type": "redirect",
                        "RedirectConfig": {"Protocol": "HTTPS", "Port": str(port), "StatusCode": "HTTP_301"},
                    }
                ],
            },
        )
        listeners.append(redirect)
        public_ports.append(80)
    scheme = "https" if protocol == "HTTPS" else "http"
    t.output(
        f"{ctx.ids.node(node.id)}Url", {"Fn::Sub": f"{scheme}://${{{logical_id}.DNSName}}"}, f"Address of {node.label}"
    )
    return NodeOut(
        primary=logical_id,
        name=get_att(logical_id, "DNSName"),
        arn=ref(logical_id),
        security_group=security_group,
        security_groups=groups,
        port=port,
        extra={
            "listener": listener,
            "listener_properties": listener_properties,
            "listeners": listeners,
            "public_ports": public_ports,
            "application": application,
            "target_groups": [],
        },
    )
