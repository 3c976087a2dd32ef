"""The template builder's helpers: logical IDs from labels, and finding the resources a value refers to."""

from __future__ import annotations

from designer.cloudformation.template import LogicalIds, camel, references

IDS = {"Bucket", "Queue", "Table", "Name"}


def test_references_are_found_in_every_intrinsic_form_once_each_in_order() -> None:
    value = {
        "A": {"Ref": "Queue"},
        "B": [{"Fn::GetAtt": ["Table", "Arn"]}, {"Fn::GetAtt": "Bucket.Arn"}],
        "C": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${Bucket}/*"},
        "D": {"Ref": "Queue"},
        "E": {"Ref": "AWS::Region"},
    }

    assert references(value, IDS) == ["Queue", "Table", "Bucket"]


def test_a_subs_own_variables_are_not_resources() -> None:
    value = {"Fn::Sub": ["${Name}-${Table.Arn}", {"Name": {"Ref": "Queue"}}]}

    assert references(value, IDS) == ["Table", "Queue"]


def test_escaped_and_unknown_names_are_not_references() -> None:
    assert references({"Fn::Sub": "${!Bucket} ${Nothing}"}, IDS) == []


def test_logical_ids_are_camel_case_and_start_with_a_letter() -> None:
    assert camel("orders-db") == "OrdersDb"
    assert camel("web 1") == "Web1"
    assert camel("3rd tier") == "N3rdTier"
    assert camel("***") == "Node"


def test_clashing_labels_are_told_apart_by_node_id_not_by_order() -> None:
    ids = LogicalIds({"b": "web", "a": "web", "c": "db"})
    again = LogicalIds({"a": "web", "c": "db", "b": "web"})

    assert (ids.node("a"), ids.node("b"), ids.node("c")) == ("WebA", "WebB", "Db")
    assert (again.node("a"), again.node("b")) == ("WebA", "WebB")
    assert ids.claim("Db") == "Db" and ids.claim("Db") == "Db2"
