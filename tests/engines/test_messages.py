"""The sentences users read when a value breaks its JSON Schema."""

from __future__ import annotations

from typing import Any

import pytest

from designer.document.messages import describe, errors, validator


def sentences(schema: dict[str, Any], value: Any) -> list[tuple[list[str | int], str]]:
    return list(errors(validator(schema), value))


def only_sentence(schema: dict[str, Any], value: Any) -> str:
    [(_, sentence)] = sentences(schema, value)
    return sentence


SIZE = {"type": "integer", "title": "Size", "minimum": 1, "maximum": 16384, "x-unit": "GB"}
CIDR = {"type": "string", "title": "IPv4 CIDR", "format": "ipv4-cidr"}
M5_SIZES = [
    f"m5.{size}"
    for size in ("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal")
]

SENTENCES = [
    pytest.param(
        {"type": "integer", "title": "Count"},
        "3",
        "Count must be a whole number, not '3'.",
        id="it names the type in words",
    ),
    pytest.param(
        {"type": ["string", "null"], "title": "Parent"},
        5,
        "Parent must be text or null, not 5.",
        id="it names each type allowed",
    ),
    pytest.param(
        {"enum": ["HTTP", "HTTPS"], "title": "Protocol"},
        "FTP",
        "Protocol 'FTP' is not one of the choices: 'HTTP', 'HTTPS'.",
        id="it lists a short list of choices",
    ),
    pytest.param(
        {"enum": M5_SIZES, "title": "Instance type"},
        "m5.xlarg",
        "Instance type 'm5.xlarg' is not a known choice (9 choices). Did you mean m5.xlarge or m5.8xlarge or "
        "m5.4xlarge?",
        id="it suggests close matches from a long list of choices",
    ),
    pytest.param(
        {"enum": list(range(20)), "title": "Shard"},
        "many",
        "Shard 'many' is not a known choice (20 choices).",
        id="it suggests nothing when no choice is close",
    ),
    pytest.param(SIZE, 0, "Size must be at least 1 GB, not 0.", id="it names the unit of a minimum"),
    pytest.param(SIZE, 20000, "Size must be at most 16,384 GB, not 20000.", id="it names the unit of a maximum"),
    pytest.param(
        {"type": "number", "title": "Share", "maximum": 100},
        101,
        "Share must be at most 100, not 101.",
        id="it leaves out a unit the field has none of",
    ),
    pytest.param(
        {"type": "string", "title": "Name", "maxLength": 5},
        "abcdef",
        "Name must be at most 5 characters long.",
        id="it gives the maximum length",
    ),
    pytest.param(
        {"type": "string", "title": "Name", "minLength": 1},
        "",
        "Name must not be empty.",
        id="it says an empty value must not be empty",
    ),
    pytest.param(
        {"type": "string", "title": "Stage", "pattern": "^[A-Za-z0-9_]+$"},
        "prod stage",
        "Stage 'prod stage' is not in the expected form.",
        id="it quotes a value in the wrong form",
    ),
    pytest.param(
        CIDR,
        "10.0.0.1/16",
        "IPv4 CIDR '10.0.0.1/16' is not a valid IPv4 CIDR block; the address has host bits set "
        "(did you mean 10.0.0.0/16?).",
        id="it suggests the network of a CIDR with host bits set",
    ),
    pytest.param(
        CIDR,
        "10.0.0/16",
        "IPv4 CIDR '10.0.0/16' is not a valid IPv4 CIDR block (write it like 10.0.0.0/16).",
        id="it shows the form of a CIDR",
    ),
    pytest.param(
        {"type": "array", "title": "Subnets", "maxItems": 2},
        ["a", "b", "c"],
        "Subnets may hold at most 2 items.",
        id="it gives the most items a list holds",
    ),
    pytest.param(
        {"type": "array", "title": "Subnets", "uniqueItems": True},
        ["a", "a"],
        "Subnets lists the same item twice.",
        id="it says a list repeats an item",
    ),
    pytest.param(
        {"const": "aws-architecture-design", "title": "Type"},
        "x",
        "Type must be 'aws-architecture-design', not 'x'.",
        id="it names the one value allowed",
    ),
]


@pytest.mark.parametrize(("schema", "value", "sentence"), SENTENCES)
def test_it_says_what_is_wrong_in_one_sentence(schema: dict[str, Any], value: Any, sentence: str) -> None:
    assert only_sentence(schema, value) == sentence


def test_it_asks_for_a_prefix_length_rather_than_blaming_host_bits() -> None:
    sentence = only_sentence(CIDR, "10.0.0.0")
    assert "host bits" not in sentence, sentence


def test_it_shortens_a_long_value() -> None:
    sentence = only_sentence({"type": "integer", "title": "Count"}, "x" * 100)
    assert sentence == "Count must be a whole number, not '" + "x" * 56 + "...."


def test_it_names_a_field_without_a_title_by_its_key() -> None:
    schema = {"type": "object", "properties": {"count": {"type": "integer"}}}
    assert sentences(schema, {"count": "x"}) == [(["count"], "'count' must be a whole number, not 'x'.")]


def test_it_suggests_the_key_an_unknown_key_meant() -> None:
    schema = {"type": "object", "properties": {"memory_mb": {}, "runtime": {}}, "additionalProperties": False}
    assert sentences(schema, {"memory": 1}) == [
        (["memory"], "'memory' is not a known field; did you mean 'memory_mb'?")
    ]


def test_it_lists_the_known_keys_when_no_key_is_close() -> None:
    schema = {"type": "object", "properties": {"memory_mb": {}, "runtime": {}}, "additionalProperties": False}
    assert sentences(schema, {"colour": 1}) == [
        (["colour"], "'colour' is not a known field (known: memory_mb, runtime).")
    ]


def test_it_lists_only_the_first_twelve_known_keys() -> None:
    schema = {"type": "object", "properties": {k: {} for k in "abcdefghijklmn"}, "additionalProperties": False}
    assert sentences(schema, {"zz": 1}) == [
        (["zz"], "'zz' is not a known field (known: a, b, c, d, e, f, g, h, i, j, k, l, ...).")
    ]


def test_it_says_when_an_object_takes_no_keys_at_all() -> None:
    schema = {"type": "object", "properties": {}, "additionalProperties": False}
    assert sentences(schema, {"port": 53}) == [(["port"], "'port' is not a known field; none are accepted here.")]


def test_it_reports_each_unknown_key_at_its_own_path() -> None:
    schema = {"type": "object", "properties": {"name": {}}, "additionalProperties": False}
    assert [path for path, _ in sentences(schema, {"a": 1, "b": 2})] == [["a"], ["b"]]


def test_it_reports_a_missing_key_at_the_path_it_belongs() -> None:
    schema = {
        "type": "object",
        "properties": {"rules": {"type": "array", "items": {"type": "object", "required": ["cidr"]}}},
    }
    assert sentences(schema, {"rules": [{}]}) == [(["rules", 0, "cidr"], "'cidr' is required.")]


def test_it_gives_one_sentence_per_place_even_when_several_rules_fail() -> None:
    schema = {
        "type": "object",
        "properties": {"stage": {"type": "string", "maxLength": 3, "pattern": "^[a-z]+$", "title": "Stage"}},
    }
    assert len(sentences(schema, {"stage": "PROD-1"})) == 1


def test_describe_turns_one_schema_error_into_a_sentence() -> None:
    [error] = validator(SIZE).iter_errors(0)
    assert describe(error) == "Size must be at least 1 GB, not 0."
