"""API routes, under /api/."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import advice, blueprints, sharing, views

app_name = "api"

urlpatterns = [
    path("designs/", views.DesignListView.as_view(), name="design-list"),
    path("designs/validate/", views.ValidateView.as_view(), name="design-validate"),
    path("designs/layout/", views.LayoutView.as_view(), name="design-layout"),
    path("designs/import/", views.TemplateImportView.as_view(), name="design-import"),
    path("designs/<uuid:pk>/", views.DesignDetailView.as_view(), name="design-detail"),
    path("designs/<uuid:pk>/duplicate/", views.DesignDuplicateView.as_view(), name="design-duplicate"),
    path("designs/<uuid:pk>/revisions/", views.RevisionListView.as_view(), name="revision-list"),
    path("designs/<uuid:pk>/revisions/compare/", views.RevisionCompareView.as_view(), name="revision-compare"),
    path("designs/<uuid:pk>/presence/", views.PresenceView.as_view(), name="design-presence"),
    path("designs/<uuid:pk>/comments/", views.CommentListView.as_view(), name="comment-list"),
    path("designs/<uuid:pk>/comments/<uuid:comment>/", views.CommentDetailView.as_view(), name="comment-detail"),
    path("designs/<uuid:pk>/findings/", advice.FindingListView.as_view(), name="finding-list"),
    path("designs/<uuid:pk>/suggestions/", advice.SuggestionListView.as_view(), name="suggestion-list"),
    path("designs/<uuid:pk>/findings/preview/", advice.FixPreviewView.as_view(), name="fix-preview"),
    path("designs/<uuid:pk>/findings/apply/", advice.FixApplyView.as_view(), name="fix-apply"),
    path("designs/<uuid:pk>/shares/", sharing.ShareListView.as_view(), name="share-list"),
    path("designs/<uuid:pk>/shares/<uuid:share>/", sharing.ShareDetailView.as_view(), name="share-detail"),
    path("designs/<uuid:pk>/links/", sharing.LinkListView.as_view(), name="link-list"),
    path("designs/<uuid:pk>/links/<uuid:link>/", sharing.LinkDetailView.as_view(), name="link-detail"),
    path("designs/<uuid:pk>/share-log/", sharing.ShareLogView.as_view(), name="share-log"),
    path("designs/<uuid:pk>/transfer/", sharing.TransferView.as_view(), name="design-transfer"),
    path("designs/<uuid:pk>/revisions/<int:number>/", views.RevisionDetailView.as_view(), name="revision-detail"),
    re_path(
        r"^designs/(?P<pk>[0-9a-f-]{36})/cloudformation\.(?P<fmt>yaml|json)$",
        views.TemplateView.as_view(),
        name="design-template",
    ),
    re_path(
        r"^designs/(?P<pk>[0-9a-f-]{36})/revisions/(?P<number>[0-9]{1,9})/cloudformation\.(?P<fmt>yaml|json)$",
        views.RevisionTemplateView.as_view(),
        name="revision-template",
    ),
    path("designs/<uuid:pk>/cloudformation/diff/", views.TemplateDiffView.as_view(), name="template-diff"),
    path("designs/<uuid:pk>/estimates/", views.EstimateRequestView.as_view(), name="estimate-request"),
    path("estimates/<uuid:pk>/", views.EstimateDetailView.as_view(), name="estimate-detail"),
    path("estimates/<uuid:pk>/csv/", views.EstimateCsvView.as_view(), name="estimate-csv"),
    path("estimates/<uuid:pk>/json/", views.EstimateJsonView.as_view(), name="estimate-json"),
    path("designs/<uuid:pk>/diagrams/", views.DiagramRequestView.as_view(), name="diagram-request"),
    path("diagrams/<uuid:pk>/", views.DiagramDetailView.as_view(), name="diagram-detail"),
    path("diagrams/<uuid:pk>/file/", views.DiagramFileView.as_view(), name="diagram-file"),
    path("prices/status/", views.PriceStatusView.as_view(), name="price-status"),
    path("prices/instance-types/", views.InstanceTypesView.as_view(), name="instance-types"),
    path("teams/", sharing.TeamListView.as_view(), name="team-list"),
    path("teams/<uuid:pk>/", sharing.TeamDetailView.as_view(), name="team-detail"),
    path("teams/<uuid:pk>/members/", sharing.MemberListView.as_view(), name="member-list"),
    path("teams/<uuid:pk>/members/<int:user>/", sharing.MemberDetailView.as_view(), name="member-detail"),
    re_path(r"^shared/(?P<token>[A-Za-z0-9_-]{1,200})/$", sharing.SharedLinkView.as_view(), name="shared-link"),
    path("palette/", views.PaletteView.as_view(), name="palette"),
    path("examples/", views.ExampleListView.as_view(), name="example-list"),
    path("blueprints/", blueprints.BlueprintListView.as_view(), name="blueprint-list"),
    path("blueprints/<slug:name>/", blueprints.BlueprintDocumentView.as_view(), name="blueprint-document"),
    path("me/", views.MeView.as_view(), name="me"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("schema/design/", views.DesignSchemaView.as_view(), name="design-schema"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[], authentication_classes=[]), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", permission_classes=[], authentication_classes=[]),
        name="docs",
    ),
]
