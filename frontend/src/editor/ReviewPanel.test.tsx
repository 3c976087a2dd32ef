import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { EXAMPLES } from "../test/editor";
import { ENDPOINT, OVERSIZED, PROTECTION, renderReview, RETENTION, reviewServer } from "../test/review";
import { findingsFrom } from "./adviceApi";
import { costEffect, reviewSummary } from "./ReviewPanel";
import { findingMarkers } from "./useValidation";

const fitView = vi.hoisted(() => vi.fn(() => Promise.resolve(true)));
vi.mock("@xyflow/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@xyflow/react")>()),
  useReactFlow: () => ({ fitView }),
}));

const THREE_TIER = EXAMPLES["three-tier-web-app"]!;

/** The list item of the finding titled `title`. */
function item(title: string): HTMLElement {
  return screen.getByRole("heading", { name: title }).closest("li")!;
}

async function openPreview(title: string) {
  const user = userEvent.setup();
  await screen.findByRole("heading", { name: title });
  await user.click(within(item(title)).getByRole("button", { name: "Preview fix" }));
  return { user, fix: await within(item(title)).findByRole("region", { name: /^Fix: / }) };
}

describe("the review's findings", () => {
  it("come with each validation and are listed by severity: errors, warnings, then advice", async () => {
    const server = reviewServer();
    renderReview(server);
    const errors = await screen.findByRole("list", { name: "Errors" });
    const warnings = screen.getByRole("list", { name: "Warnings" });
    const advice = screen.getByRole("list", { name: "Advice" });
    const titles = (list: HTMLElement) => within(list).getAllByRole("heading").map((h) => h.textContent);
    expect(titles(errors)).toEqual([PROTECTION.title]);
    expect(titles(warnings)).toEqual([RETENTION.title, OVERSIZED.title]);
    expect(titles(advice)).toEqual([ENDPOINT.title]);
    expect(errors.compareDocumentPosition(warnings) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(warnings.compareDocumentPosition(advice) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText("1 error, 2 warnings and 1 piece of advice")).toBeInTheDocument();

    const endpoint = item(ENDPOINT.title);
    expect(endpoint).toHaveTextContent(ENDPOINT.message);
    expect(within(endpoint).getAllByRole("button").map((b) => b.textContent)).toEqual(["app-vpc", "static-assets"]);
    const why = within(endpoint).getByRole("link", { name: /^Why/ });
    expect(why).toHaveAttribute("href", ENDPOINT.source_url);
    expect(why).toHaveAttribute("target", "_blank");
    expect(why).toHaveAttribute("rel", expect.stringContaining("noopener"));
    // Only a finding with a fix offers one.
    expect(within(endpoint).queryByRole("button", { name: "Preview fix" })).toBeNull();
    expect(within(item(RETENTION.title)).getByRole("button", { name: "Preview fix" })).toHaveAccessibleDescription(RETENTION.title);
    expect(server.to("POST", "/api/designs/validate/")).toHaveLength(1);
  });

  it("select the component chosen on the canvas and bring it into view", async () => {
    const user = userEvent.setup();
    const { store } = renderReview(reviewServer());
    await screen.findByRole("heading", { name: ENDPOINT.title });
    await user.click(within(item(ENDPOINT.title)).getByRole("button", { name: "static-assets" }));
    expect(store.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(["assets"]);
    expect(fitView).toHaveBeenCalledWith({ nodes: [{ id: "assets" }], duration: 200, maxZoom: 1.2 });
  });

  it("follow the design as it changes", async () => {
    const { store } = renderReview(reviewServer());
    await screen.findByRole("heading", { name: RETENTION.title });
    act(() => store.getState().updateNode("logs", { props: { retention_days: 400 } }));
    await waitFor(() => expect(screen.queryByRole("heading", { name: RETENTION.title })).toBeNull());
    expect(screen.getByText("1 error, 1 warning and 1 piece of advice")).toBeInTheDocument();
  });
});

describe("a fix's preview", () => {
  it("says what the fix changes, in sentences, and its effect on the monthly cost, without saving anything", async () => {
    const server = reviewServer();
    renderReview(server);
    const { fix } = await openPreview(RETENTION.title);
    expect(fix).toHaveAccessibleName("Fix: Keep the logs 365 days");
    const changes = await within(fix).findByRole("list", { name: "What the fix changes" });
    expect(within(changes).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Changed: app-logs — Retention 30 → 365"]);
    expect(within(fix).getByTestId("fix-cost")).toHaveTextContent("+$123.45 a month");
    expect(fix).toHaveTextContent("($1,234.56 → $1,358.01 a month)");
    expect(within(fix).getByRole("button", { name: "Apply fix" })).toBeEnabled();
    expect(server.to("POST", "findings/preview/").map((r) => r.body)).toEqual([{ finding: RETENTION.id, revision: 3 }]);
    expect(server.to("PUT", "")).toEqual([]);
  });

  it("says what a fix saves, or that it changes nothing in the cost", async () => {
    renderReview(reviewServer());
    let { fix } = await openPreview(OVERSIZED.title);
    expect(await within(fix).findByTestId("fix-cost")).toHaveTextContent("saves $13.87 a month");
    ({ fix } = await openPreview(PROTECTION.title));
    expect(await within(fix).findByTestId("fix-cost")).toHaveTextContent("no change in cost");
    // One preview at a time.
    expect(screen.getAllByRole("region", { name: /^Fix: / })).toHaveLength(1);
  });

  it("saves what is on the canvas first, then previews the revision saved", async () => {
    const server = reviewServer();
    const { store } = renderReview(server);
    await screen.findByRole("heading", { name: RETENTION.title });
    act(() => store.getState().updateBase({ name: "Renamed" }));
    const { fix } = await openPreview(RETENTION.title);
    await within(fix).findByTestId("fix-cost");
    expect(server.to("PUT", "").map((r) => r.body?.base_revision)).toEqual([3]);
    expect(server.to("POST", "findings/preview/").map((r) => r.body)).toEqual([{ finding: RETENTION.id, revision: 4 }]);
    const order = server.requests.filter((r) => r.method === "PUT" || r.path.endsWith("preview/")).map((r) => r.method);
    expect(order).toEqual(["PUT", "POST"]);
  });

  it("shows why a fix cannot be previewed", async () => {
    const server = reviewServer();
    renderReview(server);
    await screen.findByRole("heading", { name: OVERSIZED.title });
    // The saved revision no longer has the finding (the canvas has not been checked again yet).
    server.state.documents[3] = { ...THREE_TIER, nodes: THREE_TIER.nodes.filter((n) => n.id !== "cache") };
    const { fix } = await openPreview(OVERSIZED.title);
    expect(await within(fix).findByRole("alert")).toHaveTextContent("Revision 3 has no finding cache-oversized:cache.");
    expect(within(fix).queryByRole("button", { name: "Apply fix" })).toBeNull();
  });
});

describe("applying a fix", () => {
  it("applies it on the current revision, puts the new revision on the canvas and carries on from it", async () => {
    const server = reviewServer();
    const { store, save } = renderReview(server);
    const { user, fix } = await openPreview(OVERSIZED.title);
    await user.click(await within(fix).findByRole("button", { name: "Apply fix" }));

    expect(await screen.findByText("Applied: Use cache.t4g.small (revision 4)")).toBeInTheDocument();
    expect(server.to("POST", "findings/apply/").map((r) => r.body)).toEqual([{ finding: OVERSIZED.id, base_revision: 3 }]);
    const cache = store.getState().document().nodes.find((n) => n.id === "cache")!;
    expect(cache.props?.node_type).toBe("cache.t4g.small");
    expect(save().revision).toBe(4);
    expect(save().status).toBe("saved");
    expect(screen.queryByRole("region", { name: /^Fix: / })).toBeNull();
    // Checked again: the finding has gone; nothing was saved by the editor itself.
    await waitFor(() => expect(screen.queryByRole("heading", { name: OVERSIZED.title })).toBeNull());
    expect(server.to("PUT", "")).toEqual([]);

    // The next save is made from the new revision.
    act(() => store.getState().updateBase({ name: "After the fix" }));
    await waitFor(() => expect(save().revision).toBe(5));
    expect(server.to("PUT", "").map((r) => r.body?.base_revision)).toEqual([4]);
  });

  it("says when a newer revision was saved meanwhile, and loads it", async () => {
    const server = reviewServer();
    const { store } = renderReview(server);
    const { user, fix } = await openPreview(OVERSIZED.title);
    await within(fix).findByTestId("fix-cost");
    server.otherSave({ ...THREE_TIER, name: "Theirs" });

    await user.click(within(fix).getByRole("button", { name: "Apply fix" }));
    expect(await within(fix).findByRole("alert")).toHaveTextContent("Alice saved revision 4 meanwhile, so the fix was not applied.");
    expect(server.to("POST", "findings/apply/").map((r) => r.body)).toEqual([{ finding: OVERSIZED.id, base_revision: 3 }]);
    expect(store.getState().document().name).toBe("Three-tier web app");

    await user.click(within(fix).getByRole("button", { name: "Load revision 4" }));
    await waitFor(() => expect(store.getState().document().name).toBe("Theirs"));
    expect(screen.queryByRole("region", { name: /^Fix: / })).toBeNull();
  });

  it("shows the server's refusal of a fix", async () => {
    const server = reviewServer();
    renderReview(server);
    const { user, fix } = await openPreview(OVERSIZED.title);
    await within(fix).findByTestId("fix-cost");
    server.state.documents[3] = { ...THREE_TIER, nodes: THREE_TIER.nodes.filter((n) => n.id !== "cache") };
    await user.click(within(fix).getByRole("button", { name: "Apply fix" }));
    expect(await within(fix).findByRole("alert")).toHaveTextContent("Revision 3 has no finding cache-oversized:cache.");
    expect(screen.getByText(OVERSIZED.title)).toBeInTheDocument();
  });
});

describe("the review for those who may not change the design", () => {
  it("lets a viewer preview a fix, without Apply", async () => {
    const server = reviewServer({ role: "viewer" });
    renderReview(server, { readOnly: true, access: { role: "viewer", team: null, viaLink: false } });
    const { fix } = await openPreview(RETENTION.title);
    expect(await within(fix).findByTestId("fix-cost")).toHaveTextContent("+$123.45 a month");
    expect(within(fix).queryByRole("button", { name: "Apply fix" })).toBeNull();
    expect(server.to("POST", "findings/preview/").map((r) => r.body)).toEqual([{ finding: RETENTION.id, revision: 3 }]);
    expect(server.to("PUT", "")).toEqual([]);
  });

  it("has no Apply on a share link's page either", async () => {
    renderReview(reviewServer(), { readOnly: true, access: { role: "viewer", team: null, viaLink: true } });
    const { fix } = await openPreview(PROTECTION.title);
    expect(await within(fix).findByTestId("fix-cost")).toHaveTextContent("no change in cost");
    expect(within(fix).queryByRole("button", { name: "Apply fix" })).toBeNull();
  });
});

describe("the review's helpers", () => {
  it("say a cost effect as a person would", () => {
    expect(costEffect("123.45")).toBe("+$123.45 a month");
    expect(costEffect("-13.87")).toBe("saves $13.87 a month");
    expect(costEffect("0.00")).toBe("no change in cost");
    expect(costEffect("-0")).toBe("no change in cost");
    expect(costEffect("1234.5")).toBe("+$1,234.50 a month");
  });

  it("count the findings", () => {
    expect(reviewSummary([])).toMatch(/^No findings/);
    expect(reviewSummary([ENDPOINT, ENDPOINT])).toBe("2 pieces of advice");
    expect(reviewSummary([PROTECTION, RETENTION])).toBe("1 error and 1 warning");
  });

  it("read findings defensively and mark each node with its worst severity", () => {
    expect(findingsFrom(undefined)).toEqual([]);
    expect(findingsFrom([{ id: "x:a", title: "X", severity: "odd", nodes: ["a", 3] }, { title: "no id" }])).toEqual([
      { id: "x:a", rule: "", severity: "info", title: "X", message: "", source_url: "", nodes: ["a"], edges: [], fix: null },
    ]);
    const warning = { ...ENDPOINT, id: "w:vpc", severity: "warning" as const, title: "W", nodes: ["vpc"] };
    expect(findingMarkers([ENDPOINT, warning, PROTECTION])).toEqual({
      vpc: { severity: "warning", titles: ["W", ENDPOINT.title] },
      assets: { severity: "info", titles: [ENDPOINT.title] },
      db: { severity: "error", titles: [PROTECTION.title] },
    });
  });
});
