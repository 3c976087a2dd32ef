"""Diagrams of a revision: asking for one (queued for a worker once the transaction commits, or an earlier
render of the same revision and options reused), rendering one (the worker's job), and reading one back.

A render always ends `done` or `failed` with a sentence saying why: Graphviz has its own time limit below the
task's soft limit, and the task's soft limit below its hard one. A run whose worker vanished (killed, or the
hard limit hit, which gives no chance to record anything) is reported `failed` when it is next read, once it
has been `running` longer than DIAGRAM_TIME_LIMIT plus a grace period; asking for the same diagram again
then renders it again (a failed run is always retried). The files go to the "diagrams" storage (see
`designer.diagram.storage`) under a name made of the design, revision, layout and options, so a retry
overwrites its own file instead of leaving another behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import IO, Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from .. import selectors
from ..diagram.render import FORMATS, LAYOUTS, RenderFailed, RenderOptions, render
from ..document import DocumentInvalid, load_or_raise
from ..graph import ArchitectureGraph, build
from ..models import CostEstimate, DiagramRender, Revision

log = logging.getLogger(__name__)

DPI_RANGE = (72, 600)
STALE_GRACE_SECONDS = 30


@dataclass(frozen=True)
class DiagramOptions:
    """What a client may choose about a diagram."""

    format: str = "png"
    layout: str = "auto"
    dpi: int = 96
    costs: bool = False

    def problems(self) -> dict[str, str]:
        """Each invalid option's name and why; empty when all are fine."""
        out = {}
        if self.format not in FORMATS:
            out["format"] = f"'{str(self.format)[:20]}' is not a diagram format; use one of {', '.join(FORMATS)}."
        if self.layout not in LAYOUTS:
            out["layout"] = f"'{str(self.layout)[:20]}' is not a layout; use one of {', '.join(LAYOUTS)}."
        low, high = DPI_RANGE
        if isinstance(self.dpi, bool) or not isinstance(self.dpi, int) or not low <= self.dpi <= high:
            out["dpi"] = f"The resolution must be a whole number of dots per inch from {low} to {high}."
        return out


class InvalidOptions(ValueError):
    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems.items()))


class NoEstimate(ValueError):
    """Costs were asked for, but the revision has no finished cost estimate to take them from."""


class FileGone(LookupError):
    """A finished render's file is no longer in the storage."""


@dataclass(frozen=True)
class TimeLimits:
    hard: float  # the worker kills the task
    soft: float  # the task is told to stop, and records why
    graphviz: float  # Graphviz is stopped, and the render fails with a clear message


def time_limits() -> TimeLimits:
    hard = float(settings.DIAGRAM_TIME_LIMIT)
    return TimeLimits(hard=hard, soft=round(hard * 0.9, 1), graphviz=round(hard * 0.75, 1))


def options_key(options: DiagramOptions, estimate: CostEstimate | None) -> str:
    """The cache key of a render of one revision: its options and, with costs, the estimate they come from (a
    newer estimate gives a new render)."""
    raw = {
        "format": options.format,
        "layout": options.layout,
        "dpi": options.dpi,
        "costs": str(estimate.pk) if options.costs and estimate is not None else None,
    }
    return hashlib.sha256(json.dumps(raw, sort_keys=True).encode()).hexdigest()


# -- asking -------------------------------------------------------------------------------------------------


def request_render(revision: Revision, options: DiagramOptions) -> tuple[DiagramRender, bool]:
    """The diagram of this revision with these options: an earlier one still queued, running or done (with its
    file in place), or a new or failed one queued for a worker once the transaction commits. The second value
    says whether work was queued. InvalidOptions for a bad option; NoEstimate when costs are asked for and the
    revision has no finished estimate."""
    problems = options.problems()
    if problems:
        raise InvalidOptions(problems)
    estimate = None
    if options.costs:
        estimate = selectors.newest_finished_estimate(revision)
        if estimate is None:
            raise NoEstimate(
                f"Revision {revision.number} has no finished cost estimate to draw costs from; ask for an estimate "
                f"first (POST /api/designs/{revision.design_id}/estimates/), or leave costs out."
            )
    key = options_key(options, estimate)
    existing = selectors.diagram_with_options(revision, key)
    if existing is not None:
        existing = report_stale(existing)
        if existing.status in (DiagramRender.QUEUED, DiagramRender.RUNNING):
            return existing, False
        if existing.status == DiagramRender.DONE and _file_exists(existing):
            return existing, False
        # Failed, or done with its file gone: render it again (once, however many ask at the same moment).
        retried = DiagramRender.objects.filter(pk=existing.pk, status=existing.status).update(
            status=DiagramRender.QUEUED,
            queued_at=timezone.now(),
            error="",
            file="",
            size=0,
            started_at=None,
            finished_at=None,
            render_ms=None,
        )
        existing.refresh_from_db()
        if not retried:
            return existing, False
        run = existing
    else:
        try:
            with transaction.atomic():
                run = DiagramRender.objects.create(
                    revision=revision,
                    format=options.format,
                    layout=options.layout,
                    dpi=options.dpi,
                    with_costs=options.costs,
                    estimate=estimate,
                    options_key=key,
                )
        except IntegrityError:  # another request created it first
            return DiagramRender.objects.get(revision=revision, options_key=key), False
    transaction.on_commit(partial(_enqueue, run.pk))
    return run, True


