"""The example designs shipped in examples/: what they are, and each one's document to start a design from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from ..document import DesignDocument, load

EXAMPLES_DIR = Path(settings.BASE_DIR) / "examples"


class UnknownExample(LookupError):
    """No example has this slug."""


@dataclass(frozen=True)
class Example:
    """One example file: its slug is the file's stem (`serverless-event-driven`)."""

    slug: str
    path: Path
    document: DesignDocument

    @property
    def name(self) -> str:
        return self.document.name

    @property
    def description(self) -> str:
        return self.document.description

    @property
    def region(self) -> str:
        return self.document.region

    @property
    def node_count(self) -> int:
        return len(self.document.nodes)


def example_slugs(examples_dir: Path = EXAMPLES_DIR) -> list[str]:
    """The examples' slugs, sorted, without reading the files."""
    return sorted(path.stem for path in examples_dir.glob("*.json"))


def _read(path: Path) -> Example:
    # Through the same gate as every document; a shipped example that fails it is a bug, not a user error.
    document = load(path.read_bytes()).document
    if document is None:
        raise ValueError(f"example {path.name} is not a valid design")
    return Example(slug=path.stem, path=path, document=document)


def list_examples(examples_dir: Path = EXAMPLES_DIR) -> list[Example]:
    """Every example, by slug."""
    return [_read(examples_dir / f"{slug}.json") for slug in example_slugs(examples_dir)]


def get_example(slug: str, examples_dir: Path = EXAMPLES_DIR) -> Example:
    """The example called `slug`; UnknownExample if there is none (a slug is never read as a path)."""
    if slug not in example_slugs(examples_dir):
        known = ", ".join(example_slugs(examples_dir))
        raise UnknownExample(f"There is no example “{slug}”; the examples are {known}.")
    return _read(examples_dir / f"{slug}.json")
