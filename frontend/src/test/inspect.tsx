/** The inspector's and problems panel's tests: an editor store on a real example design, a fake API answering
 * the schema, instance types and validation, and the providers the panels read. */

import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { vi } from "vitest";

import designSchema from "../../../docs/design.schema.json";
import { type ApiError, createApiClient, type InstanceType, type Problem } from "../api";
import { ApiProvider } from "../ApiContext";
import { EditorContext } from "../editor/context";
import { SessionContext } from "../editor/session";
import { createEditorStore } from "../editor/store";
import type { DesignDocument } from "../editor/types";
import type { SaveState } from "../editor/useAutosave";
import { ValidationProvider } from "../editor/ValidationProvider";
import { CATALOG } from "./editor";

export const INSTANCE_TYPES: InstanceType[] = [
  { instance_type: "t3.micro", vcpu: 2, memory_gib: "1", hourly_usd: "0.0104" },
  { instance_type: "t3.medium", vcpu: 2, memory_gib: "4", hourly_usd: "0.0416" },
  { instance_type: "m6i.large", vcpu: 2, memory_gib: "8", hourly_usd: null },
];

export function problem(message: string, where: Partial<Problem> = {}): Problem {
  return { code: "invalid_property", message, path: "$", node: null, edge: null, field: null, severity: "error", ...where };
}

interface Options {
  /** What the validation answers for a document (by default: no problems). */
  validate?: (document: DesignDocument) => Problem[];
  /** The review's findings the validation answers with (by default none). */
  findings?: unknown[];
  saveError?: ApiError | null;
  /** What is selected when the panel opens. */
  select?: { nodes?: string[]; edges?: string[] };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** Renders `ui` around a store for `document`; answers the API as the server would. */
export function renderEditorPanel(ui: ReactNode, document: DesignDocument, options: Options = {}) {
  const store = createEditorStore(CATALOG, document);
  if (options.select) store.getState().select(options.select);
  const requests: { method: string; url: string; body: unknown }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://testserver");
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({ method, url: url.pathname + url.search, body });
    if (url.pathname === "/api/schema/design/") return json(200, designSchema);
    if (url.pathname === "/api/prices/instance-types/") return json(200, INSTANCE_TYPES);
    if (url.pathname === "/api/designs/validate/" && method === "POST") {
      const problems = options.validate?.((body as { document: DesignDocument }).document) ?? [];
      const findings = options.findings ?? [];
      return json(200, { valid: !problems.some((p) => p.severity === "error"), problems, findings });
    }
    return json(404, { type: "not_found", detail: "Not found.", errors: [] });
  });
  const client = createApiClient({ fetch, cookies: () => "csrftoken=token", onNotAuthenticated: () => {} });
  const save: SaveState = {
    status: options.saveError ? "failed" : "saved",
    error: options.saveError ?? null,
    revision: 1,
    warnings: [],
    conflict: null,
    saveNow: async () => {},
    loadNewer: async () => {},
    saveOver: async () => {},
    adopt: () => {},
    currentRevision: () => 1,
  };
  const view = render(
    <ApiProvider client={client}>
      <EditorContext.Provider value={store}>
        <SessionContext.Provider value={{ designId: "d1", save }}>
          <ValidationProvider delayMs={0}>{ui}</ValidationProvider>
        </SessionContext.Provider>
      </EditorContext.Provider>
    </ApiProvider>,
  );
  const doc = () => store.getState().document();
  const node = (id: string) => doc().nodes.find((n) => n.id === id)!;
  const edge = (id: string) => doc().edges.find((e) => e.id === id)!;
  return { ...view, store, requests, doc, node, edge };
}
