"""The architect's review: best-practice rules run over the architecture graph, each finding with the AWS page it
follows and, where the remedy is mechanical, a fix expressed as document changes.

    findings = review(graph)                     # every rule, errors first
    fixed = apply_fix(document_dict, finding.fix)  # a new document (validate it before saving)

Rules live one to a module under `rules/<service>/`, in the style of cfn-lint's `rules/resources/<service>/`.
"""

from __future__ import annotations

from ..graph import ArchitectureGraph
from .fixes import FixFailed, apply_fix
from .model import SEVERITY_ORDER, Change, Finding, Fix, Hit, Rule, Severity
from .rules import RULES


def review(graph: ArchitectureGraph, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Every rule's findings on `graph`: errors first, then warnings, then advice; by rule, then by node."""
    findings = [
        Finding(
            rule=rule.id,
            severity=rule.severity,
            title=rule.title,
            message=hit.message,
            source_url=rule.source_url,
            nodes=hit.nodes,
            edges=hit.edges,
            fix=hit.fix,
        )
        for rule in rules
        for hit in rule.check(graph)
    ]
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.rule, f.nodes, f.edges))


__all__ = [
    "RULES",
    "Change",
    "Finding",
    "Fix",
    "FixFailed",
    "Hit",
    "Rule",
    "Severity",
    "apply_fix",
    "review",
]
