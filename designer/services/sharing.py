"""Sharing: teams and their members, shares of a design with users and teams, share links, moving a design
between a user and a team, and the share log that records each of these.

The functions check the rules of the thing they change (only owners touch owners, the last owner stays, a link
expires in the future...) and raise SharingInvalid naming the field; whether the caller may manage the design
or the team at all is the caller's check (designer.access roles, and `team_role` here).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid
from collections.abc import MutableMapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .. import access
from ..models import Design, Membership, Share, ShareEvent, ShareLink, Team

NAME_MAX = 100
SESSION_KEY = "share_links"
SESSION_MAX = 50  # links one browser session remembers; the oldest is forgotten first


class SharingInvalid(ValueError):
    """The change is refused: `problems` maps each field to what is wrong with it."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


class SharingConflict(Exception):
    """The change cannot be made in the present state (a team that still owns designs)."""


class NotAllowed(PermissionError):
    """The caller's role does not allow this change."""


def find_user(identifier: str, field: str = "user") -> Any:
    """The active user whose username, or else email, is `identifier` (case-insensitive)."""
    text = identifier.strip()
    users = get_user_model().objects.filter(is_active=True)
    if text:
        found = users.filter(username__iexact=text).first()
        if found is None and "@" in text:
            matches = list(users.filter(email__iexact=text)[:2])
            found = matches[0] if len(matches) == 1 else None
        if found is not None:
            return found
    raise SharingInvalid({field: f"No user has the username or email '{text[:100]}'."})


# -- teams ---------------------------------------------------------------------------------------------------


def team_role(team: Team, user: Any) -> str | None:
    return Membership.objects.filter(team=team, user=user).values_list("role", flat=True).first()


def _team_name(name: str) -> str:
    text = name.strip()
    if not text:
        raise SharingInvalid({"name": "Give the team a name."})
    if len(text) > NAME_MAX:
        raise SharingInvalid({"name": f"A team's name is at most {NAME_MAX} characters."})
    return text


def create_team(*, name: str, creator: Any) -> Team:
    """A new team with `creator` as its owner."""
    with transaction.atomic():
        team = Team.objects.create(name=_team_name(name))
        Membership.objects.create(team=team, user=creator, role=Membership.OWNER)
    return team


def rename_team(*, team: Team, name: str, by: Any) -> Team:
    _require_manager(team, by)
    team.name = _team_name(name)
    team.save(update_fields=["name"])
    return team


def delete_team(*, team: Team, by: Any) -> None:
    """Only an owner deletes a team, and only once it owns no designs (SharingConflict otherwise): deleting a
    team must not take its designs with it."""
    if team_role(team, by) != Membership.OWNER:
        raise NotAllowed("Only an owner of the team may delete it.")
    count = team.designs.count()
    if count:
        raise SharingConflict(
            f"The team still owns {count} design{'s' if count != 1 else ''}: move them to someone or delete them first."
        )
    team.delete()


def _require_manager(team: Team, user: Any) -> str:
    role = team_role(team, user)
    if role not in (Membership.OWNER, Membership.ADMIN):
        raise NotAllowed("Only the team's owners and admins may do this.")
    return role


def _check_role(role: str, field: str = "role") -> None:
    if role not in dict(Membership.ROLES):
        raise SharingInvalid({field: f"'{str(role)[:20]}' is not a team role: owner, admin or member."})


def _owners_left(team: Team, without: Any) -> int:
    return Membership.objects.filter(team=team, role=Membership.OWNER).exclude(user=without).count()


def add_member(*, team: Team, user: str, role: str, by: Any) -> Membership:
    """Adds the user named by username or email. Owners and admins add members and admins; only owners add
    owners."""
    manager_role = _require_manager(team, by)
    _check_role(role)
    if role == Membership.OWNER and manager_role != Membership.OWNER:
        raise NotAllowed("Only an owner may make someone an owner.")
    found = find_user(user)
    if Membership.objects.filter(team=team, user=found).exists():
        raise SharingInvalid({"user": f"{found.get_username()} is already in the team."})
    return Membership.objects.create(team=team, user=found, role=role)


def set_member_role(*, membership: Membership, role: str, by: Any) -> Membership:
    manager_role = _require_manager(membership.team, by)
    _check_role(role)
    if Membership.OWNER in (role, membership.role) and manager_role != Membership.OWNER:
        raise NotAllowed("Only an owner may make someone an owner or change an owner's role.")
    demoted = membership.role == Membership.OWNER and role != Membership.OWNER
    if demoted and not _owners_left(membership.team, membership.user):
        raise SharingInvalid({"role": "A team keeps at least one owner: make someone else an owner first."})
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def remove_member(*, membership: Membership, by: Any) -> None:
    """Owners and admins remove members (only owners remove owners); anyone may leave. The last owner stays."""
    if membership.user_id != by.pk:
        manager_role = _require_manager(membership.team, by)
        if membership.role == Membership.OWNER and manager_role != Membership.OWNER:
            raise NotAllowed("Only an owner may remove an owner.")
    if membership.role == Membership.OWNER and not _owners_left(membership.team, membership.user):
        raise SharingConflict("A team keeps at least one owner: make someone else an owner first.")
    membership.delete()


# -- shares --------------------------------------------------------------------------------------------------


def _log(design: Design, actor: Any, action: str, subject: str, role: str = "") -> None:
    ShareEvent.objects.create(design=design, actor=actor, action=action, subject=subject[:300], role=role)


def share_subject(share: Share) -> str:
    return share.user.get_username() if share.user is not None else f"team {share.team.name if share.team else '?'}"


