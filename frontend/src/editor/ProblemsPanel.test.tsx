import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { ApiError, type Problem } from "../api";
import { EXAMPLES } from "../test/editor";
import { problem, renderEditorPanel } from "../test/inspect";
import { Inspector } from "./Inspector";
import { ProblemsPanel, reviewSummary } from "./ProblemsPanel";
import type { DesignDocument } from "./types";

const fitView = vi.hoisted(() => vi.fn(() => Promise.resolve(true)));
vi.mock("@xyflow/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@xyflow/react")>()),
  useReactFlow: () => ({ fitView }),
}));

const THREE_TIER = EXAMPLES["three-tier-web-app"]!;

const BAD_CIDR = "IPv4 CIDR '10.0.0.0/33' is not a valid IPv4 CIDR block (write it like 10.0.0.0/16).";
const NO_SUBNETS = "An Aurora cluster's subnet group needs subnets in two Availability Zones.";
const SHORT_RETENTION = "Logs kept 30 days may be too short for an audit.";

/** What the server says of the three-tier design: an error at the VPC's CIDR, one about the database as a whole,
 * a warning about the logs. */
function findings(): Problem[] {
  return [
    problem(SHORT_RETENTION, { node: "logs", field: "props.retention_days", severity: "warning" }),
    problem(BAD_CIDR, { node: "vpc", field: "props.cidr", path: "$.nodes[4].props.cidr" }),
    problem(NO_SUBNETS, { node: "db", field: null, path: "$.nodes[19]" }),
  ];
}

function panels() {
  return (
    <>
      <Inspector />
      <ProblemsPanel />
    </>
  );
}

describe("the problems panel", () => {
  it("counts the architect's review's findings and points to the Review panel", async () => {
    const finding = (severity: string) => ({ id: severity, rule: "r", severity, title: "t", message: "m", nodes: [], edges: [], fix: null, source_url: "" });
    renderEditorPanel(<ProblemsPanel />, THREE_TIER, { findings: [finding("error"), finding("warning"), finding("warning")] });
    expect(await screen.findByText("The architect's review: 1 error and 2 warnings on best practices (see the Review panel).")).toBeInTheDocument();
    expect(reviewSummary([])).toBeNull();
  });

  it("sends the design to be checked and says when there are no problems", async () => {
    const { requests } = renderEditorPanel(<ProblemsPanel />, THREE_TIER);
    expect(await screen.findByText("No problems")).toBeInTheDocument();
    const checks = requests.filter((r) => r.url === "/api/designs/validate/");
    expect(checks).toHaveLength(1);
    expect((checks[0]!.body as { document: DesignDocument }).document.name).toBe("Three-tier web app");
  });

  it("lists the errors, then the warnings, each with what it is about, and outlines the nodes with errors", async () => {
    const { store } = renderEditorPanel(<ProblemsPanel />, THREE_TIER, { validate: findings });
    const errors = await screen.findByRole("list", { name: "Errors" });
    expect(within(errors).getAllByRole("button").map((b) => b.textContent)).toEqual([`app-vpc${BAD_CIDR}`, `orders-db${NO_SUBNETS}`]);
    const warnings = screen.getByRole("list", { name: "Warnings" });
    expect(within(warnings).getByRole("button")).toHaveTextContent(`app-logs${SHORT_RETENTION}`);
    expect(errors.compareDocumentPosition(warnings) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole("status")).toHaveTextContent("2 errors and 1 warning");

    const outline = (id: string) => store.getState().nodes.find((n) => n.id === id)!.data.problem ?? null;
    expect(outline("vpc")).toBe(BAD_CIDR);
    expect(outline("db")).toBe(NO_SUBNETS);
    expect(outline("logs")).toBeNull();
  });

  it("selects the node of the problem chosen, brings it into view, and the inspector shows the message at its field", async () => {
    const user = userEvent.setup();
    const { store } = renderEditorPanel(panels(), THREE_TIER, { validate: findings });
    const errors = await screen.findByRole("list", { name: "Errors" });

    await user.click(within(errors).getByRole("button", { name: /^app-vpc/ }));
    expect(store.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(["vpc"]);
    expect(fitView).toHaveBeenCalledWith({ nodes: [{ id: "vpc" }], duration: 200, maxZoom: 1.2 });
    const cidr = screen.getByRole("textbox", { name: "IPv4 CIDR" });
    expect(cidr).toHaveAccessibleDescription(new RegExp(`^${BAD_CIDR.replace(/[.*()/]/g, "\\$&")}`));
    expect(cidr).toHaveAttribute("aria-invalid", "true");

    // From the keyboard: a problem about the node as a whole is shown above its form.
    within(errors).getByRole("button", { name: /^orders-db/ }).focus();
    await user.keyboard("{Enter}");
    expect(store.getState().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(["db"]);
    expect(screen.getByRole("list", { name: "Problems with orders-db" })).toHaveTextContent(NO_SUBNETS);
  });

  it("checks the design again after a change, and its messages follow", async () => {
    const { store } = renderEditorPanel(panels(), THREE_TIER, {
      select: { nodes: ["vpc"] },
      validate: (document) =>
        document.nodes.find((n) => n.id === "vpc")?.props?.cidr === "10.0.0.0/33"
          ? [problem(BAD_CIDR, { node: "vpc", field: "props.cidr" })]
          : [],
    });
    expect(await screen.findByText("No problems")).toBeInTheDocument();
    act(() => store.getState().updateNode("vpc", { props: { cidr: "10.0.0.0/33" } }));
    const cidr = screen.getByRole("textbox", { name: "IPv4 CIDR" });
    await waitFor(() => expect(cidr).toHaveAccessibleDescription(new RegExp("is not a valid IPv4 CIDR block")));
    expect(screen.getByRole("status")).toHaveTextContent("1 error");

    act(() => store.getState().undo());
    await screen.findByText("No problems");
    expect(cidr).not.toHaveAttribute("aria-invalid");
    expect(store.getState().nodes.find((n) => n.id === "vpc")!.data.problem ?? null).toBeNull();
  });

  it("lists why the last save failed, and selects the connection a reason is about", async () => {
    const user = userEvent.setup();
    const port = "Port must be at most 65,535, not 99999.";
    const saveError = new ApiError(400, "invalid_document", "The design has 1 problem.", [problem(port, { edge: "e6", field: "props.port" })]);
    const { store } = renderEditorPanel(<ProblemsPanel />, THREE_TIER, { saveError });
    const failed = screen.getByRole("region", { name: "The last save failed" });
    expect(failed).toHaveTextContent("The design has 1 problem.");

    await user.click(within(failed).getByRole("button", { name: `web-alb → web${port}` }));
    expect(store.getState().edges.filter((e) => e.selected).map((e) => e.id)).toEqual(["e6"]);
    expect(fitView).toHaveBeenCalledWith({ nodes: [{ id: "alb" }, { id: "web" }], duration: 200, maxZoom: 1.2 });
  });

  it("says when the design could not be checked", async () => {
    renderEditorPanel(<ProblemsPanel />, THREE_TIER, {
      validate: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent(/^The design could not be checked: Could not reach the server/));
  });
});
