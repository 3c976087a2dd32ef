/**
 * For the tests of the architect's review in the editor: an in-memory stand-in for the design's endpoints that the
 * review touches (the design read and saved against its newest revision, validation with findings, a fix previewed
 * and applied), built on `sharingServer` for the rest of a whole editor page, and a way to render the Review panel
 * with the real autosave and validation.
 */

import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { vi } from "vitest";

import { type ConflictChanges, createApiClient, type Problem } from "../api";
import { ApiProvider } from "../ApiContext";
import type { CostChange, Finding } from "../editor/adviceApi";
import { EditorContext } from "../editor/context";
import { ReviewPanel } from "../editor/ReviewPanel";
import { type Access, SessionContext } from "../editor/session";
import { createEditorStore } from "../editor/store";
import type { DesignDocument, DocNode } from "../editor/types";
import { type SaveState, useAutosave } from "../editor/useAutosave";
import { ValidationProvider } from "../editor/ValidationProvider";
import { CONFLICT } from "./conflict";
import { CATALOG, EXAMPLES } from "./editor";
import { revisionSummary } from "./outputPanels";
import { NOW, SHARED_DESIGN, sharingServer, type SharingServerOptions } from "./sharing";

const THREE_TIER = EXAMPLES["three-tier-web-app"]!;
const AWS_DOCS = "https://docs.aws.amazon.com/";

/** One of the fake review's rules: its finding, whether a document still has it, its fix and what the fix does. */
interface FakeRule {
  finding: Finding;
  holds(document: DesignDocument): boolean;
  fixed?(document: DesignDocument): DesignDocument;
  changes?: ConflictChanges;
  cost?: CostChange;
}

function node(document: DesignDocument, id: string): DocNode | undefined {
  return document.nodes.find((n) => n.id === id);
}

function setProp(document: DesignDocument, id: string, field: string, value: unknown): DesignDocument {
  return {
    ...document,
    nodes: document.nodes.map((n) => (n.id === id ? { ...n, props: { ...n.props, [field]: value } } : n)),
  };
}

function changed(id: string, kind: string, label: string, field: string, before: unknown, after: unknown): ConflictChanges {
  return {
    document: [],
    nodes: { added: [], removed: [], changed: [{ id, kind, label, changes: [{ field, before, after }] }] },
    edges: { added: [], removed: [], changed: [] },
  };
}

function cost(from: string, to: string, difference: string): CostChange {
  return { from_monthly: from, to_monthly: to, difference_monthly: difference, currency: "USD" };
}

export function finding(overrides: Partial<Finding> & Pick<Finding, "id" | "title">): Finding {
  return {
    rule: overrides.id.split(":")[0]!,
    severity: "warning",
    message: "",
    source_url: `${AWS_DOCS}${overrides.id.split(":")[0]}.html`,
    nodes: [],
    edges: [],
    fix: null,
    ...overrides,
  };
}

export const PROTECTION = finding({
  id: "rds-deletion-protection:db",
  severity: "error",
  title: "Database without deletion protection",
  message: "orders-db can be deleted by a stack update or by mistake.",
  nodes: ["db"],
  fix: { title: "Turn on deletion protection", changes: [{ op: "set", node: "db", field: "props.deletion_protection", value: true }] },
});

export const RETENTION = finding({
  id: "log-retention:logs",
  title: "Logs kept less than a year",
  message: "app-logs keeps its logs 30 days; audits usually ask for a year.",
  nodes: ["logs"],
  fix: { title: "Keep the logs 365 days", changes: [{ op: "set", node: "logs", field: "props.retention_days", value: 365 }] },
});

export const OVERSIZED = finding({
  id: "cache-oversized:cache",
  title: "Cache larger than its load needs",
  message: "sessions uses a cache.t4g.medium node for a few thousand sessions.",
  nodes: ["cache"],
  fix: { title: "Use cache.t4g.small", changes: [{ op: "set", node: "cache", field: "props.node_type", value: "cache.t4g.small" }] },
});

export const ENDPOINT = finding({
  id: "s3-gateway-endpoint:vpc:assets",
  severity: "info",
  title: "No S3 gateway endpoint",
  message: "app-vpc reaches static-assets through its NAT gateways; a gateway endpoint is free.",
  nodes: ["vpc", "assets"],
});

/** What the fake review finds in the three-tier example, and how each fix is previewed. */
export const RULES: FakeRule[] = [
  {
    finding: PROTECTION,
    holds: (d) => node(d, "db")?.props?.deletion_protection !== true,
    fixed: (d) => setProp(d, "db", "deletion_protection", true),
    changes: changed("db", "aws.rds.aurora_cluster", "orders-db", "props.deletion_protection", null, true),
    cost: cost("1234.56", "1234.56", "0.00"),
  },
  {
    finding: RETENTION,
    holds: (d) => Number(node(d, "logs")?.props?.retention_days ?? 0) < 365,
    fixed: (d) => setProp(d, "logs", "retention_days", 365),
    changes: changed("logs", "aws.cloudwatch.log_group", "app-logs", "props.retention_days", 30, 365),
    cost: cost("1234.56", "1358.01", "123.45"),
  },
  {
    finding: OVERSIZED,
    holds: (d) => node(d, "cache")?.props?.node_type === "cache.t4g.medium",
    fixed: (d) => setProp(d, "cache", "node_type", "cache.t4g.small"),
    changes: changed("cache", "aws.elasticache.cluster", "sessions", "props.node_type", "cache.t4g.medium", "cache.t4g.small"),
    cost: cost("1234.56", "1220.69", "-13.87"),
  },
  { finding: ENDPOINT, holds: (d) => node(d, "vpc") !== undefined && node(d, "assets") !== undefined },
];

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function failure(status: number, type: string, detail: string, errors: Problem[] = []): Response {
  return json(status, { type, detail, errors });
}

