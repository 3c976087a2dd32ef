"""Request and response shapes. They only check and carry data; the services decide."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from designer.blueprints import BLUEPRINTS
from designer.catalog.fields import PRICING_MODELS, REGIONS
from designer.diagram.render import FORMATS, LAYOUTS
from designer.models import (
    Comment,
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
from designer.services.diagrams import DPI_RANGE
from designer.services.examples import example_slugs

DOCUMENT_HELP = (
    "A design document (see GET /api/schema/design/ for its JSON Schema). Checked by the same gate as every "
    "other way in; problems come back as a 400 `invalid_design` error listing each one."
)


@extend_schema_field({"type": "object", "additionalProperties": True, "description": DOCUMENT_HELP})
class DocumentField(serializers.JSONField):
    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, dict):
            raise serializers.ValidationError("A design document must be a JSON object.", code="invalid")
        return super().to_internal_value(data)


class ProblemSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    path = serializers.CharField()
    node = serializers.CharField(allow_null=True)
    edge = serializers.CharField(allow_null=True)
    field = serializers.CharField(allow_null=True)
    severity = serializers.ChoiceField(choices=["error", "warning"])


class ErrorSerializer(serializers.Serializer):
    type = serializers.CharField()
    detail = serializers.CharField()
    errors = ProblemSerializer(many=True)


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.CharField(allow_blank=True)


class RevisionSummarySerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", allow_null=True, default=None)

    class Meta:
        model = Revision
        fields = ["number", "author", "message", "created_at", "sha256", "format_version"]


class RevisionSerializer(RevisionSummarySerializer):
    document = serializers.JSONField()

    class Meta(RevisionSummarySerializer.Meta):
        fields = [*RevisionSummarySerializer.Meta.fields, "document"]


DESIGN_ROLES = ["owner", "editor", "viewer"]


class TeamRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class DesignSummarySerializer(serializers.ModelSerializer):
    owner = serializers.CharField(
        source="owner.username", allow_null=True, default=None, help_text="The owning user; null for a team's."
    )
    team = TeamRefSerializer(allow_null=True, help_text="The team the design belongs to, if any.")
    role = serializers.ChoiceField(
        choices=DESIGN_ROLES,
        help_text="Your role: owner (manages sharing, deletes), editor (saves) or viewer (reads, downloads).",
    )
    revision = RevisionSummarySerializer(source="head", allow_null=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:design-detail", lookup_field="pk")

    class Meta:
        model = Design
        fields = [
            "id",
            "url",
            "name",
            "region",
            "owner",
            "team",
            "role",
            "node_count",
            "edge_count",
            "revision",
            "created_at",
            "updated_at",
        ]


class DesignSerializer(DesignSummarySerializer):
    document = serializers.JSONField(source="head.document")

    class Meta(DesignSummarySerializer.Meta):
        fields = [*DesignSummarySerializer.Meta.fields, "document"]


class DesignSavedSerializer(DesignSerializer):
    warnings = ProblemSerializer(many=True, read_only=True)

    class Meta(DesignSerializer.Meta):
        fields = [*DesignSerializer.Meta.fields, "warnings"]


class DesignCreateSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=200, help_text="Overrides the document's name.")
    region = serializers.ChoiceField(choices=REGIONS, required=False, help_text="Overrides the document's region.")
    document = DocumentField(required=False, help_text="Leave out for an empty design.")
    example = serializers.ChoiceField(
        choices=[],
        required=False,
        help_text="Start from this example design (its slug, from GET /api/examples/) instead of a document.",
    )
    message = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    team = serializers.UUIDField(
        required=False, allow_null=True, help_text="Make it a design of this team of yours (its id)."
    )
    blueprint = serializers.ChoiceField(
        choices=list(BLUEPRINTS),
        required=False,
        help_text="Start from this blueprint (its name, from GET /api/blueprints/), built with `params`.",
    )
    params = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="The blueprint's parameters (name -> value); those left out take their defaults.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read when used, not at import: the examples are the files in examples/.
        example = self.fields["example"]
        example.choices = example_slugs()
        known = ", ".join(example.choices)
        example.error_messages["invalid_choice"] = f'There is no example "{{input}}"; the examples are {known}.'
        known_blueprints = ", ".join(BLUEPRINTS)
        self.fields["blueprint"].error_messages["invalid_choice"] = (
            f'There is no blueprint "{{input}}"; the blueprints are {known_blueprints}.'
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "document" in attrs and "example" in attrs:
            raise serializers.ValidationError({"example": ["Send a document or an example, not both."]})
        if "blueprint" in attrs and ("document" in attrs or "example" in attrs):
            raise serializers.ValidationError({"blueprint": ["Send a document, an example or a blueprint, not two."]})
        if "params" in attrs and "blueprint" not in attrs:
            raise serializers.ValidationError({"params": ["Parameters go with a blueprint."]})
        return attrs


class ExampleSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="Send it as `example` to POST /api/designs/ to start from this example.")
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    region = serializers.CharField()
    node_count = serializers.IntegerField()


class DesignDuplicateSerializer(serializers.Serializer):
    name = serializers.CharField(
        required=False, max_length=200, help_text="The copy's name; by default \"Copy of <the design's name>\"."
    )


class DesignUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=200, help_text="Overrides the document's name.")
    document = DocumentField(required=False)
    message = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    base_revision = serializers.IntegerField(
        min_value=1,
        max_value=2_147_483_647,
        help_text="The number of the revision this save started from. If the design has a newer one (someone "
        "saved meanwhile), nothing is saved: 409 with that revision and what it changed. To save over it "
        "deliberately, send again with its number.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.partial:
            if "name" not in attrs and "document" not in attrs:
                raise serializers.ValidationError("Send a 'document', a 'name', or both.", code="required")
        elif "document" not in attrs:
            raise serializers.ValidationError({"document": ["This field is required."]}, code="required")
        return attrs


class ValidateRequestSerializer(serializers.Serializer):
    document = DocumentField()


class LayoutSerializer(serializers.Serializer):
    document = DocumentField(help_text="A design document, valid or not yet: only its shape must hold.")


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", allow_null=True, read_only=True, default=None)
    node = serializers.CharField(
        required=False, allow_blank=True, max_length=64, help_text="Pin it to this node (its id); empty for none."
    )
    body = serializers.CharField(max_length=4000, help_text="The comment's text.")

    class Meta:
        model = Comment
        fields = ["id", "author", "node", "body", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class PresentSerializer(serializers.Serializer):
    username = serializers.CharField()
    seen_seconds_ago = serializers.IntegerField()


class PresenceSerializer(serializers.Serializer):
    available = serializers.BooleanField()
    others = PresentSerializer(many=True, help_text="Who else has the design open, longest-present first.")


class RevisionHeadSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    author = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    message = serializers.CharField()


class ConflictSerializer(ErrorSerializer):
    head = RevisionHeadSerializer(help_text="The newest revision, saved after the one the save started from.")
    changes = serializers.JSONField(
        help_text="What that revision changed since the base: nodes and edges added, "
        "removed and changed (each field's old and new value), and document fields."
    )


class ChangeSerializer(serializers.Serializer):
    op = serializers.ChoiceField(choices=["set", "move", "add_node", "add_edge", "remove_item"])
    node = serializers.CharField(allow_null=True)
    field = serializers.CharField(allow_null=True)
    value = serializers.JSONField(allow_null=True)


class FixSerializer(serializers.Serializer):
    title = serializers.CharField()
    changes = ChangeSerializer(many=True)


class FindingSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Names the finding (its rule and nodes) to preview or apply its fix.")
    rule = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning", "info"])
    title = serializers.CharField()
    message = serializers.CharField()
    source_url = serializers.URLField(help_text="The AWS documentation the rule follows.")
    nodes = serializers.ListField(child=serializers.CharField())
    edges = serializers.ListField(child=serializers.CharField())
    fix = FixSerializer(allow_null=True)


class ValidateResultSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    problems = ProblemSerializer(many=True)
    findings = FindingSerializer(many=True, help_text="The architect's review: best-practice findings.")


class FindingsSerializer(serializers.Serializer):
    revision = serializers.IntegerField()
    findings = FindingSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Names the suggestion to preview or apply it.")
    kind = serializers.CharField(help_text="graviton, gp3, spot, gateway-endpoint, commitment-1y or commitment-3y.")
    title = serializers.CharField()
    message = serializers.CharField(help_text="What to change and the monthly saving, in a sentence.")
    nodes = serializers.ListField(child=serializers.CharField())
    source_url = serializers.URLField()
    is_estimate = serializers.BooleanField(help_text="The saving rests on an assumption (the Spot discount).")
    monthly_saving = serializers.CharField(help_text="USD a month.")
    yearly_saving = serializers.CharField()
    monthly_before = serializers.CharField()
    monthly_after = serializers.CharField()
    fix = FixSerializer()


class SuggestionsSerializer(serializers.Serializer):
    revision = serializers.IntegerField()
    monthly_total = serializers.CharField(help_text="The design's estimate, USD a month.")
    suggestions = SuggestionSerializer(many=True)


class NamedFixSerializer(serializers.Serializer):
    finding = serializers.CharField(required=False, max_length=1000, help_text="A finding's id…")
    suggestion = serializers.CharField(required=False, max_length=1000, help_text="…or a suggestion's id.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("finding" in attrs) == ("suggestion" in attrs):
            raise serializers.ValidationError({"finding": ["Name a finding or a suggestion (one of them)."]})
        return attrs


class FindingPreviewRequestSerializer(NamedFixSerializer):
    revision = serializers.IntegerField(required=False, min_value=1, help_text="Default: the newest.")


class FindingApplySerializer(NamedFixSerializer):
    base_revision = serializers.IntegerField(min_value=1, help_text="The newest revision, where the finding is.")


class CostChangeSerializer(serializers.Serializer):
    from_monthly = serializers.CharField(help_text="USD a month, as a decimal string.")
    to_monthly = serializers.CharField()
    difference_monthly = serializers.CharField()
    currency = serializers.CharField()


class FixPreviewSerializer(serializers.Serializer):
    finding = FindingSerializer(required=False, help_text="When a finding was named.")
    suggestion = SuggestionSerializer(required=False, help_text="When a suggestion was named.")
    revision = serializers.IntegerField()
    changes = serializers.JSONField(help_text="What the fix changes: nodes and edges added, removed and changed.")
    cost = CostChangeSerializer()


class ConnectionSerializer(serializers.Serializer):
    target = serializers.CharField()
    meaning = serializers.CharField()
    description = serializers.CharField()
    props_schema = serializers.JSONField()


class PaletteKindSerializer(serializers.ModelSerializer):
    icon_url = serializers.SerializerMethodField()
    connections = ConnectionSerializer(many=True)

    class Meta:
        model = ComponentKind
        fields = [
            "kind",
            "label",
            "category",
            "service",
            "description",
            "icon",
            "icon_url",
            "is_container",
            "parents",
            "at_root",
            "placement",
            "props_schema",
            "usage_schema",
            "connections",
            "cfn_types",
            "keywords",
            "docs_url",
        ]

    def get_icon_url(self, obj: ComponentKind) -> str:
        return icon_url(self.context.get("request"), obj.icon)


class PresetSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="kind_id")
    icon_url = serializers.SerializerMethodField()
    shared = serializers.SerializerMethodField(help_text="True when offered to everyone, false when only to you.")

    class Meta:
        model = PalettePreset
        fields = ["id", "name", "kind", "description", "props", "usage", "icon_url", "shared"]

    def get_icon_url(self, obj: PalettePreset) -> str:
        request = self.context.get("request")
        if obj.icon:
            return request.build_absolute_uri(obj.icon.url) if request else obj.icon.url
        return icon_url(request, obj.kind.icon)

    def get_shared(self, obj: PalettePreset) -> bool:
        return obj.owner_id is None


class CategorySerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()


class PaletteSerializer(serializers.Serializer):
    categories = CategorySerializer(many=True)
    kinds = PaletteKindSerializer(many=True)
    presets = PresetSerializer(many=True)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"}, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


def icon_url(request: Any, icon: str) -> str:
    url = static(f"icons/{icon}")
    return request.build_absolute_uri(url) if request is not None else url


class EstimateRequestSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2_147_483_647,
        help_text="Revision number to estimate; the newest when left out.",
    )
    pricing_model = serializers.ChoiceField(
        choices=PRICING_MODELS, required=False, help_text="Overrides the design's pricing model."
    )
    spot_discount_percent = serializers.IntegerField(
        required=False, min_value=0, max_value=95, help_text="Assumed Spot saving off on-demand, in percent."
    )


class EstimateSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:estimate-detail", lookup_field="pk")
    csv_url = serializers.HyperlinkedIdentityField(view_name="api:estimate-csv", lookup_field="pk")
    json_url = serializers.HyperlinkedIdentityField(view_name="api:estimate-json", lookup_field="pk")
    design = serializers.UUIDField(source="revision.design_id")
    revision = serializers.IntegerField(source="revision.number")
    result = serializers.JSONField(allow_null=True, help_text="The estimate once status is done (see docs/pricing.md).")

    class Meta:
        model = CostEstimate
        fields = [
            "id",
            "url",
            "csv_url",
            "json_url",
            "design",
            "revision",
            "status",
            "settings",
            "price_version",
            "result",
            "error",
            "created_at",
            "finished_at",
        ]


class PriceStatusSerializer(serializers.Serializer):
    service_code = serializers.CharField()
    region = serializers.CharField()
    offer_version = serializers.CharField()
    publication_date = serializers.CharField()
    source = serializers.CharField()
    activated_at = serializers.DateTimeField(allow_null=True)
    item_count = serializers.IntegerField()
    last_failure = serializers.CharField()
    last_failure_at = serializers.DateTimeField(allow_null=True)


class InstanceTypeSerializer(serializers.Serializer):
    instance_type = serializers.CharField()
    vcpu = serializers.IntegerField(allow_null=True)
    memory_gib = serializers.CharField(allow_null=True)
    hourly_usd = serializers.CharField(allow_null=True)


class TemplateImportSerializer(serializers.Serializer):
    template = serializers.CharField(
        trim_whitespace=False,
        max_length=1024 * 1024,
        help_text="The template's text: CloudFormation YAML (short-form tags such as !Ref) or JSON.",
    )
    name = serializers.CharField(required=False, max_length=200, help_text="Default: the template's Description.")
    region = serializers.ChoiceField(
        choices=REGIONS, required=False, help_text="Default: the region its Availability Zones name, else us-east-1."
    )


class ImportReportSerializer(serializers.Serializer):
    resources = serializers.IntegerField(help_text="Resources in the template.")
    nodes = serializers.IntegerField()
    edges = serializers.IntegerField()
    kept_inside_nodes = serializers.IntegerField(
        help_text="Supporting resources kept inside the node they belong to (a subnet's route table...)."
    )
    generic_nodes = serializers.ListField(
        child=serializers.CharField(), help_text="Logical IDs kept as generic CloudFormation resource nodes."
    )
    not_understood = serializers.ListField(child=serializers.CharField())


class DesignImportedSerializer(DesignSavedSerializer):
    report = ImportReportSerializer(read_only=True)

    class Meta(DesignSavedSerializer.Meta):
        fields = [*DesignSavedSerializer.Meta.fields, "report"]


class TemplateChangeSerializer(serializers.Serializer):
    path = serializers.CharField()
    # "from" and "to" are Python keywords: declared below.


TemplateChangeSerializer._declared_fields["from"] = serializers.JSONField(allow_null=True)
TemplateChangeSerializer._declared_fields["to"] = serializers.JSONField(allow_null=True)


class ResourceChangeSerializer(serializers.Serializer):
    logical_id = serializers.CharField()
    type = serializers.CharField()
    action = serializers.ChoiceField(choices=["add", "modify", "remove"])
    replacement = serializers.BooleanField(required=False, help_text="Modify only: the change replaces it.")
    replaced_because = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="The create-only properties that changed."
    )
    changes = TemplateChangeSerializer(many=True, required=False)


class TemplateDiffSerializer(serializers.Serializer):
    summary = serializers.CharField()
    resources = ResourceChangeSerializer(many=True)
    sections = serializers.DictField(
        child=serializers.DictField(child=serializers.ListField(child=serializers.CharField())),
        help_text="Parameters, Mappings, Conditions, Outputs: names added, removed and changed.",
    )
    unified = serializers.CharField(help_text="A unified diff of the two YAML templates.")


TemplateDiffSerializer._declared_fields["from"] = serializers.IntegerField()
TemplateDiffSerializer._declared_fields["to"] = serializers.IntegerField()


class DiagramRequestSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2_147_483_647,
        help_text="Revision number to draw; the newest when left out.",
    )
    format = serializers.ChoiceField(
        choices=list(FORMATS),
        required=False,
        default="png",
        help_text="png (the default), svg or pdf (through Graphviz), drawio (a draw.io file) or py (a `diagrams` "
        "script).",
        error_messages={"invalid_choice": f'"{{input}}" is not a diagram format; use one of {", ".join(FORMATS)}.'},
    )
    layout = serializers.ChoiceField(
        choices=list(LAYOUTS),
        required=False,
        default="auto",
        help_text="auto (the default): laid out by Graphviz, traffic left to right; canvas: as drawn in the editor.",
        error_messages={"invalid_choice": f'"{{input}}" is not a layout; use one of {", ".join(LAYOUTS)}.'},
    )
    dpi = serializers.IntegerField(
        required=False,
        default=96,
        min_value=DPI_RANGE[0],
        max_value=DPI_RANGE[1],
        help_text="Resolution in dots per inch (PNG size; the scale of the other formats).",
        error_messages={
            "min_value": f"The resolution must be from {DPI_RANGE[0]} to {DPI_RANGE[1]} dots per inch.",
            "max_value": f"The resolution must be from {DPI_RANGE[0]} to {DPI_RANGE[1]} dots per inch.",
        },
    )
    costs = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Show each node's monthly cost and the total, from the revision's newest finished estimate "
        "(ask for one first).",
    )

    def to_internal_value(self, data: Any) -> Any:
        unknown = sorted(str(k) for k in data if k not in self.fields) if isinstance(data, Mapping) else []
        errors = {key: ["Unknown field; send revision, format, layout, dpi and costs."] for key in unknown}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
            raise serializers.ValidationError({**detail, **errors}) from None
        if errors:
            raise serializers.ValidationError(errors)
        return value


class DiagramSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:diagram-detail", lookup_field="pk")
    file_url = serializers.SerializerMethodField(help_text="The file's download once status is done; null before.")
    design = serializers.UUIDField(source="revision.design_id")
    revision = serializers.IntegerField(source="revision.number")
    costs = serializers.BooleanField(source="with_costs")
    estimate = serializers.UUIDField(
        source="estimate_id", allow_null=True, help_text="The estimate whose costs are drawn (costs only)."
    )
    content_type = serializers.SerializerMethodField()
    size = serializers.IntegerField(help_text="The file's size in bytes once done.")
    error = serializers.CharField(help_text="Why it failed (status failed); empty otherwise.")

    class Meta:
        model = DiagramRender
        fields = [
            "id",
            "url",
            "file_url",
            "design",
            "revision",
            "format",
            "layout",
            "dpi",
            "costs",
            "estimate",
            "status",
            "error",
            "content_type",
            "size",
            "render_ms",
            "created_at",
            "started_at",
            "finished_at",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_file_url(self, obj: DiagramRender) -> str | None:
        if obj.status != DiagramRender.DONE:
            return None
        url = reverse("api:diagram-file", kwargs={"pk": obj.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

    def get_content_type(self, obj: DiagramRender) -> str:
        return FORMATS[obj.format][1]


# -- sharing ------------------------------------------------------------------------------------------------

TEAM_ROLES = [Membership.OWNER, Membership.ADMIN, Membership.MEMBER]
SHARE_ROLES = [Share.VIEWER, Share.EDITOR]


class TeamSummarySerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=TEAM_ROLES, help_text="Your role in the team.")
    member_count = serializers.IntegerField()

    class Meta:
        model = Team
        fields = ["id", "name", "role", "member_count", "created_at"]


class MemberSerializer(serializers.ModelSerializer):
    user = UserSerializer()

    class Meta:
        model = Membership
        fields = ["user", "role", "added_at"]


class TeamSerializer(TeamSummarySerializer):
    members = MemberSerializer(many=True)

    class Meta(TeamSummarySerializer.Meta):
        fields = [*TeamSummarySerializer.Meta.fields, "members"]


class TeamNameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, help_text="The team's name.")


class MemberAddSerializer(serializers.Serializer):
    user = serializers.CharField(max_length=254, help_text="The username or email of the person to add.")
    role = serializers.ChoiceField(choices=TEAM_ROLES, default=Membership.MEMBER)


class MemberRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=TEAM_ROLES)


class ShareSerializer(serializers.ModelSerializer):
    user = UserSerializer(allow_null=True)
    team = TeamRefSerializer(allow_null=True)
    created_by = serializers.CharField(source="created_by.username", allow_null=True, default=None)

    class Meta:
        model = Share
        fields = ["id", "user", "team", "role", "created_by", "created_at"]


class ShareCreateSerializer(serializers.Serializer):
    user = serializers.CharField(required=False, max_length=254, help_text="Share with this username or email…")
    team = serializers.UUIDField(required=False, help_text="…or with this team (its id).")
    role = serializers.ChoiceField(choices=SHARE_ROLES)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("user" in attrs) == ("team" in attrs):
            raise serializers.ValidationError({"user": ["Name a user or a team to share with (one of them)."]})
        return attrs


class ShareRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=SHARE_ROLES)


class ShareLinkSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(source="created_by.username", allow_null=True, default=None)
    active = serializers.SerializerMethodField()

    class Meta:
        model = ShareLink
        fields = ["id", "created_by", "created_at", "expires_at", "revoked_at", "last_used_at", "active"]

    def get_active(self, link: ShareLink) -> bool:
        return link.is_active()


class ShareLinkCreatedSerializer(ShareLinkSerializer):
    token = serializers.CharField(help_text="The link's secret; shown only in this answer.")
    url = serializers.CharField(help_text="The page that opens the design read-only, for anyone holding it.")

    class Meta(ShareLinkSerializer.Meta):
        fields = [*ShareLinkSerializer.Meta.fields, "token", "url"]


class ShareLinkCreateSerializer(serializers.Serializer):
    expires_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="When the link stops working; leave out for never."
    )


class ShareEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    summary = serializers.CharField()

    class Meta:
        model = ShareEvent
        fields = ["id", "action", "actor", "subject", "role", "created_at", "summary"]


class TransferSerializer(serializers.Serializer):
    team = serializers.UUIDField(allow_null=True, help_text="The team to move it to; null to make it yours.")


class SharedLinkSerializer(serializers.Serializer):
    design = serializers.UUIDField()
    name = serializers.CharField()
    expires_at = serializers.DateTimeField(allow_null=True)
