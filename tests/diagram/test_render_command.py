"""manage.py render_diagram FILE -o OUT: a design file's diagram in every format, the format taken from OUT's
extension, and a clear error (never a traceback) for each bad input."""

from __future__ import annotations

import html
import io
import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from designer.diagram.render import RenderFailed
from designer.management.commands import render_diagram
from tests.conftest import EXAMPLES, ROOT

THREE_TIER = str(EXAMPLES / "three-tier-web-app.json")
SERVERLESS = str(EXAMPLES / "serverless-event-driven.json")
MAGIC = {
    "png": b"\x89PNG\r\n\x1a\n",
    "svg": b"<?xml",
    "pdf": b"%PDF-",
    "drawio": b"<mxfile ",
    "py": b"# Three-tier web app",
}


def run(*args: str) -> str:
    """The command's standard error (where it reports what it wrote); CommandError when it fails."""
    err = io.StringIO()
    call_command("render_diagram", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def refused(*args: str) -> tuple[str, str]:
    """The CommandError's message and what was written to standard error before it."""
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("render_diagram", *args, stdout=io.StringIO(), stderr=err)
    assert caught.value.returncode == 1
    return str(caught.value), err.getvalue()


def png_width(data: bytes) -> int:
    width: int = struct.unpack(">I", data[16:20])[0]  # the IHDR chunk follows the signature
    return width


@pytest.mark.parametrize("layout", ["auto", "canvas"])
@pytest.mark.parametrize("fmt", MAGIC)
def test_each_format_is_written_and_chosen_by_the_extension(tmp_path: Path, fmt: str, layout: str) -> None:
    out = tmp_path / f"three-tier.{fmt}"
    err = run(THREE_TIER, "-o", str(out), "--layout", layout)
    data = out.read_bytes()
    assert data.startswith(MAGIC[fmt])
    if fmt == "py":
        compile(data, str(out), "exec")  # a script that at least parses
    assert err == f"wrote {out}: {fmt}, {layout} layout, {len(data):,} bytes\n"


def test_every_example_draws(tmp_path: Path) -> None:
    for example in sorted(EXAMPLES.glob("*.json")):
        out = tmp_path / f"{example.stem}.svg"
        run(str(example), "-o", str(out))
        assert json.loads(example.read_text())["name"] in html.unescape(out.read_text())  # Graphviz writes - as &#45;


def test_the_format_option_wins_over_the_extension_and_png_is_the_default(tmp_path: Path) -> None:
    run(THREE_TIER, "-o", str(tmp_path / "picture.out"), "--format", "svg")
    assert (tmp_path / "picture.out").read_bytes().startswith(MAGIC["svg"])
    run(THREE_TIER, "-o", str(tmp_path / "picture"))
    assert (tmp_path / "picture").read_bytes().startswith(MAGIC["png"])
    run(THREE_TIER, "-o", str(tmp_path / "LOUD.SVG"))
    assert (tmp_path / "LOUD.SVG").read_bytes().startswith(MAGIC["svg"])


def test_the_resolution_and_the_title_can_be_chosen(tmp_path: Path) -> None:
    run(THREE_TIER, "-o", str(tmp_path / "low.png"), "--dpi", "72")
    run(THREE_TIER, "-o", str(tmp_path / "high.png"), "--dpi", "144")
    low, high = png_width((tmp_path / "low.png").read_bytes()), png_width((tmp_path / "high.png").read_bytes())
    assert abs(high - 2 * low) <= 2
    run(THREE_TIER, "-o", str(tmp_path / "titled.svg"), "--title", "Shop, production")
    assert "Shop, production" in (tmp_path / "titled.svg").read_text()


@pytest.mark.django_db
def test_costs_are_priced_from_the_loaded_price_data(tmp_path: Path) -> None:
    out = tmp_path / "priced.svg"
    err = run(SERVERLESS, "-o", str(out), "--costs")
    assert "note: no price data for us-east-1; run refresh_prices" in err
    assert "estimated $0.00 per month" in out.read_text()

    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    err = run(SERVERLESS, "-o", str(out), "--costs")
    assert "note:" not in err
    assert "estimated $59.28 per month" in out.read_text()  # as `manage.py estimate` prices it
    run(SERVERLESS, "-o", str(out))
    assert "per month" not in out.read_text()


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    assert (
        refused(str(missing), "-o", str(tmp_path / "x.png"))[0] == f"{missing}: cannot read: No such file or directory"
    )
    assert refused(str(tmp_path), "-o", str(tmp_path / "x.png"))[0] == f"{tmp_path}: cannot read: Is a directory"


def test_a_file_that_is_not_json_is_not_a_valid_design(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "aws-architecture-design",')
    message, err = refused(str(bad), "-o", str(tmp_path / "x.png"))
    assert message == f"{bad} is not a valid design"
    assert err.startswith(f"{bad}: error: design: $: Not valid JSON: ")
    assert not (tmp_path / "x.png").exists()


def test_an_invalid_design_is_refused_with_each_problem(tmp_path: Path) -> None:
    broken = json.loads(Path(THREE_TIER).read_text())
    broken["nodes"].append({"id": "stray", "kind": "aws.ec2.instance", "label": "stray"})
    broken["edges"].append({"id": "e-nowhere", "source": "stray", "target": "nowhere", "kind": "traffic"})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    message, err = refused(str(path), "-o", str(tmp_path / "x.png"))
    assert message == f"{path} is not a valid design"
    assert f"{path}: error: node stray: " in err and "must sit in" in err
    assert "e-nowhere" in err and "nowhere" in err
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dpi", "20"], "--dpi: The resolution must be a whole number of dots per inch from 72 to 600."),
        (["--dpi", "601"], "--dpi: The resolution must be a whole number of dots per inch from 72 to 600."),
        (["--dpi", "high"], "Error: argument --dpi: invalid int value: 'high'"),
        (["--format", "gif"], "Error: argument --format: invalid choice: 'gif'"),
        (["--layout", "spiral"], "Error: argument --layout: invalid choice: 'spiral'"),
    ],
)
def test_a_bad_option_is_named(tmp_path: Path, args: list[str], message: str) -> None:
    assert refused(THREE_TIER, "-o", str(tmp_path / "x.png"), *args)[0].startswith(message)
    assert not (tmp_path / "x.png").exists()


