"""Turns JSON Schema validation errors into sentences a user can act on."""

from __future__ import annotations

import difflib
import ipaddress
import json
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

FORMATS = FormatChecker(formats=())


def _is_cidr(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if "/" not in value:
        raise ValueError("missing prefix length")
    ipaddress.IPv4Network(value, strict=True)
    return True


FORMATS.checks("ipv4-cidr", raises=ValueError)(_is_cidr)


_STRING_SETS: dict[int, tuple[list[Any], frozenset[str]]] = {}


def _enum(validator: Any, enums: list[Any], instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """jsonschema's `enum`, with set membership for strings: the instance-type list has 1,367 entries and the
    stock keyword compares them one by one."""
    if isinstance(instance, str):
        cached = _STRING_SETS.get(id(enums))
        if cached is None or cached[0] is not enums:
            cached = (enums, frozenset(e for e in enums if isinstance(e, str)))
            _STRING_SETS[id(enums)] = cached
        if instance in cached[1]:
            return
    yield from _STOCK_ENUM(validator, enums, instance, schema)


_STOCK_ENUM = Draft202012Validator.VALIDATORS["enum"]
_Explainer = validators.extend(Draft202012Validator, {"enum": _enum})


def _cidr_format(value: str) -> bool:
    try:
        return _is_cidr(value)
    except ValueError:
        return False


class Validator:
    """A schema compiled twice: `jsonschema_rs` decides (about 60 times faster, which matters for a
    2,000-node design checked node by node), and the pure-Python `jsonschema` explains a refusal, since its
    errors carry the schema keyword and value that `describe()` turns into a sentence. If the two ever
    disagree, the faster one's verdict stands and its own message is used."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.judge = jsonschema_rs.Draft202012Validator(
            schema, formats={"ipv4-cidr": _cidr_format}, validate_formats=True
        )
        self.explainer = _Explainer(schema, format_checker=FORMATS)

    def is_valid(self, instance: Any) -> bool:
        return bool(self.judge.is_valid(instance))

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        """The pure-Python validator's errors (what `errors()` explains)."""
        yield from self.explainer.iter_errors(instance)


def validator(schema: dict[str, Any]) -> Validator:
    return Validator(schema)


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "an object",
    "null": "null",
}


def errors(v: Validator, instance: Any) -> Iterator[tuple[list[str | int], str]]:
    """Each error as (path inside `instance`, sentence), most specific first, one per location."""
    if v.is_valid(instance):
        return
    explained = sorted(v.explainer.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    if not explained:
        for rs_error in v.judge.iter_errors(instance):
            yield list(rs_error.instance_path), f"{rs_error.message[:200]}."
        return
    seen: set[tuple[str | int, ...]] = set()
    for error in explained:
        for leaf in _leaves(error):
            path = list(leaf.absolute_path)
            if leaf.validator == "additionalProperties":
                for extra in _extra_keys(leaf):
                    key = (*path, extra)
                    if key not in seen:
                        seen.add(key)
                        yield [*path, extra], _unknown_key(extra, leaf.schema)
                continue
            if leaf.validator == "required":
                missing = _quoted_name(leaf.message)
                key = (*path, missing)
                if key not in seen:
                    seen.add(key)
                    yield [*path, missing], f"'{missing}' is required."
                continue
            key = tuple(path)
            if key in seen:
                continue
            seen.add(key)
            yield path, describe(leaf)


def _leaves(error: ValidationError) -> list[ValidationError]:
    if error.context:
        best = [e for e in error.context if not e.context]
        return best[:1] or [error]
    return [error]


def _extra_keys(error: ValidationError) -> list[str]:
    allowed = set((error.schema.get("properties") or {}).keys())
    return sorted(k for k in error.instance if k not in allowed) if isinstance(error.instance, dict) else []


def _unknown_key(extra: str, schema: dict[str, Any]) -> str:
    allowed = sorted((schema.get("properties") or {}).keys())
    if not allowed:
        return f"'{extra}' is not a known field; none are accepted here."
    hint = difflib.get_close_matches(extra, allowed, n=1)
    if hint:
        return f"'{extra}' is not a known field; did you mean '{hint[0]}'?"
    shown = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + ", ..."
    return f"'{extra}' is not a known field (known: {shown})."


def _quoted_name(message: str) -> str:
    # jsonschema says: "'name' is a required property"
    return message.split("'")[1] if message.count("'") >= 2 else message


def _show(value: Any) -> str:
    text = json.dumps(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def describe(error: ValidationError) -> str:
    """One sentence for one schema error, using the field's title and unit where the schema has them."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    path = list(error.absolute_path)
    name = schema.get("title") or (f"'{path[-1]}'" if path and isinstance(path[-1], str) else "The value")
    unit = f" {schema['x-unit']}" if schema.get("x-unit") else ""
    value = _show(error.instance)
    expected = error.validator_value
    match error.validator:
        case "type":
            names = [expected] if isinstance(expected, str) else list(expected)
            return f"{name} must be {' or '.join(_TYPE_NAMES.get(n, n) for n in names)}, not {value}."
        case "enum" if len(expected) <= 8:
            return f"{name} {value} is not one of the choices: {', '.join(_show(o) for o in expected)}."
        case "enum":
            hint = difflib.get_close_matches(str(error.instance), [str(o) for o in expected], n=3, cutoff=0.6)
            suggestion = f" Did you mean {' or '.join(hint)}?" if hint else ""
            return f"{name} {value} is not a known choice ({len(expected)} choices).{suggestion}"
        case "const":
            return f"{name} must be {_show(expected)}, not {value}."
        case "minimum":
            return f"{name} must be at least {_num(expected)}{unit}, not {value}."
        case "maximum":
            return f"{name} must be at most {_num(expected)}{unit}, not {value}."
        case "minLength":
            return f"{name} must not be empty." if expected == 1 else f"{name} needs at least {expected} characters."
        case "maxLength":
            return f"{name} must be at most {expected} characters long."
        case "pattern":
            return f"{name} {value} is not in the expected form."
        case "format":
            return f"{name} {value} is not a valid IPv4 CIDR block{_cidr_hint(error.instance)}."
        case "maxItems":
            return f"{name} may hold at most {expected} items."
        case "uniqueItems":
            return f"{name} lists the same item twice."
    return f"{name}: {error.message}."


def _num(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _cidr_hint(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    if "/" not in value:
        return " (it needs a prefix length, like 10.0.0.0/16)"
    try:
        network = ipaddress.IPv4Network(value, strict=False)
    except ValueError:
        return " (write it like 10.0.0.0/16)"
    return f"; the address has host bits set (did you mean {network}?)"
