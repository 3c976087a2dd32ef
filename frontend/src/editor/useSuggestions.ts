/** The ways to spend less on the open design's newest saved revision (GET .../suggestions/?revision=N), asked for
 * again each time a new revision is saved (a save, a fix applied, a newer revision loaded): the moment the estimate
 * is asked for again too. */

import { useEffect, useState } from "react";

import { ApiError } from "../api";
import { useApi } from "../ApiContext";
import { getSuggestions, type Suggestions } from "./adviceApi";
import { useSession } from "./session";

export interface SuggestionsState {
  /** The suggestions are being asked for. */
  loading: boolean;
  /** The last answer, kept while the next revision's is asked for; null before the first and after a failure. */
  answer: Suggestions | null;
  error: ApiError | null;
}

export function useSuggestions(): SuggestionsState {
  const client = useApi();
  const { designId, save } = useSession();
  const revision = save.revision;
  const [state, setState] = useState<SuggestionsState>({ loading: true, answer: null, error: null });

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    getSuggestions(client, designId, revision, controller.signal).then(
      (answer) => {
        if (!controller.signal.aborted) setState({ loading: false, answer, error: null });
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        const error = reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason));
        setState({ loading: false, answer: null, error });
      },
    );
    return () => controller.abort();
  }, [client, designId, revision]);

  return state;
}
