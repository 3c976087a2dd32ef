"""Reading and writing templates as YAML (with CloudFormation's short-form tags) or JSON.

Writing: intrinsic functions held as JSON-form dicts become tags (!Ref X, !GetAtt X.Arn, !Sub ...), keys keep
their order, and the same template always gives the same bytes.

Reading is safe: only CloudFormation's own tags are understood (each becomes its JSON form); a tag of another
tool (!Rain::Embed) is kept as data, never run; Python tags are refused, and so are YAML's binary, set and
ordered-map types, which have no JSON form. Anchors and aliases are refused (they allow exponential "billion
laughs" documents), and so are duplicate keys, NaN and infinity. Dates and other scalars are kept as the text
they were written as (`AWSTemplateFormatVersion: 2010-09-09` is a string to CloudFormation), and every mapping
key is a string. Size and nesting are bounded: a template may nest as deeply as a design can hold it.
"""

from __future__ import annotations

import json
import math
from typing import Any

import yaml

from ..document.load import MAX_DEPTH as DESIGN_MAX_DEPTH
from ..document.load import nesting_depth
from .yaml_writer import TAGS, write_yaml

# Short tag -> JSON key (the writer's table, read the other way).
_TAGS = {tag: key for key, tag in TAGS.items()}


class TemplateError(ValueError):
    """A template that cannot be read: not YAML or JSON, an unknown tag, an alias, too big or too deep."""


# -- writing ---------------------------------------------------------------------------------------------


def dump_yaml(template: dict[str, Any]) -> str:
    """The template as YAML, short-form tags and all (`yaml_writer.py`: PyYAML's dumper is too slow for large
    designs)."""
    return write_yaml(template)


def dump_json(template: dict[str, Any]) -> str:
    return json.dumps(template, indent=2, ensure_ascii=False) + "\n"


# -- reading ---------------------------------------------------------------------------------------------

# An imported resource's values sit up to 4 levels deeper in the design than in the template (nodes, node, cfn,
# resources) and the design gate refuses more than DESIGN_MAX_DEPTH levels, so a template may nest this deep.
MAX_DEPTH = DESIGN_MAX_DEPTH - 4
MAX_BYTES = 1024 * 1024


def _line(node: yaml.Node) -> str:
    return f"line {node.start_mark.line + 1}"


class _Loader(yaml.SafeLoader):  # type: ignore[misc]
    max_depth = MAX_DEPTH

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise TemplateError(f"line {event.start_mark.line + 1}: YAML aliases (*{event.anchor}) are not accepted")
        if getattr(event, "anchor", None):
            raise TemplateError(f"line {event.start_mark.line + 1}: YAML anchors (&{event.anchor}) are not accepted")
        nests = int(isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)))
        self._depth = getattr(self, "_depth", 0) + nests
        try:
            if self._depth > self.max_depth:
                raise TemplateError(
                    f"line {event.start_mark.line + 1}: the template nests more than {self.max_depth} levels deep"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= nests

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
        """Keys as the text they were written as (`80:` is "80", `true:` is "true"); a key given twice is an
        error (YAML readers disagree on which one wins). Merge keys (<<) are ordinary keys."""
        if not isinstance(node, yaml.MappingNode):
            raise TemplateError(f"{_line(node)}: expected a mapping")
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.startswith("!"):
                raise TemplateError(f"{_line(key_node)}: a mapping key must be plain text")
            key = str(key_node.value)
            if key in mapping:
                raise TemplateError(f"{_line(key_node)}: the key {key!r} is given twice")
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _as_text(loader: _Loader, node: yaml.Node) -> Any:
    """A scalar kept as written: CloudFormation reads `2010-09-09` as text, not as a date."""
    return loader.construct_scalar(node)


def _finite(loader: _Loader, node: yaml.Node) -> Any:
    value = loader.construct_yaml_float(node)
    if math.isinf(value) or math.isnan(value):
        raise TemplateError(f"{_line(node)}: {node.value} is not a number JSON can hold")
    return value


def _no_json_form(loader: _Loader, node: yaml.Node) -> Any:
    name = str(node.tag).rsplit(":", 1)[-1]
    raise TemplateError(f"{_line(node)}: the YAML type !!{name} is not accepted (it has no JSON form)")


def _construct(tag: str, key: str) -> Any:
    def construct(loader: _Loader, node: yaml.Node) -> dict[str, Any]:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
            if tag == "!GetAtt":
                name, _, attribute = str(value).partition(".")
                value = [name, attribute]
            elif tag == "!GetAZs":
                value = value or ""
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {key: value}

    return construct


for _tag, _key in _TAGS.items():
    _Loader.add_constructor(_tag, _construct(_tag, _key))
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _as_text)
_Loader.add_constructor("tag:yaml.org,2002:float", _finite)
for _name in ("binary", "set", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_name}", _no_json_form)


def _other_tag(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    """A tag CloudFormation does not define (a tool's own, such as Rain's !Rain::Embed): kept as data under the
    key "!<tag>", so it is written back unchanged and the importer can report it. Nothing is executed."""
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {f"!{suffix}": value}


def _python_tag(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    raise TemplateError(f"{_line(node)}: the tag python/{suffix} is not accepted")


_Loader.add_multi_constructor("!", _other_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise TemplateError(f"the key {key!r} is given twice")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise TemplateError(f"{name} is not a number JSON can hold")


def _parse(text: str) -> Any:
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise TemplateError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise TemplateError(f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None


def load_template(text: str | bytes, *, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """A template from YAML or JSON text, in JSON form. Raises TemplateError with a sentence."""
    data = text.encode() if isinstance(text, str) else text
    if len(data) > max_bytes:
        raise TemplateError(f"the template is {len(data):,} bytes; the limit is {max_bytes:,}")
    try:
        decoded = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise TemplateError("the template is not UTF-8 text") from None
    try:
        template = _parse(decoded)
    except RecursionError:
        raise TemplateError(f"the template nests more than {MAX_DEPTH} levels deep") from None
    if nesting_depth(template, MAX_DEPTH + 1) > MAX_DEPTH:
        raise TemplateError(f"the template nests more than {MAX_DEPTH} levels deep")
    if not isinstance(template, dict):
        raise TemplateError("a template must be a mapping with a Resources section")
    if not isinstance(template.get("Resources"), dict) or not template["Resources"]:
        raise TemplateError("the template has no Resources")
    return template
