import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ApiProvider } from "../ApiContext";
import { stubReactFlowDom } from "../test/outputPanels";
import { RESERVE_3Y, savingsServer, type SavingsServerOptions, SPOT } from "../test/savings";
import { SHARED_DESIGN } from "../test/sharing";
import { EditorPage } from "./EditorPage";

beforeEach(() => stubReactFlowDom());

async function openCostTab(options: SavingsServerOptions & { viaLink?: boolean } = {}) {
  const server = savingsServer(options);
  render(
    <ApiProvider client={server.client}>
      <EditorPage designId={SHARED_DESIGN} viaLink={options.viaLink ?? false} />
    </ApiProvider>,
  );
  await screen.findByRole("heading", { level: 1, name: "Three-tier web app" });
  fireEvent.click(screen.getByRole("tab", { name: "Cost" }));
  const panel = screen.getByRole("tabpanel");
  await within(panel).findByRole("list", { name: "Ways to save" });
  return { server, panel };
}

function item(panel: HTMLElement, title: string): HTMLElement {
  return within(panel).getByRole("heading", { name: new RegExp(`^${title}`) }).closest("li")!;
}

describe("saving money from the Cost tab", () => {
  it("applies a suggestion: a new revision the editor carries on from, and the suggestions of that revision", async () => {
    const user = userEvent.setup();
    const { server, panel } = await openCostTab();
    const reserve = item(panel, RESERVE_3Y.title);
    await user.click(within(reserve).getByRole("button", { name: "Preview" }));
    await user.click(await within(reserve).findByRole("button", { name: "Apply" }));

    expect(await within(panel).findByText(/Applied: Use 3-year reserved, all upfront \(revision 4\)/)).toBeInTheDocument();
    expect(server.to("POST", "findings/apply/").map((r) => r.body)).toEqual([{ suggestion: RESERVE_3Y.id, base_revision: 3 }]);
    expect(screen.getByText("All changes saved (revision 4)")).toBeInTheDocument();
    await waitFor(() => expect(within(panel).queryByRole("heading", { name: RESERVE_3Y.title })).toBeNull());
    expect(item(panel, SPOT.title)).toBeInTheDocument();
    expect(server.to("PUT", "")).toEqual([]);
    expect(server.state.documents[4]!.nodes.find((n) => n.id === "db")!.props?.pricing_model).toBe("reserved_3y_all_upfront");
  });

  it("lets a viewer preview a suggestion, with no Apply", async () => {
    const user = userEvent.setup();
    const { server, panel } = await openCostTab({ role: "viewer" });
    const spot = item(panel, SPOT.title);
    await user.click(within(spot).getByRole("button", { name: "Preview" }));
    expect(await within(spot).findByTestId("fix-cost")).toHaveTextContent("saves $21.02 a month");
    expect(within(panel).queryByRole("button", { name: "Apply" })).toBeNull();
    expect(server.to("POST", "findings/apply/")).toEqual([]);
  });

  it("shows a share link's visitor the ways to save, with no Apply", async () => {
    const user = userEvent.setup();
    const { panel } = await openCostTab({ viaLink: true, user: null });
    const reserve = item(panel, RESERVE_3Y.title);
    await user.click(within(reserve).getByRole("button", { name: "Preview" }));
    expect(await within(reserve).findByTestId("fix-cost")).toHaveTextContent("saves $310.25 a month");
    expect(within(panel).queryByRole("button", { name: "Apply" })).toBeNull();
  });
});
