import { useEffect, useId, useState } from "react";

import { ApiError, editorPath, type DesignSummary, type SavedDesign } from "../api";
import { useApi } from "../ApiContext";
import { useDesignPage } from "../hooks/useDesignPage";
import { plural } from "../format";
import { totalPages } from "../paging";
import { ConfirmDialog } from "./ConfirmDialog";
import { DesignTable } from "./DesignTable";
import "./designs.css";
import { ErrorAlert } from "./ErrorAlert";
import { ImportTemplateForm } from "./ImportTemplateForm";
import { NewDesignForm } from "./NewDesignForm";
import { Pagination } from "./Pagination";

/** Leaves the page for the editor of design `id`. */
function openInEditor(id: string): void {
  window.location.assign(editorPath(id));
}

interface DesignsPageProps {
  /** Opens a design just created in the editor (by default by leaving the page for it). */
  openDesign?: (id: string) => void;
}

function asApiError(reason: unknown): ApiError {
  return reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason));
}

/**
 * The designs page: the "New design" form (blank or from an example) and the CloudFormation import above the
 * paginated list of the user's designs, each of which can be renamed, duplicated and (once confirmed) deleted.
 * A design just created opens in the editor; a duplicate stays in the list, at its top.
 */
export function DesignsPage({ openDesign = openInEditor }: DesignsPageProps = {}) {
  const client = useApi();
  const headingId = useId();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useDesignPage(page);
  const [notice, setNotice] = useState("");
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<DesignSummary | null>(null);

  // A page that no longer exists (its designs were deleted elsewhere): go back to the first.
  useEffect(() => {
    if (error?.status === 404 && page > 1) setPage(1);
  }, [error, page]);

  /** Shows page 1, where the newest design is (the list is newest first). */
  function showNewest() {
    if (page === 1) reload();
    else setPage(1);
  }

  function created(design: SavedDesign) {
    setActionError(null);
    setNotice(`Created design “${design.name}”. Opening it in the editor…`);
    openDesign(design.id);
  }

  function renamed(design: SavedDesign, oldName: string) {
    setActionError(null);
    setNotice(`Renamed “${oldName}” to “${design.name}”.`);
    // A rename is a new revision: the design is now the newest.
    showNewest();
  }

  async function duplicate(design: DesignSummary) {
    setActionError(null);
    setBusyId(design.id);
    try {
      const copy = await client.duplicateDesign(design.id);
      setNotice(`Duplicated “${design.name}” as “${copy.name}”.`);
      showNewest();
    } catch (reason) {
      setActionError(asApiError(reason));
    } finally {
      setBusyId(null);
    }
  }

  function imported() {
    // The import's own report (in its card) says what happened: an older notice here would only be stale.
    setActionError(null);
    setNotice("");
    showNewest();
  }

  async function remove(design: DesignSummary) {
    setConfirming(null);
    setActionError(null);
    setBusyId(design.id);
    try {
      await client.deleteDesign(design.id);
      setNotice(`Deleted design “${design.name}”.`);
    } catch (reason) {
      setActionError(asApiError(reason));
    } finally {
      setBusyId(null);
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
              busyId={busyId}
              onRenamed={renamed}
              onDuplicate={(design) => void duplicate(design)}
              onDelete={setConfirming}
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

      {confirming && (
        <ConfirmDialog
          title="Delete this design?"
          confirmLabel="Delete"
          onConfirm={() => void remove(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            “{confirming.name}” and all its revisions will be deleted. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
