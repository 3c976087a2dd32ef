"""Diagrams of a revision through the service: asking (reused for the same options, queued once the transaction
commits, retried when it failed), rendering (idempotent, always ending done or failed), where the file is kept
(a local directory, or an S3 bucket through moto) and its removal with the render."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from django.core.management import call_command
from django.utils import timezone
from moto import mock_aws
from rest_framework.test import APIClient

from designer.diagram.labels import money
from designer.diagram.render import RenderFailed
from designer.models import CostEstimate, DiagramRender, Revision
from designer.services import diagrams
from designer.services.designs import create_design, delete_design
from designer.services.diagrams import DiagramOptions, NoEstimate, render_revision, report_stale, request_render
from designer.services.estimates import compute_estimate, pricing_settings, request_estimate
from designer.tasks import render_diagram
from tests.conftest import ROOT, example

pytestmark = pytest.mark.django_db

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    """The "diagrams" storage follows MEDIA_ROOT: a directory of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def revision(user: Any) -> Revision:
    design, _ = create_design(owner=user, document=example("serverless-event-driven"))
    assert design.head is not None
    return design.head


def stored(media: Path) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def content(run: DiagramRender) -> bytes:
    with diagrams.open_file(run) as handle:
        return handle.read()


def ask(capture: Any, revision: Revision, **options: Any) -> tuple[DiagramRender, bool, int]:
    """request_render, and how many tasks it would send once the transaction commits."""
    with capture(execute=False) as callbacks:
        run, queued = request_render(revision, DiagramOptions(**options))
    return run, queued, len(callbacks)


def finished_estimate(revision: Revision) -> CostEstimate:
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    run, _ = request_estimate(revision, pricing_settings(revision.document))
    return compute_estimate(str(run.pk))


# -- asking -------------------------------------------------------------------------------------------------


def test_the_same_options_reuse_the_render_and_queue_nothing_more(
    revision: Revision, django_capture_on_commit_callbacks: Any
) -> None:
    first, queued, sent = ask(django_capture_on_commit_callbacks, revision, format="png", dpi=96)
    assert (first.status, queued, sent) == (DiagramRender.QUEUED, True, 1)

    again, queued, sent = ask(django_capture_on_commit_callbacks, revision, format="png", dpi=96)
    assert (again.pk, queued, sent) == (first.pk, False, 0)

    sharper, queued, sent = ask(django_capture_on_commit_callbacks, revision, format="png", dpi=300)
    assert sharper.pk != first.pk and (sharper.dpi, queued, sent) == (300, True, 1)
    svg, _, _ = ask(django_capture_on_commit_callbacks, revision, format="svg")
    canvas, _, _ = ask(django_capture_on_commit_callbacks, revision, format="png", layout="canvas")
    assert len({first.pk, sharper.pk, svg.pk, canvas.pk}) == 4
    assert DiagramRender.objects.filter(revision=revision).count() == 4


def test_a_done_render_is_reused_without_rendering_again(
    revision: Revision, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="svg")
    render_revision(run)
    again, queued, sent = ask(django_capture_on_commit_callbacks, revision, format="svg")
    assert (again.pk, again.status, queued, sent) == (run.pk, DiagramRender.DONE, False, 0)


def test_a_failed_render_is_queued_again_when_asked_for_again(
    revision: Revision, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="png")
    DiagramRender.objects.filter(pk=run.pk).update(
        status=DiagramRender.FAILED, error="Graphviz failed: boom.", finished_at=timezone.now()
    )
    retried, queued, sent = ask(django_capture_on_commit_callbacks, revision, format="png")
    assert (retried.pk, queued, sent) == (run.pk, True, 1)
    assert (retried.status, retried.error, retried.finished_at) == (DiagramRender.QUEUED, "", None)
    assert render_revision(retried).status == DiagramRender.DONE


