/** The open design's cost: each newly saved revision is estimated by a worker (asked for, then followed until it
 * is done), and each node's monthly cost is put on the canvas as a badge. */

import { createContext, useEffect, useState } from "react";

import { ApiError, type Estimate, getEstimate, requestEstimate } from "../api";
import { useApi } from "../ApiContext";
import { useEditorStore } from "./context";
import { formatUsd } from "./money";
import { useSession } from "./session";

/** How often the estimate's status is read while a worker computes it. */
export const ESTIMATE_POLL_MS = 500;

/** How long the panel waits before saying the estimate is late (the worker may still finish it). */
export const ESTIMATE_TIMEOUT_MS = 120_000;

export interface EstimateOptions {
  intervalMs?: number;
  timeoutMs?: number;
}

export interface EstimateState {
  /** An estimate is being asked for or followed. */
  estimating: boolean;
  /** The last finished estimate; kept while the next one is computed, so the figures do not blink. */
  estimate: Estimate | null;
  /** Why the last estimate did not finish: the API's refusal, or the worker's failure as a sentence. */
  error: ApiError | string | null;
}

/** Lets a component above the panels follow the estimate (so the badges follow edits whatever panel is open);
 * the cost panel then shows that one rather than following its own. */
export const EstimateContext = createContext<EstimateState | null>(null);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = window.setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        window.clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Each node's monthly cost as its badge shows it: the server's per-node sums (recurring plus upfront fees spread
 * over the term, as designer/services/diagrams.py estimate_costs adds them), formatted, never re-added here. */
export function nodeCosts(estimate: Estimate): Record<string, string> {
  const byNode = estimate.result?.by_node ?? {};
  return Object.fromEntries(Object.entries(byNode).map(([id, amount]) => [id, formatUsd(amount)]));
}

/**
 * Estimates the session's newest saved revision (the newest on the server before this session saved one) each
 * time it changes: POST /api/designs/{id}/estimates/, then GET /api/estimates/{id}/ every `intervalMs` until done
 * or failed. A newer revision, or unmounting, stops following the older one (the worker still finishes it, and
 * the server hands it back when asked again).
 */
export function useEstimate({
  intervalMs = ESTIMATE_POLL_MS,
  timeoutMs = ESTIMATE_TIMEOUT_MS,
}: EstimateOptions = {}): EstimateState {
  const client = useApi();
  const store = useEditorStore();
  const { designId, save } = useSession();
  const revision = save.revision;
  const [state, setState] = useState<EstimateState>({ estimating: false, estimate: null, error: null });

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    setState((s) => ({ ...s, estimating: true, error: null }));

    const follow = async (): Promise<Estimate> => {
      const deadline = Date.now() + timeoutMs;
      let run = await requestEstimate(client, designId, revision === null ? {} : { revision }, signal);
      while (run.status !== "done" && run.status !== "failed") {
        if (Date.now() >= deadline) {
          throw new Error(
            `The estimate of revision ${run.revision} is taking longer than usual. It may still finish: look again ` +
              "in a moment.",
          );
        }
        await sleep(intervalMs, signal);
        run = await getEstimate(client, run.id, signal);
      }
      return run;
    };

    follow().then(
      (run) => {
        if (signal.aborted) return;
        if (run.status === "done" && run.result) {
          store.getState().annotate({ costs: nodeCosts(run) });
          setState({ estimating: false, estimate: run, error: null });
        } else {
          store.getState().annotate({ costs: {} });
          const why = run.error || "The server did not say why.";
          const error = `The estimate of revision ${run.revision} failed. ${why}`;
          setState({ estimating: false, estimate: null, error });
        }
      },
      (reason: unknown) => {
        if (signal.aborted) return;
        const error = reason instanceof ApiError ? reason : reason instanceof Error ? reason.message : String(reason);
        setState((s) => ({ ...s, estimating: false, error }));
      },
    );
    return () => controller.abort();
  }, [client, designId, revision, intervalMs, timeoutMs, store]);

  return state;
}