def share_design(
    *, design: Design, by: Any, role: str, user: str | None = None, team: Team | None = None
) -> tuple[Share, bool]:
    """Shares `design` with a user (by username or email) or a team, as viewer or editor; a second share with
    the same user or team changes its role. Returns the share and whether it is new."""
    if role not in dict(Share.ROLES):
        raise SharingInvalid({"role": f"'{str(role)[:20]}' is not a share role: viewer or editor."})
    if (user is None) == (team is None):
        raise SharingInvalid({"user": "Name a user or a team to share with (one of them)."})
    target = find_user(user) if user is not None else None
    if target is not None and design.owner_id == target.pk:
        raise SharingInvalid({"user": f"{target.get_username()} owns the design already."})
    if team is not None and design.team_id == team.pk:
        raise SharingInvalid({"team": "The design belongs to this team already."})
    with transaction.atomic():
        found = Share.objects.select_for_update().filter(design=design, user=target, team=team).first()
        if found is None:
            share = Share.objects.create(design=design, user=target, team=team, role=role, created_by=by)
            _log(design, by, ShareEvent.SHARED, share_subject(share), role)
            return share, True
        if found.role != role:
            found.role = role
            found.save(update_fields=["role"])
            _log(design, by, ShareEvent.ROLE_CHANGED, share_subject(found), role)
        return found, False


def set_share_role(*, share: Share, role: str, by: Any) -> Share:
    if role not in dict(Share.ROLES):
        raise SharingInvalid({"role": f"'{str(role)[:20]}' is not a share role: viewer or editor."})
    if share.role != role:
        share.role = role
        share.save(update_fields=["role"])
        _log(share.design, by, ShareEvent.ROLE_CHANGED, share_subject(share), role)
    return share


def unshare(*, share: Share, by: Any) -> None:
    with transaction.atomic():
        _log(share.design, by, ShareEvent.UNSHARED, share_subject(share), share.role)
        share.delete()


def transfer_design(*, design: Design, to_team: Team | None, by: Any) -> Design:
    """Moves the design to `to_team` (`by` must own or administer it) or, with None, to `by` personally. The
    shares stay; one with the new owner (or the new team) is dropped, as they now own it."""
    if to_team is not None and team_role(to_team, by) not in (Membership.OWNER, Membership.ADMIN):
        raise SharingInvalid({"team": "Move a design only to a team you own or administer."})
    with transaction.atomic():
        if to_team is not None:
            design.owner, design.team = None, to_team
            design.shares.filter(team=to_team).delete()
            subject = f"team {to_team.name}"
        else:
            design.owner, design.team = by, None
            design.shares.filter(user=by).delete()
            subject = by.get_username()
        design.save(update_fields=["owner", "team", "updated_at"])
        _log(design, by, ShareEvent.TRANSFERRED, subject)
    return design


# -- share links ---------------------------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_link(*, design: Design, by: Any, expires_at: datetime.datetime | None = None) -> tuple[ShareLink, str]:
    """A new read-only link and its secret token (shown once: only its digest is kept)."""
    if expires_at is not None and expires_at <= timezone.now():
        raise SharingInvalid({"expires_at": "A link's expiry must be in the future."})
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        link = ShareLink.objects.create(
            design=design, token_sha256=_digest(token), created_by=by, expires_at=expires_at
        )
        expiry = f", expiring {expires_at:%Y-%m-%d %H:%M} UTC" if expires_at else ""
        _log(design, by, ShareEvent.LINK_CREATED, f"link {str(link.pk)[:8]}{expiry}")
    return link, token


def revoke_link(*, link: ShareLink, by: Any) -> None:
    if link.revoked_at is None:
        with transaction.atomic():
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            _log(link.design, by, ShareEvent.LINK_REVOKED, f"link {str(link.pk)[:8]}")


def link_for_token(token: str) -> ShareLink:
    """The active link with this token; ShareLink.DoesNotExist for one unknown, revoked or expired."""
    if not token or len(token) > 200:
        raise ShareLink.DoesNotExist
    link = (
        access.active_links(ShareLink.objects.filter(token_sha256=_digest(token)).values_list("pk", flat=True))
        .select_related("design")
        .first()
    )
    if link is None:
        raise ShareLink.DoesNotExist
    return link


def open_link(session: MutableMapping[str, Any], token: str) -> ShareLink:
    """Lets this browser session view the link's design (remembered by link id, so revoking the link ends it)."""
    link = link_for_token(token)
    held = [i for i in session.get(SESSION_KEY, []) if i != str(link.pk)]
    session[SESSION_KEY] = [*held, str(link.pk)][-SESSION_MAX:]
    ShareLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
    return link


def session_links(session: MutableMapping[str, Any]) -> frozenset[uuid.UUID]:
    ids = set()
    for raw in session.get(SESSION_KEY, []) if isinstance(session.get(SESSION_KEY), list) else []:
        try:
            ids.add(uuid.UUID(str(raw)))
        except ValueError:
            continue
    return frozenset(ids)


def event_summary(event: ShareEvent) -> str:
    """The log line as a sentence: 'alice shared it with bob as viewer.'"""
    actor = event.actor.get_username() if event.actor else "Someone"
    return {
        ShareEvent.SHARED: f"{actor} shared it with {event.subject} as {event.role}.",
        ShareEvent.ROLE_CHANGED: f"{actor} made {event.subject} {event.role}.",
        ShareEvent.UNSHARED: f"{actor} stopped sharing it with {event.subject}.",
        ShareEvent.LINK_CREATED: f"{actor} created a share {event.subject}.",
        ShareEvent.LINK_REVOKED: f"{actor} revoked share {event.subject}.",
        ShareEvent.TRANSFERRED: f"{actor} moved it to {event.subject}.",
    }.get(event.action, f"{actor}: {event.action} {event.subject}.")
