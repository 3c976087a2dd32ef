"""Mirrors the code catalog into the ComponentKind table, and checks palette presets against it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ..catalog import CATALOG, Catalog, Kind
from ..document import messages


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    unchanged: int
    deactivated: int


def kind_row(kind: Kind, order: int, catalog: Catalog = CATALOG) -> dict[str, Any]:
    """The ComponentKind fields of a catalog kind."""
    return {
        "label": kind.label,
        "category": kind.category,
        "service": kind.service,
        "description": kind.description,
        "icon": kind.icon,
        "is_container": kind.container,
        "parents": list(kind.parents),
        "at_root": kind.at_root,
        "placement": kind.placement or "",
        "props_schema": kind.props_schema(),
        "usage_schema": kind.usage_schema(),
        "connections": [
            {
                "target": c.target,
                "meaning": c.meaning,
                "description": c.description,
                "props_schema": c.props_schema(),
            }
            for c in catalog.connections_from(kind.kind)
        ],
        "cfn_types": list(kind.cfn_types),
        "keywords": list(kind.keywords),
        "docs_url": kind.docs_url,
        "sort_order": order,
        "active": True,
    }


def sync_catalog(model: Any = None, catalog: Catalog = CATALOG) -> SyncResult:
    """Create or update a row per kind; kinds that left the code are kept (documents may use them) but
    marked inactive. Idempotent. `model` lets a data migration pass its historical model."""
    if model is None:
        from ..models import ComponentKind as model
    created = updated = unchanged = 0
    with transaction.atomic():
        existing = {row.kind: row for row in model.objects.all()}
        for order, kind in enumerate(catalog.kinds.values()):
            fields = kind_row(kind, order, catalog)
            row = existing.get(kind.kind)
            if row is None:
                model.objects.create(kind=kind.kind, **fields)
                created += 1
            elif any(getattr(row, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(row, name, value)
                row.save()
                updated += 1
            else:
                unchanged += 1
        deactivated = model.objects.filter(active=True).exclude(kind__in=list(catalog.kinds)).update(active=False)
    return SyncResult(created, updated, unchanged, deactivated)


def preset_problems(kind_id: str | None, props: Any, usage: Any, catalog: Catalog = CATALOG) -> dict[str, list[str]]:
    """What is wrong with a preset's properties and usage, by form field."""
    kind = catalog.get(kind_id) if kind_id else None
    if kind is None:
        return {"kind": [f"'{kind_id}' is not a kind in the catalog."]}
    problems: dict[str, list[str]] = {}
    for name, values, schema in (("props", props, kind.props_schema()), ("usage", usage, kind.usage_schema())):
        found = [
            f"{'.'.join(map(str, path)) or name}: {message}" if path else message
            for path, message in messages.errors(messages.validator(schema), values)
        ]
        if found:
            problems[name] = found
    return problems
