"""A Secrets Manager secret that is never rotated keeps the same credentials for as long as they work, so one
that leaks stays usable until someone notices.

Source: AWS Security Hub control SecretsManager.1, through the AWS Config managed rule
secretsmanager-rotation-enabled-check
(https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-rotation-enabled-check.html). A secret
rotates when `rotation_days` is above 0. The fix rotates it every 30 days; the exported template then notes that
the rotation needs a rotation function (AWS::SecretsManager::RotationSchedule), which depends on what the secret
holds and so is not generated.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.secretsmanager.secret"):
        if not node.props["rotation_days"]:
            yield Hit(
                (node.id,),
                f"{name(node)} is never rotated: a leaked value stays valid until someone changes it by hand.",
                set_props("Rotate it every 30 days", node.id, rotation_days=30),
            )


RULE = Rule(
    id="secret-without-rotation",
    severity="warning",
    title="Secrets Manager secret without rotation",
    source_url="https://docs.aws.amazon.com/config/latest/developerguide/secretsmanager-rotation-enabled-check.html",
    check=check,
)
