/**
 * For the tests of the editor's cost, export and history panels: an in-memory stand-in for the endpoints they use
 * (estimates, revisions, diagrams, template import), as a `fetch` that records every request, and a way to render
 * a panel inside an open design (store, session, API client) and change its save state afterwards.
 */

import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { vi } from "vitest";

import {
  createApiClient,
  type Diagram,
  type DiagramStatus,
  type Estimate,
  type EstimateResult,
  type EstimateStatus,
  type ImportReport,
  type RevisionSummary,
} from "../api";
import { ApiProvider } from "../ApiContext";
import { EditorContext } from "../editor/context";
import { SessionContext } from "../editor/session";
import { createEditorStore, type EditorStore } from "../editor/store";
import type { DesignDocument } from "../editor/types";
import type { SaveState } from "../editor/useAutosave";
import { CATALOG, EXAMPLES } from "./editor";
import type { RevisionComparison } from "../editor/RevisionCompare";

export const DESIGN = "3f0c9a52-8b1e-4c7d-9a11-2b6e5d4c3b2a";
export const IMPORTED = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
const DIAGRAM = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
export const DIAGRAM_FILE = `http://localhost:3000/api/diagrams/${DIAGRAM}/file/`;

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

/** The result of an estimate of the three-tier example: two components and a connection priced, one line not. */
export function estimateResult(overrides: Partial<EstimateResult> = {}): EstimateResult {
  return {
    currency: "USD",
    total_monthly: "1234.56",
    total_yearly: "14814.72",
    recurring_monthly: "1234.56",
    upfront_monthly: "0.00",
    settings: { pricing_model: "on_demand", hours_per_month: "730", spot_discount: "0.6" },
    by_node: { db: "1000.00", alb: "200.06" },
    by_service: { "Amazon RDS": "1000.00", "Elastic Load Balancing": "200.06", "Data transfer": "34.50" },
    by_connection: { e2: "34.50" },
    lines: [
      line({ node: "db", service: "Amazon RDS", name: "db.r6g.large instance hours", monthly_cost: "1000.00" }),
      line({ node: "alb", service: "Elastic Load Balancing", name: "Load balancer hours", monthly_cost: "200.06" }),
      line({ node: null, edge: "e2", service: "Data transfer", name: "Data out to the internet", monthly_cost: "34.50" }),
    ],
    unpriced: [{ node: "cache", edge: null, what: "cache.r7g.large node hours", reason: "no price for AmazonElastiCache in us-east-1" }],
    free: { vpc: "VPCs are free." },
    notes: {},
    assumptions: [{ node: "web", field: "monthly_hours", label: "Hours a month", value: 730, unit: "hours", default: true }],
    price_data: { "AmazonRDS us-east-1": "2025-02-20T10:00:00Z", "AWSELB us-east-1": "2025-01-15T10:00:00Z" },
    oldest_price_date: "2025-01-15T10:00:00Z",
    missing_regions: [],
    ...overrides,
  };
}

function line(overrides: Partial<EstimateResult["lines"][number]>): EstimateResult["lines"][number] {
  return {
    node: null,
    edge: null,
    service: "",
    name: "",
    quantity: "730",
    unit: "Hrs",
    unit_price: "1",
    monthly_cost: "0.00",
    upfront_monthly: "0.00",
    sku: "SKU",
    price_date: "2025-02-20T10:00:00Z",
    term: "OnDemand",
    note: "",
    ...overrides,
  };
}

export function revisionSummary(number: number, overrides: Partial<RevisionSummary> = {}): RevisionSummary {
  return {
    number,
    author: "alice",
    message: "",
    created_at: "2025-03-01T12:00:00Z",
    sha256: "0".repeat(64),
    format_version: 1,
    ...overrides,
  };
}

