"""Shared fixtures: users, authenticated API clients and example documents."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.json").read_text())


@pytest.fixture
def three_tier() -> dict[str, Any]:
    return example("three-tier-web-app")


@pytest.fixture
def user(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("alice", "alice@example.com", "alice-secret-password")


@pytest.fixture
def stranger(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("mallory", "mallory@example.com", "mallory-secret-password")


def token_client(user: Any) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api(user: Any) -> APIClient:
    return token_client(user)


@pytest.fixture
def stranger_api(stranger: Any) -> APIClient:
    return token_client(stranger)


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def design(api: APIClient, three_tier: dict[str, Any]) -> dict[str, Any]:
    """A saved design (revision 1 is the three-tier example), as the API returned it."""
    response = api.post("/api/designs/", {"document": copy.deepcopy(three_tier)}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()
