"""Cases for the compute rules (designer/advice/rules/compute/)."""

from __future__ import annotations

from tests.advice.rule_cases import Case

CASES: list[Case] = []
