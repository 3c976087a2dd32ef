"""Who may do what with a design: a role worked out from its owner, its team, its shares and the share links the
caller's browser session holds.

Roles, strongest first: owner (manages sharing, moves, deletes), editor (saves revisions), viewer (reads and
downloads). A design's personal owner, and the owners and admins of the team it belongs to, are its owners; the
team's members are editors; a share gives its role to its user or to everyone in its team; a share link gives
viewer. Without a role the design is not found at all, so its existence does not leak.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from .models import Design, Membership, Share, ShareLink

OWNER, EDITOR, VIEWER = "owner", "editor", "viewer"
RANK = {VIEWER: 1, EDITOR: 2, OWNER: 3}


@dataclass(frozen=True)
class Caller:
    """Who is asking: a signed-in user or nobody (`user` None), and the share links their session opened."""

    user: Any = None
    link_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)

    @property
    def signed_in(self) -> bool:
        return self.user is not None and bool(getattr(self.user, "is_authenticated", False))


def active_links(ids: Iterable[uuid.UUID | str]) -> QuerySet[ShareLink]:
    now = timezone.now()
    return ShareLink.objects.filter(pk__in=list(ids), revoked_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


def _member_of(user: Any, team_field: str, roles: Iterable[str] | None = None) -> Exists:
    memberships = Membership.objects.filter(team=OuterRef(team_field), user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return Exists(memberships)


def _shared(user: Any, roles: Iterable[str] | None = None) -> Exists:
    shares = Share.objects.filter(design=OuterRef("pk")).filter(Q(user=user) | Q(team__memberships__user=user))
    if roles is not None:
        shares = shares.filter(role__in=list(roles))
    return Exists(shares)


def owned_q(user: Any) -> Q:
    """Designs `user` owns or whose team they belong to (as anything): their 'own' designs."""
    return Q(owner=user) | Q(_member_of(user, "team"))


def visible(caller: Caller) -> QuerySet[Design]:
    """Every design the caller has any role on."""
    condition = Q(pk__in=[])
    if caller.signed_in:
        condition |= owned_q(caller.user) | Q(_shared(caller.user))
    if caller.link_ids:
        condition |= Q(pk__in=active_links(caller.link_ids).values("design"))
    return Design.objects.filter(condition)


def with_roles(designs: QuerySet[Design], caller: Caller) -> QuerySet[Design]:
    """`designs` with what decides the caller's role annotated, for `role_of` to read: one query for a page."""
    no = Value(False, output_field=BooleanField())
    user = caller.user if caller.signed_in else None
    links = Q(pk__in=active_links(caller.link_ids).values("design")) if caller.link_ids else None
    return designs.annotate(
        _owns=ExpressionWrapper(Q(owner=user), output_field=BooleanField()) if user is not None else no,
        _team_manager=_member_of(user, "team", [Membership.OWNER, Membership.ADMIN]) if user is not None else no,
        _team_member=_member_of(user, "team") if user is not None else no,
        _shared_editor=_shared(user, [Share.EDITOR]) if user is not None else no,
        _shared_viewer=_shared(user) if user is not None else no,
        _link=ExpressionWrapper(links, output_field=BooleanField()) if links is not None else no,
    )


def role_of(design: Design) -> str | None:
    """The role `with_roles` annotated `design` with: the strongest that applies, or None."""
    if getattr(design, "_owns", False) or getattr(design, "_team_manager", False):
        return OWNER
    if getattr(design, "_team_member", False) or getattr(design, "_shared_editor", False):
        return EDITOR
    if getattr(design, "_shared_viewer", False) or getattr(design, "_link", False):
        return VIEWER
    return None


def at_least(role: str | None, needed: str) -> bool:
    return role is not None and RANK[role] >= RANK[needed]
