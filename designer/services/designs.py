"""Creating, changing and deleting designs. Every save passes the document gate and adds a revision."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from ..cloudformation.layout import layout
from ..document import DesignDocument, DocumentInvalid, Limits, LoadResult, Problem, load, new_document
from ..document.compare import compare
from ..models import Design, Revision, Team

NAME_MAX_LENGTH = 200  # the document schema's maxLength for `name`


def limits() -> Limits:
    return Limits(max_nodes=settings.DESIGN_MAX_NODES, max_bytes=settings.DESIGN_MAX_BYTES)


def validate_design(source: bytes | str | Mapping[str, Any]) -> LoadResult:
    """What a save of `source` would find, without saving."""
    return load(source, limits=limits())


def _checked(
    source: bytes | str | Mapping[str, Any], *, name: str | None = None
) -> tuple[DesignDocument, list[Problem]]:
    if name is not None and isinstance(source, Mapping):
        source = {**source, "name": name}
    result = validate_design(source)
    if result.document is None:
        raise DocumentInvalid(result.problems)
    return result.document, result.warnings


def _digest(document: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(document, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _append_revision(design: Design, doc: DesignDocument, author: AbstractBaseUser | None, message: str) -> Revision:
    data = doc.to_dict()
    number = (design.head.number + 1) if design.head else 1
    revision = Revision.objects.create(
        design=design,
        number=number,
        document=data,
        format_version=data["version"],
        sha256=_digest(data),
        author=author,
        message=message[:500],
    )
    design.head = revision
    design.name = doc.name
    design.region = doc.region
    design.node_count = len(doc.nodes)
    design.edge_count = len(doc.edges)
    design.save(update_fields=["head", "name", "region", "node_count", "edge_count", "updated_at"])
    return revision


def create_design(
    *,
    owner: AbstractBaseUser,
    document: Mapping[str, Any] | bytes | str | None = None,
    name: str | None = None,
    region: str | None = None,
    message: str = "",
    team: Team | None = None,
) -> tuple[Design, list[Problem]]:
    """A new design from `document`, or an empty one called `name`, made by `owner`: theirs, or `team`'s when
    given. Raises DocumentInvalid."""
    if document is None:
        document = new_document(name or "Untitled design", region or "us-east-1")
    elif region is not None and isinstance(document, Mapping):
        document = {**document, "region": region}
    doc, warnings = _checked(document, name=name)
    with transaction.atomic():
        design = Design.objects.create(owner=None if team else owner, team=team, name=doc.name, region=doc.region)
        _append_revision(design, doc, owner, message or "Created")
    return design, warnings


class StaleBase(Exception):
    """A save started from revision `base`, but the design has moved on to `head` (someone else saved
    meanwhile): nothing was saved. `difference` is what `head` changed since `base` (compare())."""

    def __init__(self, base: int | None, head: Revision, difference: dict[str, Any]) -> None:
        self.base, self.head, self.difference = base, head, difference
        who = head.author.get_username() if head.author else "someone"
        super().__init__(
            f"Revision {head.number} was saved by {who} after revision {base}, the one this save started from: "
            "load it, or save again naming it as the base to save over it."
        )


def save_design(
    *,
    design: Design,
    author: AbstractBaseUser,
    document: Mapping[str, Any] | bytes | str,
    name: str | None = None,
    message: str = "",
    base_revision: int | None = None,
    check_base: bool = False,
) -> tuple[Revision, list[Problem]]:
    """Store `document` as the design's next revision. Raises DocumentInvalid, leaving the design as it was. With
    `check_base`, the save must start from the newest revision (`base_revision`, None for a design without any):
    StaleBase otherwise, so a save never silently overwrites one made meanwhile."""
    doc, warnings = _checked(document, name=name)
    with transaction.atomic():
        locked = Design.objects.select_for_update(of=("self",)).select_related("head", "head__author").get(pk=design.pk)
        head = locked.head
        if check_base and head is not None and head.number != base_revision:
            before = Revision.objects.filter(design=locked, number=base_revision).first() if base_revision else None
            raise StaleBase(base_revision, head, compare(before.document if before else {}, head.document))
        revision = _append_revision(locked, doc, author, message)
    design.refresh_from_db()
    return revision, warnings


def rename_design(
    *,
    design: Design,
    author: AbstractBaseUser,
    name: str,
    message: str = "",
    base_revision: int | None = None,
    check_base: bool = False,
) -> tuple[Revision, list[Problem]]:
    """A new revision identical to the head but for its name (the base is checked as `save_design` does)."""
    if design.head is None:
        raise ValueError("a design without revisions cannot be renamed")
    return save_design(
        design=design,
        author=author,
        document=design.head.document,
        name=name,
        message=message or f"Renamed to {name}",
        base_revision=base_revision,
        check_base=check_base,
    )


def duplicate_design(
    *, design: Design, owner: AbstractBaseUser, name: str | None = None
) -> tuple[Design, list[Problem]]:
    """A new design of `owner`'s whose revision 1 is `design`'s newest document, called `name` (by default
    "Copy of <name>", cut to the longest name a document may have). The original is left as it was."""
    name = name or f"Copy of {design.name}"[:NAME_MAX_LENGTH]
    head = design.head
    if head is None:
        return create_design(owner=owner, name=name, region=design.region, message=f"Copy of “{design.name}”")
    message = f"Copy of “{design.name}” revision {head.number}"
    return create_design(owner=owner, document=head.document, name=name, message=message)


def delete_design(*, design: Design) -> None:
    design.delete()


class CannotArrange(ValueError):
    """The document is not shaped so that it can be laid out; `problems` says where (field -> message)."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


def arranged(document: Mapping[str, Any]) -> dict[str, Any]:
    """The document with every node placed by the automatic layout an imported template gets (traffic left to
    right, containers sized around their children). Only its shape is checked, not the catalog's rules: a design
    being edited may still have problems, and laying it out must not wait for them."""
    nodes, edges = document.get("nodes"), document.get("edges", [])
    if not isinstance(nodes, list) or not all(isinstance(n, dict) for n in nodes):
        raise CannotArrange({"document.nodes": "Must be a list of node objects."})
    if not isinstance(edges, list) or not all(isinstance(e, dict) for e in edges):
        raise CannotArrange({"document.edges": "Must be a list of edge objects."})
    ids: set[str] = set()
    for i, node in enumerate(nodes):
        if not isinstance(node.get("id"), str) or not isinstance(node.get("kind"), str):
            raise CannotArrange({f"document.nodes[{i}]": "Each node needs a string id and kind."})
        if node["id"] in ids:
            raise CannotArrange({f"document.nodes[{i}].id": f"The id {node['id']!r} is used twice."})
        ids.add(node["id"])
    parents = {n["id"]: n.get("parent") for n in nodes}
    for start in parents:
        seen, current = {start}, parents[start]
        while isinstance(current, str) and current in parents:
            if current in seen:
                raise CannotArrange({"document.nodes": f"The parents of node {start!r} form a loop."})
            seen.add(current)
            current = parents[current]
    for i, edge in enumerate(edges):
        if not isinstance(edge.get("source"), str) or not isinstance(edge.get("target"), str):
            raise CannotArrange({f"document.edges[{i}]": "Each edge needs a string source and target."})
    out = json.loads(json.dumps(dict(document)))
    for node in out["nodes"]:
        node.pop("position", None)
        node.pop("size", None)
    layout(out)
    return dict(out)
