"""The JSON Schema of a design document.

`structure_schema` checks the shape every document must have; the gate validates each node and edge with
the catalog's per-kind schemas separately, so one bad node does not hide problems in the others.
`published_schema` is the same shape with every kind's property and usage schema folded in (if kind == X
then props follow X's schema), served by the API and written to docs/design.schema.json.
"""

from __future__ import annotations

from typing import Any

from ..catalog import CATALOG, Catalog
from ..catalog.fields import PRICING_MODELS, REGIONS
from ..catalog.spec import CFN_TYPE_PATTERN
from .migrations import CURRENT_VERSION

DOCUMENT_TYPE = "aws-architecture-design"
SCHEMA_ID = "https://github.com/aws-architecture-designer/schema/design-v1.json"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"

_POINT = {
    "type": "object",
    "properties": {"x": {"type": "number"}, "y": {"type": "number"}},
    "required": ["x", "y"],
    "additionalProperties": False,
}
_SIZE = {
    "type": "object",
    "properties": {
        "width": {"type": "number", "minimum": 1, "maximum": 100000},
        "height": {"type": "number", "minimum": 1, "maximum": 100000},
    },
    "required": ["width", "height"],
    "additionalProperties": False,
}

SETTINGS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Design-wide settings",
    "properties": {
        "hours_per_month": {
            "type": "number",
            "minimum": 1,
            "maximum": 744,
            "default": 730,
            "title": "Hours in a month",
            "description": "730 is the AWS Pricing Calculator's convention.",
        },
        "pricing_model": {
            "type": "string",
            "enum": list(PRICING_MODELS),
            "default": "on_demand",
            "title": "Pricing model",
            "description": "Applies to every node whose own pricing model is 'design'.",
        },
        "monthly_budget": {
            "type": "number",
            "minimum": 0,
            "maximum": 1000000000,
            "title": "Monthly budget",
            "description": "USD a month. The editor warns when the estimate exceeds it, and by how much.",
        },
    },
    "additionalProperties": False,
}


# A node imported from a CloudFormation template keeps its original resource, and the resources that belong to
# it (a subnet's route table, a function's permissions), so exporting it again writes the same resources (with
# the properties the design maps written over the first).
_CFN_RESOURCE: dict[str, Any] = {
    "logical_id": {"type": "string", "pattern": "^[A-Za-z0-9]{1,255}$"},
    "type": {"type": "string", "pattern": CFN_TYPE_PATTERN, "maxLength": 200},
    "properties": {"type": "object"},
    "attributes": {
        "type": "object",
        "propertyNames": {
            "enum": [
                "DependsOn",
                "Condition",
                "DeletionPolicy",
                "UpdateReplacePolicy",
                "Metadata",
                "CreationPolicy",
                "UpdatePolicy",
            ]
        },
    },
}
CFN_RESOURCE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "The CloudFormation resource this node was imported from",
    "properties": {
        **_CFN_RESOURCE,
        "mapped": {"type": "object", "description": "The design properties read from it, as they were read"},
        "resources": {
            "type": "array",
            "description": "The template's resources that belong to this node (its route table, its policies...)",
            "maxItems": 500,
            "items": {
                "type": "object",
                "properties": _CFN_RESOURCE,
                "required": ["logical_id", "type"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["logical_id", "type"],
    "additionalProperties": False,
}

# Template sections kept from an imported template for export (every section but Resources; Globals is SAM's).
CLOUDFORMATION_SECTIONS = (
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Transform",
    "Globals",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Outputs",
)
CLOUDFORMATION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Template sections kept from an imported template",
    "properties": {key: {} for key in CLOUDFORMATION_SECTIONS},
    "additionalProperties": False,
}


def node_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "kind": {"type": "string", "minLength": 1, "maxLength": 100},
            "label": {"type": "string", "minLength": 1, "maxLength": 200},
            "parent": {"type": ["string", "null"], "maxLength": 64},
            "position": _POINT,
            "size": _SIZE,
            "props": {"type": "object"},
            "usage": {"type": "object"},
            "cfn": CFN_RESOURCE_SCHEMA,
        },
        "required": ["id", "kind", "label"],
        "additionalProperties": False,
    }


def edge_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "source": {"type": "string", "maxLength": 64},
            "target": {"type": "string", "maxLength": 64},
            "label": {"type": "string", "maxLength": 200},
            "props": {"type": "object"},
            "usage": {"type": "object"},
            "origin": {
                "type": "string",
                "enum": ["import"],
                "description": "'import': recovered from an imported template, whose resources already wire it",
            },
        },
        "required": ["id", "source", "target"],
        "additionalProperties": False,
    }


def structure_schema(*, nodes: bool = True) -> dict[str, Any]:
    """The top level of a document; with `nodes=False`, nodes and edges are only required to be lists."""
    return {
        "type": "object",
        "properties": {
            "type": {"const": DOCUMENT_TYPE},
            "version": {"type": "integer", "minimum": 1, "maximum": CURRENT_VERSION},
            "name": {"type": "string", "minLength": 1, "maxLength": 200},
            "description": {"type": "string", "maxLength": 5000},
            "region": {"type": "string", "enum": list(REGIONS)},
            "settings": SETTINGS_SCHEMA,
            "cloudformation": CLOUDFORMATION_SCHEMA,
            "nodes": {"type": "array", "items": node_schema()} if nodes else {"type": "array"},
            "edges": {"type": "array", "items": edge_schema()} if nodes else {"type": "array"},
        },
        "required": ["type", "version", "name", "region", "nodes", "edges"],
        "additionalProperties": False,
    }


def published_schema(catalog: Catalog = CATALOG) -> dict[str, Any]:
    """The whole format in one JSON Schema (draft 2020-12), each kind's props and usage included."""
    schema = structure_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "AWS architecture design",
        "description": f"A design document, format version {CURRENT_VERSION}. Node positions are relative "
        "to the parent's top-left corner, in canvas pixels.",
        **schema,
    }
    node = schema["properties"]["nodes"]["items"]
    node["properties"]["kind"] = {"type": "string", "enum": sorted(catalog.kinds)}
    node["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": kind.kind}}, "required": ["kind"]},
            "then": {"properties": {"props": kind.props_schema(), "usage": kind.usage_schema()}},
        }
        for kind in catalog.kinds.values()
    ]
    edge = schema["properties"]["edges"]["items"]
    edge["properties"]["usage"] = catalog.edge_usage_schema()
    return schema
