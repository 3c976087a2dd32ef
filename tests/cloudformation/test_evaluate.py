"""The evaluator gives what a template's values come to before deployment where that can be known (parameter
defaults, mappings, Select, GetAZs, Cidr, Join, Split, Sub, If on conditions over those, a VPC's CidrBlock)
and says Unknown everywhere else, including for anything that only looks like a function. Its work is bounded:
mapping values and defaults are taken as written, Cidr counts are CloudFormation's, nesting is limited.
"""

from __future__ import annotations

from typing import Any

import pytest

from designer.cloudformation.evaluate import Evaluator, Unknown

TEMPLATE: dict[str, Any] = {
    "Parameters": {
        "Env": {"Type": "String", "Default": "prod", "AllowedValues": ["dev", "prod"]},
        "Memory": {"Type": "Number", "Default": "512"},
        "Ratio": {"Type": "Number", "Default": "0.5"},
        "Zones": {"Type": "CommaDelimitedList", "Default": "eu-west-1a, eu-west-1b"},
        "Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"},
        "Ami": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", "Default": "/aws/service/ami"},
        "Enabled": {"Type": "String", "Default": "true"},
        "Weird": {"Type": "String", "Default": {"Ref": "Env"}},
    },
    "Mappings": {
        "Network": {"prod": {"Cidr": "10.0.0.0/16", "Zones": ["a", "b"]}, "dev": {"Cidr": "10.9.0.0/16"}},
        "Loop": {"k": {"v": {"Fn::FindInMap": ["Loop", "k", "v"]}}},
    },
    "Conditions": {
        "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
        "IsOn": {"Fn::Equals": [{"Ref": "Enabled"}, True]},
        "ProdAndOn": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "IsOn"}]},
        "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]},
        "Either": {"Fn::Or": [{"Condition": "NotProd"}, {"Condition": "IsOn"}]},
        "Deployed": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "123"]},
        "SelfLoop": {"Condition": "SelfLoop"},
    },
    "Resources": {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": {"Fn::FindInMap": ["Network", "dev", "Cidr"]}}},
        "Circle": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": {"Fn::GetAtt": ["Circle", "CidrBlock"]}}},
        "Bucket": {"Type": "AWS::S3::Bucket"},
    },
}


