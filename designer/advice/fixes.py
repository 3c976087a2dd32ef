"""Applying a fix: its changes performed on a copy of a design document (a plain dict, as stored)."""

from __future__ import annotations

import copy
from typing import Any

from .model import Change, Fix


class FixFailed(ValueError):
    """The fix no longer fits the document (a node it names is gone, a path is not there)."""


def apply_fix(document: dict[str, Any], fix: Fix) -> dict[str, Any]:
    """A new document: `document` with every change of `fix` made, in order. `document` is not touched."""
    out = copy.deepcopy(document)
    for change in fix.changes:
        _apply(out, change)
    return out


def _node(document: dict[str, Any], node_id: str | None) -> dict[str, Any]:
    for node in document.get("nodes", []):
        if node.get("id") == node_id:
            return node  # type: ignore[no-any-return]
    raise FixFailed(f"The design has no node '{node_id}' any more.")


def _apply(document: dict[str, Any], change: Change) -> None:
    if change.op == "add_node":
        if any(n.get("id") == change.value["id"] for n in document.get("nodes", [])):
            raise FixFailed(f"The design already has a node '{change.value['id']}'.")
        document.setdefault("nodes", []).append(copy.deepcopy(change.value))
        return
    if change.op == "add_edge":
        document.setdefault("edges", []).append(copy.deepcopy(change.value))
        return
    if change.op == "set" and change.node is None:
        section, _, key = (change.field or "").partition(".")
        if section != "settings" or not key:
            raise FixFailed(f"A fix cannot change the design's '{change.field}'.")
        document.setdefault("settings", {})[key] = copy.deepcopy(change.value)
        return
    node = _node(document, change.node)
    if change.op == "move":
        _node(document, change.value)
        node["parent"] = change.value
        return
    section, _, key = (change.field or "").partition(".")
    if section not in ("props", "usage") or not key:
        raise FixFailed(f"A fix cannot change '{change.field}'.")
    values = node.setdefault(section, {})
    if change.op == "set":
        values[key] = copy.deepcopy(change.value)
    elif change.op == "remove_item":
        items = values.get(key)
        if not isinstance(items, list) or not isinstance(change.value, int) or change.value >= len(items):
            raise FixFailed(f"Node '{change.node}' has no item {change.value} in {change.field}.")
        del items[change.value]
