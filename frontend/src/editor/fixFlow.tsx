/**
 * A fix previewed, then applied, whatever it fixes: a finding's (the Review panel) or a cost-saving suggestion's (the
 * Cost panel's "Save money"). Both go through the same endpoints (POST .../findings/preview/ and .../apply/, naming a
 * `finding` or a `suggestion`), so they share this flow:
 *
 * - a fix is previewed and applied on the saved design: what is on the canvas is saved first (when the caller may
 *   save), and the preview names the revision saved;
 * - "Apply" saves the fix as a new revision made from that revision (`base_revision`); the editor carries on from it
 *   (`save.adopt(saved)`: its document on the canvas, as saved, the base of the next save);
 * - a 409 (someone saved meanwhile) offers to load the newer revision; a 400 shows the server's sentence;
 * - viewers and share links' visitors may preview, not apply (`canApply`).
 *
 * One fix is open at a time per panel; only the last preview asked for is shown.
 */

import { useRef, useState } from "react";

import { ApiError, type ConflictHead } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import { applyFix, type FixPreview, type FixTarget, previewFix } from "./adviceApi";
import { conflictLines, MAX_LINES } from "./ConflictNotice";
import { useEditor, useEditorStore } from "./context";
import { compareDecimal, formatUsd } from "./money";
import { useAccess, useSession } from "./session";

/** What a fix is for: a finding, or a suggestion; `title` is its fix's title as the list has it. */
export interface FixSubject {
  kind: "finding" | "suggestion";
  id: string;
  title: string;
}

/** The words a panel uses for its fixes: the preview's heading, its buttons, and what a fix is called in sentences. */
export interface FixWords {
  heading: string;
  preview: string;
  apply: string;
  noun: string;
}

export const FINDING_WORDS: FixWords = { heading: "Fix", preview: "Preview fix", apply: "Apply fix", noun: "fix" };
export const SUGGESTION_WORDS: FixWords = { heading: "Change", preview: "Preview", apply: "Apply", noun: "change" };