def _enqueue(run_id: Any) -> None:
    """Send the task; if the broker cannot be reached, the run says so instead of waiting forever."""
    from ..tasks import render_diagram

    try:
        render_diagram.delay(str(run_id))
    except Exception as exc:
        log.exception("could not queue diagram render %s", run_id)
        DiagramRender.objects.filter(pk=run_id, status=DiagramRender.QUEUED).update(
            status=DiagramRender.FAILED,
            error=f"The render could not be queued ({type(exc).__name__}: {exc}); ask again to retry.",
            finished_at=timezone.now(),
        )


def _file_exists(run: DiagramRender) -> bool:
    if not run.file.name:
        return False
    try:
        return bool(run.file.storage.exists(run.file.name))
    except Exception:  # the storage cannot be asked right now: trust the record rather than render again
        log.warning("could not check diagram file %s", run.file.name, exc_info=True)
        return True


def report_stale(run: DiagramRender) -> DiagramRender:
    """The run as it stands, marked failed first if it has been `running` for longer than the time limit (plus
    a grace period): its worker was killed or lost, and nothing else would ever finish it; or if it has been
    `queued` for longer than DIAGRAM_QUEUE_TIMEOUT: no worker is taking tasks, or the broker lost it."""
    if run.status == DiagramRender.QUEUED:
        wait = settings.DIAGRAM_QUEUE_TIMEOUT
        message = f"No worker started the render within {wait} s of asking: is a Celery worker running?"
        return _fail_if_older(run, "queued_at", wait, message)
    if run.status == DiagramRender.RUNNING and run.started_at is not None:
        limit = settings.DIAGRAM_TIME_LIMIT
        message = f"The render was still running more than {limit} s after it started: its worker stopped or was lost."
        return _fail_if_older(run, "started_at", limit + STALE_GRACE_SECONDS, message)
    return run


def _fail_if_older(run: DiagramRender, field: str, seconds: float, message: str) -> DiagramRender:
    """Fail the run, still in its status since `field`'s time, once that is more than `seconds` ago."""
    now, since = timezone.now(), getattr(run, field)
    if since > now - timedelta(seconds=seconds):
        return run
    DiagramRender.objects.filter(pk=run.pk, status=run.status, **{field: since}).update(
        status=DiagramRender.FAILED, error=f"{message} Ask for the diagram again to retry.", finished_at=now
    )
    run.refresh_from_db()
    return run


# -- rendering (the worker's job) ---------------------------------------------------------------------------


