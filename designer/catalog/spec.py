"""The shapes the catalog is written in: fields (properties and usage), kinds and connection rules.

Everything here is plain data. A field knows how to describe itself as JSON Schema, which is the one
schema every way in (API, browser form, document validator) uses, so a kind's rules live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# A CloudFormation resource type: AWS::Service::Resource (or a third party's), or a custom resource Custom::Name.
CFN_TYPE_PATTERN = r"^(?:[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9:]+|Custom::[A-Za-z0-9_@-]{1,60})$"

FieldType = Literal["string", "integer", "number", "boolean", "enum", "cidr", "refs", "list", "object"]

CATEGORIES: dict[str, str] = {
    "network": "Networking and content delivery",
    "compute": "Compute",
    "storage": "Storage",
    "database": "Database",
    "integration": "Application integration",
    "security": "Security and operations",
    "external": "Outside AWS",
    "other": "Other CloudFormation resources",
}


class _NoDefault:
    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()
_NO_DEFAULT = NO_DEFAULT


@dataclass(frozen=True)
class Field:
    """One property or usage assumption of a kind.

    `default` is what the field means when a document leaves it out; engines see the defaulted value.
    `refs` fields hold ids of other nodes in the same design, restricted to `ref_kinds`.
    """

    name: str
    type: FieldType
    label: str
    default: Any = _NO_DEFAULT
    help: str = ""
    unit: str | None = None
    options: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    pattern: str | None = None
    items: Field | None = None
    fields: tuple[Field, ...] = ()
    ref_kinds: tuple[str, ...] = ()
    max_items: int | None = None
    required: bool = False
    unique_by: tuple[str, ...] = ()  # a list's items must differ in these fields (AWS refuses repeats)
    ordered: tuple[tuple[str, ...], ...] = ()  # an object's numeric fields that must not decrease

    @property
    def has_default(self) -> bool:
        return self.default is not _NO_DEFAULT

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"title": self.label}
        if self.help:
            schema["description"] = self.help
        if self.unit:
            schema["x-unit"] = self.unit
        if self.has_default:
            schema["default"] = _plain(self.default)
        schema.update(self._type_schema())
        return schema

    def _type_schema(self) -> dict[str, Any]:
        if self.type == "string":
            out: dict[str, Any] = {"type": "string", "maxLength": self.max_length or 255}
            if self.pattern:
                out["pattern"] = self.pattern
            return out
        if self.type in ("integer", "number"):
            out = {"type": self.type}
            if self.minimum is not None:
                out["minimum"] = self.minimum
            if self.maximum is not None:
                out["maximum"] = self.maximum
            return out
        if self.type == "boolean":
            return {"type": "boolean"}
        if self.type == "enum":
            kinds = {type(o) for o in self.options}
            json_type = "integer" if kinds == {int} else "string"
            return {"type": json_type, "enum": list(self.options)}
        if self.type == "cidr":
            return {"type": "string", "format": "ipv4-cidr", "maxLength": 18}
        if self.type == "refs":
            return {
                "type": "array",
                "items": {"type": "string", "maxLength": 64},
                "uniqueItems": True,
                "maxItems": self.max_items or 16,
                "x-ref-kinds": list(self.ref_kinds),
            }
        if self.type == "list":
            assert self.items is not None, f"list field {self.name} needs items"
            return {"type": "array", "items": self.items._type_schema(), "maxItems": self.max_items or 100}
        if self.type == "object":
            return object_schema(self.fields)
        raise ValueError(f"unknown field type {self.type!r}")


def object_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    """JSON Schema of an object made of `fields`; unknown keys are refused."""
    return {
        "type": "object",
        "properties": {f.name: f.json_schema() for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def defaults_of(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {f.name: _plain(f.default) for f in fields if f.has_default}


def filled(fields: tuple[Field, ...], values: dict[str, Any]) -> dict[str, Any]:
    """`values` with the defaults of what they leave out, also inside objects and lists of objects (a network
    ACL rule saved as {} gets every field of a rule)."""
    out = {**defaults_of(fields), **values}
    for f in fields:
        value = out.get(f.name)
        if f.type == "object" and isinstance(value, dict):
            out[f.name] = filled(f.fields, value)
        elif f.type == "list" and f.items is not None and f.items.type == "object" and isinstance(value, list):
            out[f.name] = [filled(f.items.fields, v) if isinstance(v, dict) else v for v in value]
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Kind:
    """A component users can place on the canvas.

    `kind` is permanent: documents store it, so it is never renamed (add an alias instead).
    `parents` lists the kinds it may sit in; `at_root` says whether it may sit at the top level.
    `placement="subnets"` means it lives in subnets: its parent subnet and/or the ids in its
    `subnets` property, all in one VPC; `min_subnet_azs` is how many AZs AWS needs those subnets in.
    `ordered` names groups of numeric properties that must not decrease (min <= desired <= max).
    """

    kind: str
    label: str
    category: str
    service: str
    description: str
    icon: str
    cfn_types: tuple[str, ...]
    parents: tuple[str, ...] = ()
    at_root: bool = False
    container: bool = False
    placement: Literal["subnets"] | None = None
    min_subnet_azs: int = 0
    props: tuple[Field, ...] = ()
    ordered: tuple[tuple[str, ...], ...] = ()
    usage: tuple[Field, ...] = ()
    keywords: tuple[str, ...] = ()
    docs_url: str = ""

    def field(self, name: str) -> Field | None:
        return next((f for f in self.props if f.name == name), None)

    def props_schema(self) -> dict[str, Any]:
        return object_schema(self.props)

    def usage_schema(self) -> dict[str, Any]:
        return object_schema(self.usage)

    def default_props(self) -> dict[str, Any]:
        return defaults_of(self.props)

    def default_usage(self) -> dict[str, Any]:
        return defaults_of(self.usage)


@dataclass(frozen=True)
class Connection:
    """What an edge from `source` to `target` means, and the properties such an edge carries."""

    source: str
    target: str
    meaning: str
    description: str
    props: tuple[Field, ...] = field(default=())

    def props_schema(self) -> dict[str, Any]:
        return object_schema(self.props)
