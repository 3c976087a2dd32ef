import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { createApiClient, type DesignRole } from "../api";
import { ApiProvider } from "../ApiContext";
import { stubReactFlowDom } from "../test/outputPanels";
import { SHARED_DESIGN, sharingServer, type SharingServerOptions } from "../test/sharing";
import { EditorPage } from "./EditorPage";
import { LINK_NOTICE, READ_ONLY_NOTICE } from "./Toolbar";

beforeEach(() => stubReactFlowDom());

async function openEditor(role: DesignRole, options: SharingServerOptions & { viaLink?: boolean } = {}) {
  const server = sharingServer({ role, ...options });
  const client = createApiClient({ fetch: server.fetch, cookies: () => "csrftoken=tok", onNotAuthenticated: vi.fn() });
  render(
    <ApiProvider client={client}>
      <EditorPage designId={SHARED_DESIGN} viaLink={options.viaLink ?? false} />
    </ApiProvider>,
  );
  await screen.findByRole("heading", { level: 1, name: "Three-tier web app" });
  await screen.findByTestId("node-web"); // the canvas draws its nodes a moment after the page
  return server;
}

/** The requests that would change the design on the server. */
function writes(server: ReturnType<typeof sharingServer>) {
  return server.requests.filter((r) => ["PUT", "PATCH"].includes(r.method) && r.path === `/api/designs/${SHARED_DESIGN}/`);
}

function panel(name: string) {
  fireEvent.click(screen.getByRole("tab", { name }));
  return screen.getByRole("tabpanel");
}

describe("the editor, for a viewer", () => {
  it("says the design is read-only and has nothing that adds, saves, undoes, arranges or shares", async () => {
    await openEditor("viewer");
    expect(screen.getByRole("note")).toHaveTextContent(READ_ONLY_NOTICE);
    expect(screen.queryByRole("navigation", { name: "Components" })).toBeNull();
    for (const name of ["Save", "Undo", "Redo", "Auto-layout", "Share"]) {
      expect(screen.queryByRole("button", { name })).toBeNull();
    }
    expect(screen.getByRole("button", { name: "Fit" })).toBeInTheDocument();
    expect(screen.queryByText("All changes saved", { exact: false })).toBeNull();
  });

  it("lets a component be selected and inspected, with every field disabled", async () => {
    const user = userEvent.setup();
    await openEditor("viewer");
    fireEvent.click(within(screen.getByTestId("node-web")).getByText("web"));
    const inspector = panel("Inspector");
    expect(await within(inspector).findByRole("heading", { name: "web" })).toBeInTheDocument();
    const name = within(inspector).getByRole("textbox", { name: "Name" });
    expect(name).toBeDisabled();
    await user.type(name, "renamed");
    expect(name).toHaveValue("web");
  });

  it("leaves the design as it is, and saves nothing, whatever keys are pressed", async () => {
    const user = userEvent.setup();
    const server = await openEditor("viewer");
    fireEvent.click(within(screen.getByTestId("node-web")).getByText("web"));
    await user.keyboard("{Delete}{Backspace}");
    await user.keyboard("{Control>}a{/Control}{Delete}");
    await user.keyboard("{Control>}c{/Control}{Control>}v{/Control}{Control>}z{/Control}");
    await user.keyboard("{Control>}s{/Control}");
    expect(screen.getByTestId("node-web")).toBeInTheDocument();
    expect(screen.getAllByTestId(/^node-web/)).toHaveLength(1);
    expect(screen.getByRole("note")).toHaveTextContent(READ_ONLY_NOTICE);
    await act(async () => await new Promise((resolve) => setTimeout(resolve, 20)));
    expect(writes(server)).toEqual([]);
  });

  it("disables the design's name and description when nothing is selected", async () => {
    await openEditor("viewer");
    const inspector = panel("Inspector");
    expect(within(inspector).getByRole("textbox", { name: "Name" })).toBeDisabled();
    expect(within(inspector).getByRole("textbox", { name: "Description" })).toBeDisabled();
  });

  it("still shows the cost (its pricing model fixed), the downloads and the history, without Restore", async () => {
    await openEditor("viewer");
    const cost = panel("Cost");
    expect(await within(cost).findByTestId("cost-total")).toHaveTextContent("$1,234.56");
    expect(within(cost).getByRole("combobox", { name: "Pricing model" })).toBeDisabled();

    const exports = panel("Export");
    expect(within(exports).getByRole("link", { name: "YAML" })).toHaveAttribute("href", expect.stringContaining("cloudformation.yaml"));
    expect(within(exports).getByRole("button", { name: /Download|Render/ })).toBeEnabled();
    expect(within(exports).getByRole("region", { name: "Import a CloudFormation template" })).toBeInTheDocument();

    const history = panel("History");
    expect(await within(history).findByRole("button", { name: "Open revision 2" })).toBeEnabled();
    expect(within(history).getByRole("button", { name: "Compare revision 2 with revision 1" })).toBeInTheDocument();
    expect(within(history).queryByRole("button", { name: /Restore/ })).toBeNull();
  });

  it("lets a signed-in viewer comment, and says who else is here", async () => {
    const server = await openEditor("viewer");
    const comments = panel("Comments");
    expect(await within(comments).findByRole("button", { name: "Add comment" })).toBeInTheDocument();
    await waitFor(() => expect(server.to("POST", `/api/designs/${SHARED_DESIGN}/presence/`).length).toBeGreaterThan(0));
  });
});

