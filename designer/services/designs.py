"""Creating, changing and deleting designs. Every save passes the document gate and adds a revision."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from ..document import DesignDocument, DocumentInvalid, Limits, LoadResult, Problem, load, new_document
from ..models import Design, Revision


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
) -> tuple[Design, list[Problem]]:
    """A new design from `document`, or an empty one called `name`. Raises DocumentInvalid."""
    if document is None:
        document = new_document(name or "Untitled design", region or "us-east-1")
    elif region is not None and isinstance(document, Mapping):
        document = {**document, "region": region}
    doc, warnings = _checked(document, name=name)
    with transaction.atomic():
        design = Design.objects.create(owner=owner, name=doc.name, region=doc.region)
        _append_revision(design, doc, owner, message or "Created")
    return design, warnings


def save_design(
    *,
    design: Design,
    author: AbstractBaseUser,
    document: Mapping[str, Any] | bytes | str,
    name: str | None = None,
    message: str = "",
) -> tuple[Revision, list[Problem]]:
    """Store `document` as the design's next revision. Raises DocumentInvalid, leaving the design as it was."""
    doc, warnings = _checked(document, name=name)
    with transaction.atomic():
        locked = Design.objects.select_for_update(of=("self",)).select_related("head").get(pk=design.pk)
        revision = _append_revision(locked, doc, author, message)
    design.refresh_from_db()
    return revision, warnings


def rename_design(
    *, design: Design, author: AbstractBaseUser, name: str, message: str = ""
) -> tuple[Revision, list[Problem]]:
    """A new revision identical to the head but for its name."""
    if design.head is None:
        raise ValueError("a design without revisions cannot be renamed")
    return save_design(
        design=design, author=author, document=design.head.document, name=name, message=message or f"Renamed to {name}"
    )


def delete_design(*, design: Design) -> None:
    design.delete()
