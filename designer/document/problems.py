"""A problem found in a design document: where it is and a sentence saying what is wrong."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding. `path` is a JSON path into the document (`$.nodes[3].props.cidr`); `node`/`edge` name
    the element it concerns and `field` the part of that element (`props.cidr`), so a form can show the
    message next to the field."""

    code: str
    message: str
    path: str = "$"
    node: str | None = None
    edge: str | None = None
    field: str | None = None
    severity: Severity = "error"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        """The problem as one line of text, for the command line."""
        where = f"node {self.node}" if self.node else f"edge {self.edge}" if self.edge else "design"
        return f"{self.severity}: {where}: {self.path}: {self.message}"


def json_path(*parts: str | int) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
