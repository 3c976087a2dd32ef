"""Diagrams through the API: asking (202 and a status URL), the fields a bad request names, following the status,
downloading the file in its own type, and who may do any of it."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from designer.models import DiagramRender
from designer.services.diagrams import STALE_GRACE_SECONDS
from designer.services.estimates import compute_estimate
from designer.tasks import render_diagram

pytestmark = pytest.mark.django_db

MISSING = "00000000-0000-0000-0000-000000000000"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def ask(api: APIClient, design: dict[str, Any], body: Any = None, **fields: Any) -> Any:
    payload = {"format": "png", "layout": "auto", **fields} if body is None else body
    return api.post(f"/api/designs/{design['id']}/diagrams/", payload, format="json")


def error_fields(response: Any) -> set[str]:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["type"] == "invalid_request"
    return {e["field"] for e in body["errors"]}


def test_asking_answers_202_with_the_status_url_in_location(
    api: APIClient, design: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as queued:
        response = ask(api, design, format="svg", layout="canvas", dpi=150)
    assert response.status_code == 202
    body = response.json()
    assert response["Location"] == body["url"] == f"http://testserver/api/diagrams/{body['id']}/"
    assert type(response["Location"]) is str, "a WSGI server refuses a header value that is a str subclass"
    assert len(queued) == 1  # the worker is asked only once the transaction commits
    assert {k: body[k] for k in ("design", "revision", "format", "layout", "dpi", "costs", "estimate")} == {
        "design": design["id"],
        "revision": 1,
        "format": "svg",
        "layout": "canvas",
        "dpi": 150,
        "costs": False,
        "estimate": None,
    }
    assert (body["status"], body["file_url"], body["content_type"], body["error"]) == (
        "queued",
        None,
        "image/svg+xml",
        "",
    )
    assert ask(api, design, format="svg", layout="canvas", dpi=150).json()["id"] == body["id"]
    assert ask(api, design, format="svg", layout="canvas", dpi=300).json()["id"] != body["id"]


def test_an_older_revision_can_be_drawn(api: APIClient, design: dict[str, Any]) -> None:
    api.patch(f"/api/designs/{design['id']}/", {"name": "renamed", "base_revision": 1}, format="json")
    assert ask(api, design).json()["revision"] == 2
    assert ask(api, design, revision=1).json()["revision"] == 1


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"format": "gif"}, {"format"}),
        ({"layout": "spiral"}, {"layout"}),
        ({"dpi": 10}, {"dpi"}),
        ({"dpi": 6000}, {"dpi"}),
        ({"dpi": "sharp"}, {"dpi"}),
        ({"dpi": 96.5}, {"dpi"}),
        ({"dpi": True}, {"dpi"}),
        ({"costs": "perhaps"}, {"costs"}),
        ({"revision": 9}, {"revision"}),
        ({"revision": 0}, {"revision"}),
        ({"revision": "latest"}, {"revision"}),
        ({"colour": "blue"}, {"colour"}),
        ({"format": "gif", "colour": "blue", "dpi": 1}, {"format", "colour", "dpi"}),
        ({"costs": True}, {"costs"}),  # no finished estimate to take them from
    ],
)
def test_a_bad_request_is_refused_naming_each_field(
    api: APIClient, design: dict[str, Any], fields: dict[str, Any], named: set[str]
) -> None:
    assert error_fields(ask(api, design, **fields)) == named
    assert not DiagramRender.objects.exists()


def test_the_messages_say_what_is_allowed(api: APIClient, design: dict[str, Any]) -> None:
    errors = {e["field"]: e["message"] for e in ask(api, design, format="gif", dpi=9000).json()["errors"]}
    assert errors == {
        "format": '"gif" is not a diagram format; use one of png, svg, pdf, drawio, py.',
        "dpi": "The resolution must be from 72 to 600 dots per inch.",
    }
    missing = ask(api, design, revision=9).json()["errors"][0]["message"]
    assert missing == "This design has no revision 9."
    no_estimate = ask(api, design, costs=True).json()["errors"][0]["message"]
    assert "no finished cost estimate" in no_estimate and f"/api/designs/{design['id']}/estimates/" in no_estimate


def test_an_empty_request_asks_for_an_auto_layout_png(api: APIClient, design: dict[str, Any]) -> None:
    response = ask(api, design, body={})
    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["format"], body["layout"], body["dpi"], body["costs"]) == ("png", "auto", 96, False)


@pytest.mark.parametrize("body", [["png"], "png", 42])
def test_a_body_that_is_not_an_object_is_refused(api: APIClient, design: dict[str, Any], body: Any) -> None:
    response = ask(api, design, body=body)
    assert response.status_code == 400 and response.json()["type"] == "invalid_request"


def test_costs_are_drawn_from_the_newest_finished_estimate(api: APIClient, design: dict[str, Any]) -> None:
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    estimate = api.post(f"/api/designs/{design['id']}/estimates/", {}, format="json").json()
    compute_estimate(estimate["id"])
    response = ask(api, design, format="svg", costs=True)
    assert response.status_code == 202, response.json()
    body = response.json()
    assert (body["costs"], body["estimate"]) == (True, estimate["id"])
    assert render_diagram(body["id"]) == "done"
    total = api.get(estimate["url"]).json()["result"]["total_monthly"]
    svg = b"".join(api.get(f"/api/diagrams/{body['id']}/file/").streaming_content).decode()
    assert f"estimated ${total} per month" in svg


def test_the_status_follows_the_render_from_queued_to_done(api: APIClient, design: dict[str, Any]) -> None:
    url = ask(api, design)["Location"]
    assert api.get(url).json()["status"] == "queued"
    DiagramRender.objects.update(status=DiagramRender.RUNNING, started_at=timezone.now())
    running = api.get(url).json()
    assert (running["status"], running["file_url"]) == ("running", None)
    assert render_diagram(running["id"]) == "done"
    done = api.get(url).json()
    assert done["status"] == "done" and done["error"] == ""
    assert done["file_url"] == f"http://testserver/api/diagrams/{done['id']}/file/"
    assert done["size"] > 0 and done["render_ms"] is not None and done["finished_at"] is not None


def test_a_render_whose_worker_was_lost_reads_as_failed(api: APIClient, design: dict[str, Any], settings: Any) -> None:
    url = ask(api, design)["Location"]
    lost = timezone.now() - timedelta(seconds=settings.DIAGRAM_TIME_LIMIT + STALE_GRACE_SECONDS + 5)
    DiagramRender.objects.update(status=DiagramRender.RUNNING, started_at=lost)
    body = api.get(url).json()
    assert body["status"] == "failed" and "worker stopped or was lost" in body["error"]
    again = ask(api, design).json()
    assert (again["id"], again["status"]) == (body["id"], "queued")  # asking again retries it


CONTENT = {
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "svg": ("image/svg+xml", b"<?xml"),
    "pdf": ("application/pdf", b"%PDF-"),
    "drawio": ("application/vnd.jgraph.mxfile", b"<mxfile "),
    "py": ("text/x-python", b"# Three-tier web app"),
}


@pytest.mark.parametrize("fmt", CONTENT)
def test_the_file_downloads_in_its_own_type_once_done(api: APIClient, design: dict[str, Any], fmt: str) -> None:
    body = ask(api, design, format=fmt).json()
    file_url = f"/api/diagrams/{body['id']}/file/"
    waiting = api.get(file_url)
    assert waiting.status_code == 409 and waiting.json()["type"] == "not_ready"
    assert "queued" in waiting.json()["detail"]

    render_diagram(body["id"])
    content_type, magic = CONTENT[fmt]
    response = api.get(file_url, HTTP_ACCEPT=content_type)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="three-tier-web-app-r1-auto.{fmt}"'
    data = b"".join(response.streaming_content)
    assert data.startswith(magic) and len(data) == api.get(body["url"]).json()["size"]


def test_download_errors_answer_in_json_whatever_was_accepted(api: APIClient, design: dict[str, Any]) -> None:
    body = ask(api, design).json()
    response = api.get(f"/api/diagrams/{body['id']}/file/", HTTP_ACCEPT="image/png")
    assert response.status_code == 409 and response["Content-Type"] == "application/json"
    assert response.json()["type"] == "not_ready"


def test_a_failed_render_has_no_file_and_says_why(api: APIClient, design: dict[str, Any]) -> None:
    body = ask(api, design).json()
    DiagramRender.objects.update(status=DiagramRender.FAILED, error="Graphviz failed: out of memory.")
    detail = api.get(body["url"]).json()
    assert (detail["status"], detail["error"], detail["file_url"]) == (
        "failed",
        "Graphviz failed: out of memory.",
        None,
    )
    response = api.get(f"/api/diagrams/{body['id']}/file/")
    assert response.status_code == 409
    assert response.json()["detail"] == "The diagram failed: Graphviz failed: out of memory. Ask for it again to retry."


def test_a_removed_file_is_gone_until_the_diagram_is_asked_for_again(
    api: APIClient, design: dict[str, Any], media: Path
) -> None:
    body = ask(api, design).json()
    render_diagram(body["id"])
    run = DiagramRender.objects.get(pk=body["id"])
    (media / run.file.name).unlink()
    response = api.get(f"/api/diagrams/{body['id']}/file/")
    assert response.status_code == 410 and response.json()["type"] == "gone"
    assert "ask for the diagram again" in response.json()["detail"]
    again = ask(api, design).json()
    assert (again["id"], again["status"]) == (body["id"], "queued")
    render_diagram(again["id"])
    assert api.get(f"/api/diagrams/{body['id']}/file/").status_code == 200


def test_another_user_can_neither_ask_for_nor_read_a_diagram(
    api: APIClient, stranger_api: APIClient, design: dict[str, Any]
) -> None:
    body = ask(api, design).json()
    render_diagram(body["id"])
    assert ask(stranger_api, design).status_code == 404
    for url in (body["url"], f"/api/diagrams/{body['id']}/file/"):
        response = stranger_api.get(url)
        assert response.status_code == 404 and response.json()["type"] == "not_found"
    assert api.get(f"/api/diagrams/{MISSING}/").status_code == 404
    assert api.get(f"/api/diagrams/{MISSING}/file/").status_code == 404
    assert ask(api, {"id": MISSING}).status_code == 404


def test_anonymous_callers_are_refused(anonymous: APIClient, api: APIClient, design: dict[str, Any]) -> None:
    body = ask(api, design).json()
    for response in (
        ask(anonymous, design),
        anonymous.get(body["url"]),
        anonymous.get(f"/api/diagrams/{body['id']}/file/"),
    ):
        assert response.status_code == 401 and response.json()["type"] == "not_authenticated"


def test_the_openapi_schema_documents_the_diagram_endpoints(anonymous: APIClient) -> None:
    paths = anonymous.get("/api/schema/?format=json").json()["paths"]
    assert "202" in paths["/api/designs/{id}/diagrams/"]["post"]["responses"]
    assert set(paths["/api/diagrams/{id}/file/"]["get"]["responses"]["200"]["content"]) == {
        media_type for media_type, _ in CONTENT.values()
    }
    assert {"409", "410", "404"} <= set(paths["/api/diagrams/{id}/file/"]["get"]["responses"])
