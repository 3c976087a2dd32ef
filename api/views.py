"""API endpoints: each fetches what it needs through a selector, calls a service, and returns."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import authenticate
from django.http import FileResponse, Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import APIException, AuthenticationFailed, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from designer import access, selectors
from designer.blueprints import InvalidParams
from designer.catalog import CATEGORIES
from designer.catalog.fields import REGIONS
from designer.cloudformation.importer import ImportFailed
from designer.diagram.render import FORMATS
from designer.document import published_schema
from designer.models import CostEstimate, Design, DiagramRender, Revision
from designer.pricing.estimate import csv_of
from designer.services import advice as advice_services
from designer.services import blueprints as blueprint_services
from designer.services import cloudformation as cfn_services
from designer.services import comments as comment_services
from designer.services import designs as design_services
from designer.services import diagrams as diagram_services
from designer.services import estimates as estimate_services
from designer.services import examples as example_services
from designer.services import presence as presence_services
from designer.services import prices as price_services
from designer.services import revisions as revision_services

from . import serializers as s
from .access import DesignObjectMixin, caller_of, queried_revision, your_team
from .parsers import TEMPLATE_PARSERS
from .renderers import DIAGRAM_RENDERERS, YamlFileRenderer

ERRORS = {
    400: OpenApiResponse(s.ErrorSerializer, description="The request or the design is invalid."),
    401: OpenApiResponse(s.ErrorSerializer, description="Not logged in and no valid token."),
    403: OpenApiResponse(s.ErrorSerializer, description="CSRF check failed or not allowed."),
    404: OpenApiResponse(s.ErrorSerializer, description="No such design, or not yours."),
    405: OpenApiResponse(s.ErrorSerializer, description="Method not allowed."),
    406: OpenApiResponse(s.ErrorSerializer, description="Not acceptable."),
    413: OpenApiResponse(s.ErrorSerializer, description="Request body too large."),
    415: OpenApiResponse(s.ErrorSerializer, description="Send application/json."),
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: ERRORS[code] for code in (401, 403, 405, 406, *codes)}


UUID_PATH = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The design's id.")


def _saved(design: Design, warnings: list[Any], request: Request) -> dict[str, Any]:
    """The answer to a create or a save: a new design is the caller's to own; a saved one keeps the caller's role."""
    design.role = getattr(design, "role", access.OWNER)  # type: ignore[attr-defined]
    design.warnings = [w.as_dict() for w in warnings]  # type: ignore[attr-defined]
    return s.DesignSavedSerializer(design, context={"request": request}).data


class DesignListView(generics.GenericAPIView):
    serializer_class = s.DesignSummarySerializer

    def get_queryset(self) -> Any:
        scope = self.request.query_params.get("scope", selectors.MINE)
        if scope not in (selectors.MINE, selectors.SHARED):
            raise ValidationError({"scope": [f"'{scope[:20]}' is not a list: mine or shared."]})
        return selectors.designs_for(caller_of(self.request), scope)

    @extend_schema(
        summary="List your designs, or those shared with you",
        description="`scope=mine` (the default): your own designs and your teams'. `scope=shared`: the designs "
        "others shared with you or with a team of yours. Each says your `role` on it.",
        parameters=[OpenApiParameter("scope", str, enum=[selectors.MINE, selectors.SHARED])],
        responses={200: s.DesignSummarySerializer(many=True), **errors(400, 404)},
    )
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        for design in page or []:
            design.role = access.role_of(design)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Create a design",
        description="From a document, from an example (`example`: a slug from GET /api/examples/), from a "
        "blueprint (`blueprint`: a name from GET /api/blueprints/, with its `params`), or empty with a name and "
        "region. Creates revision 1. `team` makes it a design of that team of yours.",
        request=s.DesignCreateSerializer,
        responses={201: s.DesignSavedSerializer, **errors(400, 413, 415)},
    )
    def post(self, request: Request) -> Response:
        body = s.DesignCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        document, message = data.get("document"), data.get("message", "")
        team = None
        if data.get("team") is not None:
            team = your_team(request.user, data["team"])
        if "blueprint" in data:
            try:
                design, warnings = blueprint_services.create_from_blueprint(
                    request.user,
                    data["blueprint"],
                    data.get("params"),
                    team=team,
                    name_override=data.get("name"),
                    region=data.get("region"),
                    message=message,
                )
            except InvalidParams as exc:
                raise ValidationError({"params": {key: [text] for key, text in exc.errors.items()}}) from None
            return Response(_saved(design, warnings, request), status=status.HTTP_201_CREATED)
        if "example" in data:
            example = _example(data["example"])
            document, message = example.document.to_dict(), message or f"Created from the example “{example.name}”"
        design, warnings = design_services.create_design(
            owner=request.user,
            document=document,
            name=data.get("name"),
            region=data.get("region"),
            message=message,
            team=team,
        )
        return Response(_saved(design, warnings, request), status=status.HTTP_201_CREATED)


def _example(slug: str) -> example_services.Example:
    try:
        return example_services.get_example(slug)
    except example_services.UnknownExample as exc:
        raise ValidationError({"example": [str(exc)]}) from None


class ExampleListView(APIView):
    @extend_schema(
        summary="The example designs to start from",
        description="Each example's slug (send it as `example` to POST /api/designs/), name, description, region "
        "and number of components.",
        responses={200: s.ExampleSerializer(many=True), **errors()},
    )
    def get(self, request: Request) -> Response:
        return Response(s.ExampleSerializer(example_services.list_examples(), many=True).data)


@extend_schema(parameters=[UUID_PATH])
class DesignDuplicateView(DesignObjectMixin, APIView):
    @extend_schema(
        summary="Duplicate a design",
        description="A new design whose revision 1 is this design's newest document, called `name` (by default "
        "'Copy of <its name>'). The original is unchanged.",
        request=s.DesignDuplicateSerializer,
        responses={201: s.DesignSavedSerializer, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, pk: str) -> Response:
        design = self.get_design()
        body = s.DesignDuplicateSerializer(data=request.data if request.data is not None else {})
        body.is_valid(raise_exception=True)
        copy, warnings = design_services.duplicate_design(
            design=design, owner=request.user, name=body.validated_data.get("name")
        )
        return Response(_saved(copy, warnings, request), status=status.HTTP_201_CREATED)


class Conflict(APIException):
    """A save that started from an older revision than the newest: the answer names the newer one and what it
    changed, so the client can load it or save over it deliberately."""

    status_code = 409
    default_code = "conflict"

    def __init__(self, stale: design_services.StaleBase) -> None:
        super().__init__(str(stale))
        head = stale.head
        self.extra = {
            "head": {
                "number": head.number,
                "author": head.author.get_username() if head.author else None,
                "created_at": head.created_at.isoformat(),
                "message": head.message,
            },
            "changes": stale.difference,
        }


CONFLICT = OpenApiResponse(s.ConflictSerializer, description="The design has a newer revision than the base.")


@extend_schema(parameters=[UUID_PATH])
class DesignDetailView(DesignObjectMixin, APIView):
    link_holders = True

    @extend_schema(summary="Read a design and its newest document", responses={200: s.DesignSerializer, **errors(404)})
    def get(self, request: Request, pk: str) -> Response:
        return Response(s.DesignSerializer(self.get_design(), context={"request": request}).data)

    @extend_schema(
        summary="Save a new revision",
        description="Replaces the document; the old revision stays readable. 'name' overrides the document's. "
        "'base_revision' names the revision the change started from: 409 if the design has a newer one.",
        request=s.DesignUpdateSerializer,
        responses={200: s.DesignSavedSerializer, 409: CONFLICT, **errors(400, 404, 413, 415)},
    )
    def put(self, request: Request, pk: str) -> Response:
        return self._save(request, partial=False)

    @extend_schema(
        summary="Rename and/or save a new revision",
        description="Send a 'name' to rename (a new revision identical but for the name), a 'document', or both, "
        "with the 'base_revision' it started from (409 if the design has a newer one).",
        request=s.DesignUpdateSerializer,
        responses={200: s.DesignSavedSerializer, 409: CONFLICT, **errors(400, 404, 413, 415)},
    )
    def patch(self, request: Request, pk: str) -> Response:
        return self._save(request, partial=True)

    def _save(self, request: Request, *, partial: bool) -> Response:
        design = self.get_design(needs=access.EDITOR)
        body = s.DesignUpdateSerializer(data=request.data, partial=partial)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if "base_revision" not in data:  # a partial update still names its base
            raise ValidationError({"base_revision": ["This field is required."]})
        base = {"base_revision": data["base_revision"], "check_base": True}
        try:
            if "document" not in data:
                _, warnings = design_services.rename_design(
                    design=design, author=request.user, name=data["name"], message=data.get("message", ""), **base
                )
            else:
                _, warnings = design_services.save_design(
                    design=design,
                    author=request.user,
                    document=data["document"],
                    name=data.get("name"),
                    message=data.get("message", ""),
                    **base,
                )
        except design_services.StaleBase as exc:
            raise Conflict(exc) from None
        return Response(_saved(design, warnings, request))

    @extend_schema(summary="Delete a design and all its revisions", responses={204: None, **errors(404)})
    def delete(self, request: Request, pk: str) -> Response:
        design_services.delete_design(design=self.get_design(needs=access.OWNER))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[UUID_PATH])
class CommentListView(DesignObjectMixin, APIView):
    @extend_schema(
        summary="A design's comments, oldest first", responses={200: s.CommentSerializer(many=True), **errors(404)}
    )
    def get(self, request: Request, pk: str) -> Response:
        comments = self.get_design().comments.select_related("author")
        return Response(s.CommentSerializer(comments, many=True).data)

    @extend_schema(
        summary="Comment on a design",
        description="`node` pins the comment to a node of the newest revision (its id); leave it out for none.",
        request=s.CommentSerializer,
        responses={201: s.CommentSerializer, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, pk: str) -> Response:
        design = self.get_design()
        body = s.CommentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            comment = comment_services.add_comment(
                design=design,
                author=request.user,
                body=body.validated_data["body"],
                node=body.validated_data.get("node", ""),
            )
        except comment_services.CommentInvalid as exc:
            raise ValidationError({field: [message] for field, message in exc.problems.items()}) from None
        return Response(s.CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[UUID_PATH, OpenApiParameter("comment", OpenApiTypes.UUID, OpenApiParameter.PATH)])
class CommentDetailView(DesignObjectMixin, APIView):
    @extend_schema(summary="Delete your comment", responses={204: None, **errors(403, 404)})
    def delete(self, request: Request, pk: str, comment: str) -> Response:
        found = self.get_design().comments.filter(pk=comment).first()
        if found is None:
            raise Http404
        try:
            comment_services.delete_comment(comment=found, user=request.user)
        except PermissionError as exc:
            raise PermissionDenied(str(exc)) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(parameters=[UUID_PATH])
class PresenceView(DesignObjectMixin, APIView):
    @extend_schema(
        summary="Say you have the design open, and hear who else does",
        description="The editor calls this every few seconds. The answer lists the others who did within the last "
        "30 s; `available` is false when the presence store cannot be reached (then nobody is listed).",
        request=None,
        responses={200: s.PresenceSerializer, **errors(404)},
    )
    def post(self, request: Request, pk: str) -> Response:
        others = presence_services.heartbeat(self.get_design(), request.user.get_username())
        return Response({"available": others is not None, "others": others or []})


@extend_schema(parameters=[UUID_PATH])
class RevisionListView(DesignObjectMixin, generics.GenericAPIView):
    link_holders = True

    serializer_class = s.RevisionSummarySerializer

    @extend_schema(
        summary="List a design's revisions, newest first",
        responses={200: s.RevisionSummarySerializer(many=True), **errors(404)},
    )
    def get(self, request: Request, pk: str) -> Response:
        page = self.paginate_queryset(selectors.revisions_of(self.get_design()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(parameters=[UUID_PATH, OpenApiParameter("number", int, OpenApiParameter.PATH)])
class RevisionDetailView(DesignObjectMixin, APIView):
    link_holders = True

    @extend_schema(summary="Read one revision with its document", responses={200: s.RevisionSerializer, **errors(404)})
    def get(self, request: Request, pk: str, number: int) -> Response:
        try:
            revision = selectors.revision_of(self.get_design(), number)
        except Revision.DoesNotExist:
            raise Http404 from None
        return Response(s.RevisionSerializer(revision).data)


class ValidateView(APIView):
    link_holders = True

    @extend_schema(
        summary="Validate a document without saving it",
        description="Returns exactly the problems a save would report (errors block a save; warnings do not), and "
        "the architect's review of a document that loads: best-practice findings, which never block a save.",
        request=s.ValidateRequestSerializer,
        responses={200: s.ValidateResultSerializer, **errors(400, 413, 415)},
    )
    def post(self, request: Request) -> Response:
        body = s.ValidateRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = design_services.validate_design(body.validated_data["document"])
        findings = advice_services.findings_on(result.document)
        return Response(
            {
                "valid": result.ok,
                "problems": [p.as_dict() for p in result.problems],
                "findings": [f.as_dict() for f in findings],
            }
        )


class LayoutView(APIView):
    @extend_schema(
        summary="Lay a document out automatically",
        description="Returns the document with every node placed as an imported template is: traffic flowing left "
        "to right, each container sized around what it holds. Nothing is saved. The document need not be valid, "
        "only shaped like one (nodes with ids and kinds, parents without loops, edges with ends).",
        request=s.LayoutSerializer,
        responses={200: s.LayoutSerializer, **errors(400, 413, 415)},
    )
    def post(self, request: Request) -> Response:
        body = s.LayoutSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            document = design_services.arranged(body.validated_data["document"])
        except design_services.CannotArrange as exc:
            raise ValidationError({field: [message] for field, message in exc.problems.items()}) from None
        return Response({"document": document})


class PaletteView(APIView):
    link_holders = True

    @extend_schema(
        summary="The palette: categories, component kinds and your presets",
        responses={200: s.PaletteSerializer, **errors()},
    )
    def get(self, request: Request) -> Response:
        data = {
            "categories": [{"id": key, "label": label} for key, label in CATEGORIES.items()],
            "kinds": selectors.palette_kinds(),
            "presets": selectors.presets_for(caller_of(request).user),
        }
        return Response(s.PaletteSerializer(data, context={"request": request}).data)


class DesignSchemaView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        summary="The JSON Schema of a design document",
        responses={200: OpenApiTypes.OBJECT, 405: ERRORS[405], 406: ERRORS[406]},
    )
    def get(self, request: Request) -> Response:
        return Response(published_schema())


class MeView(APIView):
    @extend_schema(summary="Who you are logged in as", responses={200: s.UserSerializer, **errors()})
    def get(self, request: Request) -> Response:
        user = request.user
        return Response({"id": user.pk, "username": user.get_username(), "email": getattr(user, "email", "")})


class TokenView(APIView):
    """Exchange a username and password for an API token, for scripts (rate limited)."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    def get_authenticate_header(self, request: Request) -> str:
        return "Token"

    @extend_schema(
        summary="Get an API token",
        request=s.TokenRequestSerializer,
        responses={
            200: s.TokenSerializer,
            400: ERRORS[400],
            401: ERRORS[401],
            405: ERRORS[405],
            406: ERRORS[406],
            413: ERRORS[413],
            415: ERRORS[415],
            429: OpenApiResponse(s.ErrorSerializer, description="Too many attempts."),
        },
    )
    def post(self, request: Request) -> Response:
        body = s.TokenRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = authenticate(request._request, **body.validated_data)
        if user is None or not user.is_active:
            raise AuthenticationFailed("Wrong username or password.")
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class NotReady(APIException):
    status_code = 409
    default_code = "not_ready"
    default_detail = "The estimate has not finished."