def test_a_done_render_whose_file_is_gone_is_rendered_again(
    revision: Revision, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="png")
    render_revision(run)
    (media / run.file.name).unlink()
    again, queued, sent = ask(django_capture_on_commit_callbacks, revision, format="png")
    assert (again.pk, again.status, again.file.name, queued, sent) == (run.pk, DiagramRender.QUEUED, "", True, 1)
    assert render_revision(again).status == DiagramRender.DONE
    assert (media / again.file.name).read_bytes().startswith(PNG_MAGIC)


def test_an_invalid_option_is_refused_naming_it(revision: Revision) -> None:
    with pytest.raises(diagrams.InvalidOptions) as caught:
        request_render(revision, DiagramOptions(format="gif", layout="spiral", dpi=True))
    assert set(caught.value.problems) == {"format", "layout", "dpi"}
    assert caught.value.problems["format"] == "'gif' is not a diagram format; use one of png, svg, pdf, drawio, py."
    assert not DiagramRender.objects.exists()


# -- costs --------------------------------------------------------------------------------------------------


def test_costs_without_a_finished_estimate_are_refused(revision: Revision) -> None:
    with pytest.raises(NoEstimate, match="no finished cost estimate"):
        request_render(revision, DiagramOptions(format="svg", costs=True))
    assert not DiagramRender.objects.exists()


def test_costs_come_from_the_newest_finished_estimate(
    revision: Revision, django_capture_on_commit_callbacks: Any
) -> None:
    estimate = finished_estimate(revision)
    assert estimate.status == CostEstimate.DONE and estimate.result is not None
    plain, _, _ = ask(django_capture_on_commit_callbacks, revision, format="svg")
    priced, queued, _ = ask(django_capture_on_commit_callbacks, revision, format="svg", costs=True)
    assert queued and priced.pk != plain.pk
    assert (priced.with_costs, priced.estimate_id) == (True, estimate.pk)

    svg = content(render_revision(priced)).decode()
    per_node, total = diagrams.estimate_costs(estimate.result)
    assert str(total) == estimate.result["total_monthly"] == "59.28"
    assert "estimated $59.28 per month" in svg
    assert money(max(per_node.values())) in svg  # the priciest node's own cost
    assert "per month" not in content(render_revision(plain)).decode()


def test_a_render_whose_estimate_was_deleted_fails_saying_so(
    revision: Revision, django_capture_on_commit_callbacks: Any
) -> None:
    estimate = finished_estimate(revision)
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="png", costs=True)
    estimate.delete()
    run.refresh_from_db()
    failed = render_revision(run)
    assert failed.status == DiagramRender.FAILED
    assert failed.error == "The cost estimate this diagram was to show no longer exists; ask again with costs."


def test_estimate_costs_sums_each_nodes_lines_and_upfront_fees() -> None:
    result = {
        "lines": [
            {"node": "web", "monthly_cost": "10.00", "upfront_monthly": "2.50"},
            {"node": "web", "monthly_cost": "1.25", "upfront_monthly": "0.00"},
            {"node": None, "edge": "e1", "monthly_cost": "4.00", "upfront_monthly": "0.00"},
        ],
        "total_monthly": "17.75",
    }
    per_node, total = diagrams.estimate_costs(result)
    assert per_node == {"web": Decimal("13.75")}
    assert total == Decimal("17.75")


# -- rendering ----------------------------------------------------------------------------------------------


def test_a_render_is_stored_under_its_design_revision_layout_and_options(
    revision: Revision, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="png", layout="canvas", dpi=150)
    name = diagrams.storage_name(run)
    assert name == f"diagrams/{revision.design_id}/r1-canvas-{run.options_key[:8]}.png"
    done = render_revision(run)
    assert (done.status, done.file.name, done.error) == (DiagramRender.DONE, name, "")
    assert done.started_at is not None and done.finished_at is not None and done.render_ms is not None
    data = (media / name).read_bytes()
    assert data.startswith(PNG_MAGIC) and done.size == len(data)
    assert diagrams.download_name(done) == "serverless-event-driven-app-r1-canvas.png"


