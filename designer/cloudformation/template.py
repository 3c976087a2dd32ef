"""A CloudFormation template under construction, and the intrinsic functions written into it.

Templates are plain dicts in CloudFormation's JSON form ({"Ref": "X"}, {"Fn::GetAtt": ["X", "Arn"]}); the YAML
writer turns those into short-form tags (!Ref, !GetAtt). Logical IDs come from node labels: CamelCase,
alphanumeric, and stable when other nodes change (a clash is broken by the node's own id, not by order).
"""

from __future__ import annotations

import re
from typing import Any

Json = Any

SECTION_ORDER = (
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Transform",
    "Globals",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Resources",
    "Outputs",
)


def ref(name: str) -> dict[str, str]:
    return {"Ref": name}


def get_att(name: str, attribute: str) -> dict[str, list[str]]:
    return {"Fn::GetAtt": [name, attribute]}


def sub(text: str) -> dict[str, str]:
    return {"Fn::Sub": text}


def select(index: int, values: Json) -> dict[str, list[Json]]:
    return {"Fn::Select": [index, values]}


def get_azs() -> dict[str, str]:
    return {"Fn::GetAZs": ""}


def join(separator: str, values: list[Json]) -> dict[str, list[Json]]:
    return {"Fn::Join": [separator, values]}


def if_(condition: str, yes: Json, no: Json) -> dict[str, list[Json]]:
    return {"Fn::If": [condition, yes, no]}


NO_VALUE = {"Ref": "AWS::NoValue"}


def camel(text: str) -> str:
    """'orders-db' -> 'OrdersDb'; 'web 1' -> 'Web1'; leading digits get a prefix (logical IDs start with a
    letter)."""
    words = re.findall(r"[A-Za-z0-9]+", text)
    out = "".join(w[:1].upper() + w[1:] for w in words)
    if not out:
        return "Node"
    if out[0].isdigit():
        out = "N" + out
    return out[:200]


class LogicalIds:
    """Names for each node: CamelCase of its label, or of label + its id when two labels would collide."""

    def __init__(self, labels: dict[str, str]) -> None:
        base = {node_id: camel(label) for node_id, label in labels.items()}
        counts: dict[str, int] = {}
        for name in base.values():
            counts[name] = counts.get(name, 0) + 1
        self._names = {node_id: name if counts[name] == 1 else name + camel(node_id) for node_id, name in base.items()}
        self._taken: set[str] = set()

    def node(self, node_id: str) -> str:
        return self._names[node_id]

    def claim(self, name: str) -> str:
        """Reserve a logical ID; a second claim of the same name gets a numbered suffix."""
        candidate, n = name, 2
        while candidate in self._taken:
            candidate, n = f"{name}{n}", n + 1
        self._taken.add(candidate)
        return candidate


class Template:
    """Sections of a template being built, in the order resources are added (grouped by containment)."""

    def __init__(self, description: str) -> None:
        self.description = description
        self.parameters: dict[str, Json] = {}
        self.mappings: dict[str, Json] = {}
        self.conditions: dict[str, Json] = {}
        self.resources: dict[str, Json] = {}
        self.outputs: dict[str, Json] = {}
        self.metadata: dict[str, Json] = {}
        self.transform: Json = None
        self.rules: dict[str, Json] = {}

    def add(self, logical_id: str, type_: str, properties: dict[str, Json] | None = None, **attributes: Json) -> str:
        if logical_id in self.resources:
            raise ValueError(f"logical ID {logical_id} is used twice")
        resource: dict[str, Json] = {"Type": type_}
        for key in ("Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Metadata"):
            if attributes.get(key) is not None:
                resource[key] = attributes[key]
        if properties:
            resource["Properties"] = properties
        self.resources[logical_id] = resource
        return logical_id

    def parameter(self, name: str, **spec: Json) -> dict[str, str]:
        self.parameters.setdefault(name, spec)
        return ref(name)

    def output(self, name: str, value: Json, description: str) -> None:
        self.outputs[name] = {"Description": description, "Value": value}

    def as_dict(self) -> dict[str, Json]:
        out: dict[str, Json] = {"AWSTemplateFormatVersion": "2010-09-09", "Description": self.description[:1024]}
        for key, value in (
            ("Metadata", self.metadata),
            ("Transform", self.transform),
            ("Parameters", self.parameters),
            ("Rules", self.rules),
            ("Mappings", self.mappings),
            ("Conditions", self.conditions),
            ("Resources", self.resources),
            ("Outputs", self.outputs),
        ):
            if value:
                out[key] = value
        return out


_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")


def _collect(value: Json, ids: frozenset[str] | set[str], out: dict[str, None]) -> None:
    if isinstance(value, list):
        for item in value:
            _collect(item, ids, out)
        return
    if not isinstance(value, dict):
        return
    if len(value) == 1:
        ((key, arg),) = value.items()
        if key == "Ref":
            if isinstance(arg, str) and arg in ids:
                out[arg] = None
            return
        if key == "Fn::GetAtt":
            name = arg[0] if isinstance(arg, list) and arg else arg.split(".")[0] if isinstance(arg, str) else ""
            if name in ids:
                out[name] = None
            return
        if key == "Fn::Sub":
            text = arg[0] if isinstance(arg, list) and arg else arg
            own = arg[1] if isinstance(arg, list) and len(arg) > 1 and isinstance(arg[1], dict) else {}
            if isinstance(text, str) and "${" in text:
                for name in _SUB_NAME.findall(text):
                    if name in ids and name not in own:  # ${Name} of the Sub's own variables is not a resource
                        out[name] = None
            if isinstance(arg, list) and len(arg) > 1:
                _collect(arg[1], ids, out)
            return
    for item in value.values():
        _collect(item, ids, out)


def references(value: Json, ids: frozenset[str] | set[str]) -> list[str]:
    """The logical IDs of resources a value refers to (Ref, GetAtt, names inside Sub), in order, once each."""
    out: dict[str, None] = {}
    _collect(value, ids, out)
    return list(out)
