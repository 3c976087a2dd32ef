/** The Cost panel: the monthly total of the newest saved revision and its breakdown by service, component and
 * connection, what could not be priced and why, how old the prices are, the design's pricing model, how the total
 * stands against the design's monthly budget (budget.tsx), and the ways to save money (CostSavings.tsx). */

import { type ReactNode, useContext, useId, useMemo } from "react";

import { type Estimate, estimateCsvPath, type EstimateResult } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDate, plural } from "../format";
import { BudgetLine } from "./budget";
import { useEditor, useEditorStore } from "./context";
import { SavingsSection } from "./CostSavings";
import { SUGGESTION_WORDS, useFixFlow } from "./fixFlow";
import { compareDecimal, formatUsd, largestFirst } from "./money";
import { useSession } from "./session";
import { EstimateContext, type EstimateOptions, type EstimateState, useEstimate } from "./useEstimate";

/** The pricing models (designer/catalog/fields.py PRICING_MODELS), in the order the menu lists them. */
export const PRICING_MODELS: readonly { value: string; label: string }[] = [
  { value: "on_demand", label: "On-demand" },
  { value: "reserved_1y_no_upfront", label: "Reserved, 1 year, no upfront" },
  { value: "reserved_1y_partial_upfront", label: "Reserved, 1 year, partial upfront" },
  { value: "reserved_1y_all_upfront", label: "Reserved, 1 year, all upfront" },
  { value: "reserved_3y_no_upfront", label: "Reserved, 3 years, no upfront" },
  { value: "reserved_3y_partial_upfront", label: "Reserved, 3 years, partial upfront" },
  { value: "reserved_3y_all_upfront", label: "Reserved, 3 years, all upfront" },
  { value: "savings_plan_1y", label: "Compute Savings Plan, 1 year" },
  { value: "savings_plan_3y", label: "Compute Savings Plan, 3 years" },
];

const DEFAULT_MODEL = "on_demand";

export function pricingModelLabel(value: string): string {
  return PRICING_MODELS.find((m) => m.value === value)?.label ?? value;
}

/** Follows the estimate from `EstimateContext` when a component above provides one, else its own while shown. */
export function CostPanel(options: EstimateOptions) {
  const shared = useContext(EstimateContext);
  return shared ? <CostView state={shared} /> : <OwnEstimate {...options} />;
}

function OwnEstimate(options: EstimateOptions) {
  return <CostView state={useEstimate(options)} />;
}

/** Follows the estimate for everything below (mount it around the editor's body to keep the badges current). */
export function EstimateProvider({ children, ...options }: EstimateOptions & { children: ReactNode }) {
  return <EstimateContext.Provider value={useEstimate(options)}>{children}</EstimateContext.Provider>;
}

