"""A template written as YAML, fast: CloudFormation's short-form tags, keys in order, block style throughout.

PyYAML's dumper is general and slow (about 2 s for the 6,000 resources of a 1,000-node design); a template is
plain data (mappings, lists, strings, numbers, booleans), so this writer emits it directly. Every string is
written plain only where YAML reads it back as that same string (the set of characters is kept small and
PyYAML's own resolver confirms it is not a number, boolean or null); otherwise it is double-quoted, with JSON's
escapes, which YAML shares. Text of several lines (function code, user data) is a literal block when it can be
one. Tests check that YAML reads every output back to the same template.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

from yaml import ScalarNode
from yaml.resolver import Resolver

Json = Any

# JSON-form intrinsic -> short-form tag
TAGS = {
    "Ref": "!Ref",
    "Condition": "!Condition",
    "Fn::Sub": "!Sub",
    "Fn::Select": "!Select",
    "Fn::Join": "!Join",
    "Fn::Split": "!Split",
    "Fn::FindInMap": "!FindInMap",
    "Fn::If": "!If",
    "Fn::Equals": "!Equals",
    "Fn::And": "!And",
    "Fn::Or": "!Or",
    "Fn::Not": "!Not",
    "Fn::Base64": "!Base64",
    "Fn::Cidr": "!Cidr",
    "Fn::ImportValue": "!ImportValue",
    "Fn::GetAZs": "!GetAZs",
    "Fn::Transform": "!Transform",
    "Fn::ToJsonString": "!ToJsonString",
    "Fn::Length": "!Length",
    "Fn::GetAtt": "!GetAtt",
}

_PLAIN = re.compile(r"[A-Za-z0-9_./$(][A-Za-z0-9 _./${}()*@+=,:;~%<>|^\[\]-]*\Z")
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")  # and YAML line breaks
_STR = "tag:yaml.org,2002:str"
_SHORT = set(TAGS.values())
_OWN_TAG = re.compile(r"![A-Za-z0-9][A-Za-z0-9:._-]*")  # a tool's own tag kept from an imported template
_resolver = Resolver()


def _is_plain(text: str) -> bool:
    if not _PLAIN.match(text) or text.endswith((" ", ":")) or ": " in text or " #" in text:
        return False
    return bool(_resolver.resolve(ScalarNode, text, (True, False)) == _STR)


def _quoted(text: str) -> str:
    out = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


@lru_cache(maxsize=65536)  # keys, types and names repeat throughout a template
def _string(text: str) -> str:
    if text and _is_plain(text):
        return text
    return "''" if text == "" else _quoted(text)


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text


def _scalar(value: Json) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    raise TypeError(f"cannot write {type(value).__name__} in a template")


def _literal(text: str) -> bool:
    """Text that a literal block (|) reads back exactly."""
    if "\n" not in text or "\r" in text or _UNPRINTABLE.search(text) or text[:1] in (" ", "\n", "\t"):
        return False
    if any(ord(c) < 32 and c not in "\n\t" for c in text):
        return False
    return all(line == "" or line.strip() != "" for line in text.split("\n"))


def _block(text: str, indent: int) -> list[str]:
    chomp = "+" if text.endswith("\n\n") else "" if text.endswith("\n") else "-"
    body = text[:-1] if text.endswith("\n") else text
    pad = " " * indent
    return [f"|{chomp}", *(f"{pad}{line}" if line else "" for line in body.split("\n"))]


def _tagged(value: dict[str, Json]) -> tuple[str, Json] | None:
    """(tag, payload) when `value` is an intrinsic function written in short form."""
    if len(value) != 1:
        return None
    ((key, payload),) = value.items()
    tag = TAGS.get(key) or (key if _OWN_TAG.fullmatch(key) and key not in _SHORT else None)
    if tag is None or (key == "Condition" and not isinstance(payload, str)):
        return None
    if (
        tag == "!GetAtt"
        and isinstance(payload, list)
        and len(payload) == 2
        and all(isinstance(p, str) for p in payload)
        and "." not in payload[0]
    ):
        return tag, f"{payload[0]}.{payload[1]}"
    if tag == "!GetAtt":
        return None  # only [Resource, Attribute] has a short form that reads back the same
    if not isinstance(payload, (str, list, dict)):
        return None  # a number or boolean under a tag would read back as a string
    return tag, payload


def _after(head: str, value: Json, indent: int, out: list[str], in_sequence: bool) -> None:
    """`value` written after `head` ("Key:" or "-"), its block lines indented for a parent at `indent`."""
    tag = ""
    if isinstance(value, dict):
        found = _tagged(value)
        if found is not None:
            tag, value = found
            tag = " " + tag
    if isinstance(value, dict):
        if not value:
            out.append(f"{head}{tag} {{}}")
        elif tag or not in_sequence:
            out.append(head + tag)
            _mapping(value, indent + 2, out)
        else:  # "- Key: value" with the rest of the mapping under it
            start = len(out)
            _mapping(value, indent + 2, out)
            out[start] = f"{head} {out[start][indent + 2 :]}"
    elif isinstance(value, list):
        if not value:
            out.append(f"{head}{tag} []")
        elif tag or in_sequence:
            if not tag and in_sequence:  # "- - item"
                start = len(out)
                _sequence(value, indent + 2, out)
                out[start] = f"{head} {out[start][indent + 2 :]}"
            else:
                out.append(head + tag)
                _sequence(value, indent + 2 if in_sequence else indent, out)
        else:
            out.append(head)
            _sequence(value, indent, out)
    elif isinstance(value, str) and _literal(value):
        lines = _block(value, indent + 2)
        out.append(f"{head}{tag} {lines[0]}")
        out.extend(lines[1:])
    else:
        out.append(f"{head}{tag} {_scalar(value)}")


def _mapping(value: dict[str, Json], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, item in value.items():
        _after(f"{pad}{_string(str(key))}:", item, indent, out, in_sequence=False)


def _sequence(value: list[Json], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in value:
        _after(f"{pad}-", item, indent, out, in_sequence=True)


def write_yaml(template: dict[str, Json]) -> str:
    out: list[str] = []
    _mapping(template, 0, out)
    return "\n".join(out) + "\n"
