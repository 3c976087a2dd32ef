"""The component catalog: every kind users can place, what it may sit in, and what it may connect to.

Kinds are plain data defined in code, one module per category; `designer.services.catalog.sync_catalog`
mirrors them into Django models for the palette and the admin. Engines take a `Catalog` so tests can hand
them a smaller one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import compute, database, external, generic, integration, network, security, storage
from .connections import MEANINGS, build_connections
from .fields import number
from .spec import CATEGORIES, Connection, Field, Kind, object_schema

# Old kind id -> current kind id. Documents store kinds, so a kind is never renamed: it gets an alias here.
ALIASES: dict[str, str] = {}

# Every edge may say how much data it carries; pricing uses it for NAT processing and data transfer.
EDGE_USAGE: tuple[Field, ...] = (
    number(
        "data_gb_month",
        "Data carried",
        0,
        unit="GB/month",
        help="Traffic over this connection, for NAT processing and data transfer charges.",
    ),
)


@dataclass(frozen=True, eq=False)
class Catalog:
    kinds: dict[str, Kind]
    connections: dict[tuple[str, str], Connection]
    aliases: dict[str, str] = field(default_factory=dict)

    def get(self, kind: str) -> Kind | None:
        return self.kinds.get(self.aliases.get(kind, kind))

    def canonical(self, kind: str) -> str:
        return self.aliases.get(kind, kind)

    def connection(self, source: str, target: str) -> Connection | None:
        return self.connections.get((source, target))

    def connections_from(self, kind: str) -> list[Connection]:
        return [c for (s, _), c in self.connections.items() if s == kind]

    def children_of(self, kind: str) -> list[str]:
        """The kinds that may sit directly inside `kind`."""
        return [k.kind for k in self.kinds.values() if kind in k.parents]

    def edge_usage_schema(self) -> dict[str, Any]:
        return object_schema(EDGE_USAGE)


def _build() -> Catalog:
    modules = (network, compute, storage, database, integration, security, external, generic)
    kinds: dict[str, Kind] = {}
    for module in modules:
        for kind in module.KINDS:
            if kind.kind in kinds:
                raise ValueError(f"kind {kind.kind} is defined twice")
            kinds[kind.kind] = kind
    return Catalog(kinds=kinds, connections=build_connections(), aliases=dict(ALIASES))


CATALOG = _build()

__all__ = ["CATALOG", "CATEGORIES", "EDGE_USAGE", "MEANINGS", "Catalog", "Connection", "Field", "Kind"]
