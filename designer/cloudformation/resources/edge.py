"""The edge: Route 53 hosted zones and CloudFront distributions (with an optional AWS WAF web ACL).

A distribution's origins come from its connections (`wiring.py`); one with none is given a custom origin
whose domain is a template parameter, so it always deploys. Viewers are sent to HTTPS as the design says,
responses are cached with the managed CachingOptimized policy, and HTTP/2 and HTTP/3 are on.

Sources: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-route53-hostedzone.html,
aws-resource-cloudfront-distribution.html and aws-resource-wafv2-webacl.html; the managed cache policy IDs
(https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html);
the default certificate supports no minimum TLS version
(https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html);
web ACLs for CloudFront live in us-east-1 (https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html);
the AWS managed core rule set (https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html).
"""

from __future__ import annotations

from typing import Any

from ...graph import GraphNode
from ..context import ExportContext, NodeOut
from ..template import get_att, ref, sub

CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
DEFAULT_ORIGIN_ID = "DefaultOrigin"


def hosted_zone(ctx: ExportContext, node: GraphNode) -> NodeOut:
    p = node.props
    domain = p["domain_name"]
    properties: dict[str, Any] = {
        "Name": domain,
        "HostedZoneConfig": {"Comment": f"{node.label}"[:256]},
        "HostedZoneTags": ctx.tags(node),
    }
    if p["private_zone"]:
        vpcs = [{"VPCId": ref(logical_id), "VPCRegion": ref("AWS::Region")} for logical_id in ctx.vpc_ids.values()]
        if vpcs:
            properties["VPCs"] = vpcs
        else:
            ctx.note(f"{node.label}: a private hosted zone needs a VPC and the design has none; it is written public")
    logical_id = ctx.name(node)
    ctx.template.add(logical_id, "AWS::Route53::HostedZone", properties)
    return NodeOut(primary=logical_id, name=ref(logical_id), extra={"domain": domain, "properties": properties})


def _web_acl(ctx: ExportContext, node: GraphNode) -> str:
    base = ctx.ids.node(node.id)
    logical_id = ctx.name(node, "WebAcl")

    def visibility(metric: str) -> dict[str, Any]:
        return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": metric}

    ctx.template.add(
        logical_id,
        "AWS::WAFv2::WebACL",
        {
            "Scope": "CLOUDFRONT",
            "DefaultAction": {"Allow": {}},
            "VisibilityConfig": visibility(f"{base}WebAcl"),
            "Rules": [
                {
                    "Name": "AWSManagedRulesCommonRuleSet",
                    "Priority": 0,
                    "OverrideAction": {"None": {}},
                    "Statement": {
                        "ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}
                    },
                    "VisibilityConfig": visibility(f"{base}CommonRuleSet"),
                }
            ],
            "Tags": ctx.tags(node),
        },
    )
    ctx.note(f"{node.label}: a web ACL for CloudFront can only be created in us-east-1; deploy this stack there")
    return logical_id


def distribution(ctx: ExportContext, node: GraphNode) -> NodeOut:
    """Connections append origins to extra["origins"] and path behaviours to extra["behaviors"]; the default
    behaviour points at the first origin."""
    t, p = ctx.template, node.props
    origins: list[dict[str, Any]] = []
    behaviors: list[dict[str, Any]] = []
    default_behavior: dict[str, Any] = {
        "TargetOriginId": DEFAULT_ORIGIN_ID,
        "ViewerProtocolPolicy": p["viewer_protocol_policy"],
        "CachePolicyId": CACHING_OPTIMIZED,
        "Compress": True,
    }
    config: dict[str, Any] = {
        "Enabled": True,
        "Comment": f"{node.label}"[:128],
        "HttpVersion": "http2and3",
        "IPV6Enabled": True,
        "PriceClass": p["price_class"],
        "Origins": origins,
        "DefaultCacheBehavior": default_behavior,
        "ViewerCertificate": {"CloudFrontDefaultCertificate": True},
    }
    if p["default_root_object"]:
        config["DefaultRootObject"] = p["default_root_object"]
    ctx.note(
        f"{node.label}: its minimum TLS version ({p['minimum_protocol_version']}) applies once it has a "
        "custom certificate; the default *.cloudfront.net certificate does not set one"
    )
    if p["waf"]:
        config["WebACLId"] = get_att(_web_acl(ctx, node), "Arn")
    logical_id = ctx.name(node)
    t.add(logical_id, "AWS::CloudFront::Distribution", {"DistributionConfig": config, "Tags": ctx.tags(node)})
    t.output(f"{ctx.ids.node(node.id)}DomainName", get_att(logical_id, "DomainName"), f"Domain name of {node.label}")

    def finish() -> None:
        if not origins:
            domain = t.parameter(
                "OriginDomainName",
                Type="String",
                Default="example.com",
                Description="Domain name of the origin of the CloudFront distributions that have "
                "no origin in the design",
            )
            origins.append(
                {
                    "Id": DEFAULT_ORIGIN_ID,
                    "DomainName": domain,
                    "CustomOriginConfig": {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]},
                }
            )
            ctx.note(f"{node.label}: it has no origin in the design; set OriginDomainName")
        default_behavior["TargetOriginId"] = origins[0]["Id"]
        if behaviors:
            config["CacheBehaviors"] = behaviors

    arn = sub(f"arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:distribution/${{{logical_id}}}")
    return NodeOut(
        primary=logical_id,
        name=get_att(logical_id, "DomainName"),
        arn=arn,
        extra={
            "config": config,
            "origins": origins,
            "behaviors": behaviors,
            "default_behavior": default_behavior,
            "finish": finish,
        },
    )
