/**
 * An in-memory stand-in for the designer's REST API, as a `fetch` for component tests: it keeps designs, pages
 * them newest first, creates (blank or from an example), imports, renames, duplicates and deletes them, answers
 * errors in the API's format, and records every request. It also keeps the designs shared with the user (the
 * "shared" scope of the list) and the user's teams with their members.
 */

import { vi } from "vitest";

import type {
  DesignExample,
  DesignSummary,
  ImportReport,
  ImportedDesign,
  Page,
  Problem,
  SavedDesign,
  Team,
  TeamMember,
  TeamRole,
  TeamSummary,
  User,
} from "../api";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeApiOptions {
  user?: User;
  designs?: DesignSummary[];
  pageSize?: number;
  /** What an import answers (by default: 3 resources became 2 components and 1 connection). */
  importReport?: ImportReport;
  /** The example designs GET /api/examples/ lists (by default `EXAMPLES`). */
  examples?: DesignExample[];
  /** The designs shared with the user (GET /api/designs/?scope=shared), newest first. */
  sharedDesigns?: DesignSummary[];
  /** The user's teams, with their members (see `makeTeam`). */
  teams?: Team[];
  /** The other users the server knows, who can be added to a team by username or email. */
  users?: User[];
}

export const ALICE: User = { id: 1, username: "alice", email: "alice@example.com" };

export const EXAMPLES: DesignExample[] = [
  {
    slug: "hybrid-connectivity",
    name: "Hybrid connectivity",
    description: "An on-premises data center reaches two VPCs through a Transit Gateway.",
    region: "us-east-1",
    node_count: 22,
  },
  {
    slug: "serverless-event-driven",
    name: "Serverless event-driven app",
    description: "An order API on API Gateway and Lambda with DynamoDB.",
    region: "eu-west-1",
    node_count: 14,
  },
];

interface CannedError {
  method: string;
  path: string;
  status: number;
  body: { type: string; detail: string; errors: Problem[] };
}

let sequence = 0;

export function problem(message: string, field: string | null = null, code = "invalid"): Problem {
  return { code, message, path: field ? `$.${field}` : "$", node: null, edge: null, field, severity: "error" };
}

export function makeDesign(overrides: Partial<DesignSummary> = {}): DesignSummary {
  sequence += 1;
  const id = overrides.id ?? `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`;
  const at = overrides.updated_at ?? "2025-03-01T12:00:00Z";
  return {
    id,
    url: `http://testserver/api/designs/${id}/`,
    name: `Design ${sequence}`,
    region: "us-east-1",
    owner: "alice",
    team: null,
    role: "owner",
    node_count: 0,
    edge_count: 0,
    revision: {
      number: 1,
      author: "alice",
      message: "",
      created_at: at,
      sha256: "0".repeat(64),
      format_version: 1,
    },
    created_at: at,
    updated_at: at,
    ...overrides,
  };
}

let teamSequence = 0;

export function member(user: User, role: TeamRole = "member", added_at = "2025-02-01T09:00:00Z"): TeamMember {
  return { user, role, added_at };
}

/** A team whose members are `members` (by default, only alice as its owner); `role` and `member_count` are worked
 * out from them by the fake server for whoever is logged in. */
export function makeTeam(overrides: Partial<Omit<Team, "role" | "member_count">> = {}): Team {
  teamSequence += 1;
  const members = overrides.members ?? [member(ALICE, "owner")];
  return {
    id: overrides.id ?? `10000000-0000-4000-8000-${String(teamSequence).padStart(12, "0")}`,
    name: overrides.name ?? `Team ${teamSequence}`,
    created_at: overrides.created_at ?? "2025-02-01T09:00:00Z",
    members,
    role: members[0]?.role ?? "member",
    member_count: members.length,
  };
}

const ROLE_ORDER: Record<TeamRole, number> = { owner: 0, admin: 1, member: 2 };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

