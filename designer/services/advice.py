"""The architect's review of a saved design: its findings and its cost-saving suggestions (priced from the loaded
price data, as the estimate is), a fix previewed (the design's changes and the monthly cost before and after) and a
fix applied as a new revision. A fix is named by its finding's or its suggestion's id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from ..advice import Finding, Fix, FixFailed, apply_fix, review
from ..advice.savings import Suggestion, suggest
from ..document import DesignDocument, load
from ..document.compare import compare
from ..graph import build
from ..models import Design, Revision
from ..pricing.estimate import money
from .designs import save_design
from .estimates import estimate_document, pricing_settings
from .prices import DbPriceSource


class NoSuchFinding(LookupError):
    """The revision has no finding or suggestion with this id (fixed meanwhile, or never there), or no fix."""


def findings_on(loaded: DesignDocument | None) -> list[Finding]:
    """The review of a loaded document; none when it did not load (its problems say why)."""
    return review(build(loaded)) if loaded is not None else []


def findings_of(document: Mapping[str, Any]) -> list[Finding]:
    """The review of a stored document."""
    return findings_on(load(document).document)


def suggestions_of(document: dict[str, Any]) -> list[Suggestion]:
    """The cost-saving suggestions for a stored document, biggest saving first."""
    return suggest(document, DbPriceSource(), pricing_settings)


@dataclass(frozen=True)
class Named:
    """A fix and what it answers: a finding or a suggestion, as the API shows it."""

    fix: Fix
    source: dict[str, Any]
    label: str  # for the revision message: the rule or the kind of saving


def named_fix(revision: Revision, *, finding: str | None = None, suggestion: str | None = None) -> Named:
    """The fix of the finding or suggestion with this id on `revision`; NoSuchFinding otherwise."""
    if finding is not None:
        for found in findings_of(revision.document):
            if found.id == finding:
                if found.fix is None:
                    raise NoSuchFinding(f"The finding {finding[:200]} has no fix to apply: change the design by hand.")
                return Named(found.fix, found.as_dict(), found.rule)
        raise NoSuchFinding(f"Revision {revision.number} has no finding {finding[:200]}.")
    for offered in suggestions_of(revision.document):
        if offered.id == suggestion:
            return Named(offered.candidate.fix, offered.as_dict(), offered.candidate.kind)
    raise NoSuchFinding(f"Revision {revision.number} has no suggestion {str(suggestion)[:200]} (any more).")


def _monthly(document: dict[str, Any]) -> Decimal:
    return estimate_document(document, pricing_settings(document)).total_monthly


def monthly_total(document: dict[str, Any]) -> str:
    """The document's estimate now, USD a month, as the suggestions' baseline."""
    return money(_monthly(document))


def preview_fix(revision: Revision, **named: str | None) -> dict[str, Any]:
    """What applying the finding's or suggestion's fix to `revision` would change, and its effect on the monthly
    cost."""
    found = named_fix(revision, **named)
    try:
        fixed = apply_fix(revision.document, found.fix)
    except FixFailed as exc:
        raise NoSuchFinding(str(exc)) from None
    before, after = _monthly(revision.document), _monthly(fixed)
    return {
        "finding" if named.get("finding") else "suggestion": found.source,
        "revision": revision.number,
        "changes": compare(revision.document, fixed),
        "cost": {
            "from_monthly": money(before),
            "to_monthly": money(after),
            "difference_monthly": money(after - before),
            "currency": "USD",
        },
    }


def apply_named_fix(
    *, design: Design, author: AbstractBaseUser, base_revision: int, **named: str | None
) -> tuple[Revision, list[Any]]:
    """Saves the finding's or suggestion's fix as the design's next revision. It is looked up on `base_revision`,
    which must be the newest (StaleBase otherwise, as for any save); raises NoSuchFinding or DocumentInvalid."""
    base = design.revisions.filter(number=base_revision).first()
    if base is None:
        raise NoSuchFinding(f"This design has no revision {base_revision}.")
    found = named_fix(base, **named)
    try:
        fixed = apply_fix(base.document, found.fix)
    except FixFailed as exc:
        raise NoSuchFinding(str(exc)) from None
    return save_design(
        design=design,
        author=author,
        document=fixed,
        message=f"Fix: {found.fix.title} ({found.label})"[:500],
        base_revision=base_revision,
        check_base=True,
    )
