import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ReactFlowProvider } from "@xyflow/react";
import { beforeEach, describe, expect, it } from "vitest";

import { ApiProvider } from "../ApiContext";
import { CATALOG, EXAMPLES } from "../test/editor";
import { panelServer, renderPanel, stubReactFlowDom } from "../test/outputPanels";
import { savingsServer, type SavingsServerOptions } from "../test/savings";
import { SHARED_DESIGN } from "../test/sharing";
import { budgetSentence, checkBudget } from "./budget";
import { CostPanel } from "./CostPanel";
import { EditorPage } from "./EditorPage";
import { decimalOf, subtractDecimal } from "./money";
import { createEditorStore } from "./store";
import type { DesignDocument } from "./types";

const THREE_TIER = EXAMPLES["three-tier-web-app"]!;
const FAST = { intervalMs: 5, timeoutMs: 2000 };

/** The Cost panel (its ways to save bring components into view, so inside a React Flow provider). */
const PANEL = (
  <ReactFlowProvider>
    <CostPanel {...FAST} />
  </ReactFlowProvider>
);

/** The three-tier example (its estimate is $1,234.56 a month) with this monthly budget. */
function budgeted(monthly_budget: unknown): DesignDocument {
  return { ...THREE_TIER, settings: { ...THREE_TIER.settings, monthly_budget } };
}

describe("the budget in the Cost panel", () => {
  it("says by how much the estimate exceeds the budget", async () => {
    const store = createEditorStore(CATALOG, budgeted(1000));
    renderPanel(PANEL, panelServer(), { store });
    const line = await screen.findByTestId("budget");
    expect(line).toHaveTextContent("Over budget by $234.56 a month (budget $1,000.00)");
    expect(line).toHaveClass("budget-over");
  });

  it("says what is left when the estimate is within the budget, and follows the budget as it is changed", async () => {
    const store = createEditorStore(CATALOG, budgeted(2000));
    renderPanel(PANEL, panelServer(), { store });
    expect(await screen.findByTestId("budget")).toHaveTextContent("Within budget: $765.44 to spare");
    expect(screen.getByTestId("budget")).not.toHaveTextContent("Over budget");

    act(() => store.getState().updateBase({ settings: { ...store.getState().base.settings, monthly_budget: 1234.5 } }));
    expect(screen.getByTestId("budget")).toHaveTextContent("Over budget by $0.06 a month (budget $1,234.50)");
    act(() => store.getState().updateBase({ settings: { ...store.getState().base.settings, monthly_budget: 1234.56 } }));
    expect(screen.getByTestId("budget")).toHaveTextContent("Within budget: $0.00 to spare");
  });

  it("says nothing about a budget when the design has none", async () => {
    renderPanel(PANEL, panelServer());
    await screen.findByTestId("cost-total");
    expect(screen.queryByTestId("budget")).toBeNull();
    expect(screen.queryByText(/budget/i)).toBeNull();
  });
});

describe("the budget in the toolbar", () => {
  beforeEach(() => stubReactFlowDom());

  async function openEditor(options: SavingsServerOptions & { viaLink?: boolean } = {}) {
    const server = savingsServer(options);
    render(
      <ApiProvider client={server.client}>
        <EditorPage designId={SHARED_DESIGN} viaLink={options.viaLink ?? false} />
      </ApiProvider>,
    );
    await screen.findByRole("heading", { level: 1, name: "Three-tier web app" });
    return server;
  }

  function toolbar(): HTMLElement {
    return screen.getByRole("heading", { level: 1 }).closest("header")!;
  }

  it("warns, with the amount, while the estimate exceeds the budget, and stops once the budget is raised", async () => {
    const user = userEvent.setup();
    await openEditor({ budget: 1000 });
    const warning = await within(toolbar()).findByText(/Over budget by/);
    expect(warning).toHaveTextContent("Over budget by $234.56 a month");
    expect(warning).toHaveAttribute("title", "The estimate of revision 3 is $1,234.56 a month; the budget is $1,000.00.");

    // The Cost tab says the same, with the budget.
    fireEvent.click(screen.getByRole("tab", { name: "Cost" }));
    expect(await screen.findByTestId("budget")).toHaveTextContent("Over budget by $234.56 a month (budget $1,000.00)");

    // Raised in the design's settings (the Inspector, nothing selected): within the budget, no warning.
    fireEvent.click(screen.getByRole("tab", { name: "Inspector" }));
    const budget = await screen.findByRole("textbox", { name: "Monthly budget" });
    await user.clear(budget);
    await user.type(budget, "1500");
    await user.tab();
    await waitFor(() => expect(within(toolbar()).queryByText(/Over budget/)).toBeNull());
    fireEvent.click(screen.getByRole("tab", { name: "Cost" }));
    expect(await screen.findByTestId("budget")).toHaveTextContent("Within budget: $265.44 to spare");
  });

  it("shows no warning within the budget", async () => {
    await openEditor({ budget: 5000 });
    fireEvent.click(screen.getByRole("tab", { name: "Cost" }));
    expect(await screen.findByTestId("budget")).toHaveTextContent("Within budget: $3,765.44 to spare");
    expect(within(toolbar()).queryByText(/budget/i)).toBeNull();
  });

  it("warns a share link's visitor too", async () => {
    await openEditor({ budget: 1200, viaLink: true, user: null });
    expect(await within(toolbar()).findByText(/Over budget by/)).toHaveTextContent("Over budget by $34.56 a month");
  });
});

describe("amounts against a budget", () => {
  it("subtracts decimal strings exactly", () => {
    expect(subtractDecimal("1234.56", "1000")).toBe("234.56");
    expect(subtractDecimal("1000", "1234.56")).toBe("-234.56");
    expect(subtractDecimal("0.3", "0.1")).toBe("0.2");
    expect(subtractDecimal("10", "10.00")).toBe("0.00");
    expect(subtractDecimal("5", "7")).toBe("-2");
    expect(subtractDecimal("-1.5", "1.25")).toBe("-2.75");
    expect(subtractDecimal("x", "1")).toBeNull();
  });

  it("reads a budget given as a number or as a numeric string", () => {
    expect(decimalOf(1000)).toBe("1000");
    expect(decimalOf(99.5)).toBe("99.5");
    expect(decimalOf(" 250.00 ")).toBe("250.00");
    expect(decimalOf("lots")).toBeNull();
    expect(decimalOf(Number.NaN)).toBeNull();
  });

  it("checks a total against a budget", () => {
    expect(checkBudget("1234.56", 1000)).toEqual({ budget: "1000", over: true, amount: "234.56" });
    expect(checkBudget("1234.56", 2000)).toEqual({ budget: "2000", over: false, amount: "765.44" });
    expect(checkBudget("1234.56", undefined)).toBeNull();
    expect(checkBudget("1234.56", "")).toBeNull();
    expect(checkBudget("1234.56", "a lot")).toBeNull();
    expect(budgetSentence(checkBudget("1234.56", 0)!)).toBe("Over budget by $1,234.56 a month (budget $0.00)");
    expect(budgetSentence(checkBudget("99.9", 100)!)).toBe("Within budget: $0.10 to spare");
  });
});
