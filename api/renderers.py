"""Renderers for downloads, so a client asking for the file's own type (Accept: application/yaml) gets it,
and errors on those routes still come back in the API's JSON error format."""

from __future__ import annotations

import json
from typing import Any

from rest_framework.renderers import BaseRenderer

from designer.diagram.render import FORMATS


class FileRenderer(BaseRenderer):
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if isinstance(data, bytes):
            return data
        if isinstance(data, str):
            return data.encode()
        return json.dumps(data).encode()


class YamlFileRenderer(FileRenderer):
    media_type = "application/yaml"
    format = "yaml"


def _diagram_renderer(fmt: str, media_type: str) -> type[FileRenderer]:
    return type(f"{fmt.title()}DiagramRenderer", (FileRenderer,), {"media_type": media_type, "format": fmt})


# One per diagram format, so Accept: image/png (or image/svg+xml, application/pdf...) is acceptable on a download.
DIAGRAM_RENDERERS = [_diagram_renderer(fmt, media_type) for fmt, (_, media_type) in FORMATS.items()]
