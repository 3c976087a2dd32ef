/**
 * For the tests of the Cost panel's ways to save money and of the budget: `savingsServer` adds the suggestions of a
 * saved revision (GET .../suggestions/?revision=N) and a suggestion's fix previewed and applied (POST
 * .../findings/preview/ and .../apply/ naming a `suggestion`) to `reviewServer` (the design read and saved against
 * its newest revision, findings, a whole editor page); `renderSavings` renders the Cost panel with the real autosave.
 */

import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { vi } from "vitest";

import { type ConflictChanges, createApiClient, type Problem } from "../api";
import { ApiProvider } from "../ApiContext";
import type { CostChange, Suggestion } from "../editor/adviceApi";
import { EditorContext } from "../editor/context";
import { CostPanel } from "../editor/CostPanel";
import { type Access, SessionContext } from "../editor/session";
import { createEditorStore } from "../editor/store";
import type { DesignDocument } from "../editor/types";
import { type SaveState, useAutosave } from "../editor/useAutosave";
import { CATALOG, EXAMPLES } from "./editor";
import { reviewServer, type ReviewServerOptions } from "./review";
import { SHARED_DESIGN } from "./sharing";

const THREE_TIER = EXAMPLES["three-tier-web-app"]!;

/** One of the fake's ways to save: the suggestion, whether a document still offers it, its fix and what it does. */
export interface FakeSaving {
  suggestion: Suggestion;
  holds(document: DesignDocument): boolean;
  fixed(document: DesignDocument): DesignDocument;
  changes: ConflictChanges;
  cost: CostChange;
}

function propOf(document: DesignDocument, id: string, field: string): unknown {
  return document.nodes.find((n) => n.id === id)?.props?.[field];
}

