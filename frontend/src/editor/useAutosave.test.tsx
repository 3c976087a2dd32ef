import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";

import { createApiClient } from "../api";
import { ApiProvider } from "../ApiContext";
import { CONFLICT } from "../test/conflict";
import { CATALOG, EXAMPLES } from "../test/editor";
import { EditorContext } from "./context";
import { createEditorStore } from "./store";
import type { DesignDocument } from "./types";
import { useAutosave } from "./useAutosave";

const DESIGN = "d1";
const THREE_TIER = EXAMPLES["three-tier-web-app"]!;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** The design's detail endpoint as the server answers it: a save must name the newest revision as its base. */
function designServer(head: number, document: DesignDocument) {
  const state = { head, document };
  const puts: { base_revision: unknown; document: DesignDocument }[] = [];
  const design = () => ({
    id: DESIGN,
    name: state.document.name,
    revision: { number: state.head, author: "alice", message: "", created_at: "2025-03-01T12:00:00Z" },
    document: state.document,
    warnings: [],
  });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = (init?.method ?? "GET").toUpperCase();
    const path = new URL(String(input), "http://testserver").pathname;
    if (path !== `/api/designs/${DESIGN}/`) return json(404, { type: "not_found", detail: "Not found.", errors: [] });
    if (method === "GET") return json(200, design());
    const body = JSON.parse(String(init?.body)) as { base_revision: unknown; document: DesignDocument };
    puts.push(body);
    if (body.base_revision !== state.head) {
      const detail = `Revision ${state.head} was saved by alice after revision ${String(body.base_revision)}.`;
      return json(409, { type: "conflict", detail, errors: [], ...CONFLICT, head: { ...CONFLICT.head, number: state.head } });
    }
    state.head += 1;
    state.document = body.document;
    return json(200, design());
  });
  const client = createApiClient({ fetch, cookies: () => "csrftoken=tok", onNotAuthenticated: () => {} });
  return {
    client,
    puts,
    state,
    /** Someone else saves `document` as the next revision. */
    otherSave(doc: DesignDocument) {
      state.head += 1;
      state.document = doc;
    },
  };
}

function setup(head = 4) {
  const server = designServer(head, THREE_TIER);
  const store = createEditorStore(CATALOG, THREE_TIER);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ApiProvider client={server.client}>
      <EditorContext.Provider value={store}>{children}</EditorContext.Provider>
    </ApiProvider>
  );
  const hook = renderHook(() => useAutosave(DESIGN, head, 5), { wrapper });
  const rename = (name: string) => act(() => store.getState().updateBase({ name }));
  return { server, store, hook, rename };
}

describe("autosave against a base revision", () => {
  it("names the revision the editor opened as the base, then each save's", async () => {
    const { server, hook, rename } = setup(4);
    expect(hook.result.current.revision).toBe(4);
    rename("First");
    await waitFor(() => expect(hook.result.current.revision).toBe(5));
    rename("Second");
    await waitFor(() => expect(hook.result.current.revision).toBe(6));
    expect(server.puts.map((p) => p.base_revision)).toEqual([4, 5]);
    expect(hook.result.current.status).toBe("saved");
  });

  it("goes to conflict on a 409, shows what the newer revision changed and stops saving by itself", async () => {
    const { server, hook, rename } = setup(4);
    server.otherSave({ ...THREE_TIER, name: "Theirs" });
    rename("Mine");
    await waitFor(() => expect(hook.result.current.status).toBe("conflict"));
    expect(hook.result.current.conflict?.head).toMatchObject({ number: 5, author: "alice" });
    expect(hook.result.current.conflict?.changes.nodes.added[0]?.id).toBe("subnet-3");
    expect(hook.result.current.error?.status).toBe(409);

    rename("Mine again");
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await hook.result.current.saveNow();
    });
    expect(server.puts).toHaveLength(1);
    expect(hook.result.current.status).toBe("conflict");
  });

  it("loads the newer revision onto the canvas and carries on from it", async () => {
    const { server, store, hook, rename } = setup(4);
    server.otherSave({ ...THREE_TIER, name: "Theirs" });
    rename("Mine");
    await waitFor(() => expect(hook.result.current.status).toBe("conflict"));

    await act(() => hook.result.current.loadNewer());
    expect(store.getState().document().name).toBe("Theirs");
    expect(hook.result.current.status).toBe("saved");
    expect(hook.result.current.conflict).toBeNull();
    expect(hook.result.current.revision).toBe(5);

    rename("After loading");
    await waitFor(() => expect(hook.result.current.revision).toBe(6));
    expect(server.puts.at(-1)?.base_revision).toBe(5);
  });

  it("saves over the newer revision, naming it as the base", async () => {
    const { server, hook, rename } = setup(4);
    server.otherSave({ ...THREE_TIER, name: "Theirs" });
    rename("Mine");
    await waitFor(() => expect(hook.result.current.status).toBe("conflict"));

    await act(() => hook.result.current.saveOver());
    expect(server.puts.map((p) => p.base_revision)).toEqual([4, 5]);
    expect(server.state.document.name).toBe("Mine");
    expect(hook.result.current.status).toBe("saved");
    expect(hook.result.current.revision).toBe(6);
    expect(hook.result.current.conflict).toBeNull();
  });
});

describe("autosave of a read-only design", () => {
  it("never saves, by itself or when asked", async () => {
    const server = designServer(4, THREE_TIER);
    const store = createEditorStore(CATALOG, THREE_TIER, { readOnly: true });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ApiProvider client={server.client}>
        <EditorContext.Provider value={store}>{children}</EditorContext.Provider>
      </ApiProvider>
    );
    const hook = renderHook(() => useAutosave(DESIGN, 4, 5), { wrapper });
    // As if the document had changed anyway: still nothing is sent.
    act(() => store.setState({ version: 3 }));
    await act(async () => {
      await hook.result.current.saveNow();
      await new Promise((resolve) => setTimeout(resolve, 30));
    });
    expect(server.puts).toEqual([]);
  });
});
