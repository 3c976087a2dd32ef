"""CloudFormation for stored designs: a revision's template, a design imported from a template, and what a
change between two revisions does to the stack."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from ..cloudformation.diff import diff_templates
from ..cloudformation.export import export
from ..cloudformation.importer import ImportReport, import_template
from ..cloudformation.yaml_io import dump_json, dump_yaml
from ..document import DocumentInvalid, Problem
from ..graph import build
from ..models import Design, Revision
from .designs import create_design, validate_design

FORMATS = {"yaml": ("application/yaml", dump_yaml), "json": ("application/json", dump_json)}


@dataclass(frozen=True)
class TemplateFile:
    text: str
    filename: str
    content_type: str


def template_of(document: bytes | str | Mapping[str, Any]) -> dict[str, Any]:
    """The template of a design document (checked by the document gate first). Raises DocumentInvalid."""
    result = validate_design(document)
    if result.document is None:
        raise DocumentInvalid(result.problems)
    return export(build(result.document))


def template_file(revision: Revision, fmt: str) -> TemplateFile:
    content_type, dump = FORMATS[fmt]
    text = dump(template_of(revision.document))
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", revision.design.name).strip("-")[:80] or "design"
    return TemplateFile(text, f"{slug}-r{revision.number}.{fmt}", content_type)


def import_design(
    *, owner: AbstractBaseUser, template: str | bytes, name: str | None = None, region: str | None = None
) -> tuple[Design, list[Problem], ImportReport]:
    """A new design from a CloudFormation template. Raises ImportFailed (the template) or DocumentInvalid."""
    result = import_template(template, name=name, region=region)
    design, warnings = create_design(
        owner=owner, document=result.document, message="Imported from a CloudFormation template"
    )
    return design, warnings, result.report


def revision_diff(old: Revision, new: Revision) -> dict[str, Any]:
    """What going from `old` to `new` does to the stack deployed from `old`'s template."""
    out = diff_templates(
        template_of(old.document), template_of(new.document), labels=(f"r{old.number}", f"r{new.number}")
    )
    return {"from": old.number, "to": new.number, **out}
