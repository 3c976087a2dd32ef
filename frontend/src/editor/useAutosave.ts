/** Saving the open design: a new revision a moment after the last change (and at once on demand), with what
 * the page shows about it: saved, unsaved changes, saving, or why the last save failed. */

import { useCallback, useEffect, useRef, useState } from "react";

import { api, ApiError, type Problem } from "../api";
import { useEditor, useEditorStore } from "./context";

/** How long after the last change the design is saved by itself. */
export const AUTOSAVE_MS = 1500;

export interface SaveState {
  status: "saved" | "unsaved" | "saving" | "failed";
  error: ApiError | null;
  /** The newest saved revision's number. */
  revision: number | null;
  /** The server's warnings about the saved document (errors come in `error`). */
  warnings: Problem[];
  saveNow(): Promise<void>;
}

export function useAutosave(designId: string, delayMs = AUTOSAVE_MS): SaveState {
  const store = useEditorStore();
  const { version, savedVersion } = useEditor((s) => ({ version: s.version, savedVersion: s.savedVersion }));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [failedVersion, setFailedVersion] = useState<number | null>(null);
  const [revision, setRevision] = useState<number | null>(null);
  const [warnings, setWarnings] = useState<Problem[]>([]);
  const inFlight = useRef<Promise<void> | null>(null);

  const saveNow = useCallback(async () => {
    if (inFlight.current) await inFlight.current;
    const state = store.getState();
    if (state.version === state.savedVersion) return;
    const at = state.version;
    setSaving(true);
    const run = api
      .saveDesign(designId, state.document())
      .then((saved) => {
        store.getState().markSaved(at);
        setRevision(saved.revision?.number ?? null);
        setWarnings(saved.warnings ?? []);
        setError(null);
        setFailedVersion(null);
      })
      .catch((e: unknown) => {
        setError(e instanceof ApiError ? e : new ApiError(0, "error", String(e)));
        setFailedVersion(at);
      })
      .finally(() => {
        setSaving(false);
        inFlight.current = null;
      });
    inFlight.current = run;
    await run;
  }, [designId, store]);

  useEffect(() => {
    // A failed save is not retried until something changes: the same document would fail the same way.
    if (version === savedVersion || version === failedVersion) return;
    const timer = window.setTimeout(() => void saveNow(), delayMs);
    return () => window.clearTimeout(timer);
  }, [version, savedVersion, failedVersion, delayMs, saveNow]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      const state = store.getState();
      if (state.version !== state.savedVersion) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [store]);

  const status = saving ? "saving" : error && failedVersion === version ? "failed" : version === savedVersion ? "saved" : "unsaved";
  return { status, error, revision, warnings, saveNow };
}
