"""Sharing endpoints: teams and their members, a design's shares, share links, share log and owner, and the
share link's own lookup."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designer import access, selectors
from designer.models import Membership, ShareLink, Team
from designer.services import sharing

from . import serializers as s
from .access import DesignObjectMixin, your_team
from .views import UUID_PATH, errors


class SharingConflict(APIException):
    status_code = 409
    default_code = "conflict"


CONFLICT = OpenApiResponse(s.ErrorSerializer, description="Not in the present state (see the detail).")


@contextmanager
def refusals() -> Iterator[None]:
    """The sharing service's refusals as the API answers them: a role too weak 403, bad input 400 naming each
    field, a state that forbids the change 409."""
    try:
        yield
    except sharing.NotAllowed as exc:
        raise PermissionDenied(str(exc)) from None
    except sharing.SharingInvalid as exc:
        raise ValidationError({field: [message] for field, message in exc.problems.items()}) from None
    except sharing.SharingConflict as exc:
        raise SharingConflict(str(exc)) from None


def _checked(serializer_class: type[Any], request: Request) -> dict[str, Any]:
    body = serializer_class(data=request.data if request.data is not None else {})
    body.is_valid(raise_exception=True)
    data: dict[str, Any] = body.validated_data
    return data


# -- teams ---------------------------------------------------------------------------------------------------

TEAM_PATH = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The team's id.")
USER_PATH = OpenApiParameter("user", int, OpenApiParameter.PATH, description="The member's user id.")


class TeamMixin:
    request: Request
    kwargs: dict[str, Any]

    def get_team(self) -> Team:
        """The team in the URL, with the caller's role in it; 404 unless the caller is in it."""
        try:
            team = selectors.team_for(self.request.user, self.kwargs["pk"])
        except Team.DoesNotExist:
            raise Http404 from None
        team.role = sharing.team_role(team, self.request.user)  # type: ignore[attr-defined]
        return team

    def team_data(self, team: Team) -> dict[str, Any]:
        team = self.get_team() if not hasattr(team, "member_count") else team
        team.members = list(selectors.members_of(team))  # type: ignore[attr-defined]
        return s.TeamSerializer(team).data


class TeamListView(TeamMixin, APIView):
    @extend_schema(summary="Your teams", responses={200: s.TeamSummarySerializer(many=True), **errors()})
    def get(self, request: Request) -> Response:
        teams = list(selectors.teams_of(request.user).order_by("name"))
        roles = dict(Membership.objects.filter(user=request.user).values_list("team_id", "role"))
        for team in teams:
            team.role = roles.get(team.pk)  # type: ignore[attr-defined]
        return Response(s.TeamSummarySerializer(teams, many=True).data)

    @extend_schema(
        summary="Create a team",
        description="You become its owner.",
        request=s.TeamNameSerializer,
        responses={201: s.TeamSerializer, **errors(400, 413, 415)},
    )
    def post(self, request: Request) -> Response:
        data = _checked(s.TeamNameSerializer, request)
        with refusals():
            team = sharing.create_team(name=data["name"], creator=request.user)
        self.kwargs["pk"] = team.pk
        return Response(self.team_data(self.get_team()), status=status.HTTP_201_CREATED)


