/**
 * The Review panel: the architect's review of the design as it stands (the best-practice findings each validation
 * brings), errors first, then warnings, then advice. Each finding says what is wrong and why (a link to the AWS
 * page it follows), names the components it concerns (choosing one selects it on the canvas), and, when its remedy
 * is mechanical, offers its fix: previewed first (what it changes, in sentences, and what it does to the monthly
 * cost), then applied as a new revision the editor carries on from. A fix is previewed and applied on the saved
 * design, so what is on the canvas is saved first. Viewers and share links' visitors may preview a fix, not apply it.
 */

import { useReactFlow } from "@xyflow/react";
import { type ReactNode, useId, useRef, useState } from "react";

import { ApiError, type ConflictHead } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import { plural } from "../format";
import { applyFix, type Finding, type FixPreview, groupBySeverity, previewFix, type Severity } from "./adviceApi";
import { conflictLines, MAX_LINES } from "./ConflictNotice";
import { useEditor, useEditorStore } from "./context";
import { compareDecimal, formatUsd } from "./money";
import { FOCUS, useNames } from "./ProblemsPanel";
import { useAccess, useSession } from "./session";
import { useValidation } from "./useValidation";

const SECTIONS: readonly { severity: Severity; heading: string }[] = [
  { severity: "error", heading: "Errors" },
  { severity: "warning", heading: "Warnings" },
  { severity: "info", heading: "Advice" },
];

/** "+$123.45 a month", "saves $13.87 a month", "no change in cost": a monthly difference (a decimal string). */
export function costEffect(difference: string): string {
  const sign = compareDecimal(difference, "0");
  if (sign === 0) return "no change in cost";
  if (sign < 0) return `saves ${formatUsd(difference.trim().replace(/^-/, ""))} a month`;
  return `+${formatUsd(difference)} a month`;
}

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

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What is on the canvas could not be saved, so a fix cannot be previewed or applied on it. */
class NotSaved extends Error {}

function asError(reason: unknown): ApiError | string {
  if (reason instanceof ApiError) return reason;
  return reason instanceof Error ? reason.message : String(reason);
}

interface Opened {
  finding: string;
  preview: FixPreview | null;
  error: ApiError | string | null;
  /** The newer revision an apply ran into. */
  conflict: ConflictHead | null;
}