def test_an_extension_of_no_format_is_refused_rather_than_guessed(tmp_path: Path) -> None:
    out = tmp_path / "diagram.jpg"
    message = refused(THREE_TIER, "-o", str(out))[0]
    assert message == (
        f"{out}: .jpg is not a diagram format's extension; use one of .png, .svg, .pdf, .drawio, .py, or give --format"
    )
    assert not out.exists()


def test_the_output_is_required_and_must_be_writable(tmp_path: Path) -> None:
    assert "the following arguments are required: -o/--output" in refused(THREE_TIER)[0]
    out = tmp_path / "no-such-directory" / "x.svg"
    assert refused(THREE_TIER, "-o", str(out))[0] == f"{out}: cannot write: No such file or directory"


def test_a_graphviz_failure_is_reported_as_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object) -> bytes:
        raise RenderFailed("Graphviz took longer than 120 s and was stopped")

    monkeypatch.setattr(render_diagram, "render", failing)
    message = refused(THREE_TIER, "-o", str(tmp_path / "x.png"))[0]
    assert message == f"{THREE_TIER}: Graphviz took longer than 120 s and was stopped"
    assert not (tmp_path / "x.png").exists()


def test_from_the_shell_it_exits_1_with_the_message_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "render_diagram", str(bad), "-o", str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == (
        f"{bad}: error: design: $: A design must be a JSON object.\nCommandError: {bad} is not a valid design\n"
    )
