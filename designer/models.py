"""Stored state: the palette (catalog kinds and presets), designs and their immutable revisions."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from .diagram.storage import get_diagram_storage

log = logging.getLogger(__name__)


class ComponentKind(models.Model):
    """A catalog kind, mirrored from the code in `designer.catalog` by `sync_catalog`; read-only in the admin."""

    kind = models.CharField(primary_key=True, max_length=100)
    label = models.CharField(max_length=200)
    category = models.CharField(max_length=40, db_index=True)
    service = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    icon = models.CharField(max_length=300, help_text="Path of the icon inside the diagrams package resources.")
    is_container = models.BooleanField(default=False)
    parents = models.JSONField(default=list, help_text="Kinds it may sit in.")
    at_root = models.BooleanField(default=False, help_text="Whether it may sit at the top level.")
    placement = models.CharField(max_length=20, blank=True)
    props_schema = models.JSONField(default=dict)
    usage_schema = models.JSONField(default=dict)
    connections = models.JSONField(default=list, help_text="Kinds it may connect to and what that means.")
    cfn_types = models.JSONField(default=list)
    keywords = models.JSONField(default=list)
    docs_url = models.URLField(blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="False once the kind left the code catalog.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return f"{self.label} ({self.kind})"


class PalettePreset(models.Model):
    """A kind with preset properties under its own name, e.g. 'Production PostgreSQL'. A preset without an
    owner is offered to everyone; one with an owner only to that user."""

    name = models.CharField(max_length=200)
    kind = models.ForeignKey(ComponentKind, on_delete=models.PROTECT, related_name="presets")
    description = models.TextField(blank=True)
    props = models.JSONField(default=dict, blank=True)
    usage = models.JSONField(default=dict, blank=True)
    icon = models.FileField(
        upload_to="preset-icons/",
        blank=True,
        validators=[FileExtensionValidator(["png", "svg"])],
        help_text="Optional PNG or SVG; the kind's icon is used when empty.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="palette_presets"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind__sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="unique_preset_name_per_owner")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from .services.catalog import preset_problems

        problems = preset_problems(self.kind_id, self.props, self.usage)
        if problems:
            raise ValidationError({field: messages for field, messages in problems.items()})


class Team(models.Model):
    """People who share designs: a design may belong to a team, and be shared with one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's place in a team. Owners and admins manage the members (only owners touch owners) and the team's
    designs; members edit the team's designs."""

    OWNER, ADMIN, MEMBER = "owner", "admin", "member"
    ROLES = [(OWNER, "Owner"), (ADMIN, "Admin"), (MEMBER, "Member")]

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=ROLES, default=MEMBER)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="one_membership_per_team_and_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.team_id} as {self.role}"


class Design(models.Model):
    """A design and a pointer to its newest revision. Name and counts are copied from that revision so the
    list of designs needs no document parsing. It belongs to a user (`owner`) or to a team, never both."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="designs"
    )
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="designs")
    name = models.CharField(max_length=200)
    region = models.CharField(max_length=32)
    node_count = models.PositiveIntegerField(default=0)
    edge_count = models.PositiveIntegerField(default=0)
    head = models.ForeignKey("Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["owner", "-updated_at"]), models.Index(fields=["team", "-updated_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False, team__isnull=True)
                | models.Q(owner__isnull=True, team__isnull=False),
                name="design_belongs_to_a_user_or_a_team",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RevisionQuerySet(models.QuerySet["Revision"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("revisions never change once saved")


class Revision(models.Model):
    """One saved state of a design. Immutable: anything derived from it can be cached by its id."""

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    document = models.JSONField()
    format_version = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    message = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["design", "number"], name="unique_revision_number")]

    def __str__(self) -> str:
        return f"{self.design_id} r{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("revisions never change once saved")
        super().save(*args, **kwargs)


class Comment(models.Model):
    """A remark on a design, optionally pinned to one of its nodes (by the node's id in the document: a comment
    outlives the node's removal, and shows as unpinned then)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    node = models.CharField(max_length=64, blank=True, help_text="The id of the node it is pinned to, if any.")
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"comment on {self.design_id} by {self.author_id}"


class Share(models.Model):
    """A design shared with a user or with a team (everyone in it), as viewer or editor."""

    VIEWER, EDITOR = "viewer", "editor"
    ROLES = [(VIEWER, "Viewer"), (EDITOR, "Editor")]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="shares"
    )
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="shares")
    role = models.CharField(max_length=10, choices=ROLES)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, team__isnull=True)
                | models.Q(user__isnull=True, team__isnull=False),
                name="share_with_a_user_or_a_team",
            ),
            models.UniqueConstraint(fields=["design", "user"], name="one_share_per_design_and_user"),
            models.UniqueConstraint(fields=["design", "team"], name="one_share_per_design_and_team"),
        ]

    def __str__(self) -> str:
        return f"{self.design_id} with {self.user_id or self.team_id} as {self.role}"