function PricingModel() {
  const store = useEditorStore();
  const id = useId();
  const { model, readOnly } = useEditor((s) => {
    const value = s.base.settings?.pricing_model;
    return { model: typeof value === "string" ? value : DEFAULT_MODEL, readOnly: s.readOnly };
  });
  const change = (pricing_model: string) => {
    const base = store.getState().base;
    store.getState().updateBase({ settings: { ...base.settings, pricing_model } });
  };
  return (
    <div className="field">
      <label htmlFor={id}>Pricing model</label>
      <select
        id={id}
        value={model}
        onChange={(event) => change(event.target.value)}
        aria-describedby={`${id}-hint`}
        disabled={readOnly}
      >
        {PRICING_MODELS.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
      <p className="muted cost-hint" id={`${id}-hint`}>
        For every component without a pricing model of its own; reserved and Savings Plans prices apply where AWS
        offers them, on-demand elsewhere.
      </p>
    </div>
  );
}

function CostView({ state }: { state: EstimateState }) {
  const { save } = useSession();
  const fixes = useFixFlow(SUGGESTION_WORDS);
  const { estimating, estimate, error } = state;
  const newer = save.revision !== null && estimate !== null && save.revision !== estimate.revision;
  const stale = estimate !== null && (save.status !== "saved" || newer);
  const bodyClass = estimating ? "cost-body is-stale" : "cost-body";
  // One status line for the panel: what a saving applied made, then the estimate under way.
  const status = [fixes.message, estimating ? "Estimating…" : ""].filter(Boolean).join(" ");
  return (
    <section className="cost-panel" aria-label="Cost">
      <PricingModel />
      <p className="panel-status" role="status">
        {status}
      </p>
      <ErrorAlert error={error} />
      {estimate?.result && (
        <div className={bodyClass} aria-busy={estimating}>
          <CostSummary estimate={estimate} result={estimate.result} />
          {stale && !estimating && (
            <p className="muted cost-hint">
              Changes since revision {estimate.revision} are estimated once they are saved.
            </p>
          )}
        </div>
      )}
      <SavingsSection flow={fixes} />
      {estimate?.result && (
        <div className={bodyClass} aria-busy={estimating}>
          <CostBreakdown result={estimate.result} />
          <p>
            <a className="link" href={estimateCsvPath(estimate.id)} download>
              Download the estimate as CSV
            </a>
          </p>
        </div>
      )}
    </section>
  );
}

function CostSummary({ estimate, result }: { estimate: Estimate; result: EstimateResult }) {
  const dates = Object.entries(result.price_data).sort(([a], [b]) => a.localeCompare(b));
  const upfront = compareDecimal(result.upfront_monthly, "0") > 0;
  return (
    <>
      <div className="cost-total">
        <span>Total per month</span>
        <strong data-testid="cost-total">{formatUsd(result.total_monthly)}</strong>
      </div>
      <p className="muted cost-meta">
        {formatUsd(result.total_yearly)} a year · revision {estimate.revision} ·{" "}
        {pricingModelLabel(result.settings.pricing_model)}
        {upfront && ` · includes ${formatUsd(result.upfront_monthly)} of upfront fees spread over the term`}
      </p>
      <BudgetLine totalMonthly={result.total_monthly} />
      {result.missing_regions.length > 0 && (
        <p className="cost-warning">
          No price data for {result.missing_regions.join(", ")}: its components are not priced.
        </p>
      )}
      {result.oldest_price_date && (
        <details className="cost-details">
          <summary>Prices as of {formatDate(result.oldest_price_date)}</summary>
          <ul className="cost-list">
            {dates.map(([offer, date]) => (
              <li key={offer}>
                {offer}: {date ? formatDate(date) : "unknown"}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function AmountTable({ caption, rows }: { caption: string; rows: { key: string; name: string; amount: string }[] }) {
  if (rows.length === 0) return null;
  return (
    <table className="cost-table">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.name}</th>
            <td>{formatUsd(row.amount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CostBreakdown({ result }: { result: EstimateResult }) {
  const { nodes, edges } = useEditor((s) => ({ nodes: s.nodes, edges: s.edges }));
  const labels = useMemo(() => new Map(nodes.map((n) => [n.id, n.data.doc.label])), [nodes]);
  const nodeName = (id: string | null) => (id ? (labels.get(id) ?? id) : "");
  const edgeName = (id: string) => {
    const edge = edges.find((e) => e.id === id);
    return edge ? `${nodeName(edge.source)} → ${nodeName(edge.target)}` : id;
  };
  const itemOf = (item: { node: string | null; edge: string | null }) =>
    item.node ? nodeName(item.node) : item.edge ? edgeName(item.edge) : "Design";
  const free = Object.entries(result.free);
  const notes = Object.entries(result.notes).flatMap(([id, list]) => list.map((note) => ({ id, note })));

  return (
    <>
      <AmountTable
        caption="By service"
        rows={largestFirst(result.by_service).map(([service, amount]) => ({ key: service, name: service, amount }))}
      />
      <AmountTable
        caption="By component"
        rows={largestFirst(result.by_node).map(([id, amount]) => ({ key: id, name: nodeName(id), amount }))}
      />
      <AmountTable
        caption="By connection"
        rows={largestFirst(result.by_connection).map(([id, amount]) => ({ key: id, name: edgeName(id), amount }))}
      />
      {result.unpriced.length > 0 && (
        <div className="cost-unpriced">
          <h3 className="cost-heading">Not priced ({result.unpriced.length})</h3>
          <ul className="cost-list">
            {result.unpriced.map((u, i) => (
              <li key={`${u.node ?? u.edge ?? ""}-${u.what}-${i}`}>
                <strong>{itemOf(u)}</strong>: {u.what}. <span className="muted">{u.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {notes.length > 0 && (
        <details className="cost-details">
          <summary>Notes ({notes.length})</summary>
          <ul className="cost-list">
            {notes.map(({ id, note }) => (
              <li key={`${id}-${note}`}>
                <strong>{nodeName(id)}</strong>: {note}
              </li>
            ))}
          </ul>
        </details>
      )}
      {result.assumptions.length > 0 && (
        <details className="cost-details">
          <summary>Assumptions ({result.assumptions.length})</summary>
          <ul className="cost-list">
            {result.assumptions.map((a, i) => (
              <li key={`${a.node ?? ""}-${a.field}-${i}`}>
                {a.node && <strong>{nodeName(a.node)}: </strong>}
                {a.label} {String(a.value)}
                {a.unit && ` ${a.unit}`}
                {a.default && <span className="muted"> (default)</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {free.length > 0 && (
        <details className="cost-details">
          <summary>Free: {plural(free.length, "component")}</summary>
          <ul className="cost-list">
            {free.map(([id, why]) => (
              <li key={id}>
                <strong>{nodeName(id)}</strong>: {why}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
