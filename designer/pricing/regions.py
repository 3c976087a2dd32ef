"""Region codes, the English location names older price files use instead, and usage-type prefixes.

Older offer files carry only `location` ("US East (N. Virginia)"); newer ones also `regionCode`. AWS renamed
"EU (...)" to "Europe (...)" over the years, so both spellings map to the code (FORMAT.md, pitfall 4).
"""

from __future__ import annotations

import re

LOCATIONS: dict[str, str] = {
    "US East (N. Virginia)": "us-east-1",
    "US East (Ohio)": "us-east-2",
    "US West (N. California)": "us-west-1",
    "US West (Oregon)": "us-west-2",
    "AWS GovCloud (US-West)": "us-gov-west-1",
    "AWS GovCloud (US)": "us-gov-west-1",  # its name before us-gov-east-1 opened (usage prefix UGW1-)
    "AWS GovCloud (US-East)": "us-gov-east-1",
    "Africa (Cape Town)": "af-south-1",
    "Asia Pacific (Hong Kong)": "ap-east-1",
    "Asia Pacific (Taipei)": "ap-east-2",
    "Asia Pacific (Mumbai)": "ap-south-1",
    "Asia Pacific (Hyderabad)": "ap-south-2",
    "Asia Pacific (Singapore)": "ap-southeast-1",
    "Asia Pacific (Sydney)": "ap-southeast-2",
    "Asia Pacific (Jakarta)": "ap-southeast-3",
    "Asia Pacific (Melbourne)": "ap-southeast-4",
    "Asia Pacific (Malaysia)": "ap-southeast-5",
    "Asia Pacific (Thailand)": "ap-southeast-7",
    "Asia Pacific (Tokyo)": "ap-northeast-1",
    "Asia Pacific (Seoul)": "ap-northeast-2",
    "Asia Pacific (Osaka)": "ap-northeast-3",
    "Asia Pacific (Osaka-Local)": "ap-northeast-3",
    "Canada (Central)": "ca-central-1",
    "Canada West (Calgary)": "ca-west-1",
    "EU (Frankfurt)": "eu-central-1",
    "Europe (Frankfurt)": "eu-central-1",
    "EU (Zurich)": "eu-central-2",
    "Europe (Zurich)": "eu-central-2",
    "EU (Ireland)": "eu-west-1",
    "Europe (Ireland)": "eu-west-1",
    "EU (London)": "eu-west-2",
    "Europe (London)": "eu-west-2",
    "EU (Paris)": "eu-west-3",
    "Europe (Paris)": "eu-west-3",
    "EU (Milan)": "eu-south-1",
    "Europe (Milan)": "eu-south-1",
    "EU (Spain)": "eu-south-2",
    "Europe (Spain)": "eu-south-2",
    "EU (Stockholm)": "eu-north-1",
    "Europe (Stockholm)": "eu-north-1",
    "Israel (Tel Aviv)": "il-central-1",
    "Middle East (Bahrain)": "me-south-1",
    "Middle East (UAE)": "me-central-1",
    "Mexico (Central)": "mx-central-1",
    "South America (Sao Paulo)": "sa-east-1",
}

# The name a new file uses for each region (for files this project writes itself).
LOCATION_OF: dict[str, str] = {}
for _name, _code in LOCATIONS.items():
    if _code not in LOCATION_OF or _name.startswith(("Europe", "Asia Pacific (Osaka)")):
        LOCATION_OF[_code] = _name

# "EU-BoxUsage:m5.large", "USE1-NatGateway-Hours", "us-east-1-KMS-Requests", "APN1-Multi-AZUsage:...", and
# CloudFront's geographies ("US-", "JP-"). Three capitals without a digit are a usage type's own word
# ("VPN-Usage-Hours", "DNS-Queries", "KMS-Keys"), not a region.
_USAGE_PREFIX = re.compile(r"^(?:[A-Z]{2}-|[A-Z]{3,4}[0-9]-|[a-z]{2}(?:-[a-z]+)+-[0-9]-)")


def region_of(attributes: dict[str, str]) -> str | None:
    """The region code a product belongs to: its `regionCode`, else its `location`, else (data transfer)
    where the traffic leaves from. None when none of them names a region ("Any", an edge location)."""
    for code_key, name_key in (("regionCode", "location"), ("fromRegionCode", "fromLocation")):
        code = attributes.get(code_key) or LOCATIONS.get(attributes.get(name_key, ""))
        if code:
            return code
    return None


def bare_usage_type(usage_type: str) -> str:
    """The usage type without its region prefix: 'EU-BoxUsage:m5.large' -> 'BoxUsage:m5.large'."""
    return _USAGE_PREFIX.sub("", usage_type, count=1)
