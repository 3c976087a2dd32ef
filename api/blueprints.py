"""Blueprints over the API: the list with each one's parameters, and the design one builds, previewed unsaved."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.blueprints import BLUEPRINTS, InvalidParams, UnknownBlueprint, get_blueprint
from designer.services import blueprints as blueprint_services

from .views import errors


class BlueprintParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Send it as a key of `params`.")
    label = serializers.CharField()
    type = serializers.ChoiceField(choices=["integer", "choice", "boolean", "cidr", "string"])
    default = serializers.JSONField(help_text="The value used when `params` leaves it out.")
    help = serializers.CharField(allow_blank=True)
    options = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="For a choice: the values it takes."
    )
    minimum = serializers.IntegerField(
        required=False, help_text="For an integer, its smallest value; for a CIDR, its shortest prefix length."
    )
    maximum = serializers.IntegerField(
        required=False, help_text="For an integer, its largest value; for a CIDR, its longest prefix length."
    )
    pattern = serializers.CharField(required=False, help_text="For a string: a regular expression it must match.")


class BlueprintSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Names the blueprint in POST /api/blueprints/{name}/.")
    title = serializers.CharField()
    description = serializers.CharField()
    parameters = BlueprintParamSerializer(many=True, source="params")


class BlueprintRequestSerializer(serializers.Serializer):
    params = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        default=dict,
        help_text="Parameter name -> value; those left out take their defaults.",
    )


class FindingsCountSerializer(serializers.Serializer):
    error = serializers.IntegerField()
    warning = serializers.IntegerField()
    info = serializers.IntegerField()


class BlueprintPreviewSerializer(serializers.Serializer):
    document = serializers.JSONField(help_text="The design document the blueprint builds (format version 1).")
    findings_count = FindingsCountSerializer(help_text="The architect's review of it: findings by severity.")


NAME_PATH = OpenApiParameter(
    "name", OpenApiTypes.STR, OpenApiParameter.PATH, description="The blueprint's name, from GET /api/blueprints/."
)


class BlueprintListView(APIView):
    @extend_schema(
        summary="The blueprints to start a design from",
        description="Each blueprint's name, title, description and parameters: type (integer, choice, boolean, "
        "cidr, string), default, and the options or bounds it takes.",
        responses={200: BlueprintSerializer(many=True), **errors()},
    )
    def get(self, request: Request) -> Response:
        return Response(BlueprintSerializer([b.as_dict() for b in BLUEPRINTS.values()], many=True).data)


@extend_schema(parameters=[NAME_PATH])
class BlueprintDocumentView(APIView):
    @extend_schema(
        summary="Preview the design a blueprint builds",
        description="The design document the blueprint builds from `params` (those left out take their "
        "defaults), with the number of the review's findings by severity. Nothing is saved. A bad parameter is a "
        "400 naming it (`params.<name>`); an unknown blueprint a 404.",
        request=BlueprintRequestSerializer,
        responses={200: BlueprintPreviewSerializer, **errors(400, 404, 413, 415)},
    )
    def post(self, request: Request, name: str) -> Response:
        try:
            get_blueprint(name)
        except UnknownBlueprint as exc:
            raise NotFound(exc.errors["blueprint"]) from None
        body = BlueprintRequestSerializer(data=request.data if request.data is not None else {})
        body.is_valid(raise_exception=True)
        try:
            preview = blueprint_services.preview_blueprint(name, body.validated_data["params"])
        except InvalidParams as exc:
            raise ValidationError({"params": {key: [message] for key, message in exc.errors.items()}}) from None
        return Response(preview)
