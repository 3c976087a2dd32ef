"""What a template's values come to before deployment, where that can be known: parameter defaults, mappings,
`Fn::Select`, `Fn::Cidr`, `Fn::Join`, `Fn::Sub` over parameters and pseudo parameters, `Fn::If` on
conditions those decide (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`), and the one resource attribute a
template gives itself: a VPC's `CidrBlock` (subnets carved with `!Cidr [!GetAtt Vpc.CidrBlock, 6, 8]`).

The importer shows these values in the design (a subnet's CIDR from `!Select [0, !Cidr [...]]`), and records
them as read so that exporting writes the original expression back unless the user changes the value. A value
that depends on a deployed resource (`!GetAtt`, `!Ref` to a resource, a parameter without a default, the
account or the stack) cannot be known: `Unknown`; so cannot `AWS::NoValue` (the property is left out).

Only the functions listed in `Evaluator.FUNCTIONS` are evaluated; a mapping that is not a function call (a
redrive policy) is evaluated value by value. Parameter defaults and mapping values are taken as written (they
cannot hold functions), so the work is bounded by the size of the expression being read.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import Any

Json = Any


class Unknown(ValueError):
    """The value is only known once the stack is deployed."""


_SUB_VARIABLE = re.compile(r"\$\{([^}!][^}]*)\}")


class Evaluator:
    def __init__(self, template: dict[str, Json], region: str) -> None:
        self.parameters: dict[str, Json] = (
            template.get("Parameters") if isinstance(template.get("Parameters"), dict) else {}
        ) or {}
        self.mappings: dict[str, Json] = (
            template.get("Mappings") if isinstance(template.get("Mappings"), dict) else {}
        ) or {}
        self.conditions: dict[str, Json] = (
            template.get("Conditions") if isinstance(template.get("Conditions"), dict) else {}
        ) or {}
        resources = template.get("Resources")
        self.resources: dict[str, Json] = resources if isinstance(resources, dict) else {}
        self.region = region

    def __call__(self, value: Json) -> Json:
        return self.value(value, 0)

    def branch(self, value: Json) -> Json:
        """The value, as written, that the `Fn::If`s at its top choose: for reading one key of a mapping whose
        other keys are only known at deployment (a redrive policy's count beside its queue's ARN)."""
        for _ in range(20):
            if not (isinstance(value, dict) and len(value) == 1 and "Fn::If" in value):
                return value
            arg = value["Fn::If"]
            if not isinstance(arg, list) or len(arg) != 3:
                raise Unknown("Fn::If")
            value = arg[1] if self.condition(arg[0], 0) else arg[2]
        raise Unknown("nested too deeply")

    def condition(self, name: Json, depth: int) -> bool:
        if not isinstance(name, str) or name not in self.conditions:
            raise Unknown(f"Condition {name}")
        return self._test(self.conditions[name], depth + 1)

    def _test(self, value: Json, depth: int) -> bool:
        """A condition's expression: Fn::Equals, Fn::And, Fn::Or, Fn::Not and other conditions by name."""
        if depth > 20:
            raise Unknown("nested too deeply")
        if not isinstance(value, dict) or len(value) != 1:
            raise Unknown("not a condition")
        ((key, arg),) = value.items()
        if key == "Condition":
            return self.condition(arg, depth)
        items = arg if isinstance(arg, list) else []
        if key == "Fn::Equals" and len(items) == 2:
            left, right = (self.value(item, depth + 1) for item in items)
            return _text(left) == _text(right)
        if key == "Fn::And" and items:
            return all(self._test(item, depth + 1) for item in items)
        if key == "Fn::Or" and items:
            return any(self._test(item, depth + 1) for item in items)
        if key == "Fn::Not" and len(items) == 1:
            return not self._test(items[0], depth + 1)
        raise Unknown(key)

    def value(self, value: Json, depth: int) -> Json:
        if depth > 20:
            raise Unknown("nested too deeply")
        if isinstance(value, (str, int, float, bool)):
            return value
        if isinstance(value, list):
            return [self.value(v, depth + 1) for v in value]
        if not isinstance(value, dict):
            raise Unknown("null")
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key in self.FUNCTIONS:
                return self.FUNCTIONS[key](self, arg, depth + 1)
            if _is_function(key):
                raise Unknown(key)
        if any(_is_function(key) for key in value):
            raise Unknown("a function call with other keys beside it")
        return {key: self.value(v, depth + 1) for key, v in value.items()}

    # -- the functions --------------------------------------------------------------------------------------

    def _fn_if(self, arg: Json, depth: int) -> Json:
        if not isinstance(arg, list) or len(arg) != 3:
            raise Unknown("Fn::If")
        return self.value(arg[1] if self.condition(arg[0], depth) else arg[2], depth)

    def _fn_getatt(self, arg: Json, depth: int) -> Json:
        name, attribute = arg if isinstance(arg, list) and len(arg) == 2 else (str(arg).partition(".")[::2])
        resource = self.resources.get(name) if isinstance(name, str) else None
        if attribute == "CidrBlock" and isinstance(resource, dict) and resource.get("Type") == "AWS::EC2::VPC":
            properties = resource.get("Properties")
            if isinstance(properties, dict) and "CidrBlock" in properties:
                return self.value(properties["CidrBlock"], depth)
        raise Unknown(f"Fn::GetAtt {name}.{attribute}")

    def _ref(self, name: Json, depth: int) -> Json:
        if name == "AWS::Region":
            return self.region
        if name == "AWS::Partition":
            return "aws"
        if name == "AWS::URLSuffix":
            return "amazonaws.com"
        spec = self.parameters.get(name) if isinstance(name, str) else None
        if not isinstance(spec, dict) or "Default" not in spec:
            raise Unknown(f"Ref {name}")
        default = spec["Default"]
        kind = str(spec.get("Type", "String"))
        if kind.startswith("AWS::SSM::Parameter::Value"):
            raise Unknown(f"Ref {name}: an SSM parameter")
        if kind == "CommaDelimitedList" or kind.startswith("List<"):
            return [part.strip() for part in str(default).split(",")]
        if kind == "Number":
            try:
                number = float(default)
            except (TypeError, ValueError):
                raise Unknown(f"Ref {name}: not a number") from None
            return int(number) if number.is_integer() else number
        return _literal(default)

    def _fn_findinmap(self, arg: Json, depth: int) -> Json:
        if not isinstance(arg, list) or len(arg) < 3:
            raise Unknown("Fn::FindInMap")
        name, first, second = (self.value(a, depth) for a in arg[:3])
        try:
            return _literal(self.mappings[name][first][second])
        except (KeyError, TypeError):
            if len(arg) > 3 and isinstance(arg[3], dict) and "DefaultValue" in arg[3]:
                return self.value(arg[3]["DefaultValue"], depth)
            raise Unknown("Fn::FindInMap: no such key") from None

    def _fn_select(self, arg: Json, depth: int) -> Json:
        if not isinstance(arg, list) or len(arg) != 2:
            raise Unknown("Fn::Select")
        index, values = self.value(arg[0], depth), self.value(arg[1], depth)
        try:
            position = int(index)
        except (ValueError, TypeError):
            raise Unknown("Fn::Select: not an index") from None
        if not isinstance(values, list) or not 0 <= position < len(values):
            raise Unknown("Fn::Select: out of range")
        return values[position]

    def _fn_getazs(self, arg: Json, depth: int) -> Json:
        region = self.value(arg, depth) if arg else ""
        return [f"{region or self.region}{letter}" for letter in "abcdef"]

    def _fn_cidr(self, arg: Json, depth: int) -> Json:
        if not isinstance(arg, list) or len(arg) != 3:
            raise Unknown("Fn::Cidr")
        block, count, bits = (self.value(a, depth) for a in arg)
        try:
            network = ipaddress.ip_network(str(block), strict=False)
            prefix, wanted = network.max_prefixlen - int(bits), int(count)
            if not 1 <= wanted <= 256:  # CloudFormation's own bounds
                raise ValueError(count)
            out: list[str] = []
            for subnet in network.subnets(new_prefix=prefix):
                out.append(str(subnet))
                if len(out) >= wanted:
                    break
            return out
        except (ValueError, TypeError):
            raise Unknown("Fn::Cidr") from None

    def _fn_join(self, arg: Json, depth: int) -> Json:
        if not isinstance(arg, list) or len(arg) != 2:
            raise Unknown("Fn::Join")
        separator, values = self.value(arg[0], depth), self.value(arg[1], depth)
        if not isinstance(values, list):
            raise Unknown("Fn::Join")
        return str(separator).join(str(v) for v in values)

    def _fn_split(self, arg: Json, depth: int) -> Json:
        if not isinstance(arg, list) or len(arg) != 2:
            raise Unknown("Fn::Split")
        return str(self.value(arg[1], depth)).split(str(self.value(arg[0], depth)))

    def _fn_sub(self, arg: Json, depth: int) -> Json:
        if isinstance(arg, list) and len(arg) == 2:
            text, variables = arg
        else:
            text, variables = arg, {}
        if not isinstance(text, str) or not isinstance(variables, dict):
            raise Unknown("Fn::Sub")

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in variables:
                return str(self.value(variables[name], depth))
            if "." in name:
                raise Unknown(f"Fn::Sub {name}")
            return str(self._ref(name, depth))

        return _SUB_VARIABLE.sub(replace, text).replace("${!", "${")

    FUNCTIONS: dict[str, Callable[[Evaluator, Json, int], Json]] = {
        "Ref": _ref,
        "Fn::FindInMap": _fn_findinmap,
        "Fn::Select": _fn_select,
        "Fn::GetAZs": _fn_getazs,
        "Fn::Cidr": _fn_cidr,
        "Fn::Join": _fn_join,
        "Fn::Split": _fn_split,
        "Fn::Sub": _fn_sub,
        "Fn::If": _fn_if,
        "Fn::GetAtt": _fn_getatt,
    }


def _is_function(key: str) -> bool:
    """An intrinsic function, a condition reference, or a tag of another tool kept as "!Tag"."""
    return key in ("Ref", "Condition") or key.startswith(("Fn::", "!"))


def _text(value: Json) -> str:
    """Fn::Equals compares values as text ("true" equals true, "5" equals 5)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _literal(value: Json) -> Json:
    """A parameter default or mapping value: text, a number, or a list of those."""
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list) and all(isinstance(v, (str, int, float, bool)) for v in value):
        return list(value)
    raise Unknown("not a plain value")
