"""The example designs shipped in examples/: each is valid, warning-free and survives a save and reload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from design_builders import EXAMPLES, loaded, report

from designer.document import load
from designer.graph import build

PATHS = sorted(EXAMPLES.glob("*.json"))


def test_the_three_examples_are_all_there() -> None:
    assert [p.stem for p in PATHS] == ["hybrid-connectivity", "serverless-event-driven", "three-tier-web-app"]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_an_example_loads_without_errors_or_warnings(path: Path) -> None:
    result = load(path.read_bytes())
    assert result.ok
    assert result.problems == (), report(result)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_an_example_comes_back_equal_after_a_save_and_reload(path: Path) -> None:
    document = loaded(path.read_bytes())
    saved = document.to_dict()
    assert loaded(saved) == document
    assert loaded(json.dumps(saved)) == document


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_an_example_is_written_exactly_as_the_app_would_save_it(path: Path) -> None:
    raw = json.loads(path.read_text())
    assert loaded(raw).to_dict() == raw


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_an_example_builds_a_graph_of_all_its_nodes_and_edges(path: Path) -> None:
    document = loaded(path.read_bytes())
    graph = build(document)
    assert list(graph.nodes) == [n.id for n in document.nodes]
    assert [e.id for e in graph.edges] == [e.id for e in document.edges]
