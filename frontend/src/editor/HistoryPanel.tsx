/** The History panel: the design's saved revisions, newest first; one can be looked at (read-only) or restored,
 * which puts its document on the canvas to be saved as a new revision (the ones after it are kept). A read-only
 * design's revisions can be looked at and compared, not restored. */

import { MarkerType, ReactFlow, ReactFlowProvider } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";

import {
  ApiError,
  getRevision,
  listRevisions,
  type Page,
  type Revision,
  revisionPath,
  type RevisionSummary,
  revisionTemplatePath,
} from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import { Pagination } from "../components/Pagination";
import { RelativeTime } from "../components/RelativeTime";
import { plural } from "../format";
import { useNow } from "../hooks/useNow";
import { totalPages } from "../paging";
import { useEditor, useEditorStore } from "./context";
import { RevisionCompare } from "./RevisionCompare";
import { EDGE_TYPES, NODE_TYPES } from "./nodes";
import { useSession } from "./session";
import { toFlow } from "./translate";
import type { DesignDocument } from "./types";

const PREVIEW_EDGE = { markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 } };

function asError(reason: unknown): ApiError {
  return reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason));
}

export function HistoryPanel() {
  const client = useApi();
  const store = useEditorStore();
  const { designId, save } = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  const now = useNow();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<RevisionSummary> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [shown, setShown] = useState<Revision | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [comparing, setComparing] = useState<number | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState("");

  // Read again whenever a save makes a new revision.
  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    listRevisions(client, designId, page, abort.signal)
      .then((answer) => {
        setData(answer);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) setError(asError(reason));
      })
      .finally(() => {
        if (!abort.signal.aborted) setLoading(false);
      });
    return () => abort.abort();
  }, [client, designId, page, save.revision]);

  async function open(number: number) {
    setBusy(number);
    setError(null);
    try {
      setShown(await getRevision(client, designId, number));
    } catch (reason) {
      setError(asError(reason));
    } finally {
      setBusy(null);
    }
  }

  async function restore(number: number) {
    setConfirming(null);
    setBusy(number);
    setError(null);
    setMessage("");
    try {
      // What is on the canvas is saved first, so restoring never loses it: it stays in the history.
      await save.saveNow();
      const state = store.getState();
      if (state.version !== state.savedVersion) {
        setError(
          save.status === "conflict"
            ? `A newer revision was saved while you were editing: load it or save yours over it (at the top) before restoring revision ${number}.`
            : `Your changes could not be saved, so revision ${number} was not restored (it would have discarded them).`,
        );
        return;
      }
      const revision = await getRevision(client, designId, number);
      store.getState().restore(revision.document as DesignDocument);
      setShown(null);
      setMessage(`Revision ${number} is on the canvas; it is being saved as a new revision.`);
    } catch (reason) {
      setError(asError(reason));
    } finally {
      setBusy(null);
    }
  }

  const revisions = data?.results ?? [];
  const newest = page === 1 ? revisions[0]?.number : undefined;
  return (
    <section className="history-panel" aria-label="History">
      <p className="panel-status" role="status">
        {loading && !data ? "Loading the revisions…" : message}
      </p>
      <ErrorAlert error={error} />
      {shown && <RevisionView revision={shown} designId={designId} onClose={() => setShown(null)} />}
      {data && revisions.length === 0 && <p className="muted">No revision saved yet.</p>}
      <ol className="revision-list" aria-label="Revisions, newest first">
        {revisions.map((r) => (
          <li key={r.number} className="revision">
            <div className="revision-head">
              <strong>Revision {r.number}</strong>
              {r.number === newest && <span className="revision-current"> (newest)</span>}
              <span className="muted">
                {" "}
                · {r.author ?? "unknown"} · <RelativeTime iso={r.created_at} now={now} />
              </span>
            </div>
            {r.message && <p className="revision-message">{r.message}</p>}
            {confirming === r.number ? (
              <div className="revision-confirm" role="group" aria-label={`Restore revision ${r.number}?`}>
                <p>
                  Put revision {r.number} on the canvas? What is there now is saved first, and stays in the history.
                </p>
                <button
                  type="button"
                  className="button button-small button-primary"
                  onClick={() => void restore(r.number)}
                >
                  Restore revision {r.number}
                </button>{" "}
                <button type="button" className="button button-small" onClick={() => setConfirming(null)}>
                  Cancel
                </button>
              </div>
            ) : (
              <div className="revision-actions">
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => void open(r.number)}
                  disabled={busy !== null}
                  aria-label={`Open revision ${r.number}`}
                >
                  Open
                </button>
                {r.number > 1 && (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setComparing(comparing === r.number ? null : r.number)}
                    aria-expanded={comparing === r.number}
                    aria-label={`Compare revision ${r.number} with revision ${r.number - 1}`}
                  >
                    Compare
                  </button>
                )}
                {!readOnly && (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setConfirming(r.number)}
                    // The newest, with nothing changed since, is what the canvas shows already.
                    disabled={busy !== null || (r.number === newest && save.status === "saved")}
                    aria-label={`Restore revision ${r.number}`}
                  >
                    Restore…
                  </button>
                )}
              </div>
            )}
            {comparing === r.number && <RevisionCompare designId={designId} from={r.number - 1} to={r.number} />}
          </li>
        ))}
      </ol>
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

/** One revision, read-only: what it holds, a picture of its canvas that cannot be edited, and its files. */
function RevisionView({ revision, designId, onClose }: { revision: Revision; designId: string; onClose: () => void }) {
  const catalog = useEditor((s) => s.catalog);
  const document = revision.document as DesignDocument;
  const flow = useMemo(() => toFlow(document, catalog), [document, catalog]);
  const name = `Revision ${revision.number}`;
  return (
    <div className="revision-view" role="region" aria-label={`${name}, read-only`}>
      <div className="revision-view-head">
        <h3 className="panel-heading">{name} (read-only)</h3>
        <button type="button" className="button button-small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">
        “{document.name}” · {plural(document.nodes.length, "component")} · {plural(document.edges.length, "connection")}
      </p>
      <div className="revision-preview">
        {/* Its own provider: the editor's canvas keeps its own viewport and selection. */}
        <ReactFlowProvider>
          <ReactFlow
            nodes={flow.nodes}
            edges={flow.edges}
            nodeTypes={NODE_TYPES}
            edgeTypes={EDGE_TYPES}
            defaultEdgeOptions={PREVIEW_EDGE}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            fitView
            minZoom={0.05}
            proOptions={{ hideAttribution: true }}
            aria-label={`Picture of ${name}`}
          />
        </ReactFlowProvider>
      </div>
      <p className="export-links">
        <a className="link" href={revisionPath(designId, revision.number)} target="_blank" rel="noreferrer">
          View JSON
        </a>
        <a className="link" href={revisionTemplatePath(designId, revision.number, "yaml")} download>
          Template (YAML)
        </a>
      </p>
    </div>
  );
}
