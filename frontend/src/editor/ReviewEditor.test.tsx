import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ApiProvider } from "../ApiContext";
import { stubReactFlowDom } from "../test/outputPanels";
import { ENDPOINT, OVERSIZED, PROTECTION, RETENTION, reviewServer, type ReviewServerOptions } from "../test/review";
import { SHARED_DESIGN } from "../test/sharing";
import { EditorPage } from "./EditorPage";

beforeEach(() => stubReactFlowDom());

async function openEditor(options: ReviewServerOptions & { viaLink?: boolean } = {}) {
  const server = reviewServer(options);
  render(
    <ApiProvider client={server.client}>
      <EditorPage designId={SHARED_DESIGN} viaLink={options.viaLink ?? false} />
    </ApiProvider>,
  );
  await screen.findByRole("heading", { level: 1, name: "Three-tier web app" });
  return server;
}

function reviewTab() {
  fireEvent.click(screen.getByRole("tab", { name: "Review" }));
  return screen.getByRole("tabpanel");
}

/** The review marker on the node `id` of the canvas, once the design has been checked. */
function marker(id: string, name: string | RegExp) {
  return within(screen.getByTestId(`node-${id}`)).findByRole("img", { name });
}

describe("the review on the canvas", () => {
  it("marks each node with findings, coloured by the worst, named by their titles", async () => {
    await openEditor();
    const db = await marker("db", `Review: ${PROTECTION.title}`);
    expect(db).toHaveClass("review-marker-error");
    expect(db).toHaveAttribute("title", expect.stringContaining(PROTECTION.title));
    expect(await marker("cache", `Review: ${OVERSIZED.title}`)).toHaveClass("review-marker-warning");
    expect(await marker("logs", `Review: ${RETENTION.title}`)).toHaveClass("review-marker-warning");
    // A container (the VPC) has one too; a node without findings has none.
    expect(await marker("vpc", `Review: ${ENDPOINT.title}`)).toHaveClass("review-marker-info");
    expect(within(screen.getByTestId("node-web")).queryByRole("img", { name: /^Review/ })).toBeNull();
  });

  it("applies a fix from the Review tab: the new revision is on the canvas and its marker goes", async () => {
    const user = userEvent.setup();
    const server = await openEditor();
    await marker("cache", `Review: ${OVERSIZED.title}`);
    const review = reviewTab();
    const item = within(review).getByRole("heading", { name: OVERSIZED.title }).closest("li")!;
    await user.click(within(item as HTMLElement).getByRole("button", { name: "Preview fix" }));
    await user.click(await within(item as HTMLElement).findByRole("button", { name: "Apply fix" }));

    expect(await within(review).findByText("Applied: Use cache.t4g.small (revision 4)")).toBeInTheDocument();
    expect(server.to("POST", "findings/apply/").map((r) => r.body)).toEqual([{ finding: OVERSIZED.id, base_revision: 3 }]);
    // The canvas draws the new revision's nodes afresh: look the node up each time, not once.
    await waitFor(() => expect(screen.getByTestId("node-cache")).toHaveTextContent("cache.t4g.small"));
    await waitFor(() => expect(within(screen.getByTestId("node-cache")).queryByRole("img", { name: /^Review/ })).toBeNull());
    expect(screen.getByText("All changes saved (revision 4)")).toBeInTheDocument();
    expect(server.to("PUT", "")).toEqual([]);
  });
});

describe("the review, for those who may only look", () => {
  it("shows a viewer the findings and a fix's preview, with no Apply", async () => {
    const user = userEvent.setup();
    const server = await openEditor({ role: "viewer" });
    await marker("logs", `Review: ${RETENTION.title}`);
    const review = reviewTab();
    const item = within(review).getByRole("heading", { name: RETENTION.title }).closest("li") as HTMLElement;
    await user.click(within(item).getByRole("button", { name: "Preview fix" }));
    expect(await within(item).findByTestId("fix-cost")).toHaveTextContent("+$123.45 a month");
    expect(within(review).queryByRole("button", { name: "Apply fix" })).toBeNull();
    expect(server.to("POST", "findings/apply/")).toEqual([]);
  });

  it("shows a share link's visitor the markers and the Review tab, with no Apply", async () => {
    const user = userEvent.setup();
    await openEditor({ viaLink: true, user: null });
    await marker("db", `Review: ${PROTECTION.title}`);
    const review = reviewTab();
    const item = within(review).getByRole("heading", { name: PROTECTION.title }).closest("li") as HTMLElement;
    await user.click(within(item).getByRole("button", { name: "Preview fix" }));
    expect(await within(item).findByTestId("fix-cost")).toHaveTextContent("no change in cost");
    expect(within(review).queryByRole("button", { name: "Apply fix" })).toBeNull();
  });
});