def _estimate_for(caller: access.Caller, estimate_id: Any) -> CostEstimate:
    try:
        return selectors.estimate_for(caller, estimate_id)
    except CostEstimate.DoesNotExist:
        raise Http404 from None


@extend_schema(parameters=[UUID_PATH])
class EstimateRequestView(DesignObjectMixin, APIView):
    link_holders = True

    @extend_schema(
        summary="Ask for a cost estimate",
        description="Queues the estimate of a revision (the newest by default) for a worker and answers 202 with "
        "its status URL. An estimate already made for the same revision, settings and price data is reused.",
        request=s.EstimateRequestSerializer,
        responses={202: s.EstimateSerializer, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, pk: str) -> Response:
        revision, data = self.requested_revision(s.EstimateRequestSerializer)
        settings = estimate_services.pricing_settings(
            revision.document,
            pricing_model=data.get("pricing_model"),
            spot_discount_percent=data.get("spot_discount_percent"),
        )
        run, _ = estimate_services.request_estimate(revision, settings)
        return Response(s.EstimateSerializer(run, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)


class EstimateDetailView(APIView):
    link_holders = True

    @extend_schema(
        summary="An estimate: its status, then the result", responses={200: s.EstimateSerializer, **errors(404)}
    )
    def get(self, request: Request, pk: str) -> Response:
        run = _estimate_for(caller_of(request), pk)
        return Response(s.EstimateSerializer(run, context={"request": request}).data)


class EstimateCsvView(APIView):
    link_holders = True

    @extend_schema(
        summary="Download an estimate as CSV",
        responses={
            (200, "text/csv"): OpenApiTypes.STR,
            409: OpenApiResponse(s.ErrorSerializer, description="Not finished yet."),
            **errors(404),
        },
    )
    def get(self, request: Request, pk: str) -> HttpResponse:
        run = _estimate_for(caller_of(request), pk)
        if run.status != CostEstimate.DONE or run.result is None:
            raise NotReady(f"The estimate is {run.status}; download it once it is done.")
        response = HttpResponse(csv_of(run.result), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_download_name(run)}.csv"'
        return response


class EstimateJsonView(APIView):
    link_holders = True

    @extend_schema(
        summary="Download an estimate's result as a JSON file",
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            409: OpenApiResponse(s.ErrorSerializer, description="Not finished yet."),
            **errors(404),
        },
    )
    def get(self, request: Request, pk: str) -> HttpResponse:
        run = _estimate_for(caller_of(request), pk)
        if run.status != CostEstimate.DONE or run.result is None:
            raise NotReady(f"The estimate is {run.status}; download it once it is done.")
        response = HttpResponse(json.dumps(run.result, indent=2), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{_download_name(run)}.json"'
        return response


def _download_name(run: CostEstimate) -> str:
    return f"estimate-{run.revision.design.name}-r{run.revision.number}".replace(" ", "-")


class PriceStatusView(APIView):
    @extend_schema(
        summary="The price data in use: services, regions, dates and the last failure",
        responses={200: s.PriceStatusSerializer(many=True), **errors()},
    )
    def get(self, request: Request) -> Response:
        return Response(s.PriceStatusSerializer([vars(r) for r in price_services.price_status()], many=True).data)


class InstanceTypesView(APIView):
    link_holders = True

    @extend_schema(
        summary="EC2 instance types with vCPU, memory and hourly price where the price data has them",
        parameters=[
            OpenApiParameter("region", str, description="A region code; the default is us-east-1.", enum=list(REGIONS))
        ],
        responses={200: s.InstanceTypeSerializer(many=True), **errors(400)},
    )
    def get(self, request: Request) -> Response:
        region = request.query_params.get("region", "us-east-1")
        if region not in REGIONS:
            raise ValidationError({"region": [f"'{region[:40]}' is not an AWS region code."]})
        return Response(s.InstanceTypeSerializer(price_services.instance_types(region), many=True).data)


# -- CloudFormation -----------------------------------------------------------------------------------------

FORMAT_PATH = OpenApiParameter(
    "fmt", str, OpenApiParameter.PATH, enum=["yaml", "json"], description="yaml or json: the file's format."
)


def _template_response(revision: Revision, fmt: str) -> HttpResponse:
    file = cfn_services.template_file(revision, fmt)
    response = HttpResponse(file.text, content_type=f"{file.content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response


TEMPLATE_RESPONSES = {
    (200, "application/yaml"): OpenApiTypes.STR,
    (200, "application/json"): OpenApiTypes.OBJECT,
    **errors(400, 404),
}


class DownloadMixin:
    """A download answers in its file's own type (Accept: application/yaml is fine), but its errors keep the
    API's JSON error format whatever the client asked for."""

    renderer_classes = [JSONRenderer, YamlFileRenderer]

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]


@extend_schema(parameters=[UUID_PATH, FORMAT_PATH])
class TemplateView(DownloadMixin, DesignObjectMixin, APIView):
    link_holders = True

    @extend_schema(
        summary="Download the design's CloudFormation template",
        description="The newest revision's template, as an attachment (`.yaml` or `.json`). The same design always "
        "gives the same bytes. Notes on what the template cannot do by itself (a Direct Connect order, a "
        "connection left for you to wire) are in its Metadata.AwsArchitectureDesigner.Notes.",
        responses=TEMPLATE_RESPONSES,
    )
    def get(self, request: Request, pk: str, fmt: str) -> HttpResponse:
        design = self.get_design()
        assert design.head is not None
        return _template_response(design.head, fmt)


@extend_schema(parameters=[UUID_PATH, OpenApiParameter("number", int, OpenApiParameter.PATH), FORMAT_PATH])
class RevisionTemplateView(DownloadMixin, DesignObjectMixin, APIView):
    link_holders = True

    @extend_schema(summary="Download one revision's CloudFormation template", responses=TEMPLATE_RESPONSES)
    def get(self, request: Request, pk: str, number: str, fmt: str) -> HttpResponse:
        try:
            revision = selectors.revision_of(self.get_design(), int(number))
        except Revision.DoesNotExist:
            raise Http404 from None
        return _template_response(revision, fmt)


class TemplateImportView(APIView):
    parser_classes = TEMPLATE_PARSERS

    @extend_schema(
        summary="Create a design from a CloudFormation template",
        description="Send JSON `{template, name?, region?}`, or the template itself as the body with Content-Type "
        "application/yaml (name and region then as query parameters). Every resource of the template is kept: "
        "as a component, inside the component it belongs to, or as a generic CloudFormation resource; the "
        "report lists what was not understood. Exporting the new design writes the same resources back.",
        request={"application/json": s.TemplateImportSerializer, "application/yaml": OpenApiTypes.STR},
        parameters=[
            OpenApiParameter("name", str, description="With a YAML body: the design's name."),
            OpenApiParameter("region", str, enum=list(REGIONS), description="With a YAML body: the design's region."),
        ],
        responses={201: s.DesignImportedSerializer, **errors(400, 413, 415)},
    )
    def post(self, request: Request) -> Response:
        data = dict(request.data) if isinstance(request.data, dict) else request.data
        if isinstance(data, dict) and set(data) == {"template"}:
            for key in ("name", "region"):
                if key in request.query_params:
                    data[key] = request.query_params[key]
        body = s.TemplateImportSerializer(data=data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        try:
            design, warnings, report = cfn_services.import_design(
                owner=request.user, template=values["template"], name=values.get("name"), region=values.get("region")
            )
        except ImportFailed as exc:
            raise ValidationError({"template": [str(exc)]}) from None
        design.warnings = [w.as_dict() for w in warnings]  # type: ignore[attr-defined]
        design.report = report.as_dict()  # type: ignore[attr-defined]
        design.role = access.OWNER  # type: ignore[attr-defined]
        data_out = s.DesignImportedSerializer(design, context={"request": request}).data
        return Response(data_out, status=status.HTTP_201_CREATED)


class ComparedRevisionsMixin(DesignObjectMixin):
    def compared_revisions(self, request: Request) -> tuple[Revision, Revision]:
        """The revisions `from` and `to` of the query (by default the one before the newest, and the newest)."""
        design = self.get_design()
        assert design.head is not None
        old = queried_revision(design, request, "from", default=design.head.number - 1)
        return old, queried_revision(design, request, "to")


COMPARED = [
    UUID_PATH,
    OpenApiParameter("from", int, description="The earlier revision (default: the one before the newest)."),
    OpenApiParameter("to", int, description="The later revision (default: the newest)."),
]


@extend_schema(parameters=[UUID_PATH])
class RevisionCompareView(ComparedRevisionsMixin, APIView):
    link_holders = True

    @extend_schema(
        summary="Compare two revisions",
        description="What changed from revision `from` to `to`: nodes and edges added, removed and changed (each "
        "changed field's old and new value) and the design's own fields; the monthly cost of each (priced now "
        "from the loaded price data, each with its own settings) and the difference; and what the change does "
        "to the CloudFormation stack (see .../cloudformation/diff/ for the full template diff).",
        parameters=COMPARED[1:],
        responses={200: OpenApiTypes.OBJECT, **errors(400, 404)},
    )
    def get(self, request: Request, pk: str) -> Response:
        old, new = self.compared_revisions(request)
        return Response(revision_services.compare_revisions(old, new))


@extend_schema(parameters=[UUID_PATH])
class TemplateDiffView(ComparedRevisionsMixin, APIView):
    link_holders = True

    @extend_schema(
        summary="What a change between two revisions does to the stack",
        description="Compares the templates of revisions `from` and `to` (default: the one before the newest, and "
        "the newest): resources added, removed and modified, with the changed property paths and whether the "
        "change replaces the resource (a create-only property changed, from AWS's resource schemas); parameters, "
        "mappings, conditions and outputs added, removed or changed; and a unified diff of the YAML.",
        parameters=[
            OpenApiParameter("from", int, description="The revision the stack was deployed from."),
            OpenApiParameter("to", int, description="The revision to deploy."),
        ],
        responses={200: s.TemplateDiffSerializer, **errors(400, 404)},
    )
    def get(self, request: Request, pk: str) -> Response:
        old, new = self.compared_revisions(request)
        return Response(cfn_services.revision_diff(old, new))


# -- diagrams -----------------------------------------------------------------------------------------------


class Gone(APIException):
    status_code = 410
    default_code = "gone"
    default_detail = "The file is no longer stored."


def _diagram_for(caller: access.Caller, diagram_id: Any) -> DiagramRender:
    """The render if it belongs to a design the caller may see (404 otherwise), reported failed first if its
    worker was lost (see designer.services.diagrams.report_stale)."""
    try:
        run = selectors.diagram_for(caller, diagram_id)
    except DiagramRender.DoesNotExist:
        raise Http404 from None
    return diagram_services.report_stale(run)


@extend_schema(parameters=[UUID_PATH])
class DiagramRequestView(DesignObjectMixin, APIView):
    link_holders = True

    @extend_schema(
        summary="Ask for a diagram",
        description="Queues a diagram of a revision (the newest by default) for a worker and answers 202 with its "
        "status URL (also in the Location header). A diagram already made, or being made, of the same revision "
        "with the same options is reused; a failed one is tried again. With `costs`, each node's monthly cost "
        "and the total come from the revision's newest finished estimate.",
        request=s.DiagramRequestSerializer,
        responses={202: s.DiagramSerializer, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, pk: str) -> Response:
        revision, data = self.requested_revision(s.DiagramRequestSerializer)
        options = diagram_services.DiagramOptions(
            format=data["format"], layout=data["layout"], dpi=data["dpi"], costs=data["costs"]
        )
        try:
            run, _ = diagram_services.request_render(revision, options)
        except diagram_services.NoEstimate as exc:
            raise ValidationError({"costs": [str(exc)]}) from None
        except diagram_services.InvalidOptions as exc:
            raise ValidationError({field: [message] for field, message in exc.problems.items()}) from None
        out = s.DiagramSerializer(run, context={"request": request}).data
        return Response(out, status=status.HTTP_202_ACCEPTED, headers={"Location": str(out["url"])})


class DiagramDetailView(APIView):
    link_holders = True

    @extend_schema(
        summary="A diagram: its status, then its file's URL",
        description="`status` is queued, running, done (`file_url` is set) or failed (`error` says why). A render "
        "still running long after the time limit lost its worker and is reported failed.",
        responses={200: s.DiagramSerializer, **errors(404)},
    )
    def get(self, request: Request, pk: str) -> Response:
        run = _diagram_for(caller_of(request), pk)
        return Response(s.DiagramSerializer(run, context={"request": request}).data)


class DiagramDownloadMixin(DownloadMixin):
    renderer_classes = [JSONRenderer, *DIAGRAM_RENDERERS]


class DiagramFileView(DiagramDownloadMixin, APIView):
    link_holders = True

    @extend_schema(
        summary="Download a diagram's file",
        description="The file as an attachment, in its format's content type. 409 until the diagram is done (or "
        "when it failed: ask for it again); 410 if the stored file was removed (ask for it again).",
        responses={
            **{(200, media_type): OpenApiTypes.BINARY for _, media_type in FORMATS.values()},
            409: OpenApiResponse(s.ErrorSerializer, description="Not done yet, or failed."),
            410: OpenApiResponse(s.ErrorSerializer, description="The file is no longer stored."),
            **errors(404),
        },
    )
    def get(self, request: Request, pk: str) -> FileResponse:
        run = _diagram_for(caller_of(request), pk)
        if run.status == DiagramRender.FAILED:
            raise NotReady(f"The diagram failed: {run.error} Ask for it again to retry.")
        if run.status != DiagramRender.DONE:
            raise NotReady(f"The diagram is {run.status}; download it once it is done.")
        try:
            handle = diagram_services.open_file(run)
        except diagram_services.FileGone as exc:
            raise Gone(str(exc)) from None
        return FileResponse(
            handle,
            as_attachment=True,
            filename=diagram_services.download_name(run),
            content_type=diagram_services.content_type(run),
        )