function findingProblem(message: string): Problem {
  return { code: "invalid", message, path: "$.finding", node: null, edge: null, field: "finding", severity: "error" };
}

export interface ReviewServerOptions extends SharingServerOptions {
  /** The design's newest revision (default 3), holding the three-tier example. */
  head?: number;
}

export function reviewServer(options: ReviewServerOptions = {}) {
  const rest = sharingServer(options);
  const role = options.role ?? "owner";
  const start = options.head ?? 3;
  const state = { head: start, documents: { [start]: THREE_TIER } as Record<number, DesignDocument> };
  const requests: { method: string; path: string; body: Record<string, unknown> | undefined }[] = [];
  const base = `/api/designs/${SHARED_DESIGN}/`;
  const current = () => state.documents[state.head]!;
  const findingsOf = (document: DesignDocument) => RULES.filter((r) => r.holds(document)).map((r) => r.finding);

  const design = () => ({
    id: SHARED_DESIGN,
    url: `http://testserver${base}`,
    name: current().name,
    region: current().region,
    owner: "alice",
    team: null,
    role,
    node_count: current().nodes.length,
    edge_count: current().edges.length,
    revision: revisionSummary(state.head),
    created_at: NOW,
    updated_at: NOW,
    document: current(),
    warnings: [],
  });

  const save = (document: DesignDocument) => {
    state.head += 1;
    state.documents[state.head] = document;
    return json(200, design());
  };

  const stale = (baseRevision: unknown) =>
    json(409, {
      type: "conflict",
      detail: `Revision ${state.head} was saved by alice after revision ${String(baseRevision)}.`,
      errors: [],
      head: { ...CONFLICT.head, number: state.head },
      changes: CONFLICT.changes,
    });

  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), "http://testserver");
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    const path = url.pathname;
    requests.push({ method, path: path + url.search, body });
    const forbidden = () => failure(403, "permission_denied", "You can view this design but not change it.");

    if (path === "/api/designs/validate/" && method === "POST") {
      return json(200, { valid: true, problems: [], findings: findingsOf(body!.document as DesignDocument) });
    }
    if (path === base && method === "GET") return json(200, design());
    if (path === base && method === "PUT") {
      if (role === "viewer") return forbidden();
      if (body!.base_revision !== state.head) return stale(body!.base_revision);
      return save(body!.document as DesignDocument);
    }
    if (path === `${base}findings/` && method === "GET") {
      return json(200, { revision: state.head, findings: findingsOf(current()) });
    }
    if (path === `${base}findings/preview/` && method === "POST") {
      const number = typeof body?.revision === "number" ? body.revision : state.head;
      const document = state.documents[number];
      if (!document) return failure(400, "invalid_request", `This design has no revision ${number}.`);
      const rule = RULES.find((r) => r.finding.id === body?.finding && r.fixed && r.holds(document));
      if (!rule) {
        const message = `Revision ${number} has no finding ${String(body?.finding)}.`;
        return failure(400, "invalid_request", message, [findingProblem(message)]);
      }
      return json(200, { finding: rule.finding, revision: number, changes: rule.changes, cost: rule.cost });
    }
    if (path === `${base}findings/apply/` && method === "POST") {
      if (role === "viewer") return forbidden();
      if (body?.base_revision !== state.head) return stale(body?.base_revision);
      const rule = RULES.find((r) => r.finding.id === body.finding && r.fixed && r.holds(current()));
      if (!rule) {
        const message = `Revision ${state.head} has no finding ${String(body.finding)}.`;
        return failure(400, "invalid_request", message, [findingProblem(message)]);
      }
      return save(rule.fixed!(current()));
    }
    return rest.fetch(input, init);
  });

  const client = createApiClient({ fetch, cookies: () => "csrftoken=tok", onNotAuthenticated: vi.fn() });
  return {
    fetch,
    client,
    requests,
    state,
    /** The requests with this method to paths starting with `prefix` (under the design's own path when relative). */
    to: (method: string, prefix: string) =>
      requests.filter((r) => r.method === method && r.path.startsWith(prefix.startsWith("/") ? prefix : `${base}${prefix}`)),
    /** Someone else saves `document` as the next revision. */
    otherSave(document: DesignDocument) {
      state.head += 1;
      state.documents[state.head] = document;
    },
  };
}

export type ReviewServer = ReturnType<typeof reviewServer>;

/**
 * Renders the Review panel on the design of `server` (its newest revision, in a store read-only when asked), with
 * the real autosave (saving 5 ms after a change) and validation; `save()` is the autosave's state as last rendered.
 */
export function renderReview(server: ReviewServer, { readOnly = false, access }: { readOnly?: boolean; access?: Access } = {}) {
  const store = createEditorStore(CATALOG, server.state.documents[server.state.head]!, { readOnly });
  const opened = server.state.head;
  let save: SaveState | null = null;
  function Session({ children }: { children: ReactNode }) {
    const state = useAutosave(SHARED_DESIGN, opened, 5);
    save = state;
    return <SessionContext.Provider value={{ designId: SHARED_DESIGN, save: state, access }}>{children}</SessionContext.Provider>;
  }
  const view = render(
    <ApiProvider client={server.client}>
      <EditorContext.Provider value={store}>
        <Session>
          <ValidationProvider delayMs={0}>
            <ReviewPanel />
          </ValidationProvider>
        </Session>
      </EditorContext.Provider>
    </ApiProvider>,
  );
  return { ...view, store, save: () => save! };
}
