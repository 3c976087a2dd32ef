/**
 * A small typed client for the designer's REST API (/api/...).
 *
 * Conventions of the server (api/errors.py, config/settings.py):
 * - session auth: every request is `credentials: "same-origin"`; unsafe methods carry the CSRF token from the
 *   `csrftoken` cookie in the `X-CSRFToken` header;
 * - every error answer is `{"type", "detail", "errors": [...]}`, turned here into an `ApiError`;
 * - a 401/403 of type `not_authenticated` means the session has ended: the client sends the browser to the
 *   login page (once) and still throws, so callers stop what they were doing.
 */

import { csrfToken } from "./cookies";
import type { Palette } from "./editor/types";
import type { Region } from "./regions";

export const LOGIN_URL = "/accounts/login/?next=/";
export const LOGOUT_URL = "/accounts/logout/";

// -- shapes of the API --------------------------------------------------------------------------------

/** One finding inside an error answer; `field` names the request field it is about, when it is about one. */
export interface Problem {
  code: string;
  message: string;
  path: string | null;
  node: string | null;
  edge: string | null;
  field: string | null;
  severity: "error" | "warning";
}

export interface User {
  id: number;
  username: string;
  email: string;
}

export interface RevisionSummary {
  number: number;
  author: string | null;
  message: string;
  created_at: string;
  sha256: string;
  format_version: number;
}

/** The caller's role on a design, strongest first: "owner" manages sharing and may delete, "editor" saves, "viewer"
 * reads and downloads. */
export type DesignRole = "owner" | "editor" | "viewer";

export interface TeamRef {
  id: string;
  name: string;
}

export interface DesignSummary {
  id: string;
  url: string;
  name: string;
  region: string;
  /** The owning user's username; null for a team's design. */
  owner: string | null;
  /** The team the design belongs to, if any. */
  team: TeamRef | null;
  role: DesignRole;
  node_count: number;
  edge_count: number;
  revision: RevisionSummary | null;
  created_at: string;
  updated_at: string;
}

