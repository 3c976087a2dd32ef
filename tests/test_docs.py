"""The reference files in docs/ that scripts/gen_docs.py writes from the code are up to date, and every meaning
of the connection table has its row in docs/connections.md."""

from __future__ import annotations

import importlib.util

import pytest

from designer.catalog import MEANINGS
from designer.cloudformation import wiring
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
assert spec is not None and spec.loader is not None
gen_docs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen_docs)


@pytest.mark.parametrize("name", sorted(gen_docs.FILES))
def test_each_generated_doc_matches_the_code(name: str) -> None:
    committed = (ROOT / name).read_text()
    assert committed == gen_docs.FILES[name](), f"{name} is stale: run python scripts/gen_docs.py"


def test_every_connection_meaning_has_a_wiring_and_a_row() -> None:
    assert {row.meaning for row in wiring.TABLE} == set(MEANINGS)
    assert set(wiring.WIRES) == set(MEANINGS)
    text = (ROOT / "docs" / "connections.md").read_text()
    for meaning in MEANINGS:
        assert f"| `{meaning}` |" in text
