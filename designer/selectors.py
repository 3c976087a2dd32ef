"""Read-side queries. A design is only ever found through its owner, so strangers get 'not found'."""

from __future__ import annotations

import uuid

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet

from .models import ComponentKind, CostEstimate, Design, DiagramRender, PalettePreset, Revision


def designs_for(user: AbstractBaseUser) -> QuerySet[Design]:
    return Design.objects.filter(owner=user).select_related("head", "head__author", "owner")


def design_for(user: AbstractBaseUser, design_id: str | uuid.UUID) -> Design:
    """The design if `user` may see it; Design.DoesNotExist otherwise (also for a malformed id)."""
    try:
        key = uuid.UUID(str(design_id))
    except ValueError:
        raise Design.DoesNotExist from None
    return designs_for(user).get(pk=key)


def revisions_of(design: Design) -> QuerySet[Revision]:
    return design.revisions.select_related("author").order_by("-number")


def revision_of(design: Design, number: int) -> Revision:
    return revisions_of(design).get(number=number)


def palette_kinds() -> QuerySet[ComponentKind]:
    return ComponentKind.objects.filter(active=True).order_by("sort_order")


def presets_for(user: AbstractBaseUser) -> QuerySet[PalettePreset]:
    return (
        PalettePreset.objects.filter(Q(owner__isnull=True) | Q(owner=user), kind__active=True)
        .select_related("kind")
        .order_by("kind__sort_order", "name")
    )


def estimate_for(user: AbstractBaseUser, estimate_id: str | uuid.UUID) -> CostEstimate:
    """An estimate of one of `user`'s designs; CostEstimate.DoesNotExist otherwise."""
    try:
        key = uuid.UUID(str(estimate_id))
    except ValueError:
        raise CostEstimate.DoesNotExist from None
    return CostEstimate.objects.select_related("revision", "revision__design").get(pk=key, revision__design__owner=user)


def diagram_for(user: AbstractBaseUser, diagram_id: str | uuid.UUID) -> DiagramRender:
    """A diagram render of one of `user`'s designs; DiagramRender.DoesNotExist otherwise."""
    try:
        key = uuid.UUID(str(diagram_id))
    except ValueError:
        raise DiagramRender.DoesNotExist from None
    return DiagramRender.objects.select_related("revision", "revision__design").get(
        pk=key, revision__design__owner=user
    )


def diagram_with_options(revision: Revision, options_key: str) -> DiagramRender | None:
    return DiagramRender.objects.filter(revision=revision, options_key=options_key).first()


def newest_finished_estimate(revision: Revision) -> CostEstimate | None:
    """The revision's most recently finished cost estimate, whatever its settings; None when it has none."""
    return (
        CostEstimate.objects.filter(revision=revision, status=CostEstimate.DONE, result__isnull=False)
        .order_by("-finished_at", "-created_at")
        .first()
    )
