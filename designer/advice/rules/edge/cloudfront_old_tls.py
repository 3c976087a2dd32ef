"""A CloudFront distribution whose minimum protocol version is below TLS 1.2 still accepts TLS 1.0 and 1.1
connections from viewers, protocols with known weaknesses and weak ciphers.

Source: Amazon CloudFront Developer Guide, "Supported protocols and ciphers between viewers and CloudFront"
(https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html):
the security policies TLSv1_2016 and TLSv1.1_2016 allow TLS 1.0 and 1.1, the TLSv1.2_* ones do not. The setting
applies once the distribution has a custom certificate (the export notes this). The fix chooses TLSv1.2_2021,
the newest policy the catalog offers; viewers too old for TLS 1.2 can then no longer connect.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props

OLD = ("TLSv1_2016", "TLSv1.1_2016")


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.cloudfront.distribution"):
        policy = node.props["minimum_protocol_version"]
        if policy in OLD:
            yield Hit(
                (node.id,),
                f"{name(node)} accepts viewers on TLS versions below 1.2 (security policy {policy}).",
                set_props("Require TLS 1.2 (TLSv1.2_2021)", node.id, minimum_protocol_version="TLSv1.2_2021"),
            )


RULE = Rule(
    id="cloudfront-old-tls",
    severity="warning",
    title="CloudFront distribution allows TLS below 1.2",
    source_url="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
    check=check,
)
