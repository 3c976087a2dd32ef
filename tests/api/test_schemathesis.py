"""Property-based run of the whole API against its own OpenAPI schema, as an authenticated user.

Schemathesis generates requests for every operation (valid and invalid bodies, odd parameters) and checks
each answer: never a 5xx, the status code and content type documented, the body matching its schema.
Bounded by `max_examples` to stay quick.
"""

from __future__ import annotations

import zlib
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.media_types import YAML_MEDIA_TYPES
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from designer.cloudformation.yaml_io import load_template
from tests.conftest import example

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@schemathesis.deserializer(*YAML_MEDIA_TYPES)  # replaces the built-in YAML reader, which would match first
def cloudformation_yaml(ctx: Any, response: Any) -> str:
    """Template downloads are CloudFormation YAML, whose short-form tags (!Ref, !Sub) a plain YAML reader
    refuses: read them as templates (which fails the check if they are not), and hand the schema the text it
    documents."""
    load_template(response.content)
    return str(response.content.decode())


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def wsgi_keeps_the_test_connection() -> Any:
    """The WSGI handler closes the database connection after each request; Django's own test client turns
    that off so the test's transaction survives, and so must a request sent through the real WSGI app."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def existing_design(user: Any) -> Any:
    from designer.services.designs import create_design

    design, _ = create_design(owner=user, document=example("serverless-event-driven"))
    return design


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_request_as_documented(
    case: Any, user: Any, existing_design: Any, wsgi_keeps_the_test_connection: Any
) -> None:
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=user)
    generated = (case.path_parameters or {}).get("id")
    # Half the time aim at a design that exists, so the 200 paths are exercised too.
    if generated is not None and zlib.crc32(str(generated).encode()) % 2 == 0:
        case.path_parameters["id"] = str(existing_design.pk)
    case.call_and_validate(headers={"Authorization": f"Token {token.key}"}, checks=CHECKS)
