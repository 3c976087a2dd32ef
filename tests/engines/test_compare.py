"""compare(): what changed between two design documents, down to the property."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from designer.document.compare import compare, is_empty

EXAMPLE = json.loads((Path(__file__).resolve().parents[2] / "examples" / "serverless-event-driven.json").read_text())


def test_a_document_compared_with_itself_has_no_difference() -> None:
    assert is_empty(compare(EXAMPLE, copy.deepcopy(EXAMPLE)))


def test_it_names_nodes_and_edges_added_removed_and_changed_down_to_the_property() -> None:
    after = copy.deepcopy(EXAMPLE)
    after["nodes"] = [n for n in after["nodes"] if n["id"] != "thumbs-fn"]
    after["edges"] = [e for e in after["edges"] if "thumbs-fn" not in (e["source"], e["target"])]
    after["nodes"].append({"id": "audit", "kind": "aws.sqs.queue", "label": "audit"})
    orders = next(n for n in after["nodes"] if n["id"] == "orders-fn")
    orders["props"]["memory_mb"] = 1024
    orders["position"] = {"x": 1, "y": 2}
    after["edges"][0]["label"] = "public"
    after["settings"] = {"pricing_model": "savings_plan_1y"}
    after["name"] = "Renamed"

    difference = compare(EXAMPLE, after)
    assert difference["nodes"]["added"] == [{"id": "audit", "kind": "aws.sqs.queue", "label": "audit"}]
    assert [n["id"] for n in difference["nodes"]["removed"]] == ["thumbs-fn"]
    [changed] = difference["nodes"]["changed"]
    fields = {c["field"]: (c["before"], c["after"]) for c in changed["changes"]}
    assert fields["props.memory_mb"] == (512, 1024)
    assert fields["position"][1] == {"x": 1, "y": 2}
    assert {e["id"] for e in difference["edges"]["removed"]} == {
        e["id"] for e in EXAMPLE["edges"] if "thumbs-fn" in (e["source"], e["target"])
    }
    [edge] = difference["edges"]["changed"]
    assert edge["changes"] == [{"field": "label", "before": EXAMPLE["edges"][0].get("label"), "after": "public"}]
    document = {c["field"]: (c["before"], c["after"]) for c in difference["document"]}
    assert document["name"] == (EXAMPLE["name"], "Renamed")
    assert document["settings.pricing_model"][1] == "savings_plan_1y"
    assert not is_empty(difference)