def render_revision(run: DiagramRender) -> DiagramRender:
    """Render a queued run and store its file. Idempotent: a run that is done or failed is left as it is (a
    failed one is retried only when asked for again); one found `running` was left so by a worker that died,
    and is rendered again. Whatever goes wrong, the run ends `done` or `failed`, never `running`.
    DiagramRender.DoesNotExist if the run was deleted while it rendered (the file it made is removed)."""
    limits = time_limits()
    claimable = DiagramRender.objects.filter(pk=run.pk, status__in=[DiagramRender.QUEUED, DiagramRender.RUNNING])
    claimed = claimable.update(status=DiagramRender.RUNNING, started_at=timezone.now(), error="")
    run.refresh_from_db()
    if not claimed:
        return run
    started = time.monotonic()
    try:
        data = render(_graph(run.revision), _render_options(run, limits.graphviz))
        elapsed_ms = round((time.monotonic() - started) * 1000)
        name = _store(run, data)
    except SoftTimeLimitExceeded:
        return _fail(run, f"The render took longer than {limits.soft:g} s and was stopped.")
    except RenderFailed as exc:
        return _fail(run, f"{str(exc).rstrip('.')}.")
    except DocumentInvalid as exc:
        lines = "; ".join(p.line() for p in exc.problems if p.severity == "error")
        return _fail(run, f"The revision is not a valid design any more: {lines}")
    except Exception as exc:
        log.exception("diagram render %s failed", run.pk)
        return _fail(run, f"The render failed: {type(exc).__name__}: {exc}")
    except BaseException as exc:  # the worker is shutting down: say so, then let it
        _fail(run, f"The render was interrupted ({type(exc).__name__}); ask again to retry.")
        raise
    run.status, run.finished_at = DiagramRender.DONE, timezone.now()
    run.file.name, run.size, run.render_ms = name, len(data), elapsed_ms
    fields = ("status", "finished_at", "file", "size", "render_ms")
    if not DiagramRender.objects.filter(pk=run.pk).update(**{f: getattr(run, f) for f in fields}):
        # Deleted while it rendered (its design was deleted): nothing else would ever remove the new file.
        run.file.storage.delete(name)
        raise DiagramRender.DoesNotExist(f"diagram render {run.pk} was deleted while it rendered")
    return run


def _fail(run: DiagramRender, message: str) -> DiagramRender:
    run.status, run.error, run.finished_at = DiagramRender.FAILED, message, timezone.now()
    # An update, not save(): a run deleted meanwhile has nothing left to record (save() would raise).
    DiagramRender.objects.filter(pk=run.pk).update(status=run.status, error=message, finished_at=run.finished_at)
    return run


def _graph(revision: Revision) -> ArchitectureGraph:
    return build(load_or_raise(revision.document))


def _render_options(run: DiagramRender, timeout: float) -> RenderOptions:
    costs: dict[str, Decimal] = {}
    total = None
    if run.with_costs:
        if run.estimate is None or run.estimate.result is None:
            raise RenderFailed("The cost estimate this diagram was to show no longer exists; ask again with costs")
        costs, total = estimate_costs(run.estimate.result)
    return RenderOptions(
        format=run.format,  # type: ignore[arg-type]
        layout=run.layout,  # type: ignore[arg-type]
        dpi=run.dpi,
        costs=costs,
        total=total,
        timeout=timeout,
    )


def estimate_costs(result: dict[str, Any]) -> tuple[dict[str, Decimal], Decimal | None]:
    """From a stored estimate (`Estimate.as_dict()`): each node's monthly cost (its lines' recurring cost plus
    upfront fees spread over the term; lines of connections belong to no node) and the monthly total."""
    by_node: dict[str, Decimal] = defaultdict(Decimal)
    for line in result.get("lines", []):
        node = line.get("node")
        if not node:
            continue
        try:
            by_node[node] += Decimal(str(line.get("monthly_cost", "0"))) + Decimal(
                str(line.get("upfront_monthly", "0"))
            )
        except InvalidOperation:
            continue
    try:
        total = Decimal(str(result["total_monthly"]))
    except (KeyError, InvalidOperation):
        total = None
    return dict(by_node), total


def storage_name(run: DiagramRender) -> str:
    """diagrams/<design id>/r<revision>-<layout>-<first 8 of the options key>.<extension>"""
    extension = FORMATS[run.format][0]
    return f"diagrams/{run.revision.design_id}/r{run.revision.number}-{run.layout}-{run.options_key[:8]}.{extension}"


def _store(run: DiagramRender, data: bytes) -> str:
    content = ContentFile(data)
    content.content_type = FORMATS[run.format][1]  # type: ignore[attr-defined]  # S3 sets the object's type
    return str(run.file.storage.save(storage_name(run), content))


# -- reading ------------------------------------------------------------------------------------------------


def content_type(run: DiagramRender) -> str:
    return FORMATS[run.format][1]


def download_name(run: DiagramRender) -> str:
    design = slugify(run.revision.design.name) or "design"
    return f"{design}-r{run.revision.number}-{run.layout}.{FORMATS[run.format][0]}"


def open_file(run: DiagramRender) -> IO[bytes]:
    """The finished render's file, opened for reading (the caller closes it); FileGone if it was removed."""
    try:
        return run.file.storage.open(run.file.name, "rb")  # type: ignore[no-any-return]
    except FileNotFoundError:
        raise FileGone(
            "The diagram's file is no longer stored; ask for the diagram again to render it again."
        ) from None
