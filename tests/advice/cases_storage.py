"""Cases for the storage rules (designer/advice/rules/storage/)."""

from __future__ import annotations

from tests.advice.rule_cases import Case

CASES: list[Case] = []
