/**
 * For the tests of sharing: an in-memory stand-in for the API a whole editor page uses (the design, the palette, the
 * schema, validation, estimates, revisions, comments, presence) and for the sharing API (shares, links, the share
 * log, transfer, teams, share links' targets), as a `fetch` that records every request.
 */

import { vi } from "vitest";

import designSchema from "../../../docs/design.schema.json";
import type { DesignRole, Problem, TeamRef, User } from "../api";
import type { TeamSummary } from "../api";
import type { Share, ShareLink, ShareLogEntry } from "../editor/sharingApi";
import { EXAMPLES, PALETTE } from "./editor";
import { estimateResult, revisionSummary } from "./outputPanels";

export const SHARED_DESIGN = "5b1e7c2a-9d4f-4e3a-8c21-0f9e8d7c6b5a";
export const PLATFORM: TeamRef = { id: "6c2f8d3b-0e5a-4f4b-9d32-1a0f9e8d7c6b", name: "Platform" };
export const NOW = "2025-03-01T12:00:00Z";

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

export interface SharingServerOptions {
  /** The caller's role on the design (default "owner"). */
  role?: DesignRole;
  team?: TeamRef | null;
  /** Who /api/me/ says is signed in; null: nobody (401). */
  user?: User | null;
  shares?: Share[];
  links?: ShareLink[];
  /** Newest first. */
  log?: ShareLogEntry[];
  teams?: TeamSummary[];
  /** The share links' tokens that open the design. */
  tokens?: string[];
  /** People a share can name (by username or email). */
  people?: User[];
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function failure(status: number, type: string, detail: string, errors: Problem[] = []): Response {
  return json(status, { type, detail, errors });
}

export function fieldProblem(field: string, message: string): Problem {
  return { code: "invalid", message, path: `$.${field}`, node: null, edge: null, field, severity: "error" };
}

const PEOPLE: User[] = [
  { id: 2, username: "bob", email: "bob@example.com" },
  { id: 3, username: "carol", email: "carol@example.com" },
];

export function team(overrides: Partial<TeamSummary> = {}): TeamSummary {
  return { id: PLATFORM.id, name: PLATFORM.name, role: "owner", member_count: 3, created_at: NOW, ...overrides };
}

export function shareWith(username: string, overrides: Partial<Share> = {}): Share {
  return {
    id: `share-${username}`,
    user: PEOPLE.find((p) => p.username === username) ?? { id: 100 + username.length, username, email: `${username}@example.com` },
    team: null,
    role: "viewer",
    created_by: "alice",
    created_at: NOW,
    ...overrides,
  };
}

export function link(id: string, overrides: Partial<ShareLink> = {}): ShareLink {
  return {
    id,
    created_by: "alice",
    created_at: NOW,
    expires_at: null,
    revoked_at: null,
    active: true,
    last_used_at: null,
    ...overrides,
  };
}

export function logEntry(id: number, summary: string, overrides: Partial<ShareLogEntry> = {}): ShareLogEntry {
  return { id, action: "shared", actor: "alice", subject: "bob", role: "viewer", created_at: NOW, summary, ...overrides };
}

export function sharingServer(options: SharingServerOptions = {}) {
  const requests: Recorded[] = [];
  const role = options.role ?? "owner";
  const user = options.user === undefined ? { id: 1, username: "alice", email: "alice@example.com" } : options.user;
  const people = options.people ?? PEOPLE;
  const teams = options.teams ?? [team()];
  const tokens = new Set(options.tokens ?? []);
  const state = {
    team: options.team ?? null,
    shares: [...(options.shares ?? [])],
    links: [...(options.links ?? [])],
    log: [...(options.log ?? [])],
  };
  const canned: { method: string; path: string; response: () => Response }[] = [];
  let made = 0;
  let linksMade = 0;
  const document = EXAMPLES["three-tier-web-app"]!;
  const base = `/api/designs/${SHARED_DESIGN}/`;

  const design = () => ({
    id: SHARED_DESIGN,
    url: `http://testserver${base}`,
    name: document.name,
    region: document.region,
    owner: state.team ? null : "alice",
    team: state.team,
    role,
    node_count: document.nodes.length,
    edge_count: document.edges.length,
    revision: revisionSummary(3),
    created_at: NOW,
    updated_at: NOW,
    document,
    warnings: [],
  });

  const logged = (summary: string, action: ShareLogEntry["action"]) => {
    made += 1;
    state.log.unshift(logEntry(1000 + made, summary, { action, created_at: new Date(Date.parse(NOW) + made * 60_000).toISOString() }));
  };

  const owner = () => role === "owner";
  const forbidden = () => failure(403, "permission_denied", "Only the design's owners can manage its sharing.");

  function shares(method: string, rest: string, body: Record<string, unknown>): Response {
    if (!owner()) return forbidden();
    if (rest === "" && method === "GET") return json(200, state.shares);
    if (rest === "" && method === "POST") {
      const shareRole = body.role === "editor" ? "editor" : "viewer";
      let who: Pick<Share, "user" | "team">;
      if (typeof body.team === "string") {
        const found = teams.find((t) => t.id === body.team);
        if (!found) return failure(400, "invalid_request", "No such team.", [fieldProblem("team", "No such team.")]);
        who = { user: null, team: { id: found.id, name: found.name } };
      } else {
        const name = String(body.user ?? "");
        const found = people.find((p) => p.username === name || p.email === name);
        if (!found) {
          const message = `No user has the username or email '${name}'.`;
          return failure(400, "invalid_request", message, [fieldProblem("user", message)]);
        }
        who = { user: found, team: null };
      }
      const existing = state.shares.find((s) => (who.user ? s.user?.id === who.user.id : s.team?.id === who.team?.id));
      if (existing) {
        existing.role = shareRole;
        return json(200, existing);
      }
      const share: Share = { id: `share-${state.shares.length + 1}-${made}`, ...who, role: shareRole, created_by: "alice", created_at: NOW };
      state.shares.push(share);
      logged(`alice shared it with ${who.user?.username ?? `team ${who.team?.name}`} as ${shareRole}.`, "shared");
      return json(201, share);
    }
    const share = state.shares.find((s) => `${String(s.id)}/` === rest);
    if (!share) return failure(404, "not_found", "Not found.");
    if (method === "PATCH") {
      share.role = body.role === "editor" ? "editor" : "viewer";
      logged(`alice made ${share.user?.username ?? share.team?.name} ${share.role}.`, "role_changed");
      return json(200, share);
    }
    if (method === "DELETE") {
      state.shares = state.shares.filter((s) => s !== share);
      logged(`alice stopped sharing it with ${share.user?.username ?? share.team?.name}.`, "unshared");
      return new Response(null, { status: 204 });
    }
    return failure(405, "method_not_allowed", "Not allowed.");
  }

  function links(method: string, rest: string, body: Record<string, unknown>): Response {
    if (!owner()) return forbidden();
    if (rest === "" && method === "GET") return json(200, state.links);
    if (rest === "" && method === "POST") {
      const expires = body.expires_at ?? null;
      if (expires !== null && (typeof expires !== "string" || Date.parse(expires) <= Date.now())) {
        const message = "The expiry must be in the future.";
        return failure(400, "invalid_request", message, [fieldProblem("expires_at", message)]);
      }
      linksMade += 1;
      const at = new Date(Date.parse(NOW) + linksMade * 60_000).toISOString();
      const created = link(`link-${linksMade}`, { created_at: at, expires_at: expires as string | null });
      state.links.push(created);
      logged("alice created a share link.", "link_created");
      const token = `tok_${linksMade}-secret`;
      tokens.add(token);
      return json(201, { ...created, token, url: `https://designer.example.com/s/${token}/` });
    }
    const found = state.links.find((l) => `${String(l.id)}/` === rest);
    if (!found) return failure(404, "not_found", "Not found.");
    if (method === "DELETE") {
      found.revoked_at = "2025-03-01T13:00:00Z";
      found.active = false;
      logged("alice revoked a share link.", "link_revoked");
      return new Response(null, { status: 204 });
    }
    return failure(405, "method_not_allowed", "Not allowed.");
  }

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), "http://testserver");
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const path = url.pathname;
    requests.push({ method, path: path + url.search, body: init?.body === undefined || init.body === null ? undefined : body });

    const cannedAt = canned.findIndex((c) => c.method === method && c.path === path);
    if (cannedAt !== -1) return canned.splice(cannedAt, 1)[0]!.response();

    if (path === "/api/me/") return user ? json(200, user) : failure(401, "not_authenticated", "Sign in to go on.");
    if (path === "/api/palette/") return json(200, PALETTE);
    if (path === "/api/schema/design/") return json(200, designSchema);
    if (path === "/api/prices/instance-types/") return json(200, []);
    if (path === "/api/designs/validate/") return json(200, { valid: true, problems: [] });
    if (path === "/api/teams/" && method === "GET") return json(200, teams);
    const shared = /^\/api\/shared\/([^/]+)\/$/.exec(path);
    if (shared && method === "GET") {
      return tokens.has(decodeURIComponent(shared[1]!))
        ? json(200, { design: SHARED_DESIGN, name: document.name, expires_at: null })
        : failure(404, "not_found", "Not found.");
    }
    if (/^\/api\/estimates\/[^/]+\/$/.test(path)) return json(200, estimate());
    if (!path.startsWith(base)) return failure(404, "not_found", "Not found.");

    const rest = path.slice(base.length);
    if (rest === "") {
      if (method === "GET") return json(200, design());
      if (role === "viewer") return failure(403, "permission_denied", "You can view this design but not change it.");
      return json(200, design());
    }
    if (rest === "estimates/" && method === "POST") return json(202, estimate());
    if (rest === "revisions/" && method === "GET") {
      const results = [revisionSummary(3), revisionSummary(2), revisionSummary(1)];
      return json(200, { count: 3, next: null, previous: null, results });
    }
    if (rest === "comments/") {
      if (!user) return failure(401, "not_authenticated", "Sign in to go on.");
      return method === "GET" ? json(200, []) : json(201, { id: "c1", author: user.username, created_at: NOW, ...body });
    }
    if (rest === "presence/") {
      if (!user) return failure(401, "not_authenticated", "Sign in to go on.");
      return json(200, { available: true, others: [] });
    }
    if (rest.startsWith("shares/")) return shares(method, rest.slice("shares/".length), body);
    if (rest.startsWith("links/")) return links(method, rest.slice("links/".length), body);
    if (rest === "share-log/" && method === "GET") {
      if (!owner()) return forbidden();
      return json(200, { count: state.log.length, next: null, previous: null, results: state.log });
    }
    if (rest === "transfer/" && method === "POST") {
      if (!owner()) return forbidden();
      const to = body.team === null ? null : teams.find((t) => t.id === body.team);
      if (to === undefined) return failure(400, "invalid_request", "No such team.", [fieldProblem("team", "No such team.")]);
      state.team = to ? { id: to.id, name: to.name } : null;
      logged(to ? `alice moved it to team ${to.name}.` : "alice made it their own.", "transferred");
      return json(200, design());
    }
    return failure(404, "not_found", "Not found.");
  });

  function estimate() {
    const id = "0e5a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c";
    return {
      id,
      url: `http://testserver/api/estimates/${id}/`,
      csv_url: `http://testserver/api/estimates/${id}/csv/`,
      json_url: `http://testserver/api/estimates/${id}/json/`,
      design: SHARED_DESIGN,
      revision: 3,
      status: "done",
      settings: {},
      price_version: "v1",
      result: estimateResult(),
      error: "",
      created_at: NOW,
      finished_at: NOW,
    };
  }

  return {
    fetch,
    requests,
    state,
    /** The requests with this method to paths starting with `prefix`. */
    to: (method: string, prefix: string) => requests.filter((r) => r.method === method && r.path.startsWith(prefix)),
    /** Answers the next `method` request to `path` with this error, in the API's format. */
    failNext(method: string, path: string, status: number, detail: string, errors: Problem[] = []) {
      const type = { 400: "invalid_request", 401: "not_authenticated", 403: "permission_denied" }[status] ?? "error";
      canned.push({ method, path, response: () => failure(status, type, detail, errors) });
    },
  };
}

export type SharingServer = ReturnType<typeof sharingServer>;
