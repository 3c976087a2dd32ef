import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { DESIGN, DIAGRAM_FILE, IMPORTED, panelServer, renderPanel } from "../test/outputPanels";
import { ExportPanel } from "./ExportPanel";

const FAST = { intervalMs: 5, timeoutMs: 2000 };

/** The links the page clicked to download files (their navigation stopped: jsdom cannot navigate). */
let downloads: string[];
function recordDownload(event: MouseEvent) {
  const target = event.target;
  if (target instanceof HTMLAnchorElement && target.hasAttribute("download")) {
    downloads.push(target.href);
    event.preventDefault();
  }
}

beforeEach(() => {
  downloads = [];
  document.addEventListener("click", recordDownload);
});
afterEach(() => {
  document.removeEventListener("click", recordDownload);
});

function templateLink(name: "YAML" | "JSON") {
  return screen.getByRole("link", { name });
}

describe("the export panel", () => {
  it("links the newest saved revision's CloudFormation template, as YAML and as JSON", () => {
    renderPanel(<ExportPanel {...FAST} />, panelServer(), { save: { revision: 7 } });
    expect(templateLink("YAML")).toHaveAttribute("href", `/api/designs/${DESIGN}/revisions/7/cloudformation.yaml`);
    expect(templateLink("JSON")).toHaveAttribute("href", `/api/designs/${DESIGN}/revisions/7/cloudformation.json`);
    expect(screen.getByText("Of revision 7, the newest saved.")).toBeInTheDocument();
  });

  it("links the design's newest template before this session has saved a revision", () => {
    renderPanel(<ExportPanel {...FAST} />, panelServer(), { save: { revision: null } });
    expect(templateLink("YAML")).toHaveAttribute("href", `/api/designs/${DESIGN}/cloudformation.yaml`);
    expect(templateLink("JSON")).toHaveAttribute("href", `/api/designs/${DESIGN}/cloudformation.json`);
  });

  it("disables the template links while there are unsaved changes, and offers to save them", async () => {
    const user = userEvent.setup();
    const view = renderPanel(<ExportPanel {...FAST} />, panelServer(), { save: { status: "unsaved", revision: 7 } });
    expect(templateLink("YAML")).not.toHaveAttribute("href");
    expect(templateLink("YAML")).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByText(/You have unsaved changes/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Save now" }));
    expect(view.save().saveNow).toHaveBeenCalledTimes(1);

    view.setSave({ status: "saved", revision: 8 });
    expect(templateLink("YAML")).toHaveAttribute("href", `/api/designs/${DESIGN}/revisions/8/cloudformation.yaml`);
    expect(screen.queryByRole("button", { name: "Save now" })).not.toBeInTheDocument();
  });

  it("has a diagram rendered by a worker in the chosen format and layout, with its progress, then downloads it", async () => {
    const user = userEvent.setup();
    const server = panelServer({ diagramStatuses: ["queued", "running", "done"] });
    renderPanel(<ExportPanel intervalMs={30} timeoutMs={5000} />, server);
    const diagram = screen.getByRole("button", { name: "Download diagram" }).closest("form")!;
    await user.selectOptions(within(diagram).getByLabelText("Format"), "SVG image");
    await user.selectOptions(within(diagram).getByLabelText("Layout"), "As on the canvas");
    await user.click(within(diagram).getByLabelText(/monthly cost/));
    await user.click(screen.getByRole("button", { name: "Download diagram" }));

    expect(within(diagram).getByRole("status")).toHaveTextContent("Rendering the SVG image…");
    await waitFor(() => expect(within(diagram).getByRole("status")).toHaveTextContent("Done: the download has started."));
    expect(server.to("POST", "/api/")).toEqual([
      { method: "POST", path: `/api/designs/${DESIGN}/diagrams/`, body: { format: "svg", layout: "canvas", costs: true } },
    ]);
    expect(downloads).toEqual([DIAGRAM_FILE]);
  });

  it("saves the canvas before asking for its diagram", async () => {
    const user = userEvent.setup();
    const server = panelServer();
    const view = renderPanel(<ExportPanel {...FAST} />, server);
    act(() => view.store.getState().updateBase({ name: "Renamed" }));

    await user.click(screen.getByRole("button", { name: "Download diagram" }));
    await waitFor(() => expect(downloads).toEqual([DIAGRAM_FILE]));
    expect(view.save().saveNow).toHaveBeenCalledTimes(1);
  });

  it("asks for no diagram when the save fails", async () => {
    const user = userEvent.setup();
    const server = panelServer();
    const view = renderPanel(<ExportPanel {...FAST} />, server, { save: { saveNow: vi.fn(async () => undefined) } });
    act(() => view.store.getState().updateBase({ name: "Renamed" }));

    await user.click(screen.getByRole("button", { name: "Download diagram" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The design could not be saved");
    expect(server.to("POST", "/api/")).toEqual([]);
  });

  it("imports a CloudFormation template as a new design and opens it in the editor", async () => {
    const user = userEvent.setup();
    const navigate = vi.fn();
    const server = panelServer();
    renderPanel(<ExportPanel {...FAST} navigate={navigate} />, server);
    const section = screen.getByRole("region", { name: "Import a CloudFormation template" });
    const file = new File(["Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n"], "network.yaml", { type: "application/x-yaml" });
    await user.upload(within(section).getByLabelText("Template file"), file);
    await user.click(within(section).getByRole("button", { name: "Import template" }));

    await waitFor(() => expect(navigate).toHaveBeenCalledWith(`/designs/${IMPORTED}/`));
    expect(server.to("POST", "/api/designs/import/")[0]?.body).toEqual({ template: "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n" });
  });

  it("stays to show what the import did not understand, with the way to the new design", async () => {
    const user = userEvent.setup();
    const navigate = vi.fn();
    const importReport = { resources: 3, nodes: 2, edges: 1, kept_inside_nodes: 0, generic_nodes: ["Role"], not_understood: ["Role: kept as a generic resource"] };
    renderPanel(<ExportPanel {...FAST} navigate={navigate} />, panelServer({ importReport }));
    const section = screen.getByRole("region", { name: "Import a CloudFormation template" });
    await user.upload(within(section).getByLabelText("Template file"), new File(["Resources: {}"], "t.yaml"));
    await user.click(within(section).getByRole("button", { name: "Import template" }));

    expect(await within(section).findByRole("link", { name: "Open “Imported network”" })).toHaveAttribute("href", `/designs/${IMPORTED}/`);
    expect(within(section).getByText("Role: kept as a generic resource")).toBeInTheDocument();
    expect(navigate).not.toHaveBeenCalled();
  });
});
