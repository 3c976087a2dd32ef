import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { EXAMPLES } from "../test/editor";
import { DESIGN, panelServer, renderPanel, revisionSummary, stubReactFlowDom } from "../test/outputPanels";
import { HistoryPanel } from "./HistoryPanel";

const SERVERLESS = EXAMPLES["serverless-event-driven"]!;
const THREE_TIER = EXAMPLES["three-tier-web-app"]!;

const REVISIONS = [
  revisionSummary(3, { author: "bob", message: "Add a cache", created_at: "2025-03-01T11:58:00Z" }),
  revisionSummary(2, { author: "alice", message: "", created_at: "2025-02-28T12:00:00Z" }),
  revisionSummary(1, { author: null, message: "Imported", created_at: "2025-02-01T12:00:00Z" }),
];

beforeEach(() => {
  stubReactFlowDom();
});

async function revisionItems(): Promise<HTMLElement[]> {
  const list = await screen.findByRole("list", { name: "Revisions, newest first" });
  await waitFor(() => expect(within(list).getAllByRole("listitem").length).toBeGreaterThan(0));
  return within(list).getAllByRole("listitem");
}

describe("the history panel", () => {
  it("lists the revisions newest first, with their author, time and message", async () => {
    renderPanel(<HistoryPanel />, panelServer({ revisions: REVISIONS }), { save: { revision: 3 } });
    const items = await revisionItems();
    expect(items.map((li) => li.querySelector("strong")?.textContent)).toEqual(["Revision 3", "Revision 2", "Revision 1"]);
    expect(items[0]).toHaveTextContent("(newest)");
    expect(items[0]).toHaveTextContent("bob");
    expect(items[0]).toHaveTextContent("Add a cache");
    expect(items[0]!.querySelector("time")).toHaveAttribute("dateTime", "2025-03-01T11:58:00Z");
    expect(items[2]).toHaveTextContent("unknown");
    // The newest is what the canvas shows: restoring it would change nothing.
    expect(screen.getByRole("button", { name: "Restore revision 3" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Restore revision 2" })).toBeEnabled();
  });

  it("reads the list again when a save makes a new revision", async () => {
    const server = panelServer({ revisions: REVISIONS });
    const view = renderPanel(<HistoryPanel />, server, { save: { revision: 3 } });
    await revisionItems();
    view.setSave({ revision: 4 });
    await waitFor(() => expect(server.to("GET", `/api/designs/${DESIGN}/revisions/`)).toHaveLength(2));
  });

  it("pages through a long history", async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 5 }, (_, i) => revisionSummary(5 - i));
    const server = panelServer({ revisions: many, pageSize: 2 });
    renderPanel(<HistoryPanel />, server);
    await revisionItems();
    await user.click(screen.getByRole("button", { name: /Next page/ }));
    await waitFor(() => expect(screen.getByText("Page 2 of 3")).toBeInTheDocument());
    expect(server.requests.at(-1)?.path).toBe(`/api/designs/${DESIGN}/revisions/?page=2`);
    await waitFor(() => expect(screen.getByText("Revision 3")).toBeInTheDocument());
  });

  it("opens a revision read-only: a picture of it that cannot be edited, and its JSON", async () => {
    const user = userEvent.setup();
    const server = panelServer({ revisions: REVISIONS, documents: { 2: SERVERLESS } });
    const { store } = renderPanel(<HistoryPanel />, server);
    const before = store.getState().document();
    await revisionItems();
    await user.click(screen.getByRole("button", { name: "Open revision 2" }));

    const view = await screen.findByRole("region", { name: "Revision 2, read-only" });
    expect(view).toHaveTextContent(`“${SERVERLESS.name}” · ${SERVERLESS.nodes.length} components`);
    const first = SERVERLESS.nodes.find((n) => !n.parent)!;
    expect(within(view).getByTestId(`node-${first.id}`)).toHaveTextContent(first.label);
    expect(within(view).getByRole("link", { name: "View JSON" })).toHaveAttribute("href", `/api/designs/${DESIGN}/revisions/2/`);
    // Looking changes nothing.
    expect(store.getState().document()).toEqual(before);
    expect(store.getState().version).toBe(0);

    await user.click(within(view).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("region", { name: "Revision 2, read-only" })).not.toBeInTheDocument();
  });

  it("restores a revision after a confirmation: its document goes on the canvas, to be saved as a new revision", async () => {
    const user = userEvent.setup();
    const server = panelServer({ revisions: REVISIONS, documents: { 1: SERVERLESS } });
    const view = renderPanel(<HistoryPanel />, server, { save: { revision: 3 } });
    await revisionItems();

    await user.click(screen.getByRole("button", { name: "Restore revision 1" }));
    const confirm = screen.getByRole("group", { name: "Restore revision 1?" });
    expect(view.store.getState().base.name).toBe(THREE_TIER.name); // nothing yet
    await user.click(within(confirm).getByRole("button", { name: "Restore revision 1" }));

    await waitFor(() => expect(view.store.getState().base.name).toBe(SERVERLESS.name));
    const state = view.store.getState();
    expect(state.nodes.map((n) => n.id).sort()).toEqual(SERVERLESS.nodes.map((n) => n.id).sort());
    expect(state.version).toBeGreaterThan(state.savedVersion); // autosave saves it as a new revision
    expect(view.save().saveNow).toHaveBeenCalled();
    expect(screen.getByRole("status")).toHaveTextContent("Revision 1 is on the canvas; it is being saved as a new revision.");
  });

  it("restores nothing when the confirmation is cancelled", async () => {
    const user = userEvent.setup();
    const server = panelServer({ revisions: REVISIONS, documents: { 1: SERVERLESS } });
    const { store } = renderPanel(<HistoryPanel />, server);
    await revisionItems();
    await user.click(screen.getByRole("button", { name: "Restore revision 1" }));
    await user.click(screen.getByRole("button", { name: "Cancel" }));

    expect(screen.queryByRole("group", { name: "Restore revision 1?" })).not.toBeInTheDocument();
    expect(store.getState().base.name).toBe(THREE_TIER.name);
    expect(server.to("GET", `/api/designs/${DESIGN}/revisions/1/`)).toEqual([]);
  });

  it("does not restore over changes that could not be saved", async () => {
    const user = userEvent.setup();
    const server = panelServer({ revisions: REVISIONS, documents: { 1: SERVERLESS } });
    const { store } = renderPanel(<HistoryPanel />, server, { save: { saveNow: vi.fn(async () => undefined) } });
    store.getState().updateBase({ name: "Edited" });
    await revisionItems();
    await user.click(screen.getByRole("button", { name: "Restore revision 1" }));
    await user.click(within(screen.getByRole("group")).getByRole("button", { name: "Restore revision 1" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Your changes could not be saved, so revision 1 was not restored");
    expect(store.getState().base.name).toBe("Edited");
  });
});

describe("comparing a revision with the one before", () => {
  it("shows the cost difference, what the stack does and the design's changes in sentences", async () => {
    const user = userEvent.setup();
    const comparison = {
      from: 2,
      to: 3,
      changes: {
        document: [],
        nodes: {
          added: [{ id: "cache", kind: "aws.elasticache.cluster", label: "sessions" }],
          removed: [],
          changed: [
            {
              id: "db",
              kind: "aws.rds.aurora_cluster",
              label: "orders-db",
              changes: [{ field: "props.instance_class", before: "db.r6g.large", after: "db.r6g.xlarge" }],
            },
          ],
        },
        edges: { added: [{ id: "e9", source: "web", target: "cache" }], removed: [], changed: [] },
      },
      cost: { from_monthly: "500.00", to_monthly: "612.50", difference_monthly: "112.50", currency: "USD" },
      cloudformation: { summary: "3 to add, 1 to modify (0 replaced), 0 to remove" },
    };
    const server = panelServer({ revisions: REVISIONS, comparison });
    renderPanel(<HistoryPanel />, server, { save: { revision: 3 } });
    await revisionItems();
    expect(screen.queryByRole("button", { name: "Compare revision 1 with revision 0" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Compare revision 3 with revision 2" }));
    const shown = await screen.findByRole("region", { name: "Revision 3 compared with revision 2" });
    expect(shown).toHaveTextContent("$500.00 → $612.50 a month (+$112.50)");
    expect(shown).toHaveTextContent("3 to add, 1 to modify (0 replaced), 0 to remove");
    expect(shown).toHaveTextContent("Added: sessions (ElastiCache cluster)");
    expect(shown).toHaveTextContent("Changed: orders-db — Instance class db.r6g.large → db.r6g.xlarge");
    expect(shown).toHaveTextContent("Connected: web → sessions");
    expect(server.requests.at(-1)?.path).toBe(`/api/designs/${DESIGN}/revisions/compare/?from=2&to=3`);
  });
});