export function createFakeApi(options: FakeApiOptions = {}) {
  const user: User = options.user ?? ALICE;
  const pageSize = options.pageSize ?? 25;
  /** Newest first, as the API orders them. */
  const designs: DesignSummary[] = [...(options.designs ?? [])];
  /** Newest first too. */
  const sharedDesigns: DesignSummary[] = [...(options.sharedDesigns ?? [])];
  const teams: Team[] = (options.teams ?? []).map((team) => ({ ...team, members: [...team.members] }));
  const users: User[] = [user, ...(options.users ?? [])];
  const requests: RecordedRequest[] = [];
  const cannedErrors: CannedError[] = [];
  let clock = Date.parse("2025-03-01T12:00:00Z");

  function listPage(page: number, list: DesignSummary[] = designs, scope: string | null = null): Response {
    const pages = Math.max(1, Math.ceil(list.length / pageSize));
    if (!Number.isInteger(page) || page < 1 || page > pages) {
      return json(404, { type: "not_found", detail: "Invalid page.", errors: [] });
    }
    const link = (n: number) => `http://testserver/api/designs/?${scope === null ? "" : `scope=${scope}&`}page=${n}`;
    const body: Page<DesignSummary> = {
      count: list.length,
      next: page < pages ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results: list.slice((page - 1) * pageSize, page * pageSize),
    };
    return json(200, body);
  }

  function listScope(params: URLSearchParams): Response {
    const page = Number(params.get("page") ?? "1");
    const scope = params.get("scope");
    if (scope === null) return listPage(page);
    if (scope === "mine") return listPage(page, designs, scope);
    if (scope === "shared") return listPage(page, sharedDesigns, scope);
    const message = `"${scope}" is not a valid choice.`;
    return json(400, { type: "invalid_request", detail: message, errors: [problem(message, "scope", "invalid_choice")] });
  }

  // -- teams

  const notFound = () => json(404, { type: "not_found", detail: "Not found.", errors: [] });
  const forbidden = (detail = "You do not have permission to perform this action.") =>
    json(403, { type: "permission_denied", detail, errors: [] });
  const invalid = (field: string, message: string, code = "invalid") =>
    json(400, { type: "invalid_request", detail: message, errors: [problem(message, field, code)] });

  /** The team `id` as the logged-in user sees it: null when they are not one of its members. */
  function teamOf(id: string): Team | null {
    const team = teams.find((t) => t.id === id);
    return team && team.members.some((m) => m.user.id === user.id) ? team : null;
  }

  function roleIn(team: Team): TeamRole {
    return team.members.find((m) => m.user.id === user.id)?.role ?? "member";
  }

  function summaryOf(team: Team): TeamSummary {
    return { id: team.id, name: team.name, role: roleIn(team), member_count: team.members.length, created_at: team.created_at };
  }

  function detailOf(team: Team): Team {
    const members = [...team.members].sort(
      (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.user.username.localeCompare(b.user.username),
    );
    return { ...summaryOf(team), members };
  }

  function isRole(value: unknown): value is TeamRole {
    return value === "owner" || value === "admin" || value === "member";
  }

  function createTeam(body: unknown): Response {
    const data = (body ?? {}) as { name?: unknown };
    const name = typeof data.name === "string" ? data.name.trim() : "";
    if (!name) return invalid("name", "This field may not be blank.", "blank");
    clock += 60_000;
    const team = makeTeam({ name, created_at: new Date(clock).toISOString(), members: [member(user, "owner", new Date(clock).toISOString())] });
    teams.push(team);
    return json(201, detailOf(team));
  }

  function teamRequest(id: string, method: string, body: unknown): Response {
    const team = teamOf(id);
    if (!team) return notFound();
    const role = roleIn(team);
    if (method === "GET") return json(200, detailOf(team));
    if (method === "PATCH") {
      if (role === "member") return forbidden();
      const data = (body ?? {}) as { name?: unknown };
      const name = typeof data.name === "string" ? data.name.trim() : "";
      if (!name) return invalid("name", "This field may not be blank.", "blank");
      team.name = name;
      return json(200, detailOf(team));
    }
    if (method === "DELETE") {
      if (role !== "owner") return forbidden();
      const owned = designs.filter((d) => d.team?.id === team.id).length;
      if (owned > 0) {
        const detail = `The team still owns ${owned} ${owned === 1 ? "design" : "designs"}: move or delete ${owned === 1 ? "it" : "them"} first.`;
        return json(409, { type: "conflict", detail, errors: [] });
      }
      teams.splice(teams.indexOf(team), 1);
      return new Response(null, { status: 204 });
    }
    return notFound();
  }

  function addMember(teamId: string, body: unknown): Response {
    const team = teamOf(teamId);
    if (!team) return notFound();
    const callerRole = roleIn(team);
    if (callerRole === "member") return forbidden();
    const data = (body ?? {}) as { user?: unknown; role?: unknown };
    const who = typeof data.user === "string" ? data.user.trim() : "";
    if (!who) return invalid("user", "This field may not be blank.", "blank");
    const role = data.role === undefined ? "member" : data.role;
    if (!isRole(role)) return invalid("role", `"${String(role)}" is not a valid choice.`, "invalid_choice");
    if (role === "owner" && callerRole !== "owner") return forbidden("Only the team's owners can add owners.");
    const found = users.find((u) => u.username === who || (u.email !== "" && u.email.toLowerCase() === who.toLowerCase()));
    if (!found) return invalid("user", `No user has the username or email '${who}'.`, "not_found");
    if (team.members.some((m) => m.user.id === found.id)) {
      return invalid("user", `${found.username} is already a member of this team.`, "unique");
    }
    clock += 60_000;
    const added = member(found, role, new Date(clock).toISOString());
    team.members.push(added);
    return json(201, added);
  }

  function memberRequest(teamId: string, userId: number, method: string, body: unknown): Response {
    const team = teamOf(teamId);
    if (!team) return notFound();
    const target = team.members.find((m) => m.user.id === userId);
    if (!target) return notFound();
    const callerRole = roleIn(team);
    const self = userId === user.id;
    const owners = team.members.filter((m) => m.role === "owner").length;
    if (method === "DELETE") {
      if (!self && (callerRole === "member" || (target.role === "owner" && callerRole !== "owner"))) return forbidden();
      if (target.role === "owner" && owners === 1) {
        return json(409, { type: "conflict", detail: "The team's last owner cannot leave it: make someone else an owner first, or delete the team.", errors: [] });
      }
      team.members.splice(team.members.indexOf(target), 1);
      return new Response(null, { status: 204 });
    }
    if (method === "PATCH") {
      const data = (body ?? {}) as { role?: unknown };
      if (!isRole(data.role)) return invalid("role", `"${String(data.role)}" is not a valid choice.`, "invalid_choice");
      if (callerRole === "member") return forbidden();
      if ((target.role === "owner" || data.role === "owner") && callerRole !== "owner") return forbidden();
      if (target.role === "owner" && data.role !== "owner" && owners === 1) {
        return invalid("role", "The team's last owner cannot be demoted: make someone else an owner first.");
      }
      const changed = { ...target, role: data.role };
      team.members[team.members.indexOf(target)] = changed;
      return json(200, changed);
    }
    return notFound();
  }

  /** The team a new design is to belong to, or the 400 answer when the user is not in it. */
  function teamField(value: unknown): { team: { id: string; name: string } | null } | Response {
    if (value === undefined || value === null) return { team: null };
    const team = typeof value === "string" ? teamOf(value) : null;
    if (!team) return invalid("team", "You are not a member of this team.");
    return { team: { id: team.id, name: team.name } };
  }

  const examples = options.examples ?? EXAMPLES;

  function added(fields: Partial<DesignSummary>): SavedDesign {
    clock += 60_000;
    const at = new Date(clock).toISOString();
    const design = makeDesign({ ...fields, created_at: at, updated_at: at });
    designs.unshift(design);
    return { ...design, document: { nodes: [], edges: [] }, warnings: [] };
  }

  function fromExample(data: { example?: unknown; name?: unknown; region?: unknown; team?: unknown }): Response {
    const owning = teamField(data.team);
    if (owning instanceof Response) return owning;
    const example = examples.find((e) => e.slug === data.example);
    if (!example) {
      const message = `There is no example "${String(data.example)}".`;
      return json(400, { type: "invalid_request", detail: message, errors: [problem(message, "example", "invalid_choice")] });
    }
    const name = typeof data.name === "string" && data.name.trim() ? data.name.trim() : example.name;
    const region = typeof data.region === "string" ? data.region : example.region;
    const ownership = owning.team ? { team: owning.team, owner: null } : {};
    return json(201, added({ name, region, node_count: example.node_count, ...ownership }));
  }

  function rename(id: string, body: unknown): Response {
    const list = designs.some((d) => d.id === id) ? designs : sharedDesigns;
    const design = list.find((d) => d.id === id);
    if (!design) return json(404, { type: "not_found", detail: "Not found.", errors: [] });
    if (design.role === "viewer") return forbidden("You can view this design but not change it.");
    const data = (body ?? {}) as { name?: unknown; base_revision?: unknown };
    if (typeof data.base_revision !== "number") {
      return json(400, { type: "invalid_request", detail: "This field is required.", errors: [problem("This field is required.", "base_revision", "required")] });
    }
    const name = typeof data.name === "string" ? data.name.trim() : "";
    if (!name) return json(400, { type: "invalid_request", detail: "This field may not be blank.", errors: [problem("This field may not be blank.", "name", "blank")] });
    clock += 60_000;
    const at = new Date(clock).toISOString();
    const number = (design.revision?.number ?? 0) + 1;
    const renamed: DesignSummary = {
      ...design,
      name,
      updated_at: at,
      revision: { number, author: user.username, message: `Renamed to ${name}`, created_at: at, sha256: "1".repeat(64), format_version: 1 },
    };
    // Newest first: a renamed design moves to the top.
    list.splice(list.indexOf(design), 1);
    list.unshift(renamed);
    return json(200, { ...renamed, document: { nodes: [], edges: [] }, warnings: [] });
  }

  function duplicate(id: string, body: unknown): Response {
    const design = designs.find((d) => d.id === id) ?? sharedDesigns.find((d) => d.id === id);
    if (!design) return json(404, { type: "not_found", detail: "Not found.", errors: [] });
    const data = (body ?? {}) as { name?: unknown };
    const name = typeof data.name === "string" && data.name.trim() ? data.name.trim() : `Copy of ${design.name}`;
    const { region, node_count, edge_count } = design;
    return json(201, added({ name, region, node_count, edge_count }));
  }

  function create(body: unknown): Response {
    const data = (body ?? {}) as { name?: unknown; region?: unknown; example?: unknown; team?: unknown };
    if (data.example !== undefined) return fromExample(data);
    const name = typeof data.name === "string" ? data.name.trim() : "";
    if (!name) return json(400, { type: "invalid_request", detail: "This field may not be blank.", errors: [problem("This field may not be blank.", "name", "blank")] });
    const owning = teamField(data.team);
    if (owning instanceof Response) return owning;
    const ownership = owning.team ? { team: owning.team, owner: null } : {};
    clock += 60_000;
    const at = new Date(clock).toISOString();
    const design = makeDesign({ name, region: String(data.region ?? "us-east-1"), created_at: at, updated_at: at, ...ownership });
    designs.unshift(design);
    const saved: SavedDesign = { ...design, document: { nodes: [], edges: [] }, warnings: [] };
    return json(201, saved);
  }

  function importTemplate(body: unknown): Response {
    const data = (body ?? {}) as { template?: unknown; name?: unknown };
    if (typeof data.template !== "string" || !data.template) {
      return json(400, { type: "invalid_request", detail: "This field may not be blank.", errors: [problem("This field may not be blank.", "template", "blank")] });
    }
    const report: ImportReport = options.importReport ?? {
      resources: 3,
      nodes: 2,
      edges: 1,
      kept_inside_nodes: 1,
      generic_nodes: [],
      not_understood: [],
    };
    clock += 60_000;
    const at = new Date(clock).toISOString();
    const name = typeof data.name === "string" && data.name.trim() ? data.name.trim() : "Imported template";
    const counts = { node_count: report.nodes, edge_count: report.edges };
    const design = makeDesign({ name, ...counts, created_at: at, updated_at: at });
    designs.unshift(design);
    const imported: ImportedDesign = { ...design, document: { nodes: [], edges: [] }, warnings: [], report };
    return json(201, imported);
  }

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), "http://testserver");
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method, url: url.pathname + url.search, headers: headersOf(init), body });

    // A canned path with a query string is for that query only; one without, for any query.
    const cannedIndex = cannedErrors.findIndex(
      (c) => c.method === method && (c.path === url.pathname || c.path === url.pathname + url.search),
    );
    if (cannedIndex !== -1) {
      const [canned] = cannedErrors.splice(cannedIndex, 1);
      if (canned) return json(canned.status, canned.body);
    }

    if (url.pathname === "/api/me/" && method === "GET") return json(200, user);
    if (url.pathname === "/api/designs/" && method === "GET") return listScope(url.searchParams);
    if (url.pathname === "/api/designs/" && method === "POST") return create(body);
    if (url.pathname === "/api/designs/import/" && method === "POST") return importTemplate(body);
    if (url.pathname === "/api/examples/" && method === "GET") return json(200, examples);
    if (url.pathname === "/api/teams/" && method === "GET") return json(200, teams.filter((t) => teamOf(t.id)).map(summaryOf));
    if (url.pathname === "/api/teams/" && method === "POST") return createTeam(body);
    const teamMemberOf = /^\/api\/teams\/([^/]+)\/members\/([^/]+)\/$/.exec(url.pathname);
    if (teamMemberOf) {
      return memberRequest(decodeURIComponent(teamMemberOf[1] ?? ""), Number(decodeURIComponent(teamMemberOf[2] ?? "")), method, body);
    }
    const teamMembersOf = /^\/api\/teams\/([^/]+)\/members\/$/.exec(url.pathname);
    if (teamMembersOf && method === "POST") return addMember(decodeURIComponent(teamMembersOf[1] ?? ""), body);
    const teamDetail = /^\/api\/teams\/([^/]+)\/$/.exec(url.pathname);
    if (teamDetail) return teamRequest(decodeURIComponent(teamDetail[1] ?? ""), method, body);
    const duplicateOf = /^\/api\/designs\/([^/]+)\/duplicate\/$/.exec(url.pathname);
    if (duplicateOf && method === "POST") return duplicate(decodeURIComponent(duplicateOf[1] ?? ""), body);
    const detail = /^\/api\/designs\/([^/]+)\/$/.exec(url.pathname);
    if (detail && method === "PATCH") return rename(decodeURIComponent(detail[1] ?? ""), body);
    if (detail && method === "DELETE") {
      const index = designs.findIndex((d) => d.id === decodeURIComponent(detail[1] ?? ""));
      if (index === -1) return json(404, { type: "not_found", detail: "Not found.", errors: [] });
      designs.splice(index, 1);
      return new Response(null, { status: 204 });
    }
    return json(404, { type: "not_found", detail: "Not found.", errors: [] });
  });

  return {
    fetch,
    designs,
    sharedDesigns,
    teams,
    requests,
    /** The requests with this method (and, optionally, path prefix). */
    requestsTo(method: string, pathPrefix = "/api/"): RecordedRequest[] {
      return requests.filter((r) => r.method === method && r.url.startsWith(pathPrefix));
    },
    /** Answers the next `method` request to `path` with this error, in the API's format. */
    failNext(method: string, path: string, status: number, type: string, detail: string, errors: Problem[] = []): void {
      cannedErrors.push({ method, path, status, body: { type, detail, errors } });
    },
  };
}

export type FakeApi = ReturnType<typeof createFakeApi>;
