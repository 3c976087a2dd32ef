"""The demo account and its example designs, for `make run` and `manage.py seed_demo`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from ..models import Design, Membership, Share, Team
from . import sharing
from .designs import create_design
from .examples import EXAMPLES_DIR, list_examples


@dataclass(frozen=True)
class DemoResult:
    username: str
    password: str
    created: list[str]
    existing: list[str]
    reviewer: str = ""  # a second user, `reviewer` with the same password, a design is shared with as viewer


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
    reviewer = _reviewer(user, f"{username}-reviewer", password)
    return DemoResult(username, password, created, existing, reviewer)


def _reviewer(owner: Any, username: str, password: str) -> str:
    """A second account to see sharing from the other side: the demo's first design is shared with it as viewer,
    and it is a member of the demo's team."""
    User = get_user_model()
    reviewer, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.com"})
    reviewer.set_password(password)
    reviewer.save()
    team = Team.objects.filter(memberships__user=owner, name="Demo team").first() or sharing.create_team(
        name="Demo team", creator=owner
    )
    Membership.objects.get_or_create(team=team, user=reviewer, defaults={"role": Membership.MEMBER})
    first = Design.objects.filter(owner=owner).order_by("created_at").first()
    if first is not None and not first.shares.filter(user=reviewer).exists():
        sharing.share_design(design=first, by=owner, role=Share.VIEWER, user=username)
    return username
