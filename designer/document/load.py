"""The one gate every design passes through: parse, check the type, migrate, validate, return a document.

API requests, the command line, imports and the browser all call `load()`, so a rule added here holds
everywhere. It never raises on bad input; it returns every problem found.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalog import CATALOG, Catalog
from . import messages
from .migrations import CURRENT_VERSION, MigrationError, migrate
from .model import DesignDocument
from .problems import Problem, json_path
from .schema import DOCUMENT_TYPE, edge_schema, node_schema, structure_schema
from .validate import Checker

MAX_DEPTH = 32  # a design nests about 6 levels deep; deeper is an attack on the parsers, not a design


@dataclass(frozen=True)
class Limits:
    max_nodes: int = 2000
    max_bytes: int = 2 * 1024 * 1024


def nesting_depth(value: Any, stop_at: int = MAX_DEPTH + 1) -> int:
    """How deeply lists and objects nest in `value` (a scalar is 0), counted without recursion and
    giving up once `stop_at` is reached."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            if deepest >= stop_at:
                return deepest
            stack.extend((child, depth) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


@dataclass(frozen=True)
class LoadResult:
    document: DesignDocument | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.document is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class DocumentInvalid(ValueError):
    """Raised by `load_or_raise` and the services when a document has errors."""

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"the design has {len(errors)} problem{'s' if len(errors) != 1 else ''}")


_TOP = messages.validator(structure_schema(nodes=False))
_NODE = messages.validator(node_schema())
_EDGE = messages.validator(edge_schema())


def load(
    source: bytes | str | Mapping[str, Any], *, catalog: Catalog = CATALOG, limits: Limits = Limits()
) -> LoadResult:
    """Parse and validate a design. `source` is JSON text (bytes or str) or an already-parsed dict."""
    raw, problems = _parse(source, limits)
    if raw is None:
        return LoadResult(None, tuple(problems))
    raw, problems = _check_type_and_migrate(raw)
    if raw is None:
        return LoadResult(None, tuple(problems))

    for path, message in messages.errors(_TOP, raw):
        problems.append(Problem("schema", message, json_path(*path), field=".".join(map(str, path)) or None))
    nodes_in: list[Any] = raw["nodes"] if isinstance(raw.get("nodes"), list) else []
    edges_in: list[Any] = raw["edges"] if isinstance(raw.get("edges"), list) else []
    if len(nodes_in) > limits.max_nodes:
        problems.append(
            Problem(
                "too_many_nodes",
                f"The design has {len(nodes_in):,} nodes; the limit is {limits.max_nodes:,}.",
                "$.nodes",
            )
        )
        return LoadResult(None, tuple(problems))

    ids: dict[str, list[str]] = {}
    nodes = _shape_checked("nodes", nodes_in, _NODE, problems, ids)
    edges = _shape_checked("edges", edges_in, _EDGE, problems, ids)
    region: str = raw["region"] if isinstance(raw.get("region"), str) else "us-east-1"
    problems.extend(Checker(catalog, region).run(nodes, edges, ids))

    if any(p.severity == "error" for p in problems):
        return LoadResult(None, tuple(problems))
    for _, node in nodes:
        node["kind"] = catalog.canonical(node["kind"])
    return LoadResult(DesignDocument.from_dict(raw), tuple(problems))


def load_or_raise(source: bytes | str | Mapping[str, Any], **kwargs: Any) -> DesignDocument:
    result = load(source, **kwargs)
    if result.document is None:
        raise DocumentInvalid(result.problems)
    return result.document


def load_file(path: str | Path, **kwargs: Any) -> LoadResult:
    return load(Path(path).read_bytes(), **kwargs)


def _parse(source: bytes | str | Mapping[str, Any], limits: Limits) -> tuple[dict[str, Any] | None, list[Problem]]:
    if isinstance(source, Mapping):
        if nesting_depth(source) > MAX_DEPTH:
            return None, [_too_deep()]
        try:
            text = json.dumps(source, separators=(",", ":"), default=str, allow_nan=False)
        except ValueError:
            return None, [Problem("invalid_json", "Not valid JSON: NaN and Infinity are not numbers JSON has.")]
        size = len(text.encode())
        if size > limits.max_bytes:
            return None, [_too_large(size, limits)]
        raw: Any = json.loads(text)  # a private copy, so migrations and normalisation never touch the caller's
    else:
        data = source.encode() if isinstance(source, str) else source
        if len(data) > limits.max_bytes:
            return None, [_too_large(len(data), limits)]
        try:
            raw = json.loads(data, parse_constant=_refuse_constant)
        except RecursionError:
            return None, [_too_deep()]
        except _NotJsonNumber as exc:
            return None, [Problem("invalid_json", f"Not valid JSON: {exc} is not a number JSON has.")]
        except json.JSONDecodeError as exc:
            return None, [
                Problem("invalid_json", f"Not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.")
            ]
        except UnicodeDecodeError:
            return None, [Problem("invalid_json", "Not valid JSON: the text is not UTF-8.")]
    if nesting_depth(raw) > MAX_DEPTH:
        return None, [_too_deep()]
    if not isinstance(raw, dict):
        return None, [Problem("wrong_type", "A design must be a JSON object.")]
    return raw, []


def _too_deep() -> Problem:
    return Problem("too_deep", f"The design nests lists and objects more than {MAX_DEPTH} levels deep.")


class _NotJsonNumber(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity; JSON does not, and they would slip past every range check.
    raise _NotJsonNumber(name)


def _too_large(size: int, limits: Limits) -> Problem:
    return Problem("too_large", f"The design is {size:,} bytes; the limit is {limits.max_bytes:,}.")


def _check_type_and_migrate(raw: dict[str, Any]) -> tuple[dict[str, Any] | None, list[Problem]]:
    if raw.get("type") != DOCUMENT_TYPE:
        return None, [Problem("wrong_type", f"Not a design: 'type' must be '{DOCUMENT_TYPE}'.", "$.type", field="type")]
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None, [
            Problem("unsupported_version", "'version' must be a whole number from 1.", "$.version", field="version")
        ]
    if version > CURRENT_VERSION:
        return None, [
            Problem(
                "unsupported_version",
                f"This design was written in format version {version}; "
                f"this server reads up to version {CURRENT_VERSION}. Upgrade the server.",
                "$.version",
                field="version",
            )
        ]
    try:
        return migrate(raw, version), []
    except MigrationError as exc:
        return None, [
            Problem("unsupported_version", f"Cannot upgrade this design: {exc}.", "$.version", field="version")
        ]


def _shape_checked(
    section: str, items: list[Any], v: Any, problems: list[Problem], ids: dict[str, list[str]]
) -> list[tuple[int, dict[str, Any]]]:
    """The items of `section` whose shape is right; shape problems are reported and the item is skipped.
    Every string id is recorded, so references to a malformed node are not reported as unknown too."""
    good: list[tuple[int, dict[str, Any]]] = []
    for index, item in enumerate(items):
        element_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(element_id, str):
            ids.setdefault(element_id, []).append(json_path(section, index))
        found = list(messages.errors(v, item))
        for path, message in found:
            problems.append(
                Problem(
                    "schema",
                    message,
                    json_path(section, index, *path),
                    node=element_id if section == "nodes" and isinstance(element_id, str) else None,
                    edge=element_id if section == "edges" and isinstance(element_id, str) else None,
                    field=".".join(map(str, path)) or None,
                )
            )
        if not found:
            good.append((index, item))
    return good
