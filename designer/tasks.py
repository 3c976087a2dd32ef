"""Celery tasks: interfaces that take ids, call a service and return."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task(name="designer.tasks.clear_expired_sessions")
def clear_expired_sessions() -> int:
    """Delete expired login sessions (run daily by beat). Idempotent: a second run finds none."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(name="designer.tasks.estimate_revision", acks_late=True)
def estimate_revision(estimate_id: str) -> str:
    """Compute a queued cost estimate. Safe to run twice: a finished estimate is not recomputed."""
    from .services.estimates import compute_estimate

    return compute_estimate(estimate_id).status


@shared_task(
    name="designer.tasks.render_diagram",
    acks_late=True,
    time_limit=settings.DIAGRAM_TIME_LIMIT,
    soft_time_limit=round(settings.DIAGRAM_TIME_LIMIT * 0.9, 1),
)
def render_diagram(render_id: str) -> str:
    """Render a queued diagram and store its file. Safe to run twice: a finished render is left as it is. The
    soft limit (90% of DIAGRAM_TIME_LIMIT) lets the render record why it stopped; Graphviz's own limit (75%)
    comes first. Returns the final status ("missing" if the render was deleted meanwhile)."""
    from .models import DiagramRender
    from .services.diagrams import render_revision

    run = DiagramRender.objects.select_related("revision", "estimate").filter(pk=render_id).first()
    if run is None:
        return "missing"
    try:
        return render_revision(run).status
    except DiagramRender.DoesNotExist:
        return "missing"


@shared_task(name="designer.tasks.refresh_prices", bind=True, acks_late=True, max_retries=3)
def refresh_prices(
    self: Any, offers: list[str] | None = None, regions: list[str] | None = None
) -> list[dict[str, str]]:
    """Refresh price data from the Price List (beat runs it daily). Reports progress as task state; if the
    offer index itself cannot be read, retries with exponential backoff. Idempotent: a file whose version is
    already loaded is skipped."""
    from .pricing.fetch import FetchError
    from .services import prices

    def report(progress: prices.RefreshProgress) -> None:
        self.update_state(state="PROGRESS", meta=vars(progress).copy())

    try:
        outcomes = prices.refresh_prices(offers=offers, regions=regions, on_progress=report)
    except FetchError as exc:
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
    if outcomes and all(o.status == "failed" and "offer index" in o.detail for o in outcomes):
        raise self.retry(exc=RuntimeError(outcomes[0].detail), countdown=60 * 2**self.request.retries)
    return [vars(o) for o in outcomes]