def test_a_retry_overwrites_its_own_file_instead_of_leaving_another(
    revision: Revision, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="svg")
    render_revision(run)
    DiagramRender.objects.filter(pk=run.pk).update(status=DiagramRender.FAILED)
    again, queued, _ = ask(django_capture_on_commit_callbacks, revision, format="svg")
    assert queued
    assert render_revision(again).file.name == run.file.name
    assert stored(media) == [run.file.name]


def test_rendering_twice_leaves_a_finished_render_as_it_is(
    revision: Revision, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="drawio")
    done = render_revision(run)
    finished, name = done.finished_at, done.file.name

    def must_not_render(*args: Any) -> bytes:
        raise AssertionError("a finished render was rendered again")

    monkeypatch.setattr(diagrams, "render", must_not_render)
    assert render_revision(done).finished_at == finished
    assert render_diagram(str(run.pk)) == DiagramRender.DONE  # the task, run a second time
    done.refresh_from_db()
    assert (done.status, done.finished_at, done.file.name) == (DiagramRender.DONE, finished, name)

    DiagramRender.objects.filter(pk=run.pk).update(status=DiagramRender.FAILED, error="earlier failure")
    assert render_diagram(str(run.pk)) == DiagramRender.FAILED  # a failed one waits to be asked for again
    assert DiagramRender.objects.get(pk=run.pk).error == "earlier failure"


def test_the_task_of_a_deleted_render_has_nothing_to_do() -> None:
    assert render_diagram("00000000-0000-0000-0000-000000000000") == "missing"


