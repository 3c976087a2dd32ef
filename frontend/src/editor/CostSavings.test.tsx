import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { EXAMPLES } from "../test/editor";
import { renderSavings, RESERVE_1Y, RESERVE_3Y, savingsServer, SPOT } from "../test/savings";
import { suggestionsFrom } from "./adviceApi";

const fitView = vi.hoisted(() => vi.fn(() => Promise.resolve(true)));
vi.mock("@xyflow/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@xyflow/react")>()),
  useReactFlow: () => ({ fitView }),
}));

const THREE_TIER = EXAMPLES["three-tier-web-app"]!;

function savings(): HTMLElement {
  return screen.getByRole("region", { name: "Save money" });
}

/** The list item of the suggestion titled `title` (its heading's name may say it is an estimate). */
function item(title: string): HTMLElement {
  return within(savings()).getByRole("heading", { name: new RegExp(`^${title}`) }).closest("li")!;
}

async function openPreview(title: string) {
  const user = userEvent.setup();
  await screen.findByRole("list", { name: "Ways to save" });
  await user.click(within(item(title)).getByRole("button", { name: "Preview" }));
  return { user, change: await within(item(title)).findByRole("region", { name: /^Change: / }) };
}

describe("the Cost panel's ways to save money", () => {
  it("lists the saved revision's suggestions, biggest saving first, each with what it saves, its components and Why", async () => {
    const server = savingsServer();
    renderSavings(server);
    const list = await screen.findByRole("list", { name: "Ways to save" });
    expect(within(list).getAllByRole("heading").map((h) => h.textContent)).toEqual([
      RESERVE_3Y.title,
      RESERVE_1Y.title,
      `${SPOT.title} (an estimate)`,
    ]);
    expect(server.to("GET", "suggestions/").map((r) => r.path.split("?")[1])).toEqual(["revision=3"]);

    const reserve = item(RESERVE_3Y.title);
    expect(reserve).toHaveTextContent(RESERVE_3Y.message);
    expect(reserve).toHaveTextContent("$3,723.00 a year");
    expect(reserve).toHaveTextContent("the design $1,234.56 → $924.31 a month");
    expect(within(reserve).getByRole("button", { name: "orders-db" })).toBeInTheDocument();
    const why = within(reserve).getByRole("link", { name: /^Why/ });
    expect(why).toHaveAttribute("href", RESERVE_3Y.source_url);
    expect(why).toHaveAttribute("target", "_blank");
    expect(why).toHaveAttribute("rel", expect.stringContaining("noopener"));
    expect(within(reserve).getByRole("button", { name: "Preview" })).toHaveAccessibleDescription(RESERVE_3Y.title);

    // Spot's saving rests on an assumption, and says so.
    expect(item(SPOT.title)).toHaveTextContent("Saves $21.02 a month, an estimate.");
    // The savings overlap (two commitments for one database): never added up.
    expect(savings()).toHaveTextContent("3 ways to spend less on revision 3");
    expect(savings()).toHaveTextContent("they do not add up");
    expect(savings()).not.toHaveTextContent("$511.67"); // 310.25 + 180.40 + 21.02
  });

  it("selects a component chosen on the canvas and brings it into view", async () => {
    const user = userEvent.setup();
    const { store } = renderSavings(savingsServer());
    await screen.findByRole("list", { name: "Ways to save" });
    await user.click(within(item(SPOT.title)).getByRole("button", { name: "web" }));
    expect(store.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(["web"]);
    expect(fitView).toHaveBeenCalledWith({ nodes: [{ id: "web" }], duration: 200, maxZoom: 1.2 });
  });

  it("previews a suggestion: what it changes and what it saves, without saving anything", async () => {
    const server = savingsServer();
    renderSavings(server);
    const { change } = await openPreview(RESERVE_3Y.title);
    expect(change).toHaveAccessibleName("Change: Use 3-year reserved, all upfront");
    const changes = await within(change).findByRole("list", { name: "What the change changes" });
    expect(within(changes).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Changed: orders-db — Pricing model design → reserved_3y_all_upfront",
    ]);
    expect(within(change).getByTestId("fix-cost")).toHaveTextContent("saves $310.25 a month");
    expect(change).toHaveTextContent("($1,234.56 → $924.31 a month)");
    expect(server.to("POST", "findings/preview/").map((r) => r.body)).toEqual([{ suggestion: RESERVE_3Y.id, revision: 3 }]);
    expect(server.to("PUT", "")).toEqual([]);
  });

  it("saves what is on the canvas first, then previews the revision saved", async () => {
    const server = savingsServer();
    const { store } = renderSavings(server);
    await screen.findByRole("list", { name: "Ways to save" });
    act(() => store.getState().updateBase({ name: "Renamed" }));
    const { change } = await openPreview(SPOT.title);
    await within(change).findByTestId("fix-cost");
    expect(server.to("PUT", "").map((r) => r.body?.base_revision)).toEqual([3]);
    expect(server.to("POST", "findings/preview/").map((r) => r.body)).toEqual([{ suggestion: SPOT.id, revision: 4 }]);
  });

  it("applies a suggestion as a new revision the editor carries on from, and looks for savings on it", async () => {
    const server = savingsServer();
    const { store, save } = renderSavings(server);
    const { user, change } = await openPreview(RESERVE_3Y.title);
    await user.click(await within(change).findByRole("button", { name: "Apply" }));

    expect(await screen.findByText(/Applied: Use 3-year reserved, all upfront \(revision 4\)/)).toBeInTheDocument();
    expect(server.to("POST", "findings/apply/").map((r) => r.body)).toEqual([{ suggestion: RESERVE_3Y.id, base_revision: 3 }]);
    const db = store.getState().document().nodes.find((n) => n.id === "db")!;
    expect(db.props?.pricing_model).toBe("reserved_3y_all_upfront");
    expect(save().revision).toBe(4);
    expect(save().status).toBe("saved");
    expect(server.to("PUT", "")).toEqual([]);

    // The new revision's suggestions: both commitments for the database have gone.
    await waitFor(() => expect(within(savings()).getAllByRole("heading", { level: 4 })).toHaveLength(1));
    expect(item(SPOT.title)).toBeInTheDocument();
    expect(server.to("GET", "suggestions/").map((r) => r.path.split("?")[1])).toEqual(["revision=3", "revision=4"]);
  });

  it("looks again when a new revision is saved", async () => {
    const server = savingsServer();
    const { store } = renderSavings(server);
    await screen.findByRole("list", { name: "Ways to save" });
    act(() => store.getState().updateNode("web", { props: { ...THREE_TIER.nodes.find((n) => n.id === "web")!.props, pricing_model: "spot" } }));
    await waitFor(() => expect(server.to("GET", "suggestions/")).toHaveLength(2));
    expect(server.to("GET", "suggestions/")[1]!.path).toMatch(/revision=4$/);
    await waitFor(() => expect(screen.queryByRole("heading", { name: /^Run web's extra tasks/ })).toBeNull());
    expect(savings()).toHaveTextContent("2 ways to spend less on revision 4");
  });

  it("says when a newer revision was saved meanwhile, and loads it", async () => {
    const server = savingsServer();
    const { store } = renderSavings(server);
    const { user, change } = await openPreview(SPOT.title);
    await within(change).findByTestId("fix-cost");
    server.otherSave({ ...THREE_TIER, name: "Theirs" });
    await user.click(within(change).getByRole("button", { name: "Apply" }));
    expect(await within(change).findByRole("alert")).toHaveTextContent("Alice saved revision 4 meanwhile, so the change was not applied.");
    await user.click(within(change).getByRole("button", { name: "Load revision 4" }));
    await waitFor(() => expect(store.getState().document().name).toBe("Theirs"));
  });

  it("says when there is nothing to save", async () => {
    renderSavings(savingsServer({ savings: [] }));
    expect(await screen.findByText(/Nothing to suggest for revision 3/)).toBeInTheDocument();
  });

  it("shows why the savings could not be looked for, without hiding the rest of the panel", async () => {
    renderSavings(savingsServer({ suggestionsError: "The price data is being loaded." }));
    expect(await within(savings()).findByText("The ways to save could not be looked for: The price data is being loaded.")).toBeInTheDocument();
    // Not an alert: the estimate stands without them.
    expect(within(savings()).queryByRole("alert")).toBeNull();
    expect(await screen.findByTestId("cost-total")).toHaveTextContent("$1,234.56");
  });
});

describe("the ways to save, for those who may not change the design", () => {
  it("lets a viewer preview a suggestion, without Apply", async () => {
    const server = savingsServer({ role: "viewer" });
    renderSavings(server, { readOnly: true, access: { role: "viewer", team: null, viaLink: false } });
    const { change } = await openPreview(RESERVE_1Y.title);
    expect(await within(change).findByTestId("fix-cost")).toHaveTextContent("saves $180.40 a month");
    expect(within(change).queryByRole("button", { name: "Apply" })).toBeNull();
    expect(server.to("PUT", "")).toEqual([]);
  });

  it("has no Apply on a share link's page either", async () => {
    renderSavings(savingsServer(), { readOnly: true, access: { role: "viewer", team: null, viaLink: true } });
    const { change } = await openPreview(SPOT.title);
    expect(await within(change).findByTestId("fix-cost")).toHaveTextContent("saves $21.02 a month");
    expect(within(change).queryByRole("button", { name: "Apply" })).toBeNull();
  });
});

describe("reading suggestions", () => {
  it("keeps those that can be read, with a fix", () => {
    expect(suggestionsFrom(undefined)).toEqual([]);
    const read = suggestionsFrom([
      { id: "gp3:web", title: "Use gp3", monthly_saving: "2.00", nodes: ["web", 7], fix: { title: "Switch to gp3", changes: [] } },
      { id: "no-fix", title: "No fix" },
      { title: "No id", fix: { title: "x", changes: [] } },
    ]);
    expect(read).toEqual([
      {
        id: "gp3:web",
        kind: "",
        title: "Use gp3",
        message: "",
        nodes: ["web"],
        source_url: "",
        is_estimate: false,
        monthly_saving: "2.00",
        yearly_saving: "",
        monthly_before: "",
        monthly_after: "",
        fix: { title: "Switch to gp3", changes: [] },
      },
    ]);
  });
});
