/** Saving the open design: a new revision a moment after the last change (and at once on demand), with what
 * the page shows about it: saved, unsaved changes, saving, why the last save failed, or that someone saved a
 * newer revision meanwhile (a conflict: nothing is saved by itself until the user loads it or saves over it). */

import { useCallback, useEffect, useRef, useState } from "react";

import { ApiError, type Conflict, type Problem, type SavedDesign } from "../api";
import { useApi } from "../ApiContext";
import type { DesignDocument } from "./types";
import { useEditor, useEditorStore } from "./context";

/** How long after the last change the design is saved by itself. */
export const AUTOSAVE_MS = 1500;

export interface SaveState {
  status: "saved" | "unsaved" | "saving" | "failed" | "conflict";
  error: ApiError | null;
  /** The newest saved revision's number (the one the editor opened, then each save's). */
  revision: number | null;
  /** The server's warnings about the saved document (errors come in `error`). */
  warnings: Problem[];
  /** The newer revision a save ran into, and what it changed (status "conflict"); null otherwise. */
  conflict: Conflict | null;
  saveNow(): Promise<void>;
  /** Puts the newer revision on the canvas (what was there and not saved is lost) and carries on from it. */
  loadNewer(): Promise<void>;
  /** Saves what is on the canvas over the newer revision, deliberately. */
  saveOver(): Promise<void>;
  /** Carries on from `saved`, a revision made on the server (a review's fix applied): its document goes on the canvas
   * (as saved), and it becomes the base of the next save. */
  adopt(saved: SavedDesign): void;
  /** The newest saved revision's number as it is now (after `await saveNow()`, the save's), not as last rendered. */
  currentRevision(): number | null;
}

function asError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, "error", String(e));
}

/** `baseRevision`: the number of the revision the editor opened (the base of its first save). A read-only store
 * (a viewer's) is never saved: `saveNow` does nothing and nothing is saved by itself. */
export function useAutosave(designId: string, baseRevision: number | null, delayMs = AUTOSAVE_MS): SaveState {
  const client = useApi();
  const store = useEditorStore();
  const { version, savedVersion, readOnly } = useEditor((s) => ({
    version: s.version,
    savedVersion: s.savedVersion,
    readOnly: s.readOnly,
  }));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [failedVersion, setFailedVersion] = useState<number | null>(null);
  const [revision, setRevision] = useState<number | null>(baseRevision);
  const [warnings, setWarnings] = useState<Problem[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  /** The revision the canvas's changes started from: what each save names as its base. */
  const base = useRef<number>(baseRevision ?? 0);
  const conflicted = useRef(false);
  /** `revision` as it is now, for `currentRevision()` between renders. */
  const revisionNow = useRef<number | null>(baseRevision);

  const run = useCallback(
    (at: number, document: unknown): Promise<void> => {
      setSaving(true);
      const pending = client
        .saveDesign(designId, document, base.current)
        .then((saved) => {
          store.getState().markSaved(at);
          const number = saved.revision?.number ?? null;
          if (number !== null) base.current = number;
          revisionNow.current = number;
          setRevision(number);
          setWarnings(saved.warnings ?? []);
          setError(null);
          setFailedVersion(null);
        })
        .catch((e: unknown) => {
          const failure = asError(e);
          setError(failure);
          setFailedVersion(at);
          if (failure.conflict) {
            conflicted.current = true;
            setConflict(failure.conflict);
          }
        })
        .finally(() => {
          setSaving(false);
          inFlight.current = null;
        });
      inFlight.current = pending;
      return pending;
    },
    [client, designId, store],
  );

  const saveNow = useCallback(async () => {
    if (store.getState().readOnly) return;
    if (inFlight.current) await inFlight.current;
    // Saving again would run into the same newer revision: the user chooses (loadNewer or saveOver) first.
    if (conflicted.current) return;
    const state = store.getState();
    if (state.version === state.savedVersion) return;
    await run(state.version, state.document());
  }, [run, store]);

  const saveOver = useCallback(async () => {
    if (inFlight.current) await inFlight.current;
    if (!conflict) return;
    base.current = conflict.head.number;
    conflicted.current = false;
    setConflict(null);
    const state = store.getState();
    await run(state.version, state.document());
  }, [conflict, run, store]);

  /** The revision the server has is on the canvas, saved: the base of the next save, with its warnings. */
  const adopt = useCallback(
    (design: SavedDesign) => {
      store.getState().load(design.document as DesignDocument);
      const number = design.revision?.number ?? null;
      if (number !== null) base.current = number;
      revisionNow.current = number;
      conflicted.current = false;
      setConflict(null);
      setRevision(number);
      setWarnings(design.warnings ?? []);
      setError(null);
      setFailedVersion(null);
    },
    [store],
  );

  const currentRevision = useCallback(() => revisionNow.current, []);

  const loadNewer = useCallback(async () => {
    if (inFlight.current) await inFlight.current;
    setSaving(true);
    try {
      adopt(await client.getDesign(designId));
    } catch (e) {
      setError(asError(e));
    } finally {
      setSaving(false);
    }
  }, [adopt, client, designId]);

  useEffect(() => {
    // A failed save is not retried until something changes: the same document would fail the same way; after a
    // conflict, nothing is saved by itself until the user has chosen.
    if (readOnly || conflict || version === savedVersion || version === failedVersion) return;
    const timer = window.setTimeout(() => void saveNow(), delayMs);
    return () => window.clearTimeout(timer);
  }, [version, savedVersion, failedVersion, conflict, delayMs, saveNow, readOnly]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const state = store.getState();
      if (state.version !== state.savedVersion) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [store]);

  const status = saving
    ? "saving"
    : conflict
      ? "conflict"
      : error && failedVersion === version
        ? "failed"
        : version === savedVersion
          ? "saved"
          : "unsaved";
  return { status, error, revision, warnings, conflict, saveNow, loadNewer, saveOver, adopt, currentRevision };
}
