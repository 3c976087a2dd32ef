import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { DESIGN, estimateResult, panelServer, renderPanel } from "../test/outputPanels";
import { CostPanel, EstimateProvider } from "./CostPanel";
import { compareDecimal, formatUsd, largestFirst } from "./money";

const FAST = { intervalMs: 5, timeoutMs: 2000 };

// The panel's ways to save bring a component into view: the canvas is not rendered here.
vi.mock("@xyflow/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@xyflow/react")>()),
  useReactFlow: () => ({ fitView: () => Promise.resolve(true) }),
}));

function costOf(store: ReturnType<typeof renderPanel>["store"], id: string) {
  return store.getState().nodes.find((n) => n.id === id)?.data.cost ?? null;
}

describe("the cost panel", () => {
  it("estimates the saved revision: Estimating… while the worker runs, then the total, the breakdown and the badges", async () => {
    const server = panelServer({ estimateStatuses: ["pending", "running", "done"] });
    const { store } = renderPanel(<CostPanel intervalMs={20} timeoutMs={5000} />, server, { save: { revision: 3 } });

    expect(await screen.findByRole("status")).toHaveTextContent("Estimating…");
    expect(await screen.findByTestId("cost-total")).toHaveTextContent("$1,234.56");
    expect(screen.getByRole("status")).toBeEmptyDOMElement();

    expect(server.to("POST", "/api/")).toEqual([{ method: "POST", path: `/api/designs/${DESIGN}/estimates/`, body: { revision: 3 } }]);
    expect(server.to("GET", "/api/estimates/")).toHaveLength(3);

    const byService = screen.getByRole("table", { name: "By service" });
    expect(within(byService).getAllByRole("row").map((r) => r.textContent)).toEqual([
      "Amazon RDS$1,000.00",
      "Elastic Load Balancing$200.06",
      "Data transfer$34.50",
    ]);
    // Components by their labels on the canvas, connections by what they join.
    const byNode = screen.getByRole("table", { name: "By component" });
    expect(within(byNode).getAllByRole("row").map((r) => r.textContent)).toEqual(["orders-db$1,000.00", "web-alb$200.06"]);
    expect(screen.getByRole("table", { name: "By connection" })).toHaveTextContent("Users → CDN$34.50");
    expect(screen.getByText(/Not priced \(1\)/).parentElement).toHaveTextContent(
      "sessions: cache.r7g.large node hours. no price for AmazonElastiCache in us-east-1",
    );
    expect(screen.getByText(/^Prices as of/)).toHaveTextContent("Prices as of Jan 15, 2025");
    expect(screen.getByText(/revision 3 · On-demand/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Download the estimate as CSV" })).toHaveAttribute(
      "href",
      "/api/estimates/00000000-0000-4000-8000-000000000003/csv/",
    );

    expect(costOf(store, "db")).toBe("$1,000.00");
    expect(costOf(store, "alb")).toBe("$200.06");
    expect(costOf(store, "vpc")).toBeNull();
  });

  it("estimates again when a save makes a new revision, and the badges follow", async () => {
    const server = panelServer();
    const view = renderPanel(<CostPanel {...FAST} />, server, { save: { revision: 3 } });
    await screen.findByTestId("cost-total");

    act(() => view.store.getState().annotate({ costs: {} })); // so the new estimate is seen to put them back
    view.setSave({ revision: 4 });
    await waitFor(() => expect(costOf(view.store, "db")).toBe("$1,000.00"));
    expect(server.to("POST", "/api/").map((r) => r.body)).toEqual([{ revision: 3 }, { revision: 4 }]);
    expect(screen.getByText(/revision 4 ·/)).toBeInTheDocument();
  });

  it("shows the estimate followed above it, when there is one, rather than asking again", async () => {
    const server = panelServer();
    renderPanel(
      <EstimateProvider {...FAST}>
        <CostPanel {...FAST} />
      </EstimateProvider>,
      server,
      { save: { revision: 3 } },
    );
    expect(await screen.findByTestId("cost-total")).toHaveTextContent("$1,234.56");
    expect(server.to("POST", "/api/")).toHaveLength(1);
  });

  it("asks for the newest revision when the session has not saved one yet", async () => {
    const server = panelServer();
    renderPanel(<CostPanel {...FAST} />, server, { save: { revision: null } });
    await screen.findByTestId("cost-total");
    expect(server.to("POST", "/api/")[0]?.body).toEqual({});
  });

  it("shows why an estimate failed, and no total or badges", async () => {
    const server = panelServer({ estimateStatuses: ["running", "failed"], estimateError: "The worker ran out of memory." });
    const { store } = renderPanel(<CostPanel {...FAST} />, server, { save: { revision: 2 } });
    act(() => store.getState().annotate({ costs: { db: "$1.00" } }));

    expect(await screen.findByRole("alert")).toHaveTextContent("The estimate of revision 2 failed. The worker ran out of memory.");
    expect(screen.queryByTestId("cost-total")).not.toBeInTheDocument();
    expect(screen.getByRole("status")).toBeEmptyDOMElement();
    expect(costOf(store, "db")).toBeNull();
  });

  it("binds the pricing model to the document's settings, which makes a change to save", async () => {
    const user = userEvent.setup();
    const { store } = renderPanel(<CostPanel {...FAST} />, panelServer());
    const select = screen.getByLabelText("Pricing model");
    expect(select).toHaveValue("on_demand");

    await user.selectOptions(select, "Reserved, 1 year, all upfront");
    const { base, version, savedVersion } = store.getState();
    expect(base.settings).toEqual({ hours_per_month: 730, pricing_model: "reserved_1y_all_upfront" });
    expect(version).toBeGreaterThan(savedVersion);
    expect(select).toHaveValue("reserved_1y_all_upfront");
  });

  it("names the upfront fees and the regions without prices", async () => {
    const result = estimateResult({ upfront_monthly: "41.10", missing_regions: ["eu-central-1"] });
    renderPanel(<CostPanel {...FAST} />, panelServer({ result }));
    await screen.findByTestId("cost-total");
    expect(screen.getByText(/includes \$41\.10 of upfront fees/)).toBeInTheDocument();
    expect(screen.getByText(/No price data for eu-central-1/)).toBeInTheDocument();
  });
});

describe("amounts of money", () => {
  it.each([
    ["1234.5", "$1,234.50"],
    ["0", "$0.00"],
    ["0.00", "$0.00"],
    ["1000000.125", "$1,000,000.125"],
    ["-12.30", "-$12.30"],
    ["007.1", "$7.10"],
    ["n/a", "n/a"],
  ])("shows %s as %s", (amount, shown) => {
    expect(formatUsd(amount)).toBe(shown);
  });

  it("orders decimal strings as numbers, the largest first", () => {
    expect(compareDecimal("9.99", "10.00")).toBeLessThan(0);
    expect(compareDecimal("10.5", "10.49")).toBeGreaterThan(0);
    expect(compareDecimal("-3", "2")).toBeLessThan(0);
    expect(compareDecimal("-3", "-20")).toBeGreaterThan(0);
    expect(compareDecimal("0.0", "0")).toBe(0);
    expect(largestFirst({ a: "9.99", b: "100.00", c: "10.00" }).map(([k]) => k)).toEqual(["b", "c", "a"]);
  });
});
