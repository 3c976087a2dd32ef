"""Starting a design from a blueprint: previewing what a blueprint builds (its document and how the review rates
it), and creating a design from one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from ..blueprints import blueprint_document, get_blueprint
from ..document import Problem
from ..models import Design, Team
from .advice import findings_of
from .designs import create_design

SEVERITIES = ("error", "warning", "info")


def preview_blueprint(name: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The document blueprint `name` builds from `params`, and its review's findings counted by severity. Nothing
    is saved. Raises UnknownBlueprint or InvalidParams (designer.blueprints)."""
    document = blueprint_document(name, params)
    findings = findings_of(document)
    return {"document": document, "findings_count": {s: sum(f.severity == s for f in findings) for s in SEVERITIES}}


def create_from_blueprint(
    owner: AbstractBaseUser,
    name: str,
    params: Mapping[str, Any] | None = None,
    team: Team | None = None,
    name_override: str | None = None,
    region: str | None = None,
    message: str = "",
) -> tuple[Design, list[Problem]]:
    """A new design (revision 1) from blueprint `name` with `params`, `owner`'s or `team`'s. `region` is the
    blueprint's region parameter (so the Region box and its zones agree with the design's), overriding one in
    `params`; `name_override` renames the design. Raises UnknownBlueprint or InvalidParams (designer.blueprints),
    and DocumentInvalid should a blueprint ever build an invalid design."""
    blueprint = get_blueprint(name)
    raw = dict(params or {})
    if region is not None:
        raw["region"] = region
    document = blueprint_document(name, raw)
    return create_design(
        owner=owner,
        document=document,
        name=name_override,
        message=message or f"Created from the blueprint “{blueprint.title}”",
        team=team,
    )
