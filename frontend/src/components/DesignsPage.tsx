import { useEffect, useId, useState } from "react";

import { ApiError, editorPath, type DesignScope, type DesignSummary, type SavedDesign } from "../api";
import { useApi } from "../ApiContext";
import { useDesignPage } from "../hooks/useDesignPage";
import { ConfirmDialog } from "./ConfirmDialog";
import { DesignListSection } from "./DesignListSection";
import "./designs.css";
import { ImportTemplateForm } from "./ImportTemplateForm";
import { NewDesignForm } from "./NewDesignForm";

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

/** Something said about one of the two lists: a notice or an error, shown in that list's card. */
interface About<T> {
  scope: DesignScope;
  value: T;
}

/** A design about to be deleted, with the list it is in. */
interface Deleting {
  scope: DesignScope;
  design: DesignSummary;
}

/** The current page of one of the lists, with the 404 of a page that no longer exists sending it back to page 1. */
function useList(scope: DesignScope) {
  const [page, setPage] = useState(1);
  const list = useDesignPage(page, scope);

  // A page that no longer exists (its designs were deleted elsewhere): go back to the first.
  useEffect(() => {
    if (list.error?.status === 404 && page > 1) setPage(1);
  }, [list.error, page]);

  /** Shows page 1, where the newest design is (the list is newest first). */
  function showNewest() {
    if (page === 1) list.reload();
    else setPage(1);
  }

  return { page, setPage, list, showNewest };
}

/**
 * The designs page: the "New design" form (blank or from an example, the caller's own or a team's) and the
 * CloudFormation import above two paginated lists: "Your designs" (the caller's and their teams') and "Shared with
 * me". What a row offers follows the caller's role on its design: anyone may duplicate and download, an editor
 * also renames, an owner also deletes (once confirmed). A design just created opens in the editor; a duplicate
 * stays in "Your designs", at its top.
 */
export function DesignsPage({ openDesign = openInEditor }: DesignsPageProps = {}) {
  const client = useApi();
  const headingId = useId();
  const lists = { mine: useList("mine"), shared: useList("shared") };
  const [notice, setNotice] = useState<About<string> | null>(null);
  const [actionError, setActionError] = useState<About<ApiError> | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Deleting | null>(null);

  function say(scope: DesignScope, text: string) {
    setActionError(null);
    setNotice({ scope, value: text });
  }

  function created(design: SavedDesign) {
    say("mine", `Created design “${design.name}”. Opening it in the editor…`);
    openDesign(design.id);
  }

  function renamed(scope: DesignScope, design: SavedDesign, oldName: string) {
    say(scope, `Renamed “${oldName}” to “${design.name}”.`);
    // A rename is a new revision: the design is now the newest.
    lists[scope].showNewest();
  }

  async function duplicate(scope: DesignScope, design: DesignSummary) {
    setActionError(null);
    setBusyId(design.id);
    try {
      const copy = await client.duplicateDesign(design.id);
      // The copy is the caller's own, whoever's the design was: it is at the top of "Your designs".
      say("mine", `Duplicated “${design.name}” as “${copy.name}”.`);
      lists.mine.showNewest();
    } catch (reason) {
      setActionError({ scope, value: asApiError(reason) });
    } finally {
      setBusyId(null);
    }
  }

  function imported() {
    // The import's own report (in its card) says what happened: an older notice here would only be stale.
    setActionError(null);
    setNotice(null);
    lists.mine.showNewest();
  }

  async function remove({ scope, design }: Deleting) {
    setConfirming(null);
    setActionError(null);
    setBusyId(design.id);
    try {
      await client.deleteDesign(design.id);
      say(scope, `Deleted design “${design.name}”.`);
    } catch (reason) {
      setActionError({ scope, value: asApiError(reason) });
    } finally {
      setBusyId(null);
    }
    const { page, setPage, list } = lists[scope];
    const lastOnPage = list.data !== null && list.data.results.length === 1;
    if (lastOnPage && page > 1) setPage(page - 1);
    else list.reload();
  }

  function section(scope: DesignScope, title: string, empty: string) {
    const { page, setPage, list } = lists[scope];
    return (
      <DesignListSection
        scope={scope}
        title={title}
        empty={empty}
        page={page}
        onPageChange={setPage}
        list={list}
        notice={notice?.scope === scope ? notice.value : ""}
        actionError={actionError?.scope === scope ? actionError.value : null}
        busyId={busyId}
        onRenamed={(design, oldName) => renamed(scope, design, oldName)}
        onDuplicate={(design) => void duplicate(scope, design)}
        onDelete={(design) => setConfirming({ scope, design })}
      />
    );
  }

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

      {section("mine", "Your designs", "You have no designs yet. Create one above to get started.")}
      {section(
        "shared",
        "Shared with me",
        "Nothing is shared with you yet. Designs shared with you, or with a team you are in, will be listed here.",
      )}

      {confirming && (
        <ConfirmDialog
          title="Delete this design?"
          confirmLabel="Delete"
          onConfirm={() => void remove(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            “{confirming.design.name}” and all its revisions will be deleted. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
