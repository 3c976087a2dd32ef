"""Cases for the database rules (designer/advice/rules/database/)."""

from __future__ import annotations

from tests.advice.rule_cases import Case, tiered_network

CASES: list[Case] = [
    Case(
        "database-in-public-subnet",
        triggers=lambda: tiered_network("public"),
        passes=lambda: tiered_network("isolated"),
        nodes=("db",),
        message="public subnet",
    ),
    Case(
        "rds-single-az",
        triggers=lambda: tiered_network("isolated", multi_az=False),
        passes=lambda: tiered_network("isolated", multi_az=True),
        nodes=("db",),
        message="one Availability Zone",
    ),
]
