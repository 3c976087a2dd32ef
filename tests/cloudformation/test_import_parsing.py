"""Reading a template to import is safe, and a template that cannot be imported fails with a sentence naming
what is wrong.

Safe: no Python or other arbitrary YAML tags are constructed (nothing runs), anchors and aliases are refused
(no "billion laughs"), a tool's own tags (!Rain::Embed) are kept as data, sizes and nesting are bounded, and
YAML's loose types (dates, NaN, non-text keys, duplicate keys) never reach the design as values JSON cannot
hold. Errors: not YAML, a JSON syntax error, no Resources, a resource without a Type, a bad logical ID, more
than 500 resources, each an ImportFailed whose message names the problem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from designer.cloudformation.export import export
from designer.cloudformation.importer import MAX_RESOURCES, ImportFailed, import_template
from designer.cloudformation.yaml_io import MAX_BYTES, MAX_DEPTH, dump_yaml, load_template
from designer.document import load, load_or_raise
from designer.graph import build

TOPIC = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"


def failure(source: str | bytes) -> str:
    with pytest.raises(ImportFailed) as caught:
        import_template(source)
    return str(caught.value)


def nested(levels: int, leaf: Any = "leaf") -> Any:
    value = leaf
    for _ in range(levels):
        value = {"a": value}
    return value


# -- what is refused, and how it is said ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Resources: [unclosed", "not valid YAML at line 1"),
        ("Resources:\n\tTopic: x\n", "not valid YAML at line 2"),
        ('{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"},}}', "not valid JSON: Expecting property name"),
        ('{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}', "not valid JSON"),
        ("just some words", "a template must be a mapping with a Resources section"),
        ("- a\n- b\n", "a template must be a mapping with a Resources section"),
        ("", "a template must be a mapping with a Resources section"),
        ("Description: nothing to make\n", "the template has no Resources"),
        ("Resources: {}\n", "the template has no Resources"),
        ('{"Resources": []}', "the template has no Resources"),
        ("Resources:\n  Topic: {Properties: {}}\n", "Resources.Topic: a resource must be a mapping with a Type"),
        ("Resources:\n  Topic: AWS::SNS::Topic\n", "Resources.Topic: a resource must be a mapping with a Type"),
        ("Resources:\n  Topic: {Type: [AWS::SNS::Topic]}\n", "Resources.Topic: a resource must be a mapping"),
        ("Resources:\n  my-topic: {Type: AWS::SNS::Topic}\n", "Resources.my-topic: a logical ID must be 1-255"),
        ("Resources:\n  Topic: {Type: sns}\n", "Resources.Topic.Type: 'sns' is not a resource type"),
        ("Resources:\n  Topic: {Type: AWS::SNS::Topic, Properties: [a]}\n", "Resources.Topic.Properties: must be"),
        (b"\xff\xfeR\x00", "the template is not UTF-8 text"),
        ("Resources:\n  Topic: {Type: AWS::SNS::Topic, DependsOn: true}\n", "Resources.Topic.DependsOn: must be a"),
        ("Resources:\n  Topic: {Type: AWS::SNS::Topic, Condition: [A]}\n", "Resources.Topic.Condition: must be"),
        ("Resources:\n  Topic: {Type: AWS::SNS::Topic, Metadata: x}\n", "Resources.Topic.Metadata: must be a mapping"),
        (
            "Resources:\n  Topic: {Type: AWS::SNS::Topic, Properties: {A: [!Ref [X]]}}\n",
            "Resources.Topic.Properties.A.0: Ref must name a resource or a parameter",
        ),
        (
            "Resources:\n  Topic: {Type: AWS::SNS::Topic, Properties: {A: !GetAtt [[X], Arn]}}\n",
            "Resources.Topic.Properties.A: Fn::GetAtt must name a resource and one of its attributes",
        ),
        ("Parameters: [a]\n" + TOPIC, "Parameters: must be a mapping"),
        ("Outputs: text\n" + TOPIC, "Outputs: must be a mapping"),
        (
            "Resources:\n  A: {Type: AWS::SNS::Topic, DependsOn: B}\n"
            "  B: {Type: AWS::SNS::Topic, Properties: {X: !Ref A}}\n",
            "Resources: A, B depend on each other in a cycle, which CloudFormation refuses",
        ),
    ],
)
def test_a_template_that_cannot_be_imported_fails_with_a_sentence_naming_the_problem(
    source: str | bytes, expected: str
) -> None:
    assert expected in failure(source)


def test_an_empty_section_is_read_as_absent() -> None:
    result = import_template("Parameters:\nOutputs:\n" + TOPIC)
    assert result.document["nodes"][0]["id"] == "Topic"


def test_more_than_five_hundred_resources_are_refused_and_five_hundred_are_accepted() -> None:
    def topics(count: int) -> str:
        return "Resources:\n" + "".join(f"  Topic{i}: {{Type: AWS::SNS::Topic}}\n" for i in range(count))

    assert MAX_RESOURCES == 500
    assert failure(topics(501)) == "Resources: the template has 501 resources; the limit is 500"
    assert len(import_template(topics(500)).document["nodes"]) == 500


def test_a_template_over_the_size_limit_is_refused_before_it_is_parsed() -> None:
    padding = "#" + "x" * MAX_BYTES + "\n"
    message = failure(TOPIC + padding)
    assert message.startswith("the template is 1,048,") and message.endswith("bytes; the limit is 1,048,576")
    assert import_template(TOPIC + "#" + "x" * (MAX_BYTES - len(TOPIC) - 2) + "\n").report.resources == 1


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system"):
        source = f"Resources:\n  Topic: {tag} ['touch {marker}']\n"
        assert f"line 2: the tag python/{tag.split('python/')[1]} is not accepted" in failure(source)
    assert "python/name:os.system is not accepted" in failure("Resources:\n  Topic: !!python/name:os.system\n")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Resources:\n  Topic: &topic {Type: AWS::SNS::Topic}\n  Other: *topic\n", "line 2: YAML anchors (&topic)"),
        ("Resources:\n  Topic: {Type: AWS::SNS::Topic}\n  Other: *topic\n", "line 3: YAML aliases (*topic)"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nResources: {Topic: {Type: AWS::SNS::Topic}}\n",
            "line 1: YAML anchors (&a) are not accepted",
        ),
    ],
)
def test_yaml_anchors_and_aliases_are_refused_so_a_billion_laughs_cannot_expand(source: str, expected: str) -> None:
    assert expected in failure(source)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("!!binary aGVsbG8=", "line 4: the YAML type !!binary is not accepted"),
        ("!!set {a, b}", "line 4: the YAML type !!set is not accepted"),
        ("!!omap [{a: 1}]", "line 4: the YAML type !!omap is not accepted"),
        (".inf", "line 4: .inf is not a number JSON can hold"),
        (".NaN", "line 4: .NaN is not a number JSON can hold"),
        ("!<tag:example.com,2024:thing> x", "not valid YAML at line 4"),
    ],
)
def test_yaml_values_json_cannot_hold_are_refused_with_their_line(value: str, expected: str) -> None:
    assert expected in failure(f"Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties: {{X: {value}}}\n")


def test_json_nan_and_infinity_are_refused() -> None:
    for constant in ("NaN", "Infinity", "-Infinity"):
        source = '{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"X": ' + constant + "}}}}"
        assert failure(source) == f"{constant} is not a number JSON can hold"


def test_a_key_given_twice_is_refused_in_yaml_and_in_json() -> None:
    yaml_source = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  Topic:\n    Type: AWS::SQS::Queue\n"
    assert failure(yaml_source) == "line 4: the key 'Topic' is given twice"
    json_source = '{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Type": "AWS::SQS::Queue"}}}'
    assert failure(json_source) == "the key 'Type' is given twice"


def test_a_template_nested_as_deeply_as_a_design_can_hold_imports_and_one_level_more_is_refused() -> None:
    def template(levels: int) -> dict[str, Any]:
        # The policy is kept inside the topic's node, where its metadata sits deepest in the design.
        return {
            "Resources": {
                "Topic": {"Type": "AWS::SNS::Topic"},
                "Policy": {
                    "Type": "AWS::SNS::TopicPolicy",
                    "Metadata": nested(levels),
                    "Properties": {"Topics": [{"Ref": "Topic"}], "PolicyDocument": {"Statement": []}},
                },
            }
        }

    deepest = template(MAX_DEPTH - 3)  # the template, Resources and Policy hold the rest
    result = import_template(json.dumps(deepest))
    assert [r["logical_id"] for r in result.document["nodes"][0]["cfn"]["resources"]] == ["Policy"]
    assert load(result.document).ok
    assert export(build(load_or_raise(result.document)))["Resources"] == deepest["Resources"]
    too_deep = f"the template nests more than {MAX_DEPTH} levels deep"
    assert failure(json.dumps(template(MAX_DEPTH - 2))) == too_deep
    assert failure(dump_yaml(template(MAX_DEPTH - 2))).endswith(too_deep)
    assert failure("Resources: " + "[" * 5000 + "]" * 5000).endswith(too_deep)
    assert failure('{"Resources": ' + "[" * 5000 + "]" * 5000 + "}") == too_deep


# -- what is kept, and how -------------------------------------------------------------------------------


def test_short_form_tags_become_their_json_form() -> None:
    template = load_template(
        """
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      A: !Ref Other
      B: !GetAtt Other.Endpoint.Address
      C: !GetAtt [Other, Arn]
      D: !Sub "${Other}-x"
      E: !Select [0, !GetAZs '']
      F: !Join ["-", [a, !FindInMap [M, !Ref "AWS::Region", k]]]
      G: !If [Cond, !Base64 x, !Ref "AWS::NoValue"]
      H: !Cidr [10.0.0.0/16, 4, 8]
      I: !ImportValue shared
      J: !Split [",", "a,b"]
      K: !Equals [a, !Condition Other]
