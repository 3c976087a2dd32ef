import { useEffect, useId, useState } from "react";

import { ApiError, type DesignSummary, type SavedDesign } from "../api";
import { useApi } from "../ApiContext";
import { useDesignPage } from "../hooks/useDesignPage";
import { plural } from "../format";
import { totalPages } from "../paging";
import { DesignTable } from "./DesignTable";
import { ErrorAlert } from "./ErrorAlert";
import { ImportTemplateForm } from "./ImportTemplateForm";
import { NewDesignForm } from "./NewDesignForm";
import { Pagination } from "./Pagination";

/**
 * The designs page: the "New design" form and the CloudFormation import above the paginated list of the user's
 * designs.
 */
export function DesignsPage() {
  const client = useApi();
  const headingId = useId();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useDesignPage(page);
  const [notice, setNotice] = useState("");
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);

  // A page that no longer exists (its designs were deleted elsewhere): go back to the first.
  useEffect(() => {
    if (error?.status === 404 && page > 1) setPage(1);
  }, [error, page]);

  function created(design: SavedDesign) {
    setActionError(null);
    setNotice(`Created design “${design.name}”.`);
    // The list is newest first, so the new design is at the top of page 1.
    if (page === 1) reload();
    else setPage(1);
  }

  function imported() {
    // The import's own report (in its card) says what happened: an older notice here would only be stale.
    setActionError(null);
    setNotice("");
    if (page === 1) reload();
    else setPage(1);
  }

  async function remove(design: DesignSummary) {
    if (!window.confirm(`Delete the design “${design.name}”? This cannot be undone.`)) return;
    setActionError(null);
    setDeletingId(design.id);
    try {
      await client.deleteDesign(design.id);
      setNotice(`Deleted design “${design.name}”.`);
    } catch (reason) {
      setActionError(reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason)));
    } finally {
      setDeletingId(null);
    }
    const lastOnPage = data !== null && data.results.length === 1;
    if (lastOnPage && page > 1) setPage(page - 1);
    else reload();
  }

  const pages = data ? totalPages(page, data) : 1;

  return (
    <>
      <section className="card" aria-labelledby={`${headingId}-new`}>
        <h2 id={`${headingId}-new`} className="card-title">
          New design
        </h2>
        <NewDesignForm onCreated={created} />
      </section>

      <section className="card" aria-labelledby={`${headingId}-import`}>
        <h2 id={`${headingId}-import`} className="card-title">
          Import a CloudFormation template
        </h2>
        <ImportTemplateForm onImported={imported} />
      </section>

      <section className="card" aria-labelledby={headingId} aria-busy={loading}>
        <div className="card-header">
          <h2 id={headingId} className="card-title">
            Your designs
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
        {data !== null && data.count === 0 && (
          <p className="empty-state">You have no designs yet. Create one above to get started.</p>
        )}
        {data !== null && data.results.length > 0 && (
          <>
            <DesignTable
              labelledBy={headingId}
              designs={data.results}
              deletingId={deletingId}
              onDelete={(design) => void remove(design)}
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
                  onChange={setPage}
                />
              )}
            </div>
          </>
        )}
      </section>
    </>
  );
}
