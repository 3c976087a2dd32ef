/**
 * The architect's review over the API (api/advice.py): the best-practice findings of a design (with every
 * validation, and of a saved revision), a finding's fix previewed (what it changes, and the monthly cost before and
 * after) and applied as a new revision. Each call takes the page's API client (`useApi()`), so a test, or a share
 * link's page, can give another.
 */

import { type ApiClient, type ConflictChanges, conflictFromBody, designPath, type SavedDesign } from "../api";

type Requester = Pick<ApiClient, "request">;

/** How much a finding matters: "error" (should be fixed), "warning", "info" (advice). Never blocks a save. */
export type Severity = "error" | "warning" | "info";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** One edit of the document a fix makes (designer/advice/model.py Change). */
export interface FixChange {
  op: "set" | "move" | "add_node" | "add_edge" | "remove_item";
  node: string | null;
  field: string | null;
  value: unknown;
}

/** A mechanical remedy: `title` says it as a button would ("Turn on Multi-AZ"). */
export interface Fix {
  title: string;
  changes: FixChange[];
}

/** A rule's hit on one design; `id` is stable for the same rule and nodes, and names it to preview or apply its fix. */
export interface Finding {
  id: string;
  rule: string;
  severity: Severity;
  title: string;
  message: string;
  /** The AWS documentation the rule follows. */
  source_url: string;
  nodes: string[];
  edges: string[];
  fix: Fix | null;
}

/** A cost effect: USD a month as decimal strings (never floats). */
export interface CostChange {
  from_monthly: string;
  to_monthly: string;
  difference_monthly: string;
  currency: string;
}

/** What applying a finding's fix to `revision` would do (nothing is saved). */
export interface FixPreview {
  /** The finding as that revision has it (null if the answer could not be read). */
  finding: Finding | null;
  revision: number;
  /** The same shape as a conflict's or a comparison's changes: see `conflictLines`. */
  changes: ConflictChanges;
  cost: CostChange;
}

export function findingsPath(designId: string): string {
  return `${designPath(designId)}findings/`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function toFix(value: unknown): Fix | null {
  if (!isRecord(value) || typeof value.title !== "string") return null;
  const changes = Array.isArray(value.changes) ? value.changes.filter(isRecord) : [];
  return {
    title: value.title,
    changes: changes.map((c) => ({
      op: c.op as FixChange["op"],
      node: typeof c.node === "string" ? c.node : null,
      field: typeof c.field === "string" ? c.field : null,
      value: c.value,
    })),
  };
}

/** The findings in an answer (a validation's, a revision's): those that can be read, with a known severity
 * ("info" otherwise). An answer without findings (an older server) has none. */
export function findingsFrom(value: unknown): Finding[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((f) => {
    if (typeof f.id !== "string" || typeof f.title !== "string") return [];
    const severity: Severity = f.severity === "error" || f.severity === "warning" ? f.severity : "info";
    return [
      {
        id: f.id,
        rule: typeof f.rule === "string" ? f.rule : "",
        severity,
        title: f.title,
        message: typeof f.message === "string" ? f.message : "",
        source_url: typeof f.source_url === "string" ? f.source_url : "",
        nodes: strings(f.nodes),
        edges: strings(f.edges),
        fix: toFix(f.fix),
      },
    ];
  });
}

/** The findings in `severity` order (errors, warnings, advice), each group in the server's order. */
export function groupBySeverity(findings: readonly Finding[]): Record<Severity, Finding[]> {
  return {
    error: findings.filter((f) => f.severity === "error"),
    warning: findings.filter((f) => f.severity === "warning"),
    info: findings.filter((f) => f.severity === "info"),
  };
}

/** The review of a saved revision (the newest when `revision` is left out). */
export async function getFindings(
  client: Requester,
  designId: string,
  revision?: number,
  signal?: AbortSignal,
): Promise<{ revision: number; findings: Finding[] }> {
  const query = revision === undefined ? "" : `?revision=${revision}`;
  const answer = await client.request<{ revision: number; findings: unknown }>("GET", `${findingsPath(designId)}${query}`, { signal });
  return { revision: answer.revision, findings: findingsFrom(answer.findings) };
}

/** What the finding's fix would change in revision `revision` (the newest when left out) and in its monthly cost;
 * 400 on "finding" when that revision has no such finding (or it has no fix). */
export async function previewFix(
  client: Requester,
  designId: string,
  finding: string,
  revision?: number | null,
  signal?: AbortSignal,
): Promise<FixPreview> {
  const body = revision === undefined || revision === null ? { finding } : { finding, revision };
  const answer = await client.request<Record<string, unknown>>("POST", `${findingsPath(designId)}preview/`, { body, signal });
  // The changes are read as a conflict's are, so a part left out reads as nothing changed.
  const changes = conflictFromBody({ head: { number: 0 }, changes: answer.changes })!.changes;
  return {
    finding: findingsFrom([answer.finding])[0] ?? null,
    revision: Number(answer.revision),
    changes,
    cost: answer.cost as CostChange,
  };
}

/** Saves the finding's fix as the design's next revision, made from `baseRevision` (409, an `ApiError` with
 * `conflict`, when the design has a newer one; 400 on "finding"; 403 for a viewer). */
export function applyFix(client: Requester, designId: string, finding: string, baseRevision: number): Promise<SavedDesign> {
  return client.request<SavedDesign>("POST", `${findingsPath(designId)}apply/`, {
    body: { finding, base_revision: baseRevision },
  });
}
