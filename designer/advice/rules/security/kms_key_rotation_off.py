"""A customer managed KMS key without automatic rotation keeps encrypting with the same key material for as long
as it lives, so a leak of that material exposes everything it ever protected.

Source: AWS KMS Developer Guide, "Rotate AWS KMS keys"
(https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html): with automatic rotation KMS creates
new key material every year, keeps the old material to decrypt what it encrypted, and the key's ID, ARN and
policies stay the same, so nothing that uses the key changes. The fix turns rotation on.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.kms.key"):
        if not node.props["key_rotation"]:
            yield Hit(
                (node.id,),
                f"{name(node)} has automatic key rotation off: it encrypts with the same key material forever.",
                set_props("Turn on automatic rotation", node.id, key_rotation=True),
            )


RULE = Rule(
    id="kms-key-rotation-off",
    severity="warning",
    title="KMS key without automatic rotation",
    source_url="https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
    check=check,
)
