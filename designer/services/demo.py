"""The demo account and its example designs, for `make run` and `manage.py seed_demo`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from ..document import load
from ..models import Design
from .designs import create_design

EXAMPLES_DIR = Path(settings.BASE_DIR) / "examples"


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
    for path in sorted(examples_dir.glob("*.json")):
        data = path.read_bytes()
        doc = load(data).document
        if doc is None:
            raise ValueError(f"example {path.name} is not a valid design")
        if Design.objects.filter(owner=user, name=doc.name).exists():
            existing.append(doc.name)
            continue
        create_design(owner=user, document=data, message=f"Example from {path.name}")
        created.append(doc.name)
    return DemoResult(username, password, created, existing)