/** "+$123.45 a month", "saves $13.87 a month", "no change in cost": a monthly difference (a decimal string). */
export function costEffect(difference: string): string {
  const sign = compareDecimal(difference, "0");
  if (sign === 0) return "no change in cost";
  if (sign < 0) return `saves ${formatUsd(difference.trim().replace(/^-/, ""))} a month`;
  return `+${formatUsd(difference)} a month`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function targetOf(subject: FixSubject): FixTarget {
  return subject.kind === "finding" ? { finding: subject.id } : { suggestion: subject.id };
}

function keyOf(subject: FixSubject): string {
  return `${subject.kind}:${subject.id}`;
}

/** What is on the canvas could not be saved, so a fix cannot be previewed or applied on it. */
class NotSaved extends Error {}

function asError(reason: unknown): ApiError | string {
  if (reason instanceof ApiError) return reason;
  return reason instanceof Error ? reason.message : String(reason);
}

/** The fix open in a panel: its preview once it came, why it failed, or the newer revision an apply ran into. */
export interface OpenedFix {
  key: string;
  preview: FixPreview | null;
  error: ApiError | string | null;
  conflict: ConflictHead | null;
}

export type FixBusy = "preview" | "apply" | "load" | null;

export interface FixFlow {
  opened: OpenedFix | null;
  busy: FixBusy;
  /** "Applied: Use m6g.large (revision 4)" after an apply; "" otherwise. */
  message: string;
  /** The caller may apply a fix: not a viewer, not a share link's visitor, not a read-only store. */
  canApply: boolean;
  isOpen(subject: FixSubject): boolean;
  preview(subject: FixSubject): Promise<void>;
  apply(subject: FixSubject, title: string): Promise<void>;
  loadNewer(): Promise<void>;
  close(): void;
}

/** The preview/apply flow of one panel (see the top of this file); `words.noun` names a fix in its sentences. */
export function useFixFlow(words: FixWords = FINDING_WORDS): FixFlow {
  const client = useApi();
  const store = useEditorStore();
  const { designId, save } = useSession();
  const access = useAccess();
  const readOnly = useEditor((s) => s.readOnly);
  const [opened, setOpened] = useState<OpenedFix | null>(null);
  const [busy, setBusy] = useState<FixBusy>(null);
  const [message, setMessage] = useState("");
  /** Counts the previews asked for: only the last one's answer is shown. */
  const asked = useRef(0);
  const canApply = !readOnly && !access.viaLink && access.role !== "viewer";
  const { noun } = words;

  /** The saved revision the canvas shows, what is on it saved first (when the caller may save). */
  const savedRevision = async (doing: string): Promise<number | null> => {
    if (!store.getState().readOnly) await save.saveNow();
    const state = store.getState();
    if (state.version !== state.savedVersion) {
      throw new NotSaved(
        `Your changes could not be saved (see the top of the page), so the ${noun} was not ${doing}: a ${noun} is ` +
          `${doing} on the saved design.`,
      );
    }
    return save.currentRevision();
  };

  const preview = async (subject: FixSubject) => {
    const attempt = ++asked.current;
    setOpened({ key: keyOf(subject), preview: null, error: null, conflict: null });
    setMessage("");
    setBusy("preview");
    try {
      const revision = await savedRevision("previewed");
      const answer = await previewFix(client, designId, targetOf(subject), revision);
      if (attempt === asked.current) setOpened((o) => (o ? { ...o, preview: answer } : o));
    } catch (reason) {
      if (attempt === asked.current) setOpened((o) => (o ? { ...o, error: asError(reason) } : o));
    } finally {
      if (attempt === asked.current) setBusy(null);
    }
  };

  const apply = async (subject: FixSubject, title: string) => {
    asked.current += 1;
    setBusy("apply");
    setOpened((o) => (o ? { ...o, error: null, conflict: null } : o));
    try {
      const base = await savedRevision("applied");
      if (base === null) throw new NotSaved(`The design has no saved revision to apply the ${noun} to yet.`);
      const saved = await applyFix(client, designId, targetOf(subject), base);
      save.adopt(saved);
      setOpened(null);
      setMessage(`Applied: ${title} (revision ${saved.revision?.number ?? base + 1})`);
    } catch (reason) {
      const failure = asError(reason);
      const head = failure instanceof ApiError && failure.status === 409 ? failure.head : null;
      const error =
        failure instanceof ApiError && failure.status === 400
          ? (failure.fieldErrors("finding")[0]?.message ?? failure.fieldErrors("suggestion")[0]?.message ?? failure.detail)
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

  const close = () => {
    asked.current += 1;
    setOpened(null);
    setBusy(null);
  };

  const isOpen = (subject: FixSubject) => opened?.key === keyOf(subject);

  return { opened, busy, message, canApply, isOpen, preview, apply, loadNewer, close };
}

interface FixViewProps {
  flow: FixFlow;
  subject: FixSubject;
  words: FixWords;
}

/** The open fix of `subject`: its preview (what it changes, in sentences, and its cost effect), Apply (when the
 * caller may), why it failed, or the newer revision an apply ran into. Nothing when another fix is open. */
export function FixView({ flow, subject, words }: FixViewProps) {
  const catalog = useEditor((s) => s.catalog);
  const { opened, busy, canApply } = flow;
  if (!opened || !flow.isOpen(subject)) return null;
  const { preview, error, conflict } = opened;
  const title = preview?.title ?? subject.title;
  const lines = preview ? conflictLines(preview.changes, catalog) : [];
  return (
    <section className="review-fix" aria-label={`${words.heading}: ${title}`} aria-busy={busy === "preview"}>
      <h5 className="review-fix-title">
        {words.heading}: {title}
      </h5>
      {busy === "preview" && <p role="status">Previewing the {words.noun}…</p>}
      {conflict ? (
        <div className="review-conflict">
          <ErrorAlert
            error={
              `${conflict.author ? capitalized(conflict.author) : "Someone"} saved revision ${conflict.number} meanwhile, ` +
              `so the ${words.noun} was not applied. Load revision ${conflict.number}, then review the design again.`
            }
          />
          <button type="button" className="button button-small" onClick={() => void flow.loadNewer()} disabled={busy !== null}>
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
            <ul className="review-changes" aria-label={`What the ${words.noun} changes`}>
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
          <button
            type="button"
            className="button button-small button-primary"
            onClick={() => void flow.apply(subject, title)}
            disabled={busy !== null}
          >
            {busy === "apply" ? "Applying…" : words.apply}
          </button>
        )}
        <button type="button" className="button button-small" onClick={flow.close} disabled={busy === "apply"}>
          Close
        </button>
      </div>
    </section>
  );
}
