/**
 * The Review panel: the architect's review of the design as it stands (the best-practice findings each validation
 * brings), errors first, then warnings, then advice. Each finding says what is wrong and why (a link to the AWS
 * page it follows), names the components it concerns (choosing one selects it on the canvas), and, when its remedy
 * is mechanical, offers its fix: previewed first (what it changes, in sentences, and what it does to the monthly
 * cost), then applied as a new revision the editor carries on from. A fix is previewed and applied on the saved
 * design, so what is on the canvas is saved first. Viewers and share links' visitors may preview a fix, not apply it.
 * The preview/apply flow is fixFlow.tsx's, shared with the Cost panel's ways to save money.
 */

import { useReactFlow } from "@xyflow/react";
import { type ReactNode, useId } from "react";

import { plural } from "../format";
import { type Finding, groupBySeverity, type Severity } from "./adviceApi";
import { useEditorStore } from "./context";
import { FINDING_WORDS, type FixSubject, FixView, useFixFlow } from "./fixFlow";
import { FOCUS, useNames } from "./ProblemsPanel";
import { useValidation } from "./useValidation";

export { costEffect } from "./fixFlow";

const SECTIONS: readonly { severity: Severity; heading: string }[] = [
  { severity: "error", heading: "Errors" },
  { severity: "warning", heading: "Warnings" },
  { severity: "info", heading: "Advice" },
];

/** "2 errors, 1 warning and 3 pieces of advice". */
export function reviewSummary(findings: readonly Finding[]): string {
  const groups = groupBySeverity(findings);
  const parts = [
    ...(groups.error.length ? [plural(groups.error.length, "error")] : []),
    ...(groups.warning.length ? [plural(groups.warning.length, "warning")] : []),
    ...(groups.info.length ? [plural(groups.info.length, "piece of advice", "pieces of advice")] : []),
  ];
  if (parts.length === 0) return "No findings: the design follows every practice the review checks.";
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)!}`;
}

/** A finding's fix, as the shared preview/apply flow (fixFlow.tsx) names it. */
function subjectOf(finding: Finding): FixSubject {
  return { kind: "finding", id: finding.id, title: finding.fix?.title ?? "Fix" };
}

export function ReviewPanel() {
  const store = useEditorStore();
  const flow = useReactFlow();
  const validation = useValidation();
  const names = useNames();
  const ids = useId();
  const fixes = useFixFlow(FINDING_WORDS);

  const groups = groupBySeverity(validation.findings);
  let summary: string;
  if (validation.error) summary = `The design could not be reviewed: ${validation.error.detail}`;
  else if (validation.valid === null) summary = "Reviewing the design…";
  else summary = reviewSummary(validation.findings);

  const showNode = (id: string) => {
    store.getState().select({ nodes: [id] });
    void flow.fitView({ nodes: [{ id }], ...FOCUS });
  };
  const showEdge = (id: string) => {
    const edge = store.getState().edges.find((e) => e.id === id);
    if (!edge) return;
    store.getState().select({ edges: [id] });
    void flow.fitView({ nodes: [{ id: edge.source }, { id: edge.target }], ...FOCUS });
  };

  return (
    <section className="review-panel" aria-label="Review">
      <p className={`problems-summary${validation.checking ? " is-checking" : ""}`} role="status" aria-live="polite">
        {summary}
      </p>
      <p className="panel-status" role="status">
        {fixes.message}
      </p>
      {SECTIONS.map(({ severity, heading }) =>
        groups[severity].length === 0 ? null : (
          <section key={severity} aria-labelledby={`${ids}-${severity}`}>
            <h3 id={`${ids}-${severity}`}>{heading}</h3>
            <ul className="review-items" aria-label={heading}>
              {groups[severity].map((finding) => (
                <FindingItem
                  key={finding.id}
                  finding={finding}
                  names={names}
                  busy={fixes.busy !== null}
                  onShowNode={showNode}
                  onShowEdge={showEdge}
                  onPreview={() => void fixes.preview(subjectOf(finding))}
                >
                  {finding.fix && <FixView flow={fixes} subject={subjectOf(finding)} words={FINDING_WORDS} />}
                </FindingItem>
              ))}
            </ul>
          </section>
        ),
      )}
    </section>
  );
}

interface FindingItemProps {
  finding: Finding;
  names: Readonly<Record<string, string>>;
  busy: boolean;
  onShowNode(id: string): void;
  onShowEdge(id: string): void;
  onPreview(): void;
  children: ReactNode;
}

function FindingItem({ finding, names, busy, onShowNode, onShowEdge, onPreview, children }: FindingItemProps) {
  const titleId = useId();
  const nodes = finding.nodes.filter((id) => names[`node:${id}`] !== undefined);
  const edges = finding.edges.filter((id) => names[`edge:${id}`] !== undefined);
  return (
    <li className={`review-item review-${finding.severity}`}>
      <h4 id={titleId} className="review-title">
        {finding.title}
      </h4>
      <p className="review-message">{finding.message}</p>
      {nodes.length + edges.length > 0 && (
        <p className="review-where">
          <span className="muted">Concerns </span>
          {nodes.map((id) => (
            <button key={`node-${id}`} type="button" className="link-button review-target" onClick={() => onShowNode(id)}>
              {names[`node:${id}`]}
            </button>
          ))}
          {edges.map((id) => (
            <button key={`edge-${id}`} type="button" className="link-button review-target" onClick={() => onShowEdge(id)}>
              {names[`edge:${id}`]}
            </button>
          ))}
        </p>
      )}
      <div className="review-actions">
        {finding.source_url && (
          <a className="link" href={finding.source_url} target="_blank" rel="noopener noreferrer">
            Why<span className="visually-hidden">: {finding.title} (the AWS documentation, in a new tab)</span>
          </a>
        )}
        {finding.fix && (
          <button type="button" className="button button-small" onClick={onPreview} disabled={busy} aria-describedby={titleId}>
            Preview fix
          </button>
        )}
      </div>
      {children}
    </li>
  );
}
