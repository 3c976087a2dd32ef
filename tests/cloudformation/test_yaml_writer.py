"""The YAML writer: whatever a template holds, YAML reads back exactly that template, intrinsic functions come
out in short form, and multi-line text is a literal block."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from designer.cloudformation.export import export
from designer.cloudformation.yaml_io import load_template
from designer.cloudformation.yaml_writer import write_yaml
from tests.cloudformation.designs import every_connection, examples

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "cfn-corpus"
INTRINSICS = ["Ref", "Fn::Sub", "Fn::GetAtt", "Fn::If", "Fn::Select", "Fn::Join", "Fn::GetAZs", "Condition"]


def wrapped(value: Any) -> dict[str, Any]:
    return {"Resources": {"Thing": {"Type": "AWS::SSM::Parameter", "Properties": {"Value": value}}}}


def reads_back(template: dict[str, Any]) -> str:
    text = write_yaml(template)
    assert load_template(text, max_bytes=10**8) == template
    return text


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.lists(st.text(max_size=12), min_size=2, max_size=4).map("\n".join)  # code, user data
    | st.sampled_from(["yes", "No", "on", "~", "null", "0x1F", "1_000", "1:20", "2001-12-14", "- a", "a: b", "#x"])
)
keys = st.text(min_size=1, max_size=20) | st.sampled_from(INTRINSICS) | st.just("!Rain::Embed")
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4), max_leaves=25
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_any_value_reads_back_as_it_was_written(value: Any) -> None:
    reads_back(wrapped(value))


def test_every_corpus_template_reads_back_unchanged() -> None:
    for path in sorted(CORPUS.glob("*.yaml")) + sorted(CORPUS.glob("*.json")):
        reads_back(load_template(path.read_bytes()))


def test_exported_designs_read_back_unchanged() -> None:
    for graph in [*examples().values(), every_connection()]:
        reads_back(export(graph))


def test_intrinsics_are_short_form_and_plain_where_yaml_allows() -> None:
    text = reads_back(
        wrapped(
            {
                "a": {"Ref": "AppVpc"},
                "b": {"Fn::GetAtt": ["Queue", "Arn"]},
                "c": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/*"},
                "d": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
                "e": {"Ref": "true"},
                "f": "a: b",
            }
        )
    )

    assert "a: !Ref AppVpc\n" in text
    assert "b: !GetAtt Queue.Arn\n" in text
    assert "c: !Sub arn:${AWS::Partition}:s3:::${Bucket}/*\n" in text
    assert "d: !Select\n" in text and "- !GetAZs ''\n" in text
    assert 'e: !Ref "true"\n' in text  # plain true would be a boolean
    assert 'f: "a: b"\n' in text


def test_code_is_a_literal_block() -> None:
    code = "def handler(event, context):\n    return {'statusCode': 200}\n"

    text = reads_back(wrapped({"ZipFile": code}))

    assert "ZipFile: |\n          def handler(event, context):\n              return {'statusCode': 200}\n" in text
