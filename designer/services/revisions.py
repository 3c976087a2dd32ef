"""Comparing two revisions of a design: what changed in the design (nodes and edges, down to the property), in its
monthly cost (both priced now, from the loaded price data, with the same settings as their own), and in its
CloudFormation stack (resources added, modified, replaced and removed)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..document.compare import compare
from ..models import Revision
from .cloudformation import revision_diff
from .estimates import estimate_document, pricing_settings


def _monthly(revision: Revision) -> Decimal:
    document = revision.document
    return estimate_document(document, pricing_settings(document)).total_monthly


def compare_revisions(old: Revision, new: Revision) -> dict[str, Any]:
    before, after = _monthly(old), _monthly(new)
    stack = revision_diff(old, new)
    return {
        "from": old.number,
        "to": new.number,
        "changes": compare(old.document, new.document),
        "cost": {
            "from_monthly": str(before),
            "to_monthly": str(after),
            "difference_monthly": str(after - before),
            "currency": "USD",
        },
        "cloudformation": {key: stack[key] for key in ("summary", "resources", "sections") if key in stack},
    }
