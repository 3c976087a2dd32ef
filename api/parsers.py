"""JSON parsing with a size limit, since DRF reads the request stream without Django's own limit."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import BaseParser, JSONParser

from designer.document.load import MAX_DEPTH, nesting_depth


class RequestTooLarge(APIException):
    status_code = 413
    default_code = "too_large"
    default_detail = "The request body is too large."


class LimitedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.API_MAX_BODY_BYTES
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise RequestTooLarge(f"The request body is larger than {limit:,} bytes.")
        if not body:
            raise ParseError("The request body is empty; send a JSON object.")
        too_deep = ParseError(f"The JSON nests lists and objects more than {MAX_DEPTH} levels deep.")
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
        except RecursionError:
            raise too_deep from None
        # The request envelope adds one level ({"document": ...}) to what a design may nest.
        if nesting_depth(data, MAX_DEPTH + 2) > MAX_DEPTH + 1:
            raise too_deep
        return data


class TemplateTextParser(BaseParser):
    """A CloudFormation template sent as the body itself (curl --data-binary @stack.yaml -H 'Content-Type:
    application/yaml'): becomes {"template": text}, with the same size limit as JSON bodies."""

    media_type = "application/yaml"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.API_MAX_BODY_BYTES
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise RequestTooLarge(f"The request body is larger than {limit:,} bytes.")
        try:
            return {"template": body.decode("utf-8")}
        except UnicodeDecodeError:
            raise ParseError("The template is not UTF-8 text.") from None


class YamlTemplateParser(TemplateTextParser):
    media_type = "application/yaml"


class XYamlTemplateParser(TemplateTextParser):
    media_type = "application/x-yaml"


class TextYamlTemplateParser(TemplateTextParser):
    media_type = "text/yaml"


class PlainTemplateParser(TemplateTextParser):
    media_type = "text/plain"


TEMPLATE_PARSERS = [
    LimitedJSONParser,
    YamlTemplateParser,
    XYamlTemplateParser,
    TextYamlTemplateParser,
    PlainTemplateParser,
]