function withProp(document: DesignDocument, id: string, field: string, value: unknown): DesignDocument {
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

export function suggestion(overrides: Partial<Suggestion> & Pick<Suggestion, "id" | "title" | "monthly_saving">): Suggestion {
  return {
    kind: overrides.id.split(":")[0]!,
    message: "",
    nodes: [],
    source_url: "https://docs.aws.amazon.com/savingsplans/latest/userguide/what-is-savings-plans.html",
    is_estimate: false,
    yearly_saving: (Number(overrides.monthly_saving) * 12).toFixed(2),
    monthly_before: "1234.56",
    monthly_after: (1234.56 - Number(overrides.monthly_saving)).toFixed(2),
    fix: { title: overrides.title, changes: [] },
    ...overrides,
  };
}

const onDemand = (id: string) => (d: DesignDocument) => (propOf(d, id, "pricing_model") ?? "design") === "design";

export const RESERVE_3Y = suggestion({
  id: "commitment-3y:db",
  title: "Reserve orders-db for 3 years",
  message: "orders-db runs all month on demand; 3-year reserved instances, all upfront, cost less. Saves $310.25 a month.",
  nodes: ["db"],
  monthly_saving: "310.25",
  fix: {
    title: "Use 3-year reserved, all upfront",
    changes: [{ op: "set", node: "db", field: "props.pricing_model", value: "reserved_3y_all_upfront" }],
  },
});

export const RESERVE_1Y = suggestion({
  id: "commitment-1y:db",
  title: "Reserve orders-db for 1 year",
  message: "orders-db runs all month on demand; 1-year reserved instances, all upfront, cost less. Saves $180.40 a month.",
  nodes: ["db"],
  monthly_saving: "180.40",
  fix: {
    title: "Use 1-year reserved, all upfront",
    changes: [{ op: "set", node: "db", field: "props.pricing_model", value: "reserved_1y_all_upfront" }],
  },
});

export const SPOT = suggestion({
  id: "spot:web",
  kind: "spot",
  title: "Run web's extra tasks on Spot",
  message: "web keeps 2 tasks on demand; those above 1 could run on Spot. Saves $21.02 a month, an estimate.",
  nodes: ["web"],
  is_estimate: true,
  monthly_saving: "21.02",
  source_url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html",
  fix: { title: "Use Spot above 1 task", changes: [{ op: "set", node: "web", field: "props.pricing_model", value: "spot" }] },
});

/** What the fake finds to save on the three-tier example (biggest saving first, as the server orders them). */
export const SAVINGS: FakeSaving[] = [
  {
    suggestion: RESERVE_3Y,
    holds: onDemand("db"),
    fixed: (d) => withProp(d, "db", "pricing_model", "reserved_3y_all_upfront"),
    changes: changed("db", "aws.rds.aurora_cluster", "orders-db", "props.pricing_model", "design", "reserved_3y_all_upfront"),
    cost: { from_monthly: "1234.56", to_monthly: "924.31", difference_monthly: "-310.25", currency: "USD" },
  },
  {
    suggestion: RESERVE_1Y,
    holds: onDemand("db"),
    fixed: (d) => withProp(d, "db", "pricing_model", "reserved_1y_all_upfront"),
    changes: changed("db", "aws.rds.aurora_cluster", "orders-db", "props.pricing_model", "design", "reserved_1y_all_upfront"),
    cost: { from_monthly: "1234.56", to_monthly: "1054.16", difference_monthly: "-180.40", currency: "USD" },
  },
  {
    suggestion: SPOT,
    holds: onDemand("web"),
    fixed: (d) => withProp(d, "web", "pricing_model", "spot"),
    changes: changed("web", "aws.ecs.service", "web", "props.pricing_model", "design", "spot"),
    cost: { from_monthly: "1234.56", to_monthly: "1213.54", difference_monthly: "-21.02", currency: "USD" },
  },
];

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function noSuggestion(message: string): Response {
  const problem: Problem = { code: "invalid", message, path: "$.finding", node: null, edge: null, field: "finding", severity: "error" };
  return json(400, { type: "invalid_request", detail: message, errors: [problem] });
}

export interface SavingsServerOptions extends ReviewServerOptions {
  /** The ways to save the fake knows (default `SAVINGS`). */
  savings?: FakeSaving[];
  /** The design's monthly budget, in the settings of its newest revision. */
  budget?: number;
  /** GET .../suggestions/ fails (503) with this detail. */
  suggestionsError?: string;
}

export function savingsServer(options: SavingsServerOptions = {}) {
  const review = reviewServer(options);
  const savings = options.savings ?? SAVINGS;
  const { state } = review;
  if (options.budget !== undefined) {
    const head = state.documents[state.head]!;
    state.documents[state.head] = { ...head, settings: { ...head.settings, monthly_budget: options.budget } };
  }
  const base = `/api/designs/${SHARED_DESIGN}/`;
  const offered = (document: DesignDocument) => savings.filter((s) => s.holds(document));

  /** The design as GET answers it now (the read is not kept among the requests: nobody made it). */
  const designNow = async (): Promise<unknown> => {
    const answer = await review.fetch(base, { method: "GET" });
    review.requests.pop();
    return answer.json();
  };

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), "http://testserver");
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    const path = url.pathname;
    const names = typeof body?.suggestion === "string" ? body.suggestion : null;

    if (path === `${base}suggestions/` && method === "GET") {
      review.requests.push({ method, path: path + url.search, body });
      if (options.suggestionsError) return json(503, { type: "not_ready", detail: options.suggestionsError, errors: [] });
      const asked = url.searchParams.get("revision");
      const number = asked === null ? state.head : Number(asked);
      const document = state.documents[number];
      if (!document) return json(400, { type: "invalid_request", detail: `This design has no revision ${asked}.`, errors: [] });
      return json(200, { revision: number, monthly_total: "1234.56", suggestions: offered(document).map((s) => s.suggestion) });
    }
    if (path === `${base}findings/preview/` && method === "POST" && names !== null) {
      review.requests.push({ method, path, body });
      const number = typeof body?.revision === "number" ? body.revision : state.head;
      const document = state.documents[number];
      const found = document ? offered(document).find((s) => s.suggestion.id === names) : undefined;
      if (!found) return noSuggestion(`Revision ${number} has no suggestion ${names}.`);
      return json(200, { suggestion: found.suggestion, revision: number, changes: found.changes, cost: found.cost });
    }
    if (path === `${base}findings/apply/` && method === "POST" && names !== null && body?.base_revision === state.head) {
      if ((options.role ?? "owner") === "viewer") return review.fetch(input, init);
      review.requests.push({ method, path, body });
      const found = offered(state.documents[state.head]!).find((s) => s.suggestion.id === names);
      if (!found) return noSuggestion(`Revision ${state.head} has no suggestion ${names}.`);
      review.otherSave(found.fixed(state.documents[state.head]!));
      return json(200, await designNow());
    }
    // The rest (a stale base's 409 included) as the review's fake answers it.
    return review.fetch(input, init);
  };

  const client = createApiClient({ fetch, cookies: () => "csrftoken=tok", onNotAuthenticated: vi.fn() });
  return { ...review, fetch, client };
}

export type SavingsServer = ReturnType<typeof savingsServer>;

/**
 * Renders the Cost panel on the design of `server` (its newest revision, in a store read-only when asked), with the
 * real autosave (saving 5 ms after a change); `save()` is the autosave's state as last rendered.
 */
export function renderSavings(server: SavingsServer, { readOnly = false, access }: { readOnly?: boolean; access?: Access } = {}) {
  const store = createEditorStore(CATALOG, server.state.documents[server.state.head] ?? THREE_TIER, { readOnly });
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
          <CostPanel intervalMs={5} timeoutMs={2000} />
        </Session>
      </EditorContext.Provider>
    </ApiProvider>,
  );
  return { ...view, store, save: () => save! };
}