export interface PanelServerOptions {
  /** What each status read of an estimate answers, in turn (the last one repeats); the POST answers "pending". */
  estimateStatuses?: EstimateStatus[];
  estimateError?: string;
  result?: EstimateResult;
  /** Newest first. */
  revisions?: RevisionSummary[];
  /** The documents of the revisions, by number. */
  documents?: Record<number, DesignDocument>;
  pageSize?: number;
  diagramStatuses?: DiagramStatus[];
  importReport?: ImportReport;
  /** What GET .../revisions/compare/ answers. */
  comparison?: RevisionComparison;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export function panelServer(options: PanelServerOptions = {}) {
  const requests: Recorded[] = [];
  const estimateStatuses = [...(options.estimateStatuses ?? ["done"])];
  const diagramStatuses = [...(options.diagramStatuses ?? ["done"])];
  const revisions = options.revisions ?? [revisionSummary(1)];
  const pageSize = options.pageSize ?? 25;
  let estimated = 1;
  let diagramOptions: Pick<Diagram, "format" | "layout"> = { format: "png", layout: "auto" };

  const estimate = (status: EstimateStatus): Estimate => {
    const id = `00000000-0000-4000-8000-${String(estimated).padStart(12, "0")}`;
    return {
      id,
      url: `http://localhost:3000/api/estimates/${id}/`,
      csv_url: `http://localhost:3000/api/estimates/${id}/csv/`,
      json_url: `http://localhost:3000/api/estimates/${id}/json/`,
      design: DESIGN,
      revision: estimated,
      status,
      settings: {},
      price_version: "v1",
      result: status === "done" ? (options.result ?? estimateResult()) : null,
      error: status === "failed" ? (options.estimateError ?? "") : "",
      created_at: "2025-03-01T12:00:00Z",
      finished_at: null,
    };
  };

  const diagram = (status: DiagramStatus): Diagram => ({
    id: DIAGRAM,
    url: `http://localhost:3000/api/diagrams/${DIAGRAM}/`,
    file_url: status === "done" ? DIAGRAM_FILE : null,
    design: DESIGN,
    revision: 1,
    ...diagramOptions,
    dpi: 96,
    costs: false,
    estimate: null,
    status,
    error: "",
    content_type: "image/png",
    size: 1234,
    render_ms: null,
    created_at: "2025-03-01T12:00:00Z",
    started_at: null,
    finished_at: null,
  });

  const next = <T,>(queue: T[]): T => (queue.length > 1 ? queue.shift()! : queue[0]!);

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), "http://localhost:3000");
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const path = url.pathname + url.search;
    requests.push({ method, path, body });
    const design = `/api/designs/${DESIGN}/`;

    if (method === "POST" && url.pathname === `${design}estimates/`) {
      const asked = (body as { revision?: number }).revision;
      estimated = asked ?? revisions[0]?.number ?? 1;
      return json(202, estimate("pending"));
    }
    if (method === "GET" && /^\/api\/estimates\/[^/]+\/$/.test(url.pathname)) return json(200, estimate(next(estimateStatuses)));
    if (method === "GET" && url.pathname === `${design}revisions/`) {
      const page = Number(url.searchParams.get("page") ?? "1");
      const link = (n: number) => `http://localhost:3000${design}revisions/?page=${n}`;
      const results = revisions.slice((page - 1) * pageSize, page * pageSize);
      return json(200, {
        count: revisions.length,
        next: page * pageSize < revisions.length ? link(page + 1) : null,
        previous: page > 1 ? link(page - 1) : null,
        results,
      });
    }
    if (method === "GET" && url.pathname === `${design}revisions/compare/`) {
      return options.comparison ? json(200, options.comparison) : json(404, { type: "not_found", detail: "Not found.", errors: [] });
    }
    const one = new RegExp(`^${design}revisions/(\\d+)/$`).exec(url.pathname);
    if (method === "GET" && one) {
      const number = Number(one[1]);
      const summary = revisions.find((r) => r.number === number);
      const document = options.documents?.[number];
      if (!summary || !document) return json(404, { type: "not_found", detail: "Not found.", errors: [] });
      return json(200, { ...summary, document });
    }
    if (method === "POST" && url.pathname === `${design}diagrams/`) {
      diagramOptions = body as typeof diagramOptions;
      return json(202, diagram("queued"));
    }
    if (method === "GET" && url.pathname === `/api/diagrams/${DIAGRAM}/`) return json(200, diagram(next(diagramStatuses)));
    if (method === "POST" && url.pathname === "/api/designs/import/") {
      const report = options.importReport ?? { resources: 2, nodes: 2, edges: 1, kept_inside_nodes: 0, generic_nodes: [], not_understood: [] };
      return json(201, {
        id: IMPORTED,
        url: `http://localhost:3000/api/designs/${IMPORTED}/`,
        name: "Imported network",
        region: "us-east-1",
        owner: "alice",
        team: null,
        role: "owner",
        node_count: report.nodes,
        edge_count: report.edges,
        revision: revisionSummary(1),
        created_at: "2025-03-01T12:00:00Z",
        updated_at: "2025-03-01T12:00:00Z",
        document: { nodes: [], edges: [] },
        warnings: [],
        report,
      });
    }
    return json(404, { type: "not_found", detail: "Not found.", errors: [] });
  });

  const client = createApiClient({ fetch, cookies: () => "csrftoken=tok", onNotAuthenticated: vi.fn() });
  return {
    client,
    requests,
    /** The requests with this method to paths starting with `prefix`. */
    to: (method: string, prefix: string) => requests.filter((r) => r.method === method && r.path.startsWith(prefix)),
  };
}