/** The answer to a create or save: the design with its document and any warnings about it. */
export interface SavedDesign extends DesignSummary {
  document: unknown;
  warnings: Problem[];
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface NewDesign {
  name: string;
  region: Region;
  /** The team (its id) the design belongs to; left out, the design is the caller's own. */
  team?: string;
}

/** Which designs a list shows: "mine", the caller's own and their teams'; "shared", those shared with the caller
 * (directly or through a team) that are not already in "mine". */
export type DesignScope = "mine" | "shared";

/** An example design to start from (GET /api/examples/); `slug` is what a create sends as `example`. */
export interface DesignExample {
  slug: string;
  name: string;
  description: string;
  region: string;
  node_count: number;
}

/** A new design started from an example; name and region default to the example's. */
export interface NewDesignFromExample {
  example: string;
  name?: string;
  region?: Region;
  /** The team (its id) the design belongs to; left out, the design is the caller's own. */
  team?: string;
}

/** What an import made of a CloudFormation template. */
export interface ImportReport {
  /** Resources in the template. */
  resources: number;
  /** Components (nodes) of the new design. */
  nodes: number;
  /** Connections (edges) of the new design. */
  edges: number;
  /** Supporting resources kept inside the component they belong to (a subnet's route table...). */
  kept_inside_nodes: number;
  /** Logical IDs kept as generic CloudFormation resource nodes. */
  generic_nodes: string[];
  /** Sentences about what the designer did not understand (and what it did with it). */
  not_understood: string[];
}

/** The answer to an import: the saved design and the report on the template. */
export interface ImportedDesign extends SavedDesign {
  report: ImportReport;
}

export type TemplateFormat = "yaml" | "json";

/** The largest template file the page sends (the API refuses templates over 1 MiB). */
export const TEMPLATE_MAX_BYTES = 1024 * 1024;

/** The file types a diagram is drawn in (designer/diagram/render.py FORMATS). */
export type DiagramFormat = "png" | "svg" | "pdf" | "drawio" | "py";

/** auto: laid out by Graphviz, traffic left to right; canvas: where the nodes are on the editor's canvas. */
export type DiagramLayout = "auto" | "canvas";

export type DiagramStatus = "queued" | "running" | "done" | "failed";

/** What to draw: a revision (the newest when left out) in a format and layout. */
export interface DiagramRequest {
  format: DiagramFormat;
  layout: DiagramLayout;
  /** Dots per inch, 72 to 600 (the server's default is 96). */
  dpi?: number;
  /** Show each node's monthly cost, from the revision's newest finished estimate. */
  costs?: boolean;
  revision?: number;
}

/** A diagram being rendered by a worker, or rendered (api/serializers.py DiagramSerializer). */
export interface Diagram {
  id: string;
  /** Its status URL (absolute). */
  url: string;
  /** Where its file downloads from (absolute), once `status` is done; null before. */
  file_url: string | null;
  design: string;
  revision: number;
  format: DiagramFormat;
  layout: DiagramLayout;
  dpi: number;
  costs: boolean;
  estimate: string | null;
  status: DiagramStatus;
  /** Why it failed (status failed); empty otherwise. */
  error: string;
  content_type: string;
  size: number;
  render_ms: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** One field a revision changed: `field` is a dotted path ("label", "props.instance_class"). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface NodeChange {
  id: string;
  kind: string;
  label: string;
  /** Only for changed nodes. */
  changes?: FieldChange[];
}

export interface EdgeChange {
  id: string;
  source: string;
  target: string;
  label?: string;
  /** Only for changed edges. */
  changes?: FieldChange[];
}

export interface ConflictChanges {
  document: FieldChange[];
  nodes: { added: NodeChange[]; removed: NodeChange[]; changed: NodeChange[] };
  edges: { added: EdgeChange[]; removed: EdgeChange[]; changed: EdgeChange[] };
}

export interface ConflictHead {
  number: number;
  author: string | null;
  created_at: string;
  message: string;
}

/** What a 409 answer to a save says: the newer revision saved since the save's base, and what it changed. */
export interface Conflict {
  head: ConflictHead;
  changes: ConflictChanges;
}

/** The caller's role in a team, strongest first: "owner" manages everything (owners too) and may delete the team,
 * "admin" renames it and manages its admins and members, "member" may only leave. A team's owners and admins are
 * "owner" on its designs, its members "editor". */
export type TeamRole = "owner" | "admin" | "member";

/** One of the caller's teams, as GET /api/teams/ lists them. */
export interface TeamSummary {
  id: string;
  name: string;
  /** The caller's role in the team. */
  role: TeamRole;
  member_count: number;
  created_at: string;
}

export interface TeamMember {
  user: User;
  role: TeamRole;
  added_at: string;
}

/** A team with its members: owners, admins, then members, each by username. */
export interface Team extends TeamSummary {
  members: TeamMember[];
}

// -- errors -------------------------------------------------------------------------------------------

/** Any answer that is not a success, or a request that got no answer (`status` 0). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly type: string;
  readonly detail: string;
  readonly errors: readonly Problem[];
  /** For a 409 answer to a save: the newer revision and what it changed; null otherwise. */
  readonly conflict: Conflict | null;

  constructor(status: number, type: string, detail: string, errors: readonly Problem[] = [], conflict: Conflict | null = null) {
    super(detail);
    this.status = status;
    this.type = type;
    this.detail = detail;
    this.errors = errors;
    this.conflict = conflict;
  }

  /** The newer revision a stale save ran into (null when this is not a conflict). */
  get head(): ConflictHead | null {
    return this.conflict?.head ?? null;
  }

  /** What the newer revision changed (null when this is not a conflict). */
  get changes(): ConflictChanges | null {
    return this.conflict?.changes ?? null;
  }

  /** The session has ended (or never was): the user must log in again. */
  get notAuthenticated(): boolean {
    return (this.status === 401 || this.status === 403) && this.type === "not_authenticated";
  }