@pytest.fixture
def evaluate() -> Evaluator:
    return Evaluator(TEMPLATE, "eu-west-1")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "plain"),
        (5, 5),
        ([1, "a"], [1, "a"]),
        ({"Ref": "Env"}, "prod"),
        ({"Ref": "Memory"}, 512),
        ({"Ref": "Ratio"}, 0.5),
        ({"Ref": "Zones"}, ["eu-west-1a", "eu-west-1b"]),
        ({"Ref": "AWS::Region"}, "eu-west-1"),
        ({"Ref": "AWS::Partition"}, "aws"),
        ({"Fn::FindInMap": ["Network", {"Ref": "Env"}, "Cidr"]}, "10.0.0.0/16"),
        ({"Fn::FindInMap": ["Network", "prod", "Zones"]}, ["a", "b"]),
        ({"Fn::FindInMap": ["Network", "test", "Cidr", {"DefaultValue": "10.5.0.0/16"}]}, "10.5.0.0/16"),
        ({"Fn::Select": [1, {"Ref": "Zones"}]}, "eu-west-1b"),
        ({"Fn::Select": ["0", {"Fn::GetAZs": ""}]}, "eu-west-1a"),
        ({"Fn::Select": [2, {"Fn::GetAZs": {"Ref": "AWS::Region"}}]}, "eu-west-1c"),
        ({"Fn::Select": [0, {"Fn::GetAZs": "us-east-2"}]}, "us-east-2a"),
        ({"Fn::Cidr": ["10.0.0.0/16", 3, 8]}, ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]),
        ({"Fn::Select": [1, {"Fn::Cidr": [{"Fn::FindInMap": ["Network", "dev", "Cidr"]}, 2, 12]}]}, "10.9.16.0/20"),
        ({"Fn::Join": ["-", ["a", {"Ref": "Env"}, 3]]}, "a-prod-3"),
        ({"Fn::Split": [",", "a,b"]}, ["a", "b"]),
        ({"Fn::Sub": "${Env}-${AWS::Region}-${!Literal}"}, "prod-eu-west-1-${Literal}"),
        ({"Fn::Sub": ["${Name}.${Env}", {"Name": {"Fn::Join": ["", ["x", "y"]]}}]}, "xy.prod"),
        ({"Fn::If": ["IsProd", "big", "small"]}, "big"),
        ({"Fn::If": ["NotProd", "big", "small"]}, "small"),
        ({"Fn::If": ["ProdAndOn", 1, 2]}, 1),
        ({"Fn::If": ["Either", 1, 2]}, 1),
        (
            {"maxReceiveCount": {"Ref": "Memory"}, "nested": {"list": [{"Ref": "Env"}]}},
            {
                "maxReceiveCount": 512,
                "nested": {"list": ["prod"]},
            },
        ),
        ({"_init__": "not a function"}, {"_init__": "not a function"}),
        ({"Fn::GetAtt": ["Vpc", "CidrBlock"]}, "10.9.0.0/16"),
        ({"Fn::Select": [3, {"Fn::Cidr": [{"Fn::GetAtt": "Vpc.CidrBlock"}, 6, 8]}]}, "10.9.3.0/24"),
    ],
)
def test_values_known_before_deployment_are_evaluated(evaluate: Evaluator, value: Any, expected: Any) -> None:
    assert evaluate(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        {"Ref": "Bucket"},
        {"Ref": "Subnets"},
        {"Ref": "Ami"},
        {"Ref": "AWS::AccountId"},
        {"Ref": "AWS::NoValue"},
        {"Ref": "Weird"},
        {"Fn::GetAtt": ["Bucket", "Arn"]},
        {"Fn::GetAtt": ["Bucket", "CidrBlock"]},
        {"Fn::GetAtt": ["Vpc", "DefaultSecurityGroup"]},
        {"Fn::GetAtt": ["Circle", "CidrBlock"]},
        {"Fn::GetAtt": ["Nowhere", "CidrBlock"]},
        {"Fn::ImportValue": "shared"},
        {"Fn::Base64": "x"},
        {"Fn::Sub": "${Bucket.Arn}"},
        {"Fn::Sub": "${AWS::StackName}"},
        {"Fn::FindInMap": ["Network", "test", "Cidr"]},
        {"Fn::FindInMap": ["Loop", "k", "v"]},
        {"Fn::Select": [-1, ["a", "b"]]},
        {"Fn::Select": [5, ["a", "b"]]},
        {"Fn::Select": [0, "ab"]},
        {"Fn::Select": ["first", ["a"]]},
        {"Fn::Cidr": ["10.0.0.0/8", 100000000, 1]},
        {"Fn::Cidr": ["10.0.0.0/16", 0, 8]},
        {"Fn::Cidr": ["10.0.0.0/24", 2, 16]},
        {"Fn::Cidr": ["not a network", 2, 8]},
        {"Fn::If": ["Deployed", 1, 2]},
        {"Fn::If": ["Missing", 1, 2]},
        {"Fn::If": ["SelfLoop", 1, 2]},
        {"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, 2]},
        {"Fn::Future": [1]},
        {"!Rain::Embed": "file.txt"},
        {"Ref": "Env", "Extra": 1},
        {"queue": {"Fn::GetAtt": ["Queue", "Arn"]}, "count": 5},
        {"Fn::Join": ["", [{"Fn::Join": ["", [{"Fn::Join": ["", [{"Ref": "Bucket"}]]}]]}]]},
    ],
)
def test_values_only_known_at_deployment_are_unknown(evaluate: Evaluator, value: Any) -> None:
    with pytest.raises(Unknown):
        evaluate(value)


def test_names_that_look_like_the_evaluators_own_methods_are_not_called(evaluate: Evaluator) -> None:
    for key in ("_init__", "_call__", "_class__", "value", "_ref"):
        assert evaluate({key: "x"}) == {key: "x"}
    assert evaluate({"Ref": "Env"}) == "prod"  # the evaluator is unchanged


def test_nesting_is_bounded(evaluate: Evaluator) -> None:
    value: Any = "x"
    for _ in range(30):
        value = {"Fn::Join": ["", [value]]}
    with pytest.raises(Unknown, match="nested too deeply"):
        evaluate(value)


def test_the_branch_an_if_chooses_is_given_as_written_for_reading_one_key(evaluate: Evaluator) -> None:
    policy = {"Fn::If": ["IsProd", {"queue": {"Fn::GetAtt": ["Q", "Arn"]}, "count": 5}, {"Ref": "AWS::NoValue"}]}
    assert evaluate.branch(policy) == {"queue": {"Fn::GetAtt": ["Q", "Arn"]}, "count": 5}
    assert evaluate.branch({"Fn::If": ["NotProd", 1, {"Fn::If": ["IsOn", 2, 3]}]}) == 2
    assert evaluate.branch({"plain": 1}) == {"plain": 1}
    with pytest.raises(Unknown):
        evaluate.branch({"Fn::If": ["Deployed", 1, 2]})