@extend_schema(parameters=[TEAM_PATH])
class TeamDetailView(TeamMixin, APIView):
    @extend_schema(summary="A team and its members", responses={200: s.TeamSerializer, **errors(404)})
    def get(self, request: Request, pk: str) -> Response:
        return Response(self.team_data(self.get_team()))

    @extend_schema(
        summary="Rename a team",
        description="Owners and admins.",
        request=s.TeamNameSerializer,
        responses={200: s.TeamSerializer, **errors(400, 404, 413, 415)},
    )
    def patch(self, request: Request, pk: str) -> Response:
        team = self.get_team()
        data = _checked(s.TeamNameSerializer, request)
        with refusals():
            sharing.rename_team(team=team, name=data["name"], by=request.user)
        return Response(self.team_data(self.get_team()))

    @extend_schema(
        summary="Delete a team",
        description="Owners only, and only once the team owns no designs (409 until then).",
        responses={204: None, 409: CONFLICT, **errors(404)},
    )
    def delete(self, request: Request, pk: str) -> Response:
        with refusals():
            sharing.delete_team(team=self.get_team(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[TEAM_PATH])
class MemberListView(TeamMixin, APIView):
    @extend_schema(
        summary="Add someone to a team",
        description="By username or email. Owners and admins add members and admins; only owners add owners.",
        request=s.MemberAddSerializer,
        responses={201: s.MemberSerializer, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, pk: str) -> Response:
        team = self.get_team()
        data = _checked(s.MemberAddSerializer, request)
        with refusals():
            member = sharing.add_member(team=team, user=data["user"], role=data["role"], by=request.user)
        return Response(s.MemberSerializer(member).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[TEAM_PATH, USER_PATH])
class MemberDetailView(TeamMixin, APIView):
    def get_member(self) -> Membership:
        team = self.get_team()
        found = team.memberships.select_related("user", "team").filter(user_id=self.kwargs["user"]).first()
        if found is None:
            raise Http404
        return found

    @extend_schema(
        summary="Change a member's role",
        description="Owners and admins; only owners make or unmake owners; a team keeps at least one owner.",
        request=s.MemberRoleSerializer,
        responses={200: s.MemberSerializer, **errors(400, 404, 413, 415)},
    )
    def patch(self, request: Request, pk: str, user: int) -> Response:
        member = self.get_member()
        data = _checked(s.MemberRoleSerializer, request)
        with refusals():
            sharing.set_member_role(membership=member, role=data["role"], by=request.user)
        return Response(s.MemberSerializer(member).data)

    @extend_schema(
        summary="Remove a member, or leave",
        description="Owners and admins remove members (only owners remove owners); anyone may remove themselves. "
        "409 for the last owner.",
        responses={204: None, 409: CONFLICT, **errors(404)},
    )
    def delete(self, request: Request, pk: str, user: int) -> Response:
        with refusals():
            sharing.remove_member(membership=self.get_member(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# -- a design's shares, links, log and owner -----------------------------------------------------------------

SHARE_PATH = OpenApiParameter("share", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The share's id.")
LINK_PATH = OpenApiParameter("link", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The link's id.")


class ManagedDesignMixin(DesignObjectMixin):
    """Sharing is managed by the design's owners: others who can open the design get 403, strangers 404."""

    def managed_design(self) -> Any:
        return self.get_design(needs=access.OWNER)


@extend_schema(parameters=[UUID_PATH])
class ShareListView(ManagedDesignMixin, APIView):
    @extend_schema(
        summary="Who the design is shared with", responses={200: s.ShareSerializer(many=True), **errors(404)}
    )
    def get(self, request: Request, pk: str) -> Response:
        return Response(s.ShareSerializer(selectors.shares_of(self.managed_design()), many=True).data)

    @extend_schema(
        summary="Share the design with a user or a team",
        description="`user` (a username or email) or `team` (an id), and `role`: viewer or editor. Sharing again "
        "with the same user or team changes the role (200).",
        request=s.ShareCreateSerializer,
        responses={201: s.ShareSerializer, 200: s.ShareSerializer, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, pk: str) -> Response:
        design = self.managed_design()
        data = _checked(s.ShareCreateSerializer, request)
        team = None
        if "team" in data:
            team = Team.objects.filter(pk=data["team"]).first()
            if team is None:
                raise ValidationError({"team": ["There is no team with this id."]})
        with refusals():
            share, new = sharing.share_design(
                design=design, by=request.user, role=data["role"], user=data.get("user"), team=team
            )
        return Response(s.ShareSerializer(share).data, status=status.HTTP_201_CREATED if new else status.HTTP_200_OK)


@extend_schema(parameters=[UUID_PATH, SHARE_PATH])
class ShareDetailView(ManagedDesignMixin, APIView):
    def get_share(self) -> Any:
        found = selectors.shares_of(self.managed_design()).filter(pk=self.kwargs["share"]).first()
        if found is None:
            raise Http404
        return found

    @extend_schema(
        summary="Change a share's role",
        request=s.ShareRoleSerializer,
        responses={200: s.ShareSerializer, **errors(400, 404, 413, 415)},
    )
    def patch(self, request: Request, pk: str, share: str) -> Response:
        found = self.get_share()
        data = _checked(s.ShareRoleSerializer, request)
        sharing.set_share_role(share=found, role=data["role"], by=request.user)
        return Response(s.ShareSerializer(found).data)

    @extend_schema(summary="Stop sharing with this user or team", responses={204: None, **errors(404)})
    def delete(self, request: Request, pk: str, share: str) -> Response:
        sharing.unshare(share=self.get_share(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[UUID_PATH])
class LinkListView(ManagedDesignMixin, APIView):
    @extend_schema(
        summary="The design's share links",
        description="Active, expired and revoked, newest first; never their secret.",
        responses={200: s.ShareLinkSerializer(many=True), **errors(404)},
    )
    def get(self, request: Request, pk: str) -> Response:
        return Response(s.ShareLinkSerializer(selectors.links_of(self.managed_design()), many=True).data)

    @extend_schema(
        summary="Make a share link",
        description="Anyone holding the link (`url`) can view the design read-only, without an account, until "
        "`expires_at` (never when left out) or until it is revoked. The token is in this answer only.",
        request=s.ShareLinkCreateSerializer,
        responses={201: s.ShareLinkCreatedSerializer, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, pk: str) -> Response:
        design = self.managed_design()
        data = _checked(s.ShareLinkCreateSerializer, request)
        with refusals():
            link, token = sharing.create_link(design=design, by=request.user, expires_at=data.get("expires_at"))
        link.token = token  # type: ignore[attr-defined]
        link.url = request.build_absolute_uri(f"/s/{token}/")  # type: ignore[attr-defined]
        return Response(s.ShareLinkCreatedSerializer(link).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[UUID_PATH, LINK_PATH])
class LinkDetailView(ManagedDesignMixin, APIView):
    @extend_schema(
        summary="Revoke a share link",
        description="The link stops working at once (404), also for those who opened it; it stays listed.",
        responses={204: None, **errors(404)},
    )
    def delete(self, request: Request, pk: str, link: str) -> Response:
        found = selectors.links_of(self.managed_design()).filter(pk=link).first()
        if found is None:
            raise Http404
        sharing.revoke_link(link=found, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[UUID_PATH])
class ShareLogView(ManagedDesignMixin, generics.GenericAPIView):
    serializer_class = s.ShareEventSerializer

    @extend_schema(
        summary="Who shared the design with whom, newest first",
        responses={200: s.ShareEventSerializer(many=True), **errors(404)},
    )
    def get(self, request: Request, pk: str) -> Response:
        page = self.paginate_queryset(selectors.share_log(self.managed_design())) or []
        for event in page:
            event.summary = sharing.event_summary(event)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(parameters=[UUID_PATH])
class TransferView(ManagedDesignMixin, APIView):
    @extend_schema(
        summary="Move the design to a team, or make it yours",
        description="`team`: a team you own or administer; null makes it your personal design.",
        request=s.TransferSerializer,
        responses={200: s.DesignSerializer, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, pk: str) -> Response:
        design = self.managed_design()
        data = _checked(s.TransferSerializer, request)
        team = None
        if data["team"] is not None:
            team = your_team(request.user, data["team"])
        with refusals():
            sharing.transfer_design(design=design, to_team=team, by=request.user)
        return Response(s.DesignSerializer(self.get_design(), context={"request": request}).data)


class SharedLinkView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="What a share link opens",
        description="No account needed. The link's design (its id and name) and expiry; 404 for a link that is "
        "unknown, revoked or expired. This browser session may then read that design through the API.",
        parameters=[OpenApiParameter("token", str, OpenApiParameter.PATH, description="The link's secret.")],
        responses={200: s.SharedLinkSerializer, 404: errors(404)[404], 405: errors()[405], 406: errors()[406]},
    )
    def get(self, request: Request, token: str) -> Response:
        try:
            link = sharing.open_link(request.session, token)
        except ShareLink.DoesNotExist:
            raise Http404 from None
        return Response({"design": link.design_id, "name": link.design.name, "expires_at": link.expires_at})
