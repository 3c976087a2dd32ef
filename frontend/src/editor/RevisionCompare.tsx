/** What a revision changed since the one before it: the design (in sentences), the monthly cost, and the stack
 * (GET /api/designs/{id}/revisions/compare/). */

import { useEffect, useState } from "react";

import { type ApiError, type ConflictChanges, designPath } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import { conflictLines, MAX_LINES } from "./ConflictNotice";
import { useEditor } from "./context";
import { formatUsd } from "./money";

export interface RevisionComparison {
  from: number;
  to: number;
  changes: ConflictChanges;
  cost: { from_monthly: string; to_monthly: string; difference_monthly: string; currency: string };
  cloudformation: { summary: string };
}

export function comparePath(designId: string, from: number, to: number): string {
  return `${designPath(designId)}revisions/compare/?from=${from}&to=${to}`;
}

/** "+$12.30", "−$4.00", "no change". */
export function signedUsd(amount: string): string {
  if (/^-?0(\.0+)?$/.test(amount)) return "no change";
  return amount.startsWith("-") ? `−${formatUsd(amount.slice(1))}` : `+${formatUsd(amount)}`;
}

export function RevisionCompare({ designId, from, to }: { designId: string; from: number; to: number }) {
  const client = useApi();
  const catalog = useEditor((s) => s.catalog);
  const [comparison, setComparison] = useState<RevisionComparison | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setComparison(null);
    setError(null);
    client
      .request<RevisionComparison>("GET", comparePath(designId, from, to), { signal: abort.signal })
      .then(setComparison)
      .catch((reason: ApiError) => {
        if (!abort.signal.aborted) setError(reason);
      });
    return () => abort.abort();
  }, [client, designId, from, to]);

  if (error) return <ErrorAlert error={error} />;
  if (!comparison) return <p role="status">Comparing revision {to} with revision {from}…</p>;
  const lines = conflictLines(comparison.changes, catalog);
  const { cost } = comparison;
  return (
    <section className="revision-compare" aria-label={`Revision ${to} compared with revision ${from}`}>
      <p>
        <strong>Cost:</strong> {formatUsd(cost.from_monthly)} → {formatUsd(cost.to_monthly)} a month (
        {signedUsd(cost.difference_monthly)})
      </p>
      <p>
        <strong>Stack:</strong> {comparison.cloudformation.summary}
      </p>
      {lines.length === 0 ? (
        <p className="muted">The design did not change.</p>
      ) : (
        <ul>
          {lines.slice(0, MAX_LINES).map((line) => (
            <li key={line}>{line}</li>
          ))}
          {lines.length > MAX_LINES && <li>and {lines.length - MAX_LINES} more</li>}
        </ul>
      )}
    </section>
  );
}
