"""The demo account and its example designs, for `make run` and `manage.py seed_demo`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from ..models import Design
from .designs import create_design
from .examples import EXAMPLES_DIR, list_examples


@dataclass(frozen=True)
class DemoResult:
    username: str
    password: str
    created: list[str]
    existing: list[str]


@transaction.atomic
def seed_demo(username: str = "demo", password: str = "demo", examples_dir: Path = EXAMPLES_DIR) -> DemoResult:
    """Create (or reset the password of) the demo user, and give it each example design it lacks.
    Idempotent: a design is matched by name, so running it twice changes nothing."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.com"})
    user.set_password(password)
    user.save()
    created, existing = [], []
    for example in list_examples(examples_dir):
        if Design.objects.filter(owner=user, name=example.name).exists():
            existing.append(example.name)
            continue
        create_design(owner=user, document=example.path.read_bytes(), message=f"Example from {example.path.name}")
        created.append(example.name)
    return DemoResult(username, password, created, existing)
