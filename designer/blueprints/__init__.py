"""Blueprints: parameterised starting points, each building a complete design document.

    params = check_params("three-tier", {"azs": "3", "compute": "asg"})   # typed, defaults filled in
    document = blueprint_document("three-tier", {"azs": 3})              # a version-1 design, laid out

Every blueprint, across its parameters, builds a design that loads with no errors, has no error-level finding in
the review, exports a template cfn-lint passes and can be estimated (tests/blueprints checks all four). One
module per blueprint; each defines `BLUEPRINT` and its `build(params)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import hybrid, serverless, three_tier, vpc_plan
from .spec import Blueprint, BlueprintError, InvalidParams, Param, Params, UnknownBlueprint

BLUEPRINTS: dict[str, Blueprint] = {
    b.slug: b for b in (three_tier.BLUEPRINT, serverless.BLUEPRINT, hybrid.BLUEPRINT, vpc_plan.BLUEPRINT)
}


def get_blueprint(name: str) -> Blueprint:
    """The blueprint called `name`; UnknownBlueprint otherwise."""
    found = BLUEPRINTS.get(name)
    if found is None:
        known = ", ".join(BLUEPRINTS)
        raise UnknownBlueprint({"blueprint": f"There is no blueprint “{name[:60]}”; the blueprints are {known}."})
    return found


def check_params(name: str, raw: Mapping[str, Any] | None = None) -> Params:
    """Every parameter of blueprint `name`: those in `raw` read and checked (typed JSON values, or text from the
    command line), the rest at their defaults. Raises UnknownBlueprint, or InvalidParams naming every bad
    parameter with a sentence (unknown, wrong type, out of range, not a CIDR, a plan that does not fit)."""
    blueprint = get_blueprint(name)
    params = blueprint.defaults()
    errors: dict[str, str] = {}
    for key, value in (raw or {}).items():
        param = blueprint.param(key) if isinstance(key, str) else None
        if param is None:
            known = ", ".join(p.name for p in blueprint.params)
            errors[str(key)[:60]] = (
                f"The {blueprint.slug} blueprint has no parameter “{str(key)[:60]}”; it has {known}."
            )
            continue
        try:
            params[key] = param.read(value)
        except ValueError as exc:
            errors[key] = str(exc)
    if not errors:
        errors = blueprint.check(params)
    if errors:
        raise InvalidParams(errors)
    return params


def blueprint_document(name: str, raw_params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The design document blueprint `name` builds from `raw_params` (checked as `check_params` does)."""
    params = check_params(name, raw_params)
    return BLUEPRINTS[name].build(params)


__all__ = [
    "BLUEPRINTS",
    "Blueprint",
    "BlueprintError",
    "InvalidParams",
    "Param",
    "Params",
    "UnknownBlueprint",
    "blueprint_document",
    "check_params",
    "get_blueprint",
]
