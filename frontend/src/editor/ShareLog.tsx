/** The log of a design's sharing, in the Share dialog: who shared it with whom, changed a role, stopped sharing,
 * made or revoked a link, or moved it, newest first, a page at a time. */

import { useEffect, useId, useState } from "react";

import type { ApiError, Page } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import { Pagination } from "../components/Pagination";
import { RelativeTime } from "../components/RelativeTime";
import { useNow } from "../hooks/useNow";
import { totalPages } from "../paging";
import { asApiError, shareLog, type ShareLogEntry } from "./sharingApi";

interface ShareLogProps {
  designId: string;
  /** Grows with each change made in the dialog: the log is read again (from its first page). */
  changes: number;
}

export function ShareLog({ designId, changes }: ShareLogProps) {
  const client = useApi();
  const ids = useId();
  const now = useNow();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<ShareLogEntry> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => setPage(1), [changes]);

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    shareLog(client, designId, page, abort.signal)
      .then((answer) => {
        setData(answer);
        setError(null);
      })
      .catch((reason: unknown) => !abort.signal.aborted && setError(asApiError(reason)))
      .finally(() => !abort.signal.aborted && setLoading(false));
    return () => abort.abort();
  }, [client, designId, page, changes]);

  const entries = data?.results ?? [];
  return (
    <section className="share-section" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="share-section-title">
        Activity
      </h3>
      <ErrorAlert error={error} />
      {loading && !data && <p className="muted">Loading the activity…</p>}
      {data && entries.length === 0 && <p className="muted">Nothing shared yet.</p>}
      {entries.length > 0 && (
        <ol className="share-log" aria-label="Sharing activity, newest first">
          {entries.map((entry) => (
            <li key={entry.id}>
              {entry.summary} <span className="muted">· <RelativeTime iso={entry.created_at} now={now} /></span>
            </li>
          ))}
        </ol>
      )}
      {data && (data.next !== null || data.previous !== null) && (
        <Pagination
          page={page}
          pages={totalPages(page, data)}
          hasPrevious={data.previous !== null}
          hasNext={data.next !== null}
          disabled={loading}
          onChange={setPage}
        />
      )}
    </section>
  );
}
