/** What the editor shows when a save ran into a newer revision (someone saved while this user was editing): who
 * saved which revision, what it changed, and the two ways on: load it (losing what is on the canvas) or save
 * what is on the canvas over it. Nothing is saved by itself until one is chosen. */

import { useId } from "react";

import type { ConflictChanges, FieldChange } from "../api";
import { useEditor } from "./context";
import { kindLabel, type Catalog } from "./rules";
import type { SaveState } from "./useAutosave";

/** At most this many changes are listed; the rest are counted. */
export const MAX_LINES = 10;

function value(v: unknown): string {
  if (v === null || v === undefined || v === "") return "(none)";
  if (typeof v === "boolean") return v ? "on" : "off";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** A changed field as its form names it ("props.multi_az" of an RDS database: "Multi-AZ"), else its key. */
function fieldName(field: string, kind: string | undefined, catalog: Catalog | null): string {
  const [section, key] = [field.slice(0, field.indexOf(".")), field.slice(field.indexOf(".") + 1)];
  const spec = kind && catalog ? catalog.kinds.get(kind) : undefined;
  const schema = section === "props" ? spec?.props_schema : section === "usage" ? spec?.usage_schema : undefined;
  return schema?.properties?.[key]?.title ?? field.replace(/^props\./, "");
}

function fields(changes: readonly FieldChange[] | undefined, kind?: string, catalog: Catalog | null = null): string {
  return (changes ?? [])
    .map((c) => `${fieldName(c.field, kind, catalog)} ${value(c.before)} → ${value(c.after)}`)
    .join("; ");
}

/** One line per change the newer revision made, in a sentence a person reads. */
export function conflictLines(changes: ConflictChanges, catalog: Catalog | null = null): string[] {
  const kind = (k: string) => (catalog ? kindLabel(catalog, k) : k);
  const names = new Map<string, string>();
  for (const n of [...changes.nodes.added, ...changes.nodes.removed, ...changes.nodes.changed]) names.set(n.id, n.label || n.id);
  const name = (id: string) => names.get(id) ?? id;
  const edge = (e: { source: string; target: string; label?: string }) =>
    `${name(e.source)} → ${name(e.target)}${e.label ? ` (${e.label})` : ""}`;
  const withFields = (head: string, list: readonly FieldChange[] | undefined, of?: string) => {
    const detail = fields(list, of, catalog);
    return detail ? `${head} — ${detail}` : head;
  };
  return [
    ...changes.document.map((c) => `Changed the design's ${fields([c])}`),
    ...changes.nodes.added.map((n) => `Added: ${n.label || n.id} (${kind(n.kind)})`),
    ...changes.nodes.removed.map((n) => `Removed: ${n.label || n.id} (${kind(n.kind)})`),
    ...changes.nodes.changed.map((n) => withFields(`Changed: ${n.label || n.id}`, n.changes, n.kind)),
    ...changes.edges.added.map((e) => `Connected: ${edge(e)}`),
    ...changes.edges.removed.map((e) => `Disconnected: ${edge(e)}`),
    ...changes.edges.changed.map((e) => withFields(`Changed the connection ${edge(e)}`, e.changes)),
  ];
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function ConflictNotice({ save }: { save: SaveState }) {
  const ids = useId();
  const catalog = useEditor((s) => s.catalog);
  const conflict = save.conflict;
  if (!conflict) return null;
  const { head, changes } = conflict;
  const lines = conflictLines(changes, catalog);
  const shown = lines.slice(0, MAX_LINES);
  const more = lines.length - shown.length;
  const busy = save.status === "saving";
  const who = head.author ? capitalized(head.author) : "Someone";
  return (
    <section className="conflict-notice" role="alert" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-what`}>
      <h2 id={`${ids}-title`} className="conflict-title">
        {who} saved revision {head.number} while you were editing
      </h2>
      <p id={`${ids}-what`}>
        Your changes are not saved. {head.message ? `Their message: “${head.message}”. ` : ""}
        {lines.length ? "What their revision changed:" : "Their revision changed nothing you would see."}
      </p>
      {shown.length > 0 && (
        <ul className="conflict-changes" aria-label={`What revision ${head.number} changed`}>
          {shown.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
          {more > 0 && <li>and {more} more</li>}
        </ul>
      )}
      <div className="conflict-actions">
        <button
          type="button"
          className="button"
          onClick={() => void save.loadNewer()}
          disabled={busy}
          aria-describedby={`${ids}-load`}
        >
          Load their revision
        </button>
        <span id={`${ids}-load`} className="muted">
          Your changes since are lost.
        </span>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void save.saveOver()}
          disabled={busy}
          aria-describedby={`${ids}-over`}
        >
          Save mine over it
        </button>
        <span id={`${ids}-over`} className="muted">
          Revision {head.number} stays in the history.
        </span>
      </div>
    </section>
  );
}
