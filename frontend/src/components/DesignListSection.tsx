import { useId } from "react";

import type { ApiError, DesignScope, DesignSummary, SavedDesign } from "../api";
import { plural } from "../format";
import type { DesignPageState } from "../hooks/useDesignPage";
import { totalPages } from "../paging";
import { DesignTable } from "./DesignTable";
import { ErrorAlert } from "./ErrorAlert";
import { Pagination } from "./Pagination";

interface DesignListSectionProps {
  scope: DesignScope;
  title: string;
  /** What the section says when the list is empty. */
  empty: string;
  page: number;
  onPageChange: (page: number) => void;
  /** The list's current page, as `useDesignPage` fetches it. */
  list: DesignPageState;
  /** The last thing done to a design of this list, said in its status line. */
  notice: string;
  /** Why the last thing done to a design of this list failed. */
  actionError: ApiError | null;
  busyId: string | null;
  onRenamed: (design: SavedDesign, oldName: string) => void;
  onDuplicate: (design: DesignSummary) => void;
  onDelete: (design: DesignSummary) => void;
}

/** One list of the designs page ("Your designs" or "Shared with me") in its card: its status line, its errors
 * (with Try again), the table of its current page and the pages. */
export function DesignListSection({
  scope,
  title,
  empty,
  page,
  onPageChange,
  list,
  notice,
  actionError,
  busyId,
  onRenamed,
  onDuplicate,
  onDelete,
}: DesignListSectionProps) {
  const headingId = useId();
  const { data, error, loading, reload } = list;
  const pages = data ? totalPages(page, data) : 1;

  return (
    <section className="card" aria-labelledby={headingId} aria-busy={loading}>
      <div className="card-header">
        <h2 id={headingId} className="card-title">
          {title}
        </h2>
        <p className="notice" role="status">
          {notice}
        </p>
      </div>

      <ErrorAlert error={actionError} />
      <ErrorAlert error={error} />
      {error && !error.notAuthenticated && (
        <button type="button" className="button" onClick={reload}>
          Try again
        </button>
      )}

      {data === null && loading && <p className="muted">Loading designs…</p>}
      {data !== null && data.count === 0 && <p className="empty-state">{empty}</p>}
      {data !== null && data.results.length > 0 && (
        <>
          <DesignTable
            scope={scope}
            labelledBy={headingId}
            designs={data.results}
            busyId={busyId}
            onRenamed={onRenamed}
            onDuplicate={onDuplicate}
            onDelete={onDelete}
          />
          <div className="table-footer">
            <p className="muted">{plural(data.count, "design")} in all</p>
            {pages > 1 && (
              <Pagination
                page={page}
                pages={pages}
                hasPrevious={data.previous !== null}
                hasNext={data.next !== null}
                disabled={loading}
                onChange={onPageChange}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}