class ShareLink(models.Model):
    """A secret link that lets anyone holding it view a design, read-only, until it expires or is revoked. Only
    the token's SHA-256 is stored: the token itself is shown once, when the link is made."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="links")
    token_sha256 = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"link {self.id} to {self.design_id}"

    def is_active(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class ShareEvent(models.Model):
    """One line of a design's share log: who shared what with whom. Kept as text, so it outlives the share,
    link, user or team it names."""

    SHARED, ROLE_CHANGED, UNSHARED = "shared", "role_changed", "unshared"
    LINK_CREATED, LINK_REVOKED, TRANSFERRED = "link_created", "link_revoked", "transferred"
    ACTIONS = [(a, a) for a in (SHARED, ROLE_CHANGED, UNSHARED, LINK_CREATED, LINK_REVOKED, TRANSFERRED)]

    design = models.ForeignKey(Design, on_delete=models.CASCADE, related_name="share_events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20, choices=ACTIONS)
    subject = models.CharField(max_length=300)
    role = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} {self.subject} on {self.design_id}"


class PriceSnapshot(models.Model):
    """One ingested price file: an offer for a region (or the Savings Plans file for a region). At most one
    snapshot per offer and region is active; a new one replaces it in one transaction once fully parsed."""

    LOADING, ACTIVE, REPLACED, FAILED = "loading", "active", "replaced", "failed"
    STATUSES = [(s, s) for s in (LOADING, ACTIVE, REPLACED, FAILED)]

    service_code = models.CharField(max_length=64)
    region = models.CharField(max_length=32)
    source = models.CharField(max_length=20, help_text="bulk, bundled or query")
    source_url = models.CharField(max_length=1000, blank=True)
    offer_version = models.CharField(max_length=64)
    publication_date = models.CharField(max_length=40, blank=True)
    fetched_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=LOADING)
    item_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["service_code", "region", "-fetched_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_code", "region"],
                condition=models.Q(status="active"),
                name="one_active_snapshot_per_offer_and_region",
            )
        ]
        indexes = [models.Index(fields=["service_code", "region", "status"])]

    def __str__(self) -> str:
        return f"{self.service_code} {self.region} {self.offer_version} ({self.status})"


class PriceProduct(models.Model):
    """A product of a price file that the estimators use: its SKU, family, usage type and the attributes
    lookups match on. Its prices are PriceItems."""

    snapshot = models.ForeignKey(PriceSnapshot, on_delete=models.CASCADE, related_name="products")
    sku = models.CharField(max_length=64)
    product_family = models.CharField(max_length=100)
    usage_type = models.CharField(max_length=200)
    bare_usage_type = models.CharField(max_length=200, help_text="The usage type without its region prefix.")
    instance_type = models.CharField(max_length=64, blank=True)
    attributes = models.JSONField(default=dict)

    class Meta:
        indexes = [
            models.Index(fields=["snapshot", "product_family", "bare_usage_type"]),
            models.Index(fields=["snapshot", "instance_type"]),
            models.Index(fields=["snapshot", "sku"]),
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.bare_usage_type}"


class PriceItem(models.Model):
    """One price dimension of a product under one term, as `designer.pricing.records.PriceRecord`. For a
    Savings Plans rate, `discounted_sku` is the on-demand SKU it applies to."""

    product = models.ForeignKey(PriceProduct, on_delete=models.CASCADE, related_name="items")
    unit = models.CharField(max_length=40)
    begin_range = models.DecimalField(max_digits=30, decimal_places=6, default=0)
    end_range = models.DecimalField(max_digits=30, decimal_places=6, null=True)
    price = models.DecimalField(max_digits=30, decimal_places=12)
    term_type = models.CharField(max_length=12)
    lease_length = models.CharField(max_length=8, blank=True)
    purchase_option = models.CharField(max_length=20, blank=True)
    offering_class = models.CharField(max_length=20, blank=True)
    discounted_sku = models.CharField(max_length=64, blank=True, db_index=True)
    rate_code = models.CharField(max_length=120, blank=True)
    effective_date = models.CharField(max_length=40, blank=True)
    description = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"{self.product_id} {self.term_type} {self.price}/{self.unit}"


class PriceFetch(models.Model):
    """A record of each attempt to load a price file, so failures are shown, not just logged."""

    RUNNING, SUCCEEDED, SKIPPED, FAILED = "running", "succeeded", "skipped", "failed"
    STATUSES = [(s, s) for s in (RUNNING, SUCCEEDED, SKIPPED, FAILED)]

    service_code = models.CharField(max_length=64)
    region = models.CharField(max_length=32)
    source = models.CharField(max_length=20)
    source_url = models.CharField(max_length=1000, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=RUNNING)
    bytes_downloaded = models.BigIntegerField(default=0)
    products_read = models.PositiveIntegerField(default=0)
    items_kept = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    snapshot = models.ForeignKey(PriceSnapshot, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["service_code", "region", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.service_code} {self.region} {self.status} at {self.started_at:%Y-%m-%d %H:%M}"


class CostEstimate(models.Model):
    """The monthly cost of one revision under one set of pricing settings and one version of the price data.
    Revisions never change, so a finished estimate is reused for the same three keys."""

    PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
    STATUSES = [(s, s) for s in (PENDING, RUNNING, DONE, FAILED)]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="estimates")
    settings_key = models.CharField(max_length=200)
    settings = models.JSONField(default=dict)
    price_version = models.CharField(max_length=32)
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    result = models.JSONField(null=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "settings_key", "price_version"], name="one_estimate_per_key")
        ]

    def __str__(self) -> str:
        return f"estimate of {self.revision} ({self.status})"


class DiagramRender(models.Model):
    """A diagram of one revision in one format, layout and resolution, with or without the costs of one
    estimate. Revisions never change, so a render is reused for the same revision and options (`options_key`);
    a failed one is retried when asked for again."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(s, s) for s in (QUEUED, RUNNING, DONE, FAILED)]
    FORMATS = [(f, f) for f in ("png", "svg", "pdf", "drawio", "py")]
    LAYOUTS = [(layout, layout) for layout in ("auto", "canvas")]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="diagrams")
    format = models.CharField(max_length=8, choices=FORMATS)
    layout = models.CharField(max_length=8, choices=LAYOUTS)
    dpi = models.PositiveSmallIntegerField(default=96)
    with_costs = models.BooleanField(default=False)
    estimate = models.ForeignKey(
        CostEstimate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The finished estimate whose costs are drawn (with_costs only).",
    )
    options_key = models.CharField(max_length=64, help_text="SHA-256 of the options, unique per revision.")
    status = models.CharField(max_length=10, choices=STATUSES, default=QUEUED)
    file = models.FileField(storage=get_diagram_storage, max_length=300, blank=True)
    size = models.PositiveBigIntegerField(default=0, help_text="The file's size in bytes.")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(default=timezone.now, help_text="When it was last queued for a worker.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True, help_text="Time spent rendering.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["revision", "options_key"], name="one_diagram_per_options")]

    def __str__(self) -> str:
        return f"{self.format} diagram of {self.revision} ({self.status})"


@receiver(post_delete, sender=DiagramRender)
def _delete_diagram_file(sender: type[DiagramRender], instance: DiagramRender, **kwargs: Any) -> None:
    """A render's file goes with it (deleting a design deletes its renders), once the deletion commits."""
    name, storage = instance.file.name, instance.file.storage
    if not name:
        return

    def delete() -> None:
        try:
            storage.delete(name)
        except Exception:
            log.warning("could not delete diagram file %s", name, exc_info=True)

    transaction.on_commit(delete)