"""
    )
    assert template["Resources"]["Topic"]["Properties"] == {
        "A": {"Ref": "Other"},
        "B": {"Fn::GetAtt": ["Other", "Endpoint.Address"]},
        "C": {"Fn::GetAtt": ["Other", "Arn"]},
        "D": {"Fn::Sub": "${Other}-x"},
        "E": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
        "F": {"Fn::Join": ["-", ["a", {"Fn::FindInMap": ["M", {"Ref": "AWS::Region"}, "k"]}]]},
        "G": {"Fn::If": ["Cond", {"Fn::Base64": "x"}, {"Ref": "AWS::NoValue"}]},
        "H": {"Fn::Cidr": ["10.0.0.0/16", 4, 8]},
        "I": {"Fn::ImportValue": "shared"},
        "J": {"Fn::Split": [",", "a,b"]},
        "K": {"Fn::Equals": ["a", {"Condition": "Other"}]},
    }


def test_the_same_template_in_yaml_and_in_json_imports_to_the_same_design() -> None:
    root = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "cfn-corpus"
    for stem in ("DynamoDB_DynamoDB_Table", "VPC_VPC_With_Managed_NAT_And_Private_Subnet"):
        from_yaml = import_template((root / f"{stem}.yaml").read_bytes()).document
        from_json = import_template((root / f"{stem}.json").read_bytes()).document
        assert [(n["id"], n["kind"], n["parent"], n["props"]) for n in from_yaml["nodes"]] == [
            (n["id"], n["kind"], n["parent"], n["props"]) for n in from_json["nodes"]
        ]


def test_a_tool_tag_is_kept_as_data_and_nothing_it_names_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    source = (
        f"Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties: {{DisplayName: !Rain::Embed {secret}}}\n"
    )
    result = import_template(source)
    properties = result.document["nodes"][0]["cfn"]["properties"]
    assert properties == {"DisplayName": {"!Rain::Embed": str(secret)}}
    assert "do not read me" not in json.dumps(result.document)
    assert f"DisplayName: !Rain::Embed {secret}" in dump_yaml(export(build(load_or_raise(result.document))))


def test_dates_numbers_booleans_and_keys_keep_a_json_form() -> None:
    template = load_template(
        "AWSTemplateFormatVersion: 2010-09-09\n"
        "Resources:\n  Thing:\n    Type: AWS::Foo::Bar\n"
        "    Properties: {When: 2024-01-01T00:00:00Z, 80: http, true: yes, 1.5: x,\n"
        "                 Count: 0x1F, Big: 12345678901234567890}\n"
    )
    assert template["AWSTemplateFormatVersion"] == "2010-09-09"
    assert template["Resources"]["Thing"]["Properties"] == {
        "When": "2024-01-01T00:00:00Z",
        "80": "http",
        "true": True,
        "1.5": "x",
        "Count": 31,
        "Big": 12345678901234567890,
    }
    result = import_template("AWSTemplateFormatVersion: 2010-09-09\n" + TOPIC)
    assert json.loads(json.dumps(result.document)) == result.document
    assert result.document["cloudformation"]["AWSTemplateFormatVersion"] == "2010-09-09"


def test_a_byte_order_mark_is_ignored_in_yaml_and_in_json() -> None:
    for source in (TOPIC, '{"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}'):
        assert import_template(("\ufeff" + source).encode()).document["nodes"][0]["id"] == "Topic"


def test_a_numeric_logical_id_is_read_as_text() -> None:
    assert import_template("Resources:\n  123: {Type: AWS::SNS::Topic}\n").document["nodes"][0]["id"] == "123"
