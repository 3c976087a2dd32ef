"""Every rule: each module below (one rule per module, grouped by service) defines `RULE`; ids are unique."""

from __future__ import annotations

import importlib
import pkgutil

from ..model import Rule


def _discover() -> tuple[Rule, ...]:
    found: dict[str, Rule] = {}
    for info in sorted(pkgutil.walk_packages(__path__, prefix=f"{__name__}."), key=lambda i: i.name):
        if info.ispkg or info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        rule = getattr(importlib.import_module(info.name), "RULE", None)
        if not isinstance(rule, Rule):
            raise TypeError(f"{info.name} defines no RULE")
        if rule.id in found:
            raise ValueError(f"two rules are called {rule.id}")
        found[rule.id] = rule
    return tuple(found.values())


RULES = _discover()
