import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import type { ConflictChanges } from "../api";
import { CONFLICT } from "../test/conflict";
import { CATALOG, EXAMPLES } from "../test/editor";
import { ConflictNotice, conflictLines } from "./ConflictNotice";
import { EditorContext } from "./context";
import { createEditorStore } from "./store";
import type { SaveState } from "./useAutosave";

function renderNotice(overrides: Partial<SaveState> = {}) {
  const store = createEditorStore(CATALOG, EXAMPLES["three-tier-web-app"]!);
  const save: SaveState = {
    status: "conflict",
    error: null,
    revision: 4,
    warnings: [],
    conflict: CONFLICT,
    saveNow: vi.fn(async () => {}),
    loadNewer: vi.fn(async () => {}),
    saveOver: vi.fn(async () => {}),
    adopt: vi.fn(),
    currentRevision: () => 4,
    ...overrides,
  };
  render(
    <EditorContext.Provider value={store}>
      <ConflictNotice save={save} />
    </EditorContext.Provider>,
  );
  return save;
}

describe("the conflict notice", () => {
  it("says who saved which revision and what it changed, with the two ways on", async () => {
    const user = userEvent.setup();
    const save = renderNotice();
    const notice = screen.getByRole("alert", { name: "Alice saved revision 5 while you were editing" });
    const items = within(within(notice).getByRole("list", { name: "What revision 5 changed" })).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([
      "Added: subnet-3 (Subnet)",
      "Removed: sessions (ElastiCache cluster)",
      "Changed: orders-db — Instance class db.t4g.medium → db.r6g.large",
      "Connected: subnet-3 → orders-db",
    ]);

    const load = within(notice).getByRole("button", { name: "Load their revision" });
    expect(load).toHaveAccessibleDescription("Your changes since are lost.");
    const over = within(notice).getByRole("button", { name: "Save mine over it" });
    expect(over).toHaveAccessibleDescription("Revision 5 stays in the history.");

    await user.tab();
    expect(load).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(save.loadNewer).toHaveBeenCalledTimes(1);
    await user.tab();
    expect(over).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(save.saveOver).toHaveBeenCalledTimes(1);
  });

  it("lists at most ten changes and counts the rest", () => {
    const added = Array.from({ length: 14 }, (_, i) => ({ id: `queue-${i + 1}`, kind: "aws.sqs.queue", label: `queue-${i + 1}` }));
    const changes: ConflictChanges = { ...CONFLICT.changes, nodes: { added, removed: [], changed: [] }, edges: { added: [], removed: [], changed: [] } };
    renderNotice({ conflict: { ...CONFLICT, changes } });
    const items = within(screen.getByRole("list")).getAllByRole("listitem");
    expect(items).toHaveLength(11);
    expect(items.at(-1)).toHaveTextContent("and 4 more");
  });

  it("describes changes to the design itself and to connections", () => {
    const lines = conflictLines({
      document: [{ field: "name", before: "Shop", after: "Store" }],
      nodes: { added: [], removed: [], changed: [] },
      edges: { added: [], removed: [{ id: "e1", source: "web", target: "db", label: "SQL" }], changed: [] },
    });
    expect(lines).toEqual(["Changed the design's name Shop → Store", "Disconnected: web → db (SQL)"]);
  });

  it("names a changed property as its form does, and a switch as on or off", () => {
    const lines = conflictLines(
      {
        document: [],
        nodes: {
          added: [],
          removed: [],
          changed: [
            { id: "db", kind: "aws.rds.instance", label: "orders", changes: [{ field: "props.multi_az", before: false, after: true }] },
          ],
        },
        edges: { added: [], removed: [], changed: [] },
      },
      CATALOG,
    );
    expect(lines).toEqual(["Changed: orders — Multi-AZ off → on"]);
  });

  it("shows nothing without a conflict", () => {
    renderNotice({ conflict: null, status: "saved" });
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
