"""A CloudFront distribution whose viewer protocol policy is allow-all serves content over plain HTTP, where it
can be read and altered on the way to the viewer.

Source: AWS Config managed rule cloudfront-viewer-policy-https
(https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-viewer-policy-https.html): a distribution
complies when viewers use HTTPS directly or by redirection. The design's policy applies to the distribution's
default behaviour. The fix redirects HTTP to HTTPS, so existing http:// links keep working.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.cloudfront.distribution"):
        if node.props["viewer_protocol_policy"] == "allow-all":
            yield Hit(
                (node.id,),
                f"{name(node)} lets viewers use plain HTTP: content travels unencrypted.",
                set_props("Redirect HTTP to HTTPS", node.id, viewer_protocol_policy="redirect-to-https"),
            )


RULE = Rule(
    id="cloudfront-allows-http",
    severity="warning",
    title="CloudFront distribution allows HTTP",
    source_url="https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-viewer-policy-https.html",
    check=check,
)
