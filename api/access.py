"""Who is calling and what they may do: the caller (a user and/or the share links their session opened), the
permission that lets share-link visitors in where a view allows them, and the mixin that finds the design in
the URL with the caller's role on it."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.serializers import Serializer

from designer import access, selectors
from designer.models import Design, Revision, Team
from designer.services import sharing

REFUSED = {
    access.EDITOR: "You can view this design but not change it.",
    access.OWNER: "Only the design's owners may do this (manage its sharing, move or delete it).",
}


def caller_of(request: Request) -> access.Caller:
    user = request.user if request.user is not None and request.user.is_authenticated else None
    session = getattr(request, "session", None)
    return access.Caller(user=user, link_ids=sharing.session_links(session) if session is not None else frozenset())


class SignedInOrLinkHolder(BasePermission):
    """Signed-in users, and on views marked `link_holders = True` also visitors whose session opened a share link
    (what they may reach is then limited to that link's design by the view's lookup)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.user is not None and request.user.is_authenticated:
            return True
        return bool(getattr(view, "link_holders", False)) and bool(caller_of(request).link_ids)


class DesignObjectMixin:
    """Finds the design named in the URL among those the caller has a role on (404 otherwise: its existence does
    not leak) and checks the role is strong enough for what is asked (403 otherwise)."""

    request: Request
    kwargs: dict[str, Any]

    def get_design(self, needs: str = access.VIEWER) -> Design:
        try:
            design = selectors.design_for(caller_of(self.request), self.kwargs["pk"])
        except Design.DoesNotExist:
            raise Http404 from None
        if not access.at_least(design.role, needs):  # type: ignore[attr-defined]
            raise PermissionDenied(REFUSED[needs])
        return design

    def requested_revision(self, serializer_class: type[Serializer]) -> tuple[Revision, dict[str, Any]]:
        """The request body as `serializer_class` checks it, and the revision it names (its `revision`, else
        the design's newest)."""
        design = self.get_design()
        body = serializer_class(data=self.request.data if self.request.data is not None else {})
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = body.validated_data
        try:
            revision = selectors.revision_of(design, data["revision"]) if "revision" in data else design.head
        except Revision.DoesNotExist:
            raise ValidationError({"revision": [f"This design has no revision {data['revision']}."]}) from None
        assert revision is not None
        return revision, data


def queried_revision(design: Design, request: Request, key: str = "revision", default: int | None = None) -> Revision:
    """The revision the query's `key` names (else revision `default`, else the newest); 400 naming `key` for a
    number that is not one or a revision the design lacks."""
    raw = request.query_params.get(key)
    assert design.head is not None
    number = design.head.number if default is None else default
    if raw is not None:
        if not raw.isdigit() or len(raw) > 9:
            raise ValidationError({key: [f"'{raw[:20]}' is not a revision number."]})
        number = int(raw)
    try:
        return selectors.revision_of(design, number)
    except Revision.DoesNotExist:
        raise ValidationError({key: [f"This design has no revision {number}."]}) from None


def your_team(user: Any, team_id: Any, field: str = "team") -> Team:
    """A team `user` is in, by the id a request named; 400 naming `field` otherwise."""
    try:
        return selectors.team_for(user, team_id)
    except Team.DoesNotExist:
        raise ValidationError({field: ["You are not in a team with this id."]}) from None
