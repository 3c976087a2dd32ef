"""Cases for the network rules (designer/advice/rules/network/)."""

from __future__ import annotations

from tests.advice.rule_cases import Case

CASES: list[Case] = []
