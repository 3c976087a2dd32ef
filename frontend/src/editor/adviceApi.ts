/**
 * The architect's review over the API (api/advice.py): the best-practice findings of a design (with every
 * validation, and of a saved revision), the ways to spend less on a saved revision (suggestions, each with its
 * monthly saving), and the fix of a finding or of a suggestion previewed (what it changes, and the monthly cost
 * before and after) and applied as a new revision. Each call takes the page's API client (`useApi()`), so a test,
 * or a share link's page, can give another.
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

/** A way to spend less (designer/advice/savings/model.py Suggestion.as_dict): money as decimal strings in USD.
 * `message` already says the saving ("Saves $13.87 a month", ", an estimate" for Spot). Alternatives for the same
 * component overlap, so the savings of several suggestions do not add up. */
export interface Suggestion {
  id: string;
  /** graviton, gp3, spot, gateway-endpoint, commitment-1y or commitment-3y. */
  kind: string;
  title: string;
  message: string;
  nodes: string[];
  source_url: string;
  /** The saving rests on an assumption (the Spot discount). */
  is_estimate: boolean;
  monthly_saving: string;
  yearly_saving: string;
  monthly_before: string;
  monthly_after: string;
  fix: Fix;
}

/** The suggestions for one saved revision, biggest saving first, and that revision's monthly estimate. */
export interface Suggestions {
  revision: number;
  monthly_total: string;
  suggestions: Suggestion[];
}

/** What a fix is named by to preview or apply it: a finding's id or a suggestion's. */
export type FixTarget = { finding: string } | { suggestion: string };

/** What applying a finding's fix (or a suggestion) to `revision` would do (nothing is saved). */
export interface FixPreview {
  /** The finding as that revision has it (null if the answer could not be read, or a suggestion was named). */
  finding: Finding | null;
  /** The suggestion as that revision has it (null when a finding was named). */
  suggestion: Suggestion | null;
  /** The fix's title as that revision has it (null if the answer had none). */
  title: string | null;
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

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The suggestions in an answer that can be read (an id, a title and a fix), in the server's order. */
export function suggestionsFrom(value: unknown): Suggestion[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((x) => {
    const fix = toFix(x.fix);
    if (typeof x.id !== "string" || typeof x.title !== "string" || !fix) return [];
    return [
      {
        id: x.id,
        kind: text(x.kind),
        title: x.title,
        message: text(x.message),
        nodes: strings(x.nodes),
        source_url: text(x.source_url),
        is_estimate: x.is_estimate === true,
        monthly_saving: text(x.monthly_saving),
        yearly_saving: text(x.yearly_saving),
        monthly_before: text(x.monthly_before),
        monthly_after: text(x.monthly_after),
        fix,
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

/** The ways to spend less on a saved revision (the newest when `revision` is left out), biggest saving first. */
export async function getSuggestions(
  client: Requester,
  designId: string,
  revision?: number | null,
  signal?: AbortSignal,
): Promise<Suggestions> {
  const query = revision === undefined || revision === null ? "" : `?revision=${revision}`;
  const answer = await client.request<Record<string, unknown>>("GET", `${designPath(designId)}suggestions/${query}`, { signal });
  return {
    revision: Number(answer.revision),
    monthly_total: text(answer.monthly_total),
    suggestions: suggestionsFrom(answer.suggestions),
  };
}

/** What the fix of `target` (a finding or a suggestion) would change in revision `revision` (the newest when left
 * out) and in its monthly cost; 400 on "finding" when that revision has no such finding or suggestion (or no fix). */
export async function previewFix(
  client: Requester,
  designId: string,
  target: FixTarget,
  revision?: number | null,
  signal?: AbortSignal,
): Promise<FixPreview> {
  const body = revision === undefined || revision === null ? { ...target } : { ...target, revision };
  const answer = await client.request<Record<string, unknown>>("POST", `${findingsPath(designId)}preview/`, { body, signal });
  // The changes are read as a conflict's are, so a part left out reads as nothing changed.
  const changes = conflictFromBody({ head: { number: 0 }, changes: answer.changes })!.changes;
  const finding = findingsFrom([answer.finding])[0] ?? null;
  const suggestion = suggestionsFrom([answer.suggestion])[0] ?? null;
  return {
    finding,
    suggestion,
    title: finding?.fix?.title ?? suggestion?.fix.title ?? null,
    revision: Number(answer.revision),
    changes,
    cost: answer.cost as CostChange,
  };
}

/** Saves the fix of `target` (a finding or a suggestion) as the design's next revision, made from `baseRevision`
 * (409, an `ApiError` with `conflict`, when the design has a newer one; 400 on "finding"; 403 for a viewer). */
export function applyFix(client: Requester, designId: string, target: FixTarget, baseRevision: number): Promise<SavedDesign> {
  return client.request<SavedDesign>("POST", `${findingsPath(designId)}apply/`, {
    body: { ...target, base_revision: baseRevision },
  });
}
