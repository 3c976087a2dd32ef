"""The architect's review over the API: a revision's findings and cost-saving suggestions, a fix previewed with its
cost effect, a fix applied."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designer import access
from designer.document import DocumentInvalid
from designer.services import advice as advice_services
from designer.services import designs as design_services

from . import serializers as s
from .access import DesignObjectMixin, queried_revision
from .views import CONFLICT, UUID_PATH, Conflict, _saved, errors


@extend_schema(parameters=[UUID_PATH])
class FindingListView(DesignObjectMixin, APIView):
    link_holders = True

    @extend_schema(
        summary="The architect's review of a revision",
        description="Best-practice findings on the newest revision (or `?revision=N`): errors first, each with its "
        "rule, the AWS page it follows, the nodes it concerns and, where the remedy is mechanical, a fix.",
        parameters=[OpenApiParameter("revision", int, description="Default: the newest.")],
        responses={200: s.FindingsSerializer, **errors(400, 404)},
    )
    def get(self, request: Request, pk: str) -> Response:
        revision = queried_revision(self.get_design(), request)
        findings = advice_services.findings_of(revision.document)
        return Response({"revision": revision.number, "findings": [f.as_dict() for f in findings]})


@extend_schema(parameters=[UUID_PATH])
class SuggestionListView(DesignObjectMixin, APIView):
    link_holders = True

    @extend_schema(
        summary="Ways to spend less, with the monthly saving of each",
        description="Cost-saving suggestions for the newest revision (or `?revision=N`), biggest saving first: "
        "Graviton equivalents, gp3 for gp2, Spot above an Auto Scaling group's minimum (an estimate), gateway "
        "endpoints for S3 and DynamoDB traffic crossing a NAT, and 1- and 3-year Savings Plans or reserved "
        "capacity per component and for the whole design. Each saving is the difference between the design's "
        "estimate and that of the changed design, priced from the same price data.",
        parameters=[OpenApiParameter("revision", int, description="Default: the newest.")],
        responses={200: s.SuggestionsSerializer, **errors(400, 404)},
    )
    def get(self, request: Request, pk: str) -> Response:
        revision = queried_revision(self.get_design(), request)
        suggestions = advice_services.suggestions_of(revision.document)
        total = advice_services.monthly_total(revision.document)
        return Response(
            {"revision": revision.number, "monthly_total": total, "suggestions": [x.as_dict() for x in suggestions]}
        )


@extend_schema(parameters=[UUID_PATH])
class FixPreviewView(DesignObjectMixin, APIView):
    link_holders = True

    @extend_schema(
        summary="Preview a finding's fix or a suggestion",
        description="What the fix would change in the design and in its monthly cost (both priced now from the "
        "loaded price data). Nothing is saved.",
        request=s.FindingPreviewRequestSerializer,
        responses={200: s.FixPreviewSerializer, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, pk: str) -> Response:
        revision, data = self.requested_revision(s.FindingPreviewRequestSerializer)
        try:
            return Response(
                advice_services.preview_fix(revision, finding=data.get("finding"), suggestion=data.get("suggestion"))
            )
        except advice_services.NoSuchFinding as exc:
            raise ValidationError({"finding": [str(exc)]}) from None


@extend_schema(parameters=[UUID_PATH])
class FixApplyView(DesignObjectMixin, APIView):
    @extend_schema(
        summary="Apply a finding's fix or a suggestion",
        description="Saves the fix as a new revision (editors). `base_revision` is the newest revision, where the "
        "finding or suggestion was reported: 409 if the design has a newer one.",
        request=s.FindingApplySerializer,
        responses={200: s.DesignSavedSerializer, 409: CONFLICT, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, pk: str) -> Response:
        design = self.get_design(needs=access.EDITOR)
        body = s.FindingApplySerializer(data=request.data if request.data is not None else {})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            _, warnings = advice_services.apply_named_fix(
                design=design,
                author=request.user,
                base_revision=data["base_revision"],
                finding=data.get("finding"),
                suggestion=data.get("suggestion"),
            )
        except design_services.StaleBase as exc:
            raise Conflict(exc) from None
        except advice_services.NoSuchFinding as exc:
            raise ValidationError({"finding": [str(exc)]}) from None
        except DocumentInvalid as exc:
            raise ValidationError({"finding": [f"The fix would make the design invalid: {exc}"]}) from None
        if design.head is None:
            raise Http404
        return Response(_saved(design, warnings, request))