def test_graphviz_running_out_of_time_fails_the_render_clearly_and_leaves_no_temporary_files(
    revision: Revision,
    media: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="png")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(diagrams, "time_limits", lambda: diagrams.TimeLimits(hard=10, soft=9, graphviz=0.001))
    graphviz_ran_in = []
    real_run = subprocess.run

    def spy(*args: Any, **kwargs: Any) -> Any:
        graphviz_ran_in.append(Path(kwargs["cwd"]))
        return real_run(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", spy)

    failed = render_revision(run)

    assert failed.status == DiagramRender.FAILED
    assert failed.error == "Graphviz took longer than 0.001 s and was stopped."
    assert failed.finished_at is not None and failed.file.name == ""
    assert [p.parent for p in graphviz_ran_in] == [scratch]  # it did work in the scratch directory...
    assert list(scratch.iterdir()) == []  # ...and removed what it made there
    assert stored(media) == []
    assert DiagramRender.objects.get(pk=run.pk).status == DiagramRender.FAILED


def test_any_other_error_fails_the_render_naming_it(
    revision: Revision, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="pdf")

    def broken(*args: Any) -> bytes:
        raise RenderFailed("Graphviz failed: Error: syntax error in line 3")

    monkeypatch.setattr(diagrams, "render", broken)
    assert render_revision(run).error == "Graphviz failed: Error: syntax error in line 3."
    monkeypatch.setattr(diagrams, "render", lambda *args: 1 / 0)
    DiagramRender.objects.filter(pk=run.pk).update(status=DiagramRender.QUEUED)
    run.refresh_from_db()
    failed = render_revision(run)
    assert (failed.status, failed.error) == (
        DiagramRender.FAILED,
        "The render failed: ZeroDivisionError: division by zero",
    )


def test_a_render_running_past_the_time_limit_is_reported_failed(
    revision: Revision, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.DIAGRAM_TIME_LIMIT = 60
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="png")
    recent = timezone.now() - timedelta(seconds=60)
    DiagramRender.objects.filter(pk=run.pk).update(status=DiagramRender.RUNNING, started_at=recent)
    run.refresh_from_db()
    assert report_stale(run).status == DiagramRender.RUNNING  # within the limit and its grace period

    lost = timezone.now() - timedelta(seconds=60 + diagrams.STALE_GRACE_SECONDS + 1)
    DiagramRender.objects.filter(pk=run.pk).update(started_at=lost)
    run.refresh_from_db()
    stale = report_stale(run)
    assert stale.status == DiagramRender.FAILED and stale.finished_at is not None
    assert "still running more than 60 s after it started" in stale.error and "retry" in stale.error
    assert DiagramRender.objects.get(pk=run.pk).status == DiagramRender.FAILED

    again, queued, sent = ask(django_capture_on_commit_callbacks, revision, format="png")
    assert (again.pk, again.status, queued, sent) == (run.pk, DiagramRender.QUEUED, True, 1)


def test_a_render_no_worker_takes_is_reported_failed_and_can_be_asked_again(
    revision: Revision, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.DIAGRAM_QUEUE_TIMEOUT = 120
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="pdf")
    DiagramRender.objects.filter(pk=run.pk).update(queued_at=timezone.now() - timedelta(seconds=119))
    run.refresh_from_db()
    assert report_stale(run).status == DiagramRender.QUEUED  # still within the wait

    DiagramRender.objects.filter(pk=run.pk).update(queued_at=timezone.now() - timedelta(seconds=121))
    run.refresh_from_db()
    stale = report_stale(run)
    assert stale.status == DiagramRender.FAILED
    assert "No worker started the render within 120 s" in stale.error and "Celery worker" in stale.error

    again, queued, sent = ask(django_capture_on_commit_callbacks, revision, format="pdf")
    assert (again.pk, again.status, queued, sent) == (run.pk, DiagramRender.QUEUED, True, 1)
    assert again.queued_at > timezone.now() - timedelta(seconds=5), "queued afresh, so not stale at once"
    assert report_stale(again).status == DiagramRender.QUEUED


def test_a_render_left_running_by_a_dead_worker_is_rendered_when_the_task_comes_back(
    revision: Revision, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="svg")
    DiagramRender.objects.filter(pk=run.pk).update(status=DiagramRender.RUNNING, started_at=timezone.now())
    assert render_diagram(str(run.pk)) == DiagramRender.DONE  # acks_late: the broker hands the task out again


def test_a_broker_that_cannot_be_reached_fails_the_render_instead_of_leaving_it_queued(
    revision: Revision, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    def unreachable(*args: Any) -> None:
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(render_diagram, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = request_render(revision, DiagramOptions(format="png"))
    run.refresh_from_db()
    assert run.status == DiagramRender.FAILED
    assert run.error.startswith("The render could not be queued (ConnectionRefusedError")


# -- the file goes with the render --------------------------------------------------------------------------


def test_deleting_a_render_deletes_its_file_once_the_deletion_commits(
    revision: Revision, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="png")
    render_revision(run)
    assert stored(media) == [run.file.name]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run.delete()
    assert stored(media) == [run.file.name]  # not before the commit: a rolled back deletion keeps its file
    for callback in callbacks:
        callback()
    assert stored(media) == []


def test_deleting_a_design_deletes_the_files_of_its_renders(
    revision: Revision, media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    for fmt in ("png", "svg"):
        run, _, _ = ask(django_capture_on_commit_callbacks, revision, format=fmt)
        render_revision(run)
    assert len(stored(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        delete_design(design=revision.design)
    assert stored(media) == [] and not DiagramRender.objects.exists()


# -- S3 -----------------------------------------------------------------------------------------------------


def diagram_storage_setting(**env: str) -> subprocess.CompletedProcess[str]:
    """STORAGES["diagrams"] as config/settings.py builds it from these environment variables."""
    code = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['diagrams']))"
    base = {k: v for k, v in os.environ.items() if not k.startswith("DIAGRAM_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_settings_put_diagrams_on_disk_by_default_or_in_the_named_bucket() -> None:
    on_disk = diagram_storage_setting()
    assert json.loads(on_disk.stdout)["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    s3 = diagram_storage_setting(
        DIAGRAM_STORAGE="S3",
        DIAGRAM_S3_BUCKET="acme-diagrams",
        DIAGRAM_S3_REGION="eu-west-1",
        DIAGRAM_S3_ENDPOINT_URL="http://minio:9000",
        DIAGRAM_S3_PREFIX="/designer/",
    )
    assert json.loads(s3.stdout) == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "acme-diagrams",
            "region_name": "eu-west-1",
            "endpoint_url": "http://minio:9000",
            "location": "designer",
            "file_overwrite": True,
            "default_acl": None,
        },
    }
    no_bucket = diagram_storage_setting(DIAGRAM_STORAGE="s3")
    assert no_bucket.returncode != 0 and "DIAGRAM_S3_BUCKET must be set when DIAGRAM_STORAGE is s3" in no_bucket.stderr
    unknown = diagram_storage_setting(DIAGRAM_STORAGE="ftp")
    assert unknown.returncode != 0 and "DIAGRAM_STORAGE must be filesystem or s3, not 'ftp'" in unknown.stderr


BUCKET = "diagrams-test"


@pytest.fixture
def bucket(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The "diagrams" storage on an S3 bucket in moto, as DIAGRAM_STORAGE=s3 with DIAGRAM_S3_PREFIX=team-a sets it."""
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"):
        monkeypatch.setenv(key, "testing")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-west-1")
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        settings.STORAGES = {
            **settings.STORAGES,
            "diagrams": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "eu-west-1",
                    "location": "team-a",
                    "file_overwrite": True,
                    "default_acl": None,
                },
            },
        }
        yield s3


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [("png", "image/png", PNG_MAGIC), ("drawio", "application/vnd.jgraph.mxfile", b"<mxfile ")],
)
def test_on_s3_a_render_is_an_object_of_its_content_type_and_downloads_through_the_api(
    bucket: Any,
    media: Path,
    api: APIClient,
    fmt: str,
    content_type: str,
    magic: bytes,
    django_capture_on_commit_callbacks: Any,
) -> None:
    design = api.post("/api/designs/", {"document": example("serverless-event-driven")}, format="json").json()
    with django_capture_on_commit_callbacks(execute=False):
        asked = api.post(f"/api/designs/{design['id']}/diagrams/", {"format": fmt, "layout": "auto"}, format="json")
    assert asked.status_code == 202, asked.json()
    assert render_diagram(asked.json()["id"]) == DiagramRender.DONE
    run = DiagramRender.objects.get(pk=asked.json()["id"])

    key = f"team-a/{run.file.name}"
    head = bucket.head_object(Bucket=BUCKET, Key=key)
    assert head["ContentType"] == content_type  # set from the format: mimetypes knows no .drawio
    body = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert body.startswith(magic) and head["ContentLength"] == run.size == len(body)
    assert stored(media) == []  # nothing on the local disk

    download = api.get(api.get(asked["Location"]).json()["file_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert b"".join(download.streaming_content) == body

    _, queued, sent = ask(django_capture_on_commit_callbacks, run.revision, format=fmt)
    assert (queued, sent) == (False, 0)  # the object is there, so the render is reused

    with django_capture_on_commit_callbacks(execute=True):
        run.delete()
    with pytest.raises(ClientError) as caught:
        bucket.head_object(Bucket=BUCKET, Key=key)
    assert caught.value.response["Error"]["Code"] == "404"


def test_on_s3_a_removed_object_is_gone_for_the_download_and_rendered_again_when_asked(
    bucket: Any, revision: Revision, user: Any, api: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="svg")
    render_revision(run)
    bucket.delete_object(Bucket=BUCKET, Key=f"team-a/{run.file.name}")
    assert api.get(f"/api/diagrams/{run.pk}/file/").status_code == 410
    again, queued, _ = ask(django_capture_on_commit_callbacks, revision, format="svg")
    assert (again.pk, queued) == (run.pk, True)


def test_a_render_deleted_while_it_renders_leaves_no_file_behind(
    revision: Revision, media: Path, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    run, _, _ = ask(django_capture_on_commit_callbacks, revision, format="svg")
    real_render = diagrams.render

    def deleted_meanwhile(*args: Any) -> bytes:
        data = real_render(*args)
        delete_design(design=revision.design)  # the user deletes the design while the worker draws it
        return data

    monkeypatch.setattr(diagrams, "render", deleted_meanwhile)
    assert render_diagram(str(run.pk)) == "missing"
    assert stored(media) == []
