"""The architect's review of a saved design: its findings, a fix previewed (the design's changes and the monthly cost
before and after, priced now from the loaded price data) and a fix applied as a new revision."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from ..advice import Finding, FixFailed, apply_fix, review
from ..document import DesignDocument, load
from ..document.compare import compare
from ..graph import build
from ..models import Design, Revision
from .designs import save_design
from .estimates import estimate_document, pricing_settings


class NoSuchFinding(LookupError):
    """The revision has no finding with this id (fixed meanwhile, or never there), or it has no fix."""


def findings_on(loaded: DesignDocument | None) -> list[Finding]:
    """The review of a loaded document; none when it did not load (its problems say why)."""
    return review(build(loaded)) if loaded is not None else []


def findings_of(document: Mapping[str, Any]) -> list[Finding]:
    """The review of a stored document."""
    return findings_on(load(document).document)


def _finding(revision: Revision, finding_id: str) -> Finding:
    for finding in findings_of(revision.document):
        if finding.id == finding_id:
            if finding.fix is None:
                raise NoSuchFinding(f"The finding {finding_id[:200]} has no fix to apply: change the design by hand.")
            return finding
    raise NoSuchFinding(f"Revision {revision.number} has no finding {finding_id[:200]}.")


def _monthly(document: dict[str, Any]) -> Decimal:
    return estimate_document(document, pricing_settings(document)).total_monthly


def preview_fix(revision: Revision, finding_id: str) -> dict[str, Any]:
    """What applying the finding's fix to `revision` would change, and its effect on the monthly cost."""
    finding = _finding(revision, finding_id)
    assert finding.fix is not None
    try:
        fixed = apply_fix(revision.document, finding.fix)
    except FixFailed as exc:
        raise NoSuchFinding(str(exc)) from None
    before, after = _monthly(revision.document), _monthly(fixed)
    return {
        "finding": finding.as_dict(),
        "revision": revision.number,
        "changes": compare(revision.document, fixed),
        "cost": {
            "from_monthly": str(before),
            "to_monthly": str(after),
            "difference_monthly": str(after - before),
            "currency": "USD",
        },
    }


def apply_finding_fix(
    *, design: Design, finding_id: str, author: AbstractBaseUser, base_revision: int
) -> tuple[Revision, list[Any]]:
    """Saves the finding's fix as the design's next revision. The finding is looked up on `base_revision`, which
    must be the newest (StaleBase otherwise, as for any save); raises NoSuchFinding or DocumentInvalid."""
    base = design.revisions.filter(number=base_revision).first()
    if base is None:
        raise NoSuchFinding(f"This design has no revision {base_revision}.")
    finding = _finding(base, finding_id)
    assert finding.fix is not None
    try:
        fixed = apply_fix(base.document, finding.fix)
    except FixFailed as exc:
        raise NoSuchFinding(str(exc)) from None
    return save_design(
        design=design,
        author=author,
        document=fixed,
        message=f"Fix: {finding.fix.title} ({finding.rule})"[:500],
        base_revision=base_revision,
        check_base=True,
    )