export function ReviewPanel() {
  const client = useApi();
  const store = useEditorStore();
  const flow = useReactFlow();
  const validation = useValidation();
  const { designId, save } = useSession();
  const access = useAccess();
  const readOnly = useEditor((s) => s.readOnly);
  const names = useNames();
  const ids = useId();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [busy, setBusy] = useState<"preview" | "apply" | "load" | null>(null);
  const [message, setMessage] = useState("");
  /** Counts the previews asked for: only the last one's answer is shown. */
  const asked = useRef(0);
  const canApply = !readOnly && !access.viaLink && access.role !== "viewer";

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

  /** The saved revision the canvas shows, what is on it saved first (when the caller may save). */
  const savedRevision = async (doing: string): Promise<number | null> => {
    if (!store.getState().readOnly) await save.saveNow();
    const state = store.getState();
    if (state.version !== state.savedVersion) {
      throw new NotSaved(
        `Your changes could not be saved (see the top of the page), so the fix was not ${doing}: a fix is ${doing} ` +
          "on the saved design.",
      );
    }
    return save.currentRevision();
  };

  const preview = async (finding: Finding) => {
    const attempt = ++asked.current;
    setOpened({ finding: finding.id, preview: null, error: null, conflict: null });
    setMessage("");
    setBusy("preview");
    try {
      const revision = await savedRevision("previewed");
      const answer = await previewFix(client, designId, finding.id, revision);
      if (attempt === asked.current) setOpened((o) => (o ? { ...o, preview: answer } : o));
    } catch (reason) {
      if (attempt === asked.current) setOpened((o) => (o ? { ...o, error: asError(reason) } : o));
    } finally {
      if (attempt === asked.current) setBusy(null);
    }
  };

  const apply = async (finding: Finding, title: string) => {
    asked.current += 1;
    setBusy("apply");
    setOpened((o) => (o ? { ...o, error: null, conflict: null } : o));
    try {
      const base = await savedRevision("applied");
      if (base === null) throw new NotSaved("The design has no saved revision to fix yet.");
      const saved = await applyFix(client, designId, finding.id, base);
      save.adopt(saved);
      setOpened(null);
      setMessage(`Applied: ${title} (revision ${saved.revision?.number ?? base + 1})`);
    } catch (reason) {
      const failure = asError(reason);
      const head = failure instanceof ApiError && failure.status === 409 ? failure.head : null;
      const error =
        failure instanceof ApiError && failure.status === 400
          ? (failure.fieldErrors("finding")[0]?.message ?? failure.detail)
          : failure;
      setOpened((o) => (o ? { ...o, error, conflict: head } : o));
    } finally {
      setBusy(null);
    }
  };

  const loadNewer = async () => {
    setBusy("load");
    try {
      await save.loadNewer();
      setOpened(null);
    } finally {
      setBusy(null);
    }
  };

  const fixView = (finding: Finding): ReactNode => {
    if (!opened || opened.finding !== finding.id || !finding.fix) return null;
    return (
      <FixView
        finding={finding}
        opened={opened}
        busy={busy}
        canApply={canApply}
        onApply={(title) => void apply(finding, title)}
        onLoadNewer={() => void loadNewer()}
        onClose={() => {
          asked.current += 1;
          setOpened(null);
          setBusy(null);
        }}
      />
    );
  };

  return (
    <section className="review-panel" aria-label="Review">
      <p className={`problems-summary${validation.checking ? " is-checking" : ""}`} role="status" aria-live="polite">
        {summary}
      </p>
      <p className="panel-status" role="status">
        {message}
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
                  busy={busy !== null}
                  onShowNode={showNode}
                  onShowEdge={showEdge}
                  onPreview={() => void preview(finding)}
                >
                  {fixView(finding)}
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

interface FixViewProps {
  finding: Finding;
  opened: Opened;
  busy: "preview" | "apply" | "load" | null;
  canApply: boolean;
  onApply(title: string): void;
  onLoadNewer(): void;
  onClose(): void;
}

function FixView({ finding, opened, busy, canApply, onApply, onLoadNewer, onClose }: FixViewProps) {
  const catalog = useEditor((s) => s.catalog);
  const { preview, error, conflict } = opened;
  const title = preview?.finding?.fix?.title ?? finding.fix?.title ?? "Fix";
  const lines = preview ? conflictLines(preview.changes, catalog) : [];
  return (
    <section className="review-fix" aria-label={`Fix: ${title}`} aria-busy={busy === "preview"}>
      <h5 className="review-fix-title">Fix: {title}</h5>
      {busy === "preview" && <p role="status">Previewing the fix…</p>}
      {conflict ? (
        <div className="review-conflict">
          <ErrorAlert
            error={
              `${conflict.author ? capitalized(conflict.author) : "Someone"} saved revision ${conflict.number} meanwhile, ` +
              `so the fix was not applied. Load revision ${conflict.number}, then review the design again.`
            }
          />
          <button type="button" className="button button-small" onClick={onLoadNewer} disabled={busy !== null}>
            Load revision {conflict.number}
          </button>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      {preview && (
        <>
          <p className="muted">Applied to revision {preview.revision}, it would:</p>
          {lines.length === 0 ? (
            <p className="muted">change nothing you would see.</p>
          ) : (
            <ul className="review-changes" aria-label="What the fix changes">
              {lines.slice(0, MAX_LINES).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
              {lines.length > MAX_LINES && <li>and {lines.length - MAX_LINES} more</li>}
            </ul>
          )}
          <p className="review-cost">
            <strong>Cost:</strong> <span data-testid="fix-cost">{costEffect(preview.cost.difference_monthly)}</span>{" "}
            <span className="muted">
              ({formatUsd(preview.cost.from_monthly)} → {formatUsd(preview.cost.to_monthly)} a month)
            </span>
          </p>
        </>
      )}
      <div className="review-fix-actions">
        {canApply && preview && (
          <button type="button" className="button button-small button-primary" onClick={() => onApply(title)} disabled={busy !== null}>
            {busy === "apply" ? "Applying…" : "Apply fix"}
          </button>
        )}
        <button type="button" className="button button-small" onClick={onClose} disabled={busy === "apply"}>
          Close
        </button>
      </div>
    </section>
  );
}
