/**
 * An in-memory stand-in for the designer's REST API, as a `fetch` for component tests: it keeps designs, pages
 * them newest first, creates (blank or from an example), imports, renames, duplicates and deletes them, answers
 * errors in the API's format, and records every request.
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
}

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
  const user: User = options.user ?? { id: 1, username: "alice", email: "alice@example.com" };
  const pageSize = options.pageSize ?? 25;
  /** Newest first, as the API orders them. */
  const designs: DesignSummary[] = [...(options.designs ?? [])];
  const requests: RecordedRequest[] = [];
  const cannedErrors: CannedError[] = [];
  let clock = Date.parse("2025-03-01T12:00:00Z");

  function listPage(page: number): Response {
    const pages = Math.max(1, Math.ceil(designs.length / pageSize));
    if (!Number.isInteger(page) || page < 1 || page > pages) {
      return json(404, { type: "not_found", detail: "Invalid page.", errors: [] });
    }
    const link = (n: number) => `http://testserver/api/designs/?page=${n}`;
    const body: Page<DesignSummary> = {
      count: designs.length,
      next: page < pages ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results: designs.slice((page - 1) * pageSize, page * pageSize),
    };
    return json(200, body);
  }

  const examples = options.examples ?? EXAMPLES;

  function added(fields: Partial<DesignSummary>): SavedDesign {
    clock += 60_000;
    const at = new Date(clock).toISOString();
    const design = makeDesign({ ...fields, created_at: at, updated_at: at });
    designs.unshift(design);
    return { ...design, document: { nodes: [], edges: [] }, warnings: [] };
  }

  function fromExample(data: { example?: unknown; name?: unknown; region?: unknown }): Response {
    const example = examples.find((e) => e.slug === data.example);
    if (!example) {
      const message = `There is no example "${String(data.example)}".`;
      return json(400, { type: "invalid_request", detail: message, errors: [problem(message, "example", "invalid_choice")] });
    }
    const name = typeof data.name === "string" && data.name.trim() ? data.name.trim() : example.name;
    const region = typeof data.region === "string" ? data.region : example.region;
    return json(201, added({ name, region, node_count: example.node_count }));
  }

  function rename(id: string, body: unknown): Response {
    const design = designs.find((d) => d.id === id);
    if (!design) return json(404, { type: "not_found", detail: "Not found.", errors: [] });
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
    designs.splice(designs.indexOf(design), 1);
    designs.unshift(renamed);
    return json(200, { ...renamed, document: { nodes: [], edges: [] }, warnings: [] });
  }

  function duplicate(id: string, body: unknown): Response {
    const design = designs.find((d) => d.id === id);
    if (!design) return json(404, { type: "not_found", detail: "Not found.", errors: [] });
    const data = (body ?? {}) as { name?: unknown };
    const name = typeof data.name === "string" && data.name.trim() ? data.name.trim() : `Copy of ${design.name}`;
    const { region, node_count, edge_count } = design;
    return json(201, added({ name, region, node_count, edge_count }));
  }

  function create(body: unknown): Response {
    const data = (body ?? {}) as { name?: unknown; region?: unknown; example?: unknown };
    if (data.example !== undefined) return fromExample(data);
    const name = typeof data.name === "string" ? data.name.trim() : "";
    if (!name) return json(400, { type: "invalid_request", detail: "This field may not be blank.", errors: [problem("This field may not be blank.", "name", "blank")] });
    clock += 60_000;
    const at = new Date(clock).toISOString();
    const design = makeDesign({ name, region: String(data.region ?? "us-east-1"), created_at: at, updated_at: at });
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

    const cannedIndex = cannedErrors.findIndex((c) => c.method === method && c.path === url.pathname);
    if (cannedIndex !== -1) {
      const [canned] = cannedErrors.splice(cannedIndex, 1);
      if (canned) return json(canned.status, canned.body);
    }

    if (url.pathname === "/api/me/" && method === "GET") return json(200, user);
    if (url.pathname === "/api/designs/" && method === "GET") return listPage(Number(url.searchParams.get("page") ?? "1"));
    if (url.pathname === "/api/designs/" && method === "POST") return create(body);
    if (url.pathname === "/api/designs/import/" && method === "POST") return importTemplate(body);
    if (url.pathname === "/api/examples/" && method === "GET") return json(200, examples);
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
