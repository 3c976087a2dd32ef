"""Read-side queries. A design is only ever found through a role on it (designer.access), so strangers get 'not
found'."""

from __future__ import annotations

import uuid

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Case, Count, IntegerField, Q, QuerySet, When

from . import access
from .models import (
    ComponentKind,
    CostEstimate,
    Design,
    DiagramRender,
    Membership,
    PalettePreset,
    Revision,
    Share,
    ShareEvent,
    ShareLink,
    Team,
)

MINE, SHARED = "mine", "shared"


def designs_for(caller: access.Caller, scope: str = MINE) -> QuerySet[Design]:
    """The caller's own designs (theirs and their teams', `MINE`) or those shared with them (`SHARED`), each
    annotated with the caller's role (access.role_of)."""
    user = caller.user
    if scope == MINE:
        found = Design.objects.filter(access.owned_q(user))
    else:
        found = Design.objects.filter(
            pk__in=Share.objects.filter(Q(user=user) | Q(team__memberships__user=user)).values("design")
        ).exclude(access.owned_q(user))
    return access.with_roles(found, caller).select_related("head", "head__author", "owner", "team")


def design_for(caller: access.Caller, design_id: str | uuid.UUID) -> Design:
    """The design if the caller has a role on it, with `role` set; Design.DoesNotExist otherwise (also for a
    malformed id)."""
    try:
        key = uuid.UUID(str(design_id))
    except ValueError:
        raise Design.DoesNotExist from None
    design = (
        access.with_roles(Design.objects.filter(pk=key), caller)
        .select_related("head", "head__author", "owner", "team")
        .first()
    )
    role = access.role_of(design) if design is not None else None
    if design is None or role is None:
        raise Design.DoesNotExist
    design.role = role  # type: ignore[attr-defined]
    return design


def revisions_of(design: Design) -> QuerySet[Revision]:
    return design.revisions.select_related("author").order_by("-number")


def revision_of(design: Design, number: int) -> Revision:
    return revisions_of(design).get(number=number)


def palette_kinds() -> QuerySet[ComponentKind]:
    return ComponentKind.objects.filter(active=True).order_by("sort_order")


def presets_for(user: AbstractBaseUser | None) -> QuerySet[PalettePreset]:
    """The presets offered to everyone, and `user`'s own (none for a visitor who is not signed in)."""
    mine = Q(owner=user) if user is not None else Q(pk__in=[])
    return (
        PalettePreset.objects.filter(Q(owner__isnull=True) | mine, kind__active=True)
        .select_related("kind")
        .order_by("kind__sort_order", "name")
    )


def estimate_for(caller: access.Caller, estimate_id: str | uuid.UUID) -> CostEstimate:
    """An estimate of a design the caller may see; CostEstimate.DoesNotExist otherwise."""
    try:
        key = uuid.UUID(str(estimate_id))
    except ValueError:
        raise CostEstimate.DoesNotExist from None
    return CostEstimate.objects.select_related("revision", "revision__design").get(
        pk=key, revision__design__in=access.visible(caller)
    )


def diagram_for(caller: access.Caller, diagram_id: str | uuid.UUID) -> DiagramRender:
    """A diagram render of a design the caller may see; DiagramRender.DoesNotExist otherwise."""
    try:
        key = uuid.UUID(str(diagram_id))
    except ValueError:
        raise DiagramRender.DoesNotExist from None
    return DiagramRender.objects.select_related("revision", "revision__design").get(
        pk=key, revision__design__in=access.visible(caller)
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


def teams_of(user: AbstractBaseUser) -> QuerySet[Team]:
    """The teams `user` is in, with how many members each has."""
    mine = Membership.objects.filter(user=user).values("team")
    return Team.objects.filter(pk__in=mine).annotate(member_count=Count("memberships"))


def team_for(user: AbstractBaseUser, team_id: str | uuid.UUID) -> Team:
    """A team `user` is in; Team.DoesNotExist otherwise (also for a malformed id)."""
    try:
        key = uuid.UUID(str(team_id))
    except ValueError:
        raise Team.DoesNotExist from None
    return teams_of(user).get(pk=key)


def members_of(team: Team) -> QuerySet[Membership]:
    """Owners first, then admins, then members, each by username."""
    order = Case(
        When(role=Membership.OWNER, then=0), When(role=Membership.ADMIN, then=1), default=2, output_field=IntegerField()
    )
    return team.memberships.select_related("user").order_by(order, "user__username")


def shares_of(design: Design) -> QuerySet[Share]:
    return design.shares.select_related("user", "team", "created_by").order_by("created_at")


def links_of(design: Design) -> QuerySet[ShareLink]:
    return design.links.select_related("created_by").order_by("-created_at")


def share_log(design: Design) -> QuerySet[ShareEvent]:
    return design.share_events.select_related("actor").order_by("-created_at", "-id")