describe("the editor, opened through a share link", () => {
  it("is read-only, says it was shared by link, and has no comments, presence or way back to a list of designs", async () => {
    const server = await openEditor("owner", { viaLink: true, user: null });
    expect(screen.getByRole("note")).toHaveTextContent(LINK_NOTICE);
    expect(screen.queryByRole("navigation", { name: "Components" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Share" })).toBeNull();
    expect(screen.queryByRole("tab", { name: "Comments" })).toBeNull();
    expect(screen.getByRole("tab", { name: "History" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "← Designs" })).toBeNull();
    // The files still download; importing a template (a new design, for someone signed in) is not offered.
    const exports = panel("Export");
    expect(within(exports).getByRole("link", { name: "YAML" })).toBeInTheDocument();
    expect(within(exports).queryByRole("region", { name: "Import a CloudFormation template" })).toBeNull();
    await act(async () => await new Promise((resolve) => setTimeout(resolve, 20)));
    expect(server.to("POST", `/api/designs/${SHARED_DESIGN}/presence/`)).toEqual([]);
    expect(server.to("GET", `/api/designs/${SHARED_DESIGN}/comments/`)).toEqual([]);
  });
});

describe("the editor, for the design's owner", () => {
  it("has the palette, the editing buttons and Share, and no read-only notice", async () => {
    await openEditor("owner");
    expect(screen.getByRole("navigation", { name: "Components" })).toBeInTheDocument();
    for (const name of ["Save", "Undo", "Redo", "Auto-layout", "Share"]) {
      expect(screen.getByRole("button", { name })).toBeInTheDocument();
    }
    expect(screen.queryByRole("note")).toBeNull();
    expect(screen.getByRole("textbox", { name: "Name" })).toBeEnabled();
  });

  it("opens the Share dialog from the toolbar, and remembers a move to a team when it is opened again", async () => {
    const user = userEvent.setup();
    const server = await openEditor("owner");
    await user.click(screen.getByRole("button", { name: "Share" }));
    let dialog = screen.getByRole("dialog", { name: "Share “Three-tier web app”" });
    const owner = within(dialog).getByRole("region", { name: "Owner" });
    await user.selectOptions(await within(owner).findByRole("combobox", { name: "Move to" }), "Team Platform");
    await user.click(within(owner).getByRole("button", { name: "Move" }));
    await within(owner).findByText("It now belongs to team Platform.");
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Share" }));
    dialog = screen.getByRole("dialog", { name: "Share “Three-tier web app”" });
    expect(within(dialog).getByText(/^Belongs to team Platform/)).toBeInTheDocument();
    expect(server.to("POST", `/api/designs/${SHARED_DESIGN}/transfer/`)).toHaveLength(1);
  });

  it("has no Share button for an editor", async () => {
    await openEditor("editor");
    expect(screen.getByRole("button", { name: "Undo" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Share" })).toBeNull();
  });
});
