"""Every best-practice rule, table-driven (tests/advice/rule_cases.py): it fires on a design that breaks it, stays
quiet on one that does not, and its fix (where it has one) yields a valid design without the finding."""

from __future__ import annotations

import pytest

from designer.advice import RULES, Finding, apply_fix, review
from designer.graph import build
from tests.advice import cases_compute, cases_database, cases_network, cases_storage
from tests.advice.rule_cases import Case
from tests.engines.design_builders import loaded

CASES: list[Case] = [*cases_network.CASES, *cases_database.CASES, *cases_storage.CASES, *cases_compute.CASES]
BY_ID = {case.rule: case for case in CASES}


def findings(document: dict, rule: str) -> list[Finding]:
    return [f for f in review(build(loaded(document))) if f.rule == rule]


def test_every_rule_has_a_case_and_at_least_25_rules_exist() -> None:
    assert {r.id for r in RULES} == set(BY_ID)
    assert len(RULES) >= 25


def test_every_rule_cites_the_aws_page_it_follows_and_says_what_it_checks() -> None:
    for rule in RULES:
        assert rule.source_url.startswith("https://docs.aws.amazon.com/") or rule.source_url.startswith(
            "https://aws.amazon.com/"
        ), rule.id
        assert rule.title and rule.severity in ("error", "warning", "info")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.rule)
def test_the_rule_fires_on_a_design_that_breaks_it(case: Case) -> None:
    found = findings(case.triggers(), case.rule)
    assert [f.nodes for f in found] == [case.nodes], [f.line() for f in found]
    assert case.message in found[0].message
    assert (found[0].fix is not None) == case.fixed


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.rule)
def test_the_rule_is_quiet_on_a_design_that_follows_it(case: Case) -> None:
    assert findings(case.passes(), case.rule) == []


@pytest.mark.parametrize("case", [c for c in CASES if c.fixed], ids=lambda c: c.rule)
def test_the_fix_removes_the_finding_and_leaves_a_valid_design(case: Case) -> None:
    document = case.triggers()
    (finding,) = findings(document, case.rule)
    assert finding.fix is not None
    fixed = apply_fix(document, finding.fix)
    assert findings(fixed, case.rule) == []  # `loaded` fails the test if the fixed design has errors
    assert document == case.triggers()  # the original is left as it was
