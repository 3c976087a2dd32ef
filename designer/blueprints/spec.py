"""What a blueprint is made of: its parameters (typed, with defaults and bounds) and the errors bad input raises.

A parameter describes itself as plain data (`as_dict`) for the API, the command line's `--list` and the "new
design" dialog, and reads a raw value (`read`), which may be typed JSON from the API or text from the command line.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

ParamType = Literal["integer", "choice", "boolean", "cidr", "string"]
Params = dict[str, Any]

_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


class BlueprintError(ValueError):
    """Bad input for a blueprint: `errors` maps each bad parameter's name (or `blueprint`) to a sentence."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))


class UnknownBlueprint(BlueprintError, LookupError):
    """No blueprint has this name."""


class InvalidParams(BlueprintError):
    """Some parameters are unknown, of the wrong type, out of range, or do not fit together."""


@dataclass(frozen=True)
class Param:
    """One parameter. For an `integer`, `minimum` and `maximum` bound the value; for a `cidr`, its prefix length.
    A `choice` takes one of `options`; a `string` must match `pattern` when there is one."""

    name: str
    label: str
    type: ParamType
    default: Any
    help: str = ""
    options: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    pattern: str | None = None
    max_length: int = 255

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "label": self.label,
            "type": self.type,
            "default": self.default,
            "help": self.help,
        }
        if self.options:
            out["options"] = list(self.options)
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        if self.pattern is not None:
            out["pattern"] = self.pattern
        return out

    def read(self, raw: Any) -> Any:
        """The value `raw` stands for; ValueError with a sentence when it is not one this parameter takes."""
        reader = {
            "integer": self._integer,
            "choice": self._choice,
            "boolean": self._boolean,
            "cidr": self._cidr,
            "string": self._string,
        }[self.type]
        return reader(raw)

    def _integer(self, raw: Any) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            raise ValueError(f"{self.label} must be a whole number.")
        if isinstance(raw, str):
            text = raw.strip()
            if not re.fullmatch(r"[+-]?[0-9]{1,12}", text):
                raise ValueError(f"{self.label} must be a whole number, not “{raw[:40]}”.")
            value = int(text)
        else:
            value = raw
        self._in_range(value, str(value))
        return value

    def _in_range(self, value: int, shown: str) -> None:
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"from {low:,} to {high:,}" if low is not None and high is not None else ""
            if not span:
                span = f"at least {low:,}" if low is not None else f"at most {high:,}"
            raise ValueError(f"{self.label} must be {span}; {shown} is not.")

    def _choice(self, raw: Any) -> str:
        if not isinstance(raw, str) or raw not in self.options:
            shown = raw[:40] if isinstance(raw, str) else raw
            raise ValueError(f"{self.label} must be one of {', '.join(self.options)}; “{shown}” is not.")
        return raw

    def _boolean(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _TRUE + _FALSE:
            return raw.strip().lower() in _TRUE
        raise ValueError(f"{self.label} must be true or false.")

    def _cidr(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise ValueError(f"{self.label} must be an IPv4 CIDR block such as 10.0.0.0/16.")
        text = raw.strip()
        try:
            network = ipaddress.IPv4Network(text, strict=False)
        except ValueError:
            raise ValueError(f"“{text[:40]}” is not an IPv4 CIDR block such as 10.0.0.0/16.") from None
        if "/" not in text:
            raise ValueError(f"{self.label} needs a prefix length: {network.network_address}/16, say.")
        if str(network) != text:
            raise ValueError(f"{text} has host bits set: the block it lies in is {network}.")
        low = 0 if self.minimum is None else self.minimum
        high = 32 if self.maximum is None else self.maximum
        if not low <= network.prefixlen <= high:
            raise ValueError(f"{self.label} must be between /{low} and /{high}; {text} is a /{network.prefixlen}.")
        return text

    def _string(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise ValueError(f"{self.label} must be text.")
        text = raw.strip()
        if len(text) > self.max_length:
            raise ValueError(f"{self.label} must be at most {self.max_length} characters long.")
        if self.pattern is not None and not re.fullmatch(self.pattern, text):
            raise ValueError(f"“{text[:40]}” is not a valid {self.label.lower()}.")
        return text


def no_problems(params: Params) -> dict[str, str]:
    return {}


@dataclass(frozen=True)
class Blueprint:
    """A parameterised starting point. `build(params)` returns a version-1 design document for parameters that
    `check_params` accepted; `check(params)` finds what the parameters get wrong together (a plan that does not fit
    its CIDR, ranges that overlap), as {parameter: sentence}."""

    slug: str
    title: str
    description: str
    params: tuple[Param, ...]
    build: Callable[[Params], dict[str, Any]]
    check: Callable[[Params], dict[str, str]] = no_problems

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def defaults(self) -> Params:
        return {p.name: p.default for p in self.params}

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.slug,
            "title": self.title,
            "description": self.description,
            "params": [p.as_dict() for p in self.params],
        }
