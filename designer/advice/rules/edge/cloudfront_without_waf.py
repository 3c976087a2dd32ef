"""A CloudFront distribution without an AWS WAF web ACL passes every request to its origins, including SQL
injection, cross-site scripting and bot traffic a web application firewall would block at the edge.

Source: AWS Config managed rule cloudfront-associated-with-waf
(https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-associated-with-waf.html). The design
expresses the web ACL as the distribution's `waf` property; the exported template then creates one with the AWS
managed core rule set (in us-east-1, where CloudFront web ACLs live, which the export notes), so the fix needs no
external ARN. A web ACL adds a monthly fee per ACL and rule, and a charge per million requests.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.cloudfront.distribution"):
        if not node.props["waf"]:
            yield Hit(
                (node.id,),
                f"{name(node)} has no AWS WAF web ACL: every request, malicious or not, reaches its origins.",
                set_props("Add a web ACL with the AWS managed core rule set", node.id, waf=True),
            )


RULE = Rule(
    id="cloudfront-without-waf",
    severity="warning",
    title="CloudFront distribution without AWS WAF",
    source_url="https://docs.aws.amazon.com/config/latest/developerguide/cloudfront-associated-with-waf.html",
    check=check,
)
