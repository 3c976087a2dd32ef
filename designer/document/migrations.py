"""Upgrades of stored documents from older format versions to the current one.

A migration takes a document dict at version N and returns it at version N + 1. Version 1 is the first
published format, so the table is empty; the gate in `load.py` still runs every document through it, so the
first format change only has to add an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT_VERSION = 1

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# from-version -> function returning the document at from-version + 1
MIGRATIONS: dict[int, Migration] = {}


class MigrationError(ValueError):
    pass


def migrate(
    raw: dict[str, Any], version: int, *, migrations: dict[int, Migration] | None = None, current: int = CURRENT_VERSION
) -> dict[str, Any]:
    """Apply the migrations from `version` up to `current`, in order."""
    table = MIGRATIONS if migrations is None else migrations
    doc = raw
    while version < current:
        step = table.get(version)
        if step is None:
            raise MigrationError(f"no migration from version {version} to {version + 1}")
        doc = step(dict(doc))
        version += 1
        doc["version"] = version
    return doc
