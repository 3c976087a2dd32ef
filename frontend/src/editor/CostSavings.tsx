/**
 * The Cost panel's "Save money": the ways to spend less on the newest saved revision (api/advice.py suggestions:
 * Graviton, gp3, Spot, gateway endpoints, Savings Plans and reserved capacity), biggest saving first. Each says what
 * to change and what it saves (Spot's saving is an estimate), names its components (choosing one selects it on the
 * canvas), links to the AWS page it follows ("Why"), and is previewed and applied as a finding's fix is (fixFlow.tsx):
 * Apply is not offered to viewers nor to share links' visitors.
 *
 * The savings are never added up: several are alternatives for the same component (Graviton, or a 1- or 3-year
 * commitment), and each is priced against the design as it is, not after the others.
 */

import "./review.css";
import "./savings.css";

import { useReactFlow } from "@xyflow/react";
import { type ReactNode, useId } from "react";

import { plural } from "../format";
import type { Suggestion } from "./adviceApi";
import { useEditorStore } from "./context";
import { type FixFlow, type FixSubject, FixView, SUGGESTION_WORDS } from "./fixFlow";
import { formatUsd } from "./money";
import { FOCUS, useNames } from "./ProblemsPanel";
import { useSuggestions } from "./useSuggestions";

function subjectOf(suggestion: Suggestion): FixSubject {
  return { kind: "suggestion", id: suggestion.id, title: suggestion.fix.title };
}

/** `flow` is the Cost panel's (its status line says what was applied). */
export function SavingsSection({ flow }: { flow: FixFlow }) {
  const { loading, answer, error } = useSuggestions();
  const store = useEditorStore();
  const reactFlow = useReactFlow();
  const names = useNames();
  const headingId = useId();

  const showNode = (id: string) => {
    store.getState().select({ nodes: [id] });
    void reactFlow.fitView({ nodes: [{ id }], ...FOCUS });
  };

  let body: ReactNode = null;
  if (error) {
    // Not an alert: the estimate above stands without them.
    body = <p className="cost-warning">The ways to save could not be looked for: {error.detail}</p>;
  } else if (!answer) {
    body = loading ? <p className="muted">Looking for ways to spend less…</p> : null;
  } else if (answer.suggestions.length === 0) {
    body = (
      <p className="muted">
        Nothing to suggest for revision {answer.revision}: no cheaper equivalent, commitment or endpoint the price data
        can price.
      </p>
    );
  } else {
    body = (
      <>
        <p className="muted cost-hint">
          {plural(answer.suggestions.length, "way")} to spend less on revision {answer.revision}, the biggest saving
          first. Each saving is counted on its own: some are alternatives for the same component, so they do not add
          up.
        </p>
        <ul className="review-items savings-items" aria-label="Ways to save">
          {answer.suggestions.map((suggestion) => (
            <SuggestionItem
              key={suggestion.id}
              suggestion={suggestion}
              names={names}
              busy={flow.busy !== null}
              onShowNode={showNode}
              onPreview={() => void flow.preview(subjectOf(suggestion))}
            >
              <FixView flow={flow} subject={subjectOf(suggestion)} words={SUGGESTION_WORDS} />
            </SuggestionItem>
          ))}
        </ul>
      </>
    );
  }

  return (
    <section className="savings" aria-labelledby={headingId} aria-busy={loading}>
      <h3 className="cost-heading" id={headingId}>
        Save money
      </h3>
      {body}
    </section>
  );
}

interface SuggestionItemProps {
  suggestion: Suggestion;
  names: Readonly<Record<string, string>>;
  busy: boolean;
  onShowNode(id: string): void;
  onPreview(): void;
  children: ReactNode;
}

function SuggestionItem({ suggestion, names, busy, onShowNode, onPreview, children }: SuggestionItemProps) {
  const titleId = useId();
  const nodes = suggestion.nodes.filter((id) => names[`node:${id}`] !== undefined);
  return (
    <li className="review-item savings-item">
      <h4 id={titleId} className="review-title">
        {suggestion.title}
        {suggestion.is_estimate && <span className="savings-estimate"> (an estimate)</span>}
      </h4>
      <p className="review-message">{suggestion.message}</p>
      <p className="muted savings-figures">
        {formatUsd(suggestion.yearly_saving)} a year · the design {formatUsd(suggestion.monthly_before)} →{" "}
        {formatUsd(suggestion.monthly_after)} a month
      </p>
      {nodes.length > 0 && (
        <p className="review-where">
          <span className="muted">Concerns </span>
          {nodes.map((id) => (
            <button key={id} type="button" className="link-button review-target" onClick={() => onShowNode(id)}>
              {names[`node:${id}`]}
            </button>
          ))}
        </p>
      )}
      <div className="review-actions">
        {suggestion.source_url && (
          <a className="link" href={suggestion.source_url} target="_blank" rel="noopener noreferrer">
            Why<span className="visually-hidden">: {suggestion.title} (the AWS documentation, in a new tab)</span>
          </a>
        )}
        <button type="button" className="button button-small" onClick={onPreview} disabled={busy} aria-describedby={titleId}>
          Preview
        </button>
      </div>
      {children}
    </li>
  );
}
