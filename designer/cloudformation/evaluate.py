"""What a template's values come to before deployment, where that can be known: parameter defaults, mappings,
`Fn::Select`, `Fn::Cidr`, `Fn::Join`, `Fn::Sub` over parameters and pseudo parameters.

The importer shows these values in the design (a subnet's CIDR from `!Select [0, !Cidr [...]]`), and records
them as read so that exporting writes the original expression back unless the user changes the value. A value
that depends on a deployed resource (`!GetAtt`, `!Ref` to a resource, a condition) cannot be known: `Unknown`.
"""

from __future__ import annotations

import ipaddress
import re
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
        self.region = region

    def __call__(self, value: Json) -> Json:
        return self.value(value, 0)

    def value(self, value: Json, depth: int) -> Json:
        if depth > 20:
            raise Unknown("nested too deeply")
        if isinstance(value, (str, int, float, bool)):
            return value
        if isinstance(value, list):
            return [self.value(v, depth + 1) for v in value]
        if not isinstance(value, dict) or len(value) != 1:
            raise Unknown("not a single intrinsic function")
        ((key, arg),) = value.items()
        handler = getattr(self, "_" + key.replace("Fn::", "fn_").lower(), None)
        if handler is None:
            raise Unknown(key)
        return handler(arg, depth + 1)

    # -- the functions --------------------------------------------------------------------------------------

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
        return default

    def _fn_findinmap(self, arg: Json, depth: int) -> Json:
        if not isinstance(arg, list) or len(arg) < 3:
            raise Unknown("Fn::FindInMap")
        name, first, second = (self.value(a, depth) for a in arg[:3])
        try:
            return self.value(self.mappings[name][first][second], depth)
        except (KeyError, TypeError):
            if len(arg) > 3 and isinstance(arg[3], dict) and "DefaultValue" in arg[3]:
                return self.value(arg[3]["DefaultValue"], depth)
            raise Unknown("Fn::FindInMap: no such key") from None

    def _fn_select(self, arg: Json, depth: int) -> Json:
        if not isinstance(arg, list) or len(arg) != 2:
            raise Unknown("Fn::Select")
        index, values = self.value(arg[0], depth), self.value(arg[1], depth)
        try:
            return values[int(index)]
        except (IndexError, ValueError, TypeError):
            raise Unknown("Fn::Select: out of range") from None

    def _fn_getazs(self, arg: Json, depth: int) -> Json:
        return [f"{self.region}{letter}" for letter in "abcdef"]

    def _fn_cidr(self, arg: Json, depth: int) -> Json:
        if not isinstance(arg, list) or len(arg) != 3:
            raise Unknown("Fn::Cidr")
        block, count, bits = (self.value(a, depth) for a in arg)
        try:
            network = ipaddress.ip_network(str(block), strict=False)
            prefix = network.max_prefixlen - int(bits)
            out: list[str] = []
            for subnet in network.subnets(new_prefix=prefix):
                out.append(str(subnet))
                if len(out) >= int(count):
                    break
            return out
        except ValueError:
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
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1]) if isinstance(arg, list) else ("", {})
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
