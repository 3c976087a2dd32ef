import { useCallback, useEffect, useState } from "react";

import { ApiError, type DesignScope, type DesignSummary, type Page } from "../api";
import { useApi } from "../ApiContext";

export interface DesignPageState {
  /** The last page that arrived (kept while the next one loads, so the table does not flicker). */
  data: Page<DesignSummary> | null;
  error: ApiError | null;
  loading: boolean;
  /** Fetches the same page again. */
  reload: () => void;
}

/** Page `page` of the designs in `scope` (the user's own and their teams' by default), fetched again whenever
 * `page` changes, `reload` is called or the page is shown again from the browser's back/forward cache. */
export function useDesignPage(page: number, scope: DesignScope = "mine"): DesignPageState {
  const client = useApi();
  const [data, setData] = useState<Page<DesignSummary> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    client.listDesigns(scope, page, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason)));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [client, scope, page, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  // Back from the editor, the browser may show this page as it was left (the back/forward cache): the list may
  // have changed since (a design just created, or edited), so fetch it again.
  useEffect(() => {
    function restored(event: PageTransitionEvent) {
      if (event.persisted) reload();
    }
    window.addEventListener("pageshow", restored);
    return () => window.removeEventListener("pageshow", restored);
  }, [reload]);

  return { data, error, loading, reload };
}