  /** The findings about one request field, e.g. "name". */
  fieldErrors(field: string): Problem[] {
    return this.errors.filter((problem) => problem.field === field);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function toProblem(value: unknown): Problem | null {
  if (!isRecord(value) || typeof value.message !== "string") return null;
  return {
    code: typeof value.code === "string" ? value.code : "invalid",
    message: value.message,
    path: stringOrNull(value.path),
    node: stringOrNull(value.node),
    edge: stringOrNull(value.edge),
    field: stringOrNull(value.field),
    severity: value.severity === "warning" ? "warning" : "error",
  };
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function toFieldChanges(value: unknown): FieldChange[] {
  return records(value)
    .filter((c) => typeof c.field === "string")
    .map((c) => ({ field: c.field as string, before: c.before, after: c.after }));
}

function toNodeChanges(value: unknown): NodeChange[] {
  return records(value).map((n) => ({
    id: String(n.id ?? ""),
    kind: String(n.kind ?? ""),
    label: typeof n.label === "string" ? n.label : "",
    ...(n.changes !== undefined ? { changes: toFieldChanges(n.changes) } : {}),
  }));
}

function toEdgeChanges(value: unknown): EdgeChange[] {
  return records(value).map((e) => ({
    id: String(e.id ?? ""),
    source: String(e.source ?? ""),
    target: String(e.target ?? ""),
    ...(typeof e.label === "string" ? { label: e.label } : {}),
    ...(e.changes !== undefined ? { changes: toFieldChanges(e.changes) } : {}),
  }));
}

/** The head and changes of a 409 answer's body, or null when it has no readable head. */
export function conflictFromBody(body: unknown): Conflict | null {
  if (!isRecord(body) || !isRecord(body.head) || typeof body.head.number !== "number") return null;
  const head = body.head;
  const changes = isRecord(body.changes) ? body.changes : {};
  const nodes = isRecord(changes.nodes) ? changes.nodes : {};
  const edges = isRecord(changes.edges) ? changes.edges : {};
  return {
    head: {
      number: head.number as number,
      author: stringOrNull(head.author),
      created_at: typeof head.created_at === "string" ? head.created_at : "",
      message: typeof head.message === "string" ? head.message : "",
    },
    changes: {
      document: toFieldChanges(changes.document),
      nodes: { added: toNodeChanges(nodes.added), removed: toNodeChanges(nodes.removed), changed: toNodeChanges(nodes.changed) },
      edges: { added: toEdgeChanges(edges.added), removed: toEdgeChanges(edges.removed), changed: toEdgeChanges(edges.changed) },
    },
  };
}

/** The `ApiError` for an answer with status `status` and (parsed JSON, or undefined) body `body`. */
export function errorFromBody(status: number, body: unknown, statusText = ""): ApiError {
  if (isRecord(body) && typeof body.type === "string" && typeof body.detail === "string") {
    const errors = Array.isArray(body.errors)
      ? body.errors.map(toProblem).filter((p): p is Problem => p !== null)
      : [];
    const conflict = status === 409 ? conflictFromBody(body) : null;
    return new ApiError(status, body.type, body.detail, errors, conflict);
  }
  const reason = statusText ? `${status} ${statusText}` : String(status);
  return new ApiError(status, "http_error", `The server answered ${reason}.`);
}

// -- the client ---------------------------------------------------------------------------------------

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

export interface ApiClientOptions {
  /** The fetch to use; by default the global one, looked up at each call. */
  fetch?: typeof fetch;
  /** The cookie string the CSRF token is read from; by default `document.cookie`. */
  cookies?: () => string;
  /** Called once when the session has ended; by default sends the browser to the login page. */
  onNotAuthenticated?: () => void;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** The page editing the design. */
export function editorPath(id: string): string {
  return `/designs/${encodeURIComponent(id)}/`;
}

export function designPath(id: string): string {
  return `/api/designs/${encodeURIComponent(id)}/`;
}

/** A page of the designs in `scope`. */
export function designsListPath(scope: DesignScope = "mine", page = 1): string {
  return `/api/designs/?scope=${encodeURIComponent(scope)}&page=${page}`;
}

/** The teams page, or (with an id) the page showing that team. */
export function teamsPagePath(id?: string): string {
  return id ? `/teams/${encodeURIComponent(id)}/` : "/teams/";
}

export const TEAMS_PATH = "/api/teams/";

export function teamPath(id: string): string {
  return `${TEAMS_PATH}${encodeURIComponent(id)}/`;
}

export function teamMembersPath(teamId: string): string {
  return `${teamPath(teamId)}members/`;
}

export function teamMemberPath(teamId: string, userId: number): string {
  return `${teamMembersPath(teamId)}${encodeURIComponent(String(userId))}/`;
}

/** The design's CloudFormation template (its newest revision), served as an attachment. */
export function templatePath(id: string, format: TemplateFormat = "yaml"): string {
  return `${designPath(id)}cloudformation.${format}`;
}

/** Where a diagram of the design is asked for. */
export function diagramsPath(designId: string): string {
  return `${designPath(designId)}diagrams/`;
}

/** A diagram's status. */
export function diagramPath(id: string): string {
  return `/api/diagrams/${encodeURIComponent(id)}/`;
}

export function createApiClient(options: ApiClientOptions = {}) {
  const doFetch: typeof fetch = (...args) => (options.fetch ?? globalThis.fetch)(...args);
  const cookies = options.cookies ?? (() => document.cookie);
  const onNotAuthenticated = options.onNotAuthenticated ?? (() => window.location.assign(LOGIN_URL));
  let redirected = false;

  async function request<T>(method: string, path: string, { body, signal }: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (!SAFE_METHODS.has(method)) headers["X-CSRFToken"] = csrfToken(cookies());

    let response: Response;
    try {
      response = await doFetch(path, {
        method,
        headers,
        credentials: "same-origin",
        body: body === undefined ? null : JSON.stringify(body),
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted) throw error; // the caller gave up on this request: not a failure to report
      throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
    }

    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }

    if (!response.ok) {
      const error = errorFromBody(response.status, parsed, response.statusText);
      if (error.notAuthenticated && !redirected) {
        redirected = true;
        onNotAuthenticated();
      }
      throw error;
    }
    if (parsed === undefined) {
      throw new ApiError(response.status, "bad_response", "The server's answer could not be read.");
    }
    return parsed as T;
  }

  /** A page of the designs in `scope`: "mine" (the caller's and their teams') or "shared" (shared with them). */
  function listDesigns(scope: DesignScope = "mine", page = 1, signal?: AbortSignal): Promise<Page<DesignSummary>> {
    return request<Page<DesignSummary>>("GET", designsListPath(scope, page), { signal });
  }

  return {
    request,
    me: (signal?: AbortSignal) => request<User>("GET", "/api/me/", { signal }),
    listDesigns,
    /** A new design; with `team`, it belongs to that team (the caller must be a member, else 400 on "team"). */
    createDesign: (design: NewDesign) => request<SavedDesign>("POST", "/api/designs/", { body: design }),
    deleteDesign: (id: string) => request<void>("DELETE", designPath(id)),
    /** A new design from a CloudFormation template's text (YAML or JSON); without a name, the server uses the
     * template's Description. */
    importTemplate: (template: string, name?: string) =>
      request<ImportedDesign>("POST", "/api/designs/import/", { body: name ? { template, name } : { template } }),
    /** Queues a diagram of the design (answered 202, status queued), or finds the one already made with the same
     * revision and options; follow it with `getDiagram`. */
    requestDiagram: (designId: string, diagram: DiagramRequest, signal?: AbortSignal) =>
      request<Diagram>("POST", diagramsPath(designId), { body: diagram, signal }),
    getDiagram: (id: string, signal?: AbortSignal) => request<Diagram>("GET", diagramPath(id), { signal }),
    getDesign: (id: string, signal?: AbortSignal) => request<SavedDesign>("GET", designPath(id), { signal }),
    /** Saves `document` as the design's new revision, made from revision `baseRevision` (the server answers 409,
     * an `ApiError` with `conflict`, when the design's newest revision is another); the answer carries the
     * server's warnings. */
    saveDesign: (id: string, document: unknown, baseRevision: number, message = "", signal?: AbortSignal) =>
      request<SavedDesign>("PUT", designPath(id), { body: { document, message, base_revision: baseRevision }, signal }),
    getPalette: (signal?: AbortSignal) => request<Palette>("GET", "/api/palette/", { signal }),
    // -- the designs page: examples, rename, duplicate
    listExamples: (signal?: AbortSignal) => request<DesignExample[]>("GET", "/api/examples/", { signal }),
    createFromExample: (design: NewDesignFromExample) =>
      request<SavedDesign>("POST", "/api/designs/", { body: design }),
    /** A new revision identical to the newest but for its name; `baseRevision` is the newest the caller knows
     * (409 when another has been saved since). */
    renameDesign: (id: string, name: string, baseRevision: number) =>
      request<SavedDesign>("PATCH", designPath(id), { body: { name, base_revision: baseRevision } }),
    /** A new design (revision 1) from the design's newest document, by default called "Copy of <name>". */
    duplicateDesign: (id: string, name?: string) =>
      request<SavedDesign>("POST", `${designPath(id)}duplicate/`, { body: name ? { name } : {} }),
    /** The document laid out automatically (nothing saved). */
    layoutDocument: (document: unknown, signal?: AbortSignal) =>
      request<{ document: unknown }>("POST", "/api/designs/layout/", { body: { document }, signal }),
    // -- teams
    /** The caller's teams (not paginated). */
    listTeams: (signal?: AbortSignal) => request<TeamSummary[]>("GET", TEAMS_PATH, { signal }),
    /** A new team, whose owner the caller becomes. */
    createTeam: (name: string) => request<Team>("POST", TEAMS_PATH, { body: { name } }),
    getTeam: (id: string, signal?: AbortSignal) => request<Team>("GET", teamPath(id), { signal }),
    /** Owners and admins only (403 for a member). */
    renameTeam: (id: string, name: string) => request<Team>("PATCH", teamPath(id), { body: { name } }),
    /** Owners only; 409 (type "conflict") while the team still owns designs. */
    deleteTeam: (id: string) => request<void>("DELETE", teamPath(id)),
    /** Adds the user with this username or email (400 on "user" when there is none, or they are a member already).
     * Owners and admins only; only owners add owners. */
    addTeamMember: (teamId: string, user: string, role: TeamRole = "member") =>
      request<TeamMember>("POST", teamMembersPath(teamId), { body: { user, role } }),
    setTeamMemberRole: (teamId: string, userId: number, role: TeamRole) =>
      request<TeamMember>("PATCH", teamMemberPath(teamId, userId), { body: { role } }),
    /** Removes a member; with the caller's own id, leaves the team (the last owner cannot). */
    removeTeamMember: (teamId: string, userId: number) => request<void>("DELETE", teamMemberPath(teamId, userId)),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The client the app uses: the browser's fetch, cookies and location. */
export const api: ApiClient = createApiClient();

// -- estimates and revisions (the editor's cost and history panels) ----------------------------------

export type EstimateStatus = "pending" | "running" | "done" | "failed";

/** One priced line of an estimate (designer/pricing/estimate.py CostLine); amounts are decimal strings in USD. */
export interface CostLine {
  node: string | null;
  edge: string | null;
  service: string;
  name: string;
  quantity: string;
  unit: string;
  unit_price: string;
  monthly_cost: string;
  upfront_monthly: string;
  sku: string;
  price_date: string;
  term: string;
  note: string;
}

export interface UnpricedItem {
  node: string | null;
  edge: string | null;
  what: string;
  reason: string;
}

export interface Assumption {
  node: string | null;
  field: string;
  label: string;
  value: unknown;
  unit: string;
  /** The catalog's default, not a figure the author gave. */
  default: boolean;
}

/** A finished estimate (`Estimate.as_dict()`, docs/pricing.md "The estimate"); money is decimal strings, in USD. */
export interface EstimateResult {
  currency: string;
  total_monthly: string;
  total_yearly: string;
  recurring_monthly: string;
  upfront_monthly: string;
  settings: { pricing_model: string; hours_per_month: string; spot_discount: string };
  /** Per node id, per service, per edge id: the server's sums of the lines (upfront fees spread monthly). */
  by_node: Record<string, string>;
  by_service: Record<string, string>;
  by_connection: Record<string, string>;
  lines: CostLine[];
  unpriced: UnpricedItem[];
  /** Nodes AWS does not charge for, and why. */
  free: Record<string, string>;
  notes: Record<string, string[]>;
  assumptions: Assumption[];
  /** "<service> <region>" -> the publication date of its prices. */
  price_data: Record<string, string>;
  /** The oldest of `price_data`'s dates ("" when nothing was priced). */
  oldest_price_date: string;
  missing_regions: string[];
}

/** An estimate being computed by a worker, or computed (api/serializers.py EstimateSerializer). */
export interface Estimate {
  id: string;
  url: string;
  csv_url: string;
  json_url: string;
  design: string;
  revision: number;
  status: EstimateStatus;
  settings: Record<string, unknown>;
  price_version: string;
  /** Once `status` is done. */
  result: EstimateResult | null;
  /** Why it failed (status failed). */
  error: string;
  created_at: string;
  finished_at: string | null;
}

/** What to estimate: a revision (the newest when left out), optionally under another pricing model. */
export interface EstimateRequest {
  revision?: number;
  pricing_model?: string;
  spot_discount_percent?: number;
}

/** A saved revision with its document. */
export interface Revision extends RevisionSummary {
  document: unknown;
}

export function estimatePath(id: string): string {
  return `/api/estimates/${encodeURIComponent(id)}/`;
}

/** An estimate's lines as a CSV attachment (once done). */
export function estimateCsvPath(id: string): string {
  return `${estimatePath(id)}csv/`;
}

export function revisionsPath(designId: string): string {
  return `${designPath(designId)}revisions/`;
}

export function revisionPath(designId: string, number: number): string {
  return `${revisionsPath(designId)}${number}/`;
}

/** One revision's CloudFormation template, served as an attachment. */
export function revisionTemplatePath(designId: string, number: number, format: TemplateFormat = "yaml"): string {
  return `${revisionsPath(designId)}${number}/cloudformation.${format}`;
}

type Requester = Pick<ApiClient, "request">;

/** Queues the estimate of a revision (answered 202), or finds the one made already; follow it with `getEstimate`. */
export function requestEstimate(client: Requester, designId: string, body: EstimateRequest = {}, signal?: AbortSignal) {
  return client.request<Estimate>("POST", `${designPath(designId)}estimates/`, { body, signal });
}

export function getEstimate(client: Requester, id: string, signal?: AbortSignal) {
  return client.request<Estimate>("GET", estimatePath(id), { signal });
}

/** A page of the design's revisions, newest first. */
export function listRevisions(client: Requester, designId: string, page = 1, signal?: AbortSignal) {
  return client.request<Page<RevisionSummary>>("GET", `${revisionsPath(designId)}?page=${page}`, { signal });
}

export function getRevision(client: Requester, designId: string, number: number, signal?: AbortSignal) {
  return client.request<Revision>("GET", revisionPath(designId, number), { signal });
}

// -- the editor's inspector and problems (appended block) ---------------------------------------------

/** An EC2 instance type with its size and hourly on-demand Linux price, where the region's price data has them
 * (GET /api/prices/instance-types/, api/serializers.py InstanceTypeSerializer). */
export interface InstanceType {
  instance_type: string;
  vcpu: number | null;
  /** GiB, as a decimal string ("0.5", "16"). */
  memory_gib: string | null;
  /** USD an hour, as a decimal string: money is never a float. */
  hourly_usd: string | null;
}

/** What a save of a document would find (POST /api/designs/validate/): errors block a save, warnings do not. */
export interface ValidationResult {
  valid: boolean;
  problems: Problem[];
}

/** The instance types priced in `region` (a region code; the server's default is us-east-1). */
export function getInstanceTypes(client: ApiClient, region: string, signal?: AbortSignal): Promise<InstanceType[]> {
  return client.request<InstanceType[]>("GET", `/api/prices/instance-types/?region=${encodeURIComponent(region)}`, { signal });
}

/** The problems a save of `document` would report, without saving it. */
export function validateDocument(client: ApiClient, document: unknown, signal?: AbortSignal): Promise<ValidationResult> {
  return client.request<ValidationResult>("POST", "/api/designs/validate/", { body: { document }, signal });
}

/** The JSON Schema of a design document (GET /api/schema/design/): the settings' and the edges' usage fields. */
export function getDesignSchema(client: ApiClient, signal?: AbortSignal): Promise<import("./editor/types").JsonSchema> {
  return client.request<import("./editor/types").JsonSchema>("GET", "/api/schema/design/", { signal });
}

// -- blueprints (the designs page's new design dialog) -----------------------------------------------

/** How a blueprint's parameter is entered (designer/blueprints/spec.py Param). */
export type BlueprintParamType = "integer" | "choice" | "boolean" | "cidr" | "string";

/** One parameter of a blueprint. For an `integer`, `minimum` and `maximum` bound the value; for a `cidr`, its prefix
 * length. A `choice` takes one of `options`; a `string` must match `pattern` (a Python regular expression, checked by
 * the server) when there is one. */
export interface BlueprintParam {
  name: string;
  label: string;
  type: BlueprintParamType;
  default: unknown;
  help: string;
  options?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

/** A parameterised starting point (GET /api/blueprints/); `name` is what a create sends as `blueprint`. */
export interface Blueprint {
  name: string;
  title: string;
  description: string;
  parameters: BlueprintParam[];
}

/** A new design built by a blueprint from `params` (each parameter left out takes its default). A bad parameter is a
 * 400 on the field "params.<name>"; an unknown blueprint, a 400 on "blueprint". */
export interface NewDesignFromBlueprint {
  blueprint: string;
  params: Record<string, unknown>;
  name?: string;
  /** The team (its id) the design belongs to; left out, the design is the caller's own. */
  team?: string;
}

export const BLUEPRINTS_PATH = "/api/blueprints/";

const PARAM_TYPES: readonly BlueprintParamType[] = ["integer", "choice", "boolean", "cidr", "string"];

function toBlueprintParam(value: unknown): BlueprintParam | null {
  if (!isRecord(value) || typeof value.name !== "string") return null;
  const type = PARAM_TYPES.find((t) => t === value.type) ?? "string";
  const options = Array.isArray(value.options) ? value.options.filter((o): o is string => typeof o === "string") : [];
  return {
    name: value.name,
    label: typeof value.label === "string" && value.label ? value.label : value.name,
    type: type === "choice" && options.length === 0 ? "string" : type,
    default: value.default,
    help: typeof value.help === "string" ? value.help : "",
    ...(options.length > 0 ? { options } : {}),
    ...(typeof value.minimum === "number" ? { minimum: value.minimum } : {}),
    ...(typeof value.maximum === "number" ? { maximum: value.maximum } : {}),
    ...(typeof value.pattern === "string" ? { pattern: value.pattern } : {}),
  };
}

/** The blueprints in an answer that can be read, in the server's order; their parameters come as `parameters` (or
 * `params`, as the blueprint describes itself). */
export function blueprintsFrom(value: unknown): Blueprint[] {
  return records(value).flatMap((b) => {
    if (typeof b.name !== "string") return [];
    const parameters = records(b.parameters ?? b.params)
      .map(toBlueprintParam)
      .filter((p): p is BlueprintParam => p !== null);
    return [
      {
        name: b.name,
        title: typeof b.title === "string" && b.title ? b.title : b.name,
        description: typeof b.description === "string" ? b.description : "",
        parameters,
      },
    ];
  });
}

/** The blueprints a new design may be built from. */
export async function listBlueprints(client: Requester, signal?: AbortSignal): Promise<Blueprint[]> {
  return blueprintsFrom(await client.request<unknown>("GET", BLUEPRINTS_PATH, { signal }));
}

/** A new design built by a blueprint (201, the saved design). */
export function createFromBlueprint(client: Requester, design: NewDesignFromBlueprint): Promise<SavedDesign> {
  return client.request<SavedDesign>("POST", "/api/designs/", { body: design });
}
