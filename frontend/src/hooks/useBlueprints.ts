import { useEffect, useState } from "react";

import { ApiError, type Blueprint, listBlueprints } from "../api";
import { useApi } from "../ApiContext";

export interface BlueprintsState {
  /** The blueprints, in the server's order; empty until they arrive (or when they could not be loaded). */
  blueprints: Blueprint[];
  loading: boolean;
  /** Why they could not be loaded (a 404 from a server without blueprints, say). */
  error: ApiError | null;
}

/** The blueprints a new design may be built from (GET /api/blueprints/), fetched once. */
export function useBlueprints(): BlueprintsState {
  const client = useApi();
  const [state, setState] = useState<BlueprintsState>({ blueprints: [], loading: true, error: null });

  useEffect(() => {
    const controller = new AbortController();
    listBlueprints(client, controller.signal).then(
      (blueprints) => {
        if (!controller.signal.aborted) setState({ blueprints, loading: false, error: null });
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        const error = reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason));
        setState({ blueprints: [], loading: false, error });
      },
    );
    return () => controller.abort();
  }, [client]);

  return state;
}
