import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ReactFlowProvider } from "@xyflow/react";

import { createApiClient } from "../api";
import { DESIGN, renderPanel, stubReactFlowDom, type PanelServer } from "../test/outputPanels";
import { CommentsPanel, type DesignComment } from "./CommentsPanel";

function server(existing: DesignComment[]) {
  const comments = [...existing];
  const requests: { method: string; path: string; body: unknown }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://localhost:3000");
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { body: string; node: string }) : undefined;
    requests.push({ method, path: url.pathname, body });
    if (url.pathname === "/api/me/") return new Response(JSON.stringify({ id: 1, username: "alice", email: "" }));
    if (method === "GET") return new Response(JSON.stringify(comments));
    if (method === "POST" && body) {
      const made = { id: `c${comments.length + 1}`, author: "alice", created_at: "2025-03-01T12:00:00Z", ...body };
      comments.push(made);
      return new Response(JSON.stringify(made), { status: 201 });
    }
    return new Response(null, { status: 204 });
  });
  return { client: createApiClient({ fetch, cookies: () => "csrftoken=t" }), requests } as unknown as PanelServer & {
    requests: typeof requests;
  };
}

beforeEach(() => stubReactFlowDom());

describe("the comments panel", () => {
  it("lists the comments, pins a new one to the selected component and counts pins on the canvas", async () => {
    const user = userEvent.setup();
    const fake = server([
      { id: "c1", author: "bob", node: "db", body: "Multi-AZ here?", created_at: "2025-03-01T11:00:00Z" },
      { id: "c2", author: "alice", node: "", body: "Looks good.", created_at: "2025-03-01T11:30:00Z" },
    ]);
    const view = renderPanel(
      <ReactFlowProvider>
        <CommentsPanel />
      </ReactFlowProvider>,
      fake,
    );
    const list = await screen.findByRole("list", { name: "Comments, oldest first" });
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(2));
    expect(within(list).getAllByRole("listitem")[0]).toHaveTextContent("bob");
    expect(within(list).getByRole("button", { name: "orders-db" })).toBeInTheDocument();
    expect(view.store.getState().nodes.find((n) => n.id === "db")!.data.comments).toBe(1);
    // Only one's own comments can be deleted.
    expect(await screen.findByRole("button", { name: /Delete your comment “Looks good.”/ })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Multi-AZ/ })).toBeNull();

    view.store.getState().select({ nodes: ["web"] });
    await user.type(screen.getByLabelText("Comment"), "Two tasks are enough.");
    expect(screen.getByLabelText("Pin it to web")).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Add comment" }));
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(3));
    expect(fake.requests.find((r) => r.method === "POST")?.body).toEqual({ body: "Two tasks are enough.", node: "web" });
    expect(fake.requests.find((r) => r.method === "POST")?.path).toBe(`/api/designs/${DESIGN}/comments/`);
    expect(view.store.getState().nodes.find((n) => n.id === "web")!.data.comments).toBe(1);
  });
});
