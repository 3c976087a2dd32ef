/**
 * The open design checked by the server as the user works: a moment after each change the document goes to
 * POST /api/designs/validate/, which answers exactly what a save would report, and the architect's review of it.
 * The problems are shared by the inspector (next to the fields) and the problems panel, and nodes with an error get
 * a red outline on the canvas; the findings go to the Review panel, and nodes with one get a marker.
 */

import { createContext, useContext, useEffect, useState } from "react";

import { ApiError, type Problem, validateDocument } from "../api";
import { useApi } from "../ApiContext";
import { type Finding, findingsFrom, SEVERITIES } from "./adviceApi";
import { useEditor, useEditorStore } from "./context";
import type { FindingMarker } from "./translate";

/** How long after the last change the design is checked. */
export const VALIDATE_MS = 600;

export interface Validation {
  /** The last check's errors and warnings, in the server's order. */
  problems: readonly Problem[];
  /** The last check's best-practice findings (the architect's review), in the server's order (errors first). */
  findings: readonly Finding[];
  /** Whether the last check found no error; null before the first answer. */
  valid: boolean | null;
  /** The store's `version` the problems are about; null before the first answer. */
  checkedVersion: number | null;
  checking: boolean;
  /** Why the last check could not be made (the server was not reached, the document is too large...). */
  error: ApiError | null;
}

const NOT_CHECKED: Validation = { problems: [], findings: [], valid: null, checkedVersion: null, checking: false, error: null };

/** The canvas's red outlines: each node's error messages, one a line. */
export function outlines(problems: readonly Problem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    if (p.severity !== "error" || !p.node) continue;
    out[p.node] = out[p.node] ? `${out[p.node]}\n${p.message}` : p.message;
  }
  return out;
}

/** The canvas's review markers: for each node a finding concerns, the worst severity of its findings and their
 * titles (worst first). */
export function findingMarkers(findings: readonly Finding[]): Record<string, FindingMarker> {
  const out: Record<string, FindingMarker> = {};
  for (const severity of SEVERITIES) {
    for (const f of findings) {
      if (f.severity !== severity) continue;
      for (const node of new Set(f.nodes)) {
        const marker = out[node];
        if (!marker) out[node] = { severity, titles: [f.title] };
        else if (!marker.titles.includes(f.title)) marker.titles.push(f.title);
      }
    }
  }
  return out;
}

/** Checks the document of the editor's store a moment after each change; use once per editor (the
 * `ValidationProvider` does) and read the result with `useValidation`. */
export function useValidator(delayMs = VALIDATE_MS): Validation {
  const store = useEditorStore();
  const client = useApi();
  const version = useEditor((s) => s.version);
  const [state, setState] = useState<Validation>(NOT_CHECKED);

  useEffect(() => {
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      setState((s) => ({ ...s, checking: true }));
      validateDocument(client, store.getState().document(), abort.signal).then(
        (result) => {
          if (abort.signal.aborted) return;
          const findings = findingsFrom((result as { findings?: unknown }).findings);
          setState({ problems: result.problems, findings, valid: result.valid, checkedVersion: version, checking: false, error: null });
          store.getState().annotate({ problems: outlines(result.problems), findings: findingMarkers(findings) });
        },
        (error: unknown) => {
          if (abort.signal.aborted) return; // a newer version is being checked
          const failure = error instanceof ApiError ? error : new ApiError(0, "error", String(error));
          setState((s) => ({ ...s, checking: false, error: failure }));
        },
      );
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [version, delayMs, client, store]);

  // The outlines and markers belong to this check: they go with it.
  useEffect(() => () => store.getState().annotate({ problems: {}, findings: {} }), [store]);

  return state;
}

export const ValidationContext = createContext<Validation | null>(null);

/** The last check of the open design. */
export function useValidation(): Validation {
  const validation = useContext(ValidationContext);
  if (!validation) throw new Error("useValidation is used outside a ValidationProvider.");
  return validation;
}

/** The part of its element a problem is about ("props.cidr", "usage.monthly_hours", "label"), from its `field`,
 * else from its JSON path ("$.nodes[3].props.cidr"); null for the element (or the design) as a whole. */
export function problemField(problem: Problem): string | null {
  if (problem.field) return problem.field;
  const path = problem.path ?? "";
  const inside = /^\$\.(?:nodes|edges)\[\d+\](?:\.(.+))?$/.exec(path);
  const part = inside ? (inside[1] ?? null) : path.startsWith("$.") ? path.slice(2) : null;
  return part === null ? null : part.replace(/\[(\d+)\]/g, ".$1");
}

/** Errors first, then warnings, each in the server's order. */
export function bySeverity(problems: readonly Problem[]): Problem[] {
  return [...problems.filter((p) => p.severity === "error"), ...problems.filter((p) => p.severity !== "error")];
}
