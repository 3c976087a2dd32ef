"""Reading and writing templates as YAML (with CloudFormation's short-form tags) or JSON.

Writing: intrinsic functions held as JSON-form dicts become tags (!Ref X, !GetAtt X.Arn, !Sub ...), keys keep
their order, and the same template always gives the same bytes.

Reading is safe: only CloudFormation's own tags are understood (each becomes its JSON form), anchors and
aliases are refused (they allow exponential "billion laughs" documents), and the caller bounds the size.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

# Short tag -> JSON key, for the tags whose value is written as it is.
_TAGS = {
    "!Ref": "Ref",
    "!Condition": "Condition",
    "!Sub": "Fn::Sub",
    "!Select": "Fn::Select",
    "!Join": "Fn::Join",
    "!Split": "Fn::Split",
    "!FindInMap": "Fn::FindInMap",
    "!If": "Fn::If",
    "!Equals": "Fn::Equals",
    "!And": "Fn::And",
    "!Or": "Fn::Or",
    "!Not": "Fn::Not",
    "!Base64": "Fn::Base64",
    "!Cidr": "Fn::Cidr",
    "!ImportValue": "Fn::ImportValue",
    "!GetAZs": "Fn::GetAZs",
    "!Transform": "Fn::Transform",
    "!ToJsonString": "Fn::ToJsonString",
    "!Length": "Fn::Length",
    "!GetAtt": "Fn::GetAtt",
}
_KEYS = {key: tag for tag, key in _TAGS.items()}


class TemplateError(ValueError):
    """A template that cannot be read: not YAML or JSON, an unknown tag, an alias, too big or too deep."""


# -- writing ---------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True  # never write anchors, even for values that repeat

    def choose_scalar_style(self) -> str:
        """!Ref AppVpc rather than !Ref 'AppVpc': PyYAML quotes every scalar with a tag of its own, although a
        plain one reads back the same wherever the analysis of the text allows it."""
        event = self.event
        if event.tag and event.tag.startswith("!") and not event.style:
            if self.analysis is None:
                self.analysis = self.analyze_scalar(event.value)
            analysis = self.analysis
            plain = analysis.allow_flow_plain if self.flow_level else analysis.allow_block_plain
            if plain and not analysis.empty and not analysis.multiline:
                return ""
        style: str = super().choose_scalar_style()
        return style


def _represent_dict(dumper: _Dumper, data: dict[str, Any]) -> yaml.Node:
    if len(data) == 1:
        ((key, value),) = data.items()
        tag = _KEYS.get(key) or (key if key.startswith("!") else None)
        if tag == "!GetAtt" and isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
            return dumper.represent_scalar(tag, f"{value[0]}.{value[1]}")
        if tag is not None and not (key == "Condition" and not isinstance(value, str)):
            if isinstance(value, list):
                return dumper.represent_sequence(tag, value)
            if isinstance(value, dict):
                return dumper.represent_mapping(tag, value)
            return dumper.represent_scalar(tag, "" if value is None else str(value))
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items())


_Dumper.add_representer(dict, _represent_dict)


def dump_yaml(template: dict[str, Any]) -> str:
    text: str = yaml.dump(
        template, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=120, allow_unicode=True
    )
    return text


def dump_json(template: dict[str, Any]) -> str:
    return json.dumps(template, indent=2, ensure_ascii=False) + "\n"


# -- reading ---------------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):  # type: ignore[misc]
    max_depth = 64

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise TemplateError(f"line {event.start_mark.line + 1}: YAML aliases (*{event.anchor}) are not accepted")
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise TemplateError(f"line {event.start_mark.line + 1}: YAML anchors (&{event.anchor}) are not accepted")
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > self.max_depth:
                raise TemplateError(f"line {event.start_mark.line + 1}: nested more than {self.max_depth} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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
    raise TemplateError(f"line {node.start_mark.line + 1}: the tag python/{suffix} is not accepted")


_Loader.add_multi_constructor("!", _other_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def load_template(text: str | bytes, *, max_bytes: int = 1024 * 1024) -> dict[str, Any]:
    """A template from YAML or JSON text, in JSON form. Raises TemplateError with a sentence."""
    data = text.encode() if isinstance(text, str) else text
    if len(data) > max_bytes:
        raise TemplateError(f"the template is {len(data):,} bytes; the limit is {max_bytes:,}")
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError("the template is not UTF-8 text") from None
    stripped = decoded.lstrip()
    try:
        template = json.loads(decoded) if stripped.startswith("{") else yaml.load(decoded, Loader=_Loader)
    except TemplateError:
        raise
    except json.JSONDecodeError as exc:
        raise TemplateError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise TemplateError(f"not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    except RecursionError:
        raise TemplateError("the template nests too deeply") from None
    if not isinstance(template, dict):
        raise TemplateError("a template must be a mapping with a Resources section")
    if not isinstance(template.get("Resources"), dict) or not template["Resources"]:
        raise TemplateError("the template has no Resources")
    return template
