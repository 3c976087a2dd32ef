/**
 * The design's monthly budget (`settings.monthly_budget`, USD, set in the Inspector's design settings) against its
 * estimate: the Cost panel says by how much the estimate exceeds it, or how much is left; the toolbar warns while it
 * is exceeded. The budget is the document's as it stands (saved or not); the estimate is the newest finished one.
 * Amounts are compared and subtracted as decimal strings, never as floats.
 */

import "./savings.css";

import { useContext } from "react";

import { useEditor } from "./context";
import { compareDecimal, decimalOf, formatUsd, subtractDecimal } from "./money";
import { EstimateContext } from "./useEstimate";

export interface BudgetCheck {
  /** The budget, as a decimal string. */
  budget: string;
  /** The estimate is more than the budget. */
  over: boolean;
  /** By how much it exceeds the budget (over), or what is left of it (within): never negative. */
  amount: string;
}

/** The estimate's monthly total against the budget; null when there is no budget (or it, or the total, is not a
 * figure). */
export function checkBudget(totalMonthly: string, budget: unknown): BudgetCheck | null {
  if (budget === null || budget === undefined || budget === "") return null;
  const limit = decimalOf(budget);
  if (limit === null || compareDecimal(limit, "0") < 0) return null;
  const over = compareDecimal(totalMonthly, limit) > 0;
  const amount = over ? subtractDecimal(totalMonthly, limit) : subtractDecimal(limit, totalMonthly);
  if (amount === null) return null;
  return { budget: limit, over, amount };
}

/** "Over budget by $234.56 a month (budget $1,000.00)", "Within budget: $765.44 to spare". */
export function budgetSentence(check: BudgetCheck): string {
  return check.over
    ? `Over budget by ${formatUsd(check.amount)} a month (budget ${formatUsd(check.budget)})`
    : `Within budget: ${formatUsd(check.amount)} to spare`;
}

/** The document's budget as it stands, unread (see `checkBudget`). */
export function useBudgetSetting(): unknown {
  return useEditor((s) => s.base.settings?.monthly_budget);
}

/** The Cost panel's line about the budget, under the total; nothing when the design has no budget. */
export function BudgetLine({ totalMonthly }: { totalMonthly: string }) {
  const check = checkBudget(totalMonthly, useBudgetSetting());
  if (!check) return null;
  if (check.over) {
    return (
      <p className="cost-warning budget-line budget-over" data-testid="budget">
        <strong>{budgetSentence(check)}</strong>
      </p>
    );
  }
  return (
    <p className="budget-line budget-within" data-testid="budget">
      {budgetSentence(check)} <span className="muted">(budget {formatUsd(check.budget)} a month)</span>
    </p>
  );
}

/** The toolbar's warning while the newest estimate exceeds the budget; nothing otherwise (or without an estimate
 * followed above the toolbar). */
export function BudgetWarning() {
  const estimate = useContext(EstimateContext)?.estimate ?? null;
  const budget = useBudgetSetting();
  const total = estimate?.result?.total_monthly;
  const check = total === undefined ? null : checkBudget(total, budget);
  if (!estimate || !check?.over) return null;
  return (
    <span
      className="budget-warning"
      role="status"
      title={`The estimate of revision ${estimate.revision} is ${formatUsd(total!)} a month; the budget is ${formatUsd(check.budget)}.`}
    >
      <span aria-hidden="true">⚠ </span>Over budget by {formatUsd(check.amount)} a month
    </span>
  );
}
