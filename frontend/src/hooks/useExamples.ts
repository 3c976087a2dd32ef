import { useEffect, useState } from "react";

import { ApiError, type DesignExample } from "../api";
import { useApi } from "../ApiContext";

export interface ExamplesState {
  /** The example designs, in the server's order; empty until they arrive (or when they could not be loaded). */
  examples: DesignExample[];
  loading: boolean;
  error: ApiError | null;
}

/** The example designs a new design may start from (GET /api/examples/), fetched once. */
export function useExamples(): ExamplesState {
  const client = useApi();
  const [state, setState] = useState<ExamplesState>({ examples: [], loading: true, error: null });

  useEffect(() => {
    const controller = new AbortController();
    client.listExamples(controller.signal).then(
      (examples) => {
        if (!controller.signal.aborted) setState({ examples, loading: false, error: null });
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        const error = reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason));
        setState({ examples: [], loading: false, error });
      },
    );
    return () => controller.abort();
  }, [client]);

  return state;
}
