"""What changed between two design documents: nodes and edges added, removed and changed, down to the property.

Used to show a save refused because the design moved on meanwhile (what the newer revision did), and to compare
any two revisions. Works on plain document dicts (as revisions store them), so it needs no catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Json = Any

# The fields compared for a node or an edge, and how each is named in a change.
_NODE_FIELDS = ("label", "kind", "parent", "position", "size")
_EDGE_FIELDS = ("source", "target", "label")


def _flat(prefix: str, value: Json) -> dict[str, Json]:
    """`{"props": {"a": 1, "b": {"c": 2}}}` -> `{"props.a": 1, "props.b.c": 2}`; lists stay whole."""
    if isinstance(value, Mapping) and value:
        out: dict[str, Json] = {}
        for key, inner in value.items():
            out.update(_flat(f"{prefix}.{key}" if prefix else str(key), inner))
        return out
    return {prefix: value}


def _fields(item: Mapping[str, Json], named: tuple[str, ...]) -> dict[str, Json]:
    out = {name: item.get(name) for name in named}
    for section in ("props", "usage", "cfn"):
        if item.get(section) is not None:
            out.update(_flat(section, item[section]))
    return out


def _changes(before: Mapping[str, Json], after: Mapping[str, Json], named: tuple[str, ...]) -> list[dict[str, Json]]:
    old, new = _fields(before, named), _fields(after, named)
    return [
        {"field": key, "before": old.get(key), "after": new.get(key)}
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    ]


def _summary(item: Mapping[str, Json]) -> dict[str, Json]:
    keys = ("id", "kind", "label") if "kind" in item else ("id", "source", "target", "label")
    return {k: item.get(k) for k in keys if item.get(k) is not None}


def _side(before: list[Json], after: list[Json], named: tuple[str, ...]) -> dict[str, list[dict[str, Json]]]:
    old = {i["id"]: i for i in before if isinstance(i, Mapping) and "id" in i}
    new = {i["id"]: i for i in after if isinstance(i, Mapping) and "id" in i}
    changed = []
    for key in old.keys() & new.keys():
        fields = _changes(old[key], new[key], named)
        if fields:
            changed.append({**_summary(new[key]), "changes": fields})
    return {
        "added": [_summary(new[k]) for k in new if k not in old],
        "removed": [_summary(old[k]) for k in old if k not in new],
        "changed": sorted(changed, key=lambda c: str(c["id"])),
    }


def compare(before: Mapping[str, Json], after: Mapping[str, Json]) -> dict[str, Json]:
    """The differences from `before` to `after`: `nodes` and `edges`, each `added`, `removed` and `changed` (with
    each changed field's old and new value), and `document`: the changed name, region, description and settings."""
    top = ("name", "region", "description")
    old = {k: before.get(k) for k in top} | _flat("settings", before.get("settings") or {})
    new = {k: after.get(k) for k in top} | _flat("settings", after.get("settings") or {})
    document = [
        {"field": k, "before": old.get(k), "after": new.get(k)}
        for k in sorted(set(old) | set(new))
        if old.get(k) != new.get(k) and k != "settings"
    ]
    return {
        "document": document,
        "nodes": _side(list(before.get("nodes") or []), list(after.get("nodes") or []), _NODE_FIELDS),
        "edges": _side(list(before.get("edges") or []), list(after.get("edges") or []), _EDGE_FIELDS),
    }


def is_empty(difference: Mapping[str, Json]) -> bool:
    return not difference["document"] and all(
        not difference[side][kind] for side in ("nodes", "edges") for kind in ("added", "removed", "changed")
    )
