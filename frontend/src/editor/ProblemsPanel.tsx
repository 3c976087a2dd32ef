/**
 * The problems panel: what the server finds wrong with the design as it stands (errors, which block a save, then
 * warnings), and why the last save failed if it did. Choosing a problem selects its component or connection and
 * brings it into view, so the inspector shows the field to fix. The architect's review is counted here too: its
 * findings (which never block a save) are listed in the Review panel.
 */

import { useReactFlow } from "@xyflow/react";
import { useId } from "react";

import type { Problem } from "../api";
import { plural } from "../format";
import { useEditor, useEditorStore } from "./context";
import { useSession } from "./session";
import { bySeverity, useValidation } from "./useValidation";

/** How close to come when bringing a component into view. */
export const FOCUS = { duration: 200, maxZoom: 1.2 };

export function ProblemsPanel() {
  const validation = useValidation();
  const { save } = useSession();
  const ids = useId();
  const problems = bySeverity(validation.problems);
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity !== "error");
  const saveProblems = save.error ? save.error.errors.filter((p) => p.message !== save.error?.detail) : [];

  let summary: string;
  if (validation.error) summary = `The design could not be checked: ${validation.error.detail}`;
  else if (validation.valid === null) summary = "Checking the design…";
  else if (problems.length === 0) summary = "No problems";
  else if (errors.length === 0) summary = `No errors; ${plural(warnings.length, "warning")}.`;
  else {
    const counts = [plural(errors.length, "error"), ...(warnings.length ? [plural(warnings.length, "warning")] : [])];
    summary = `${counts.join(" and ")}: the design cannot be saved until the errors are fixed.`;
  }

  const review = reviewSummary(validation.findings);

  return (
    <div className="problems-panel">
      {save.error && (
        <section className="problems-save" aria-labelledby={`${ids}-save`}>
          <h3 id={`${ids}-save`}>The last save failed</h3>
          <p>{save.error.detail}</p>
          <ProblemItems problems={saveProblems} label="Why the save failed" />
        </section>
      )}
      <p className={`problems-summary${validation.checking ? " is-checking" : ""}`} role="status" aria-live="polite">
        {summary}
      </p>
      {review && <p className="problems-review">{review}</p>}
      {errors.length > 0 && (
        <section aria-labelledby={`${ids}-errors`}>
          <h3 id={`${ids}-errors`}>Errors</h3>
          <ProblemItems problems={errors} label="Errors" />
        </section>
      )}
      {warnings.length > 0 && (
        <section aria-labelledby={`${ids}-warnings`}>
          <h3 id={`${ids}-warnings`}>Warnings</h3>
          <ProblemItems problems={warnings} label="Warnings" />
        </section>
      )}
    </div>
  );
}

/** "web-alb", "web → orders-db": the names the user gave each component (`node:<id>`) and connection
 * (`edge:<id>`), for what a problem or a finding is about. */
export function useNames(): Readonly<Record<string, string>> {
  return useEditor((s) => {
    const out: Record<string, string> = {};
    for (const n of s.nodes) out[`node:${n.id}`] = n.data.doc.label;
    for (const e of s.edges) {
      const label = e.data?.doc.label;
      out[`edge:${e.id}`] = label || `${out[`node:${e.source}`] ?? e.source} → ${out[`node:${e.target}`] ?? e.target}`;
    }
    return out;
  });
}

function ProblemItems({ problems, label }: { problems: readonly Problem[]; label: string }) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const names = useNames();
  if (problems.length === 0) return null;

  const show = (problem: Problem) => {
    const state = store.getState();
    const edge = problem.edge ? state.edges.find((e) => e.id === problem.edge) : undefined;
    if (problem.node && state.nodes.some((n) => n.id === problem.node)) {
      state.select({ nodes: [problem.node] });
      void flow.fitView({ nodes: [{ id: problem.node }], ...FOCUS });
    } else if (edge) {
      state.select({ edges: [edge.id] });
      void flow.fitView({ nodes: [{ id: edge.source }, { id: edge.target }], ...FOCUS });
    } else if (!problem.node && !problem.edge) {
      state.select({}); // the inspector then shows the design's own fields
    }
  };

  const where = (problem: Problem) => {
    if (problem.node) return names[`node:${problem.node}`] ?? problem.node;
    if (problem.edge) return names[`edge:${problem.edge}`] ?? problem.edge;
    return "Design";
  };

  return (
    <ul className="problem-items" aria-label={label}>
      {problems.map((problem, index) => (
        <li key={`${index}-${problem.code}-${problem.path}`}>
          <button type="button" className={`problem-item problem-${problem.severity}`} onClick={() => show(problem)}>
            <span className="problem-where">{where(problem)}</span>
            <span className="problem-message">{problem.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** "The architect's review: 1 error and 2 warnings (see the Review panel)." or null without findings. */
export function reviewSummary(findings: readonly { severity: string }[]): string | null {
  if (findings.length === 0) return null;
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const parts = [
    ...(count("error") ? [plural(count("error"), "error")] : []),
    ...(count("warning") ? [plural(count("warning"), "warning")] : []),
    ...(count("info") ? [plural(count("info"), "piece of advice", "pieces of advice")] : []),
  ];
  return `The architect's review: ${parts.join(" and ")} on best practices (see the Review panel).`;
}