export type PanelServer = ReturnType<typeof panelServer>;

/** A save state as useAutosave gives it; `saveNow` marks the store saved, as a successful save does. */
export function fakeSave(store: EditorStore, overrides: Partial<SaveState> = {}): SaveState {
  return {
    status: "saved",
    error: null,
    revision: 1,
    warnings: [],
    conflict: null,
    saveNow: vi.fn(async () => store.getState().markSaved(store.getState().version)),
    loadNewer: vi.fn(async () => {}),
    saveOver: vi.fn(async () => {}),
    adopt: vi.fn(),
    currentRevision: () => 1,
    ...overrides,
  };
}

/**
 * Renders `panel` inside an open design: the three-tier example in a store (unless one is given), session of
 * design DESIGN, API client of `server`. `setSave` re-renders with the save state changed (a new revision...).
 */
export function renderPanel(panel: ReactNode, server: PanelServer, { store, save }: { store?: EditorStore; save?: Partial<SaveState> } = {}) {
  const editor = store ?? createEditorStore(CATALOG, EXAMPLES["three-tier-web-app"]!);
  let current = fakeSave(editor, save);
  const tree = () => (
    <ApiProvider client={server.client}>
      <EditorContext.Provider value={editor}>
        <SessionContext.Provider value={{ designId: DESIGN, save: current }}>{panel}</SessionContext.Provider>
      </EditorContext.Provider>
    </ApiProvider>
  );
  const view = render(tree());
  return {
    ...view,
    store: editor,
    save: () => current,
    setSave(patch: Partial<SaveState>) {
      current = { ...current, ...patch };
      view.rerender(tree());
    },
  };
}

/** What React Flow needs of the browser that jsdom lacks (after xyflow's "Testing" guide): sizes and observers. */
export function stubReactFlowDom(): void {
  class ResizeObserverStub {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  }
  class DOMMatrixReadOnlyStub {
    m22: number;
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([0-9.]+)\)/)?.[1];
      this.m22 = scale === undefined ? 1 : Number(scale);
    }
  }
  vi.stubGlobal("ResizeObserver", ResizeObserverStub);
  vi.stubGlobal("DOMMatrixReadOnly", DOMMatrixReadOnlyStub);
  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: { configurable: true, get: () => 100 },
    offsetWidth: { configurable: true, get: () => 100 },
  });
}
