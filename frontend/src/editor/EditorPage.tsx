/** The editor of one design: palette, canvas and side panels around one store, loaded from the API and saved back
 * (on demand with Ctrl+S, and a moment after each change). For a viewer, or a design opened through a share link,
 * the store is read-only: no palette, nothing that changes the design, nothing saved. */

import "./sharing.css";
import "./review.css";

import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useState } from "react";

import { ApiError, type TeamRef } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import { Canvas } from "./Canvas";
import { EstimateProvider } from "./CostPanel";
import { EditorContext, useEditor } from "./context";
import { Palette } from "./Palette";
import { catalogOf } from "./rules";
import { type Access, type EditorSession, SessionContext } from "./session";
import { SidePanel } from "./SidePanel";
import { createEditorStore, type EditorStore } from "./store";
import { Toolbar } from "./Toolbar";
import type { DesignDocument } from "./types";
import { useAutosave } from "./useAutosave";
import { ValidationProvider } from "./ValidationProvider";

interface Loaded {
  store: EditorStore;
  designId: string;
  revision: number | null;
  access: Access;
}

interface EditorPageProps {
  designId: string;
  /** Opened through a share link (/s/<token>/): read-only whatever the design, no comments, no presence. */
  viaLink?: boolean;
}

export function EditorPage({ designId, viaLink = false }: EditorPageProps) {
  const client = useApi();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([client.getDesign(designId, abort.signal), client.getPalette(abort.signal)])
      .then(([design, palette]) => {
        const access: Access = { role: viaLink ? "viewer" : (design.role ?? "editor"), team: design.team ?? null, viaLink };
        const readOnly = viaLink || access.role === "viewer";
        const store = createEditorStore(catalogOf(palette), design.document as DesignDocument, { readOnly });
        setLoaded({ store, designId, revision: design.revision?.number ?? null, access });
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(e instanceof ApiError ? e : new ApiError(0, "error", String(e)));
      });
    return () => abort.abort();
  }, [client, designId, viaLink]);

  if (error) {
    // A link's visitor is not sent to the login page: the alert must not say they are.
    const shown = viaLink && error.notAuthenticated ? `${error.detail} Open the link again, or sign in.` : error;
    return (
      <div className="page">
        <ErrorAlert error={shown} />
        {!viaLink && (
          <p>
            <a className="link" href="/">
              Back to your designs
            </a>
          </p>
        )}
      </div>
    );
  }
  if (!loaded) return <p className="page loading" role="status">Opening the design…</p>;
  return (
    <EditorContext.Provider value={loaded.store}>
      <ReactFlowProvider>
        <Editor designId={loaded.designId} revision={loaded.revision} access={loaded.access} />
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}

function Editor({ designId, revision, access: opened }: { designId: string; revision: number | null; access: Access }) {
  const save = useAutosave(designId, revision);
  const [access, setAccess] = useState(opened);
  const readOnly = useEditor((s) => s.readOnly);
  const setTeam = useCallback((team: TeamRef | null) => setAccess((a) => ({ ...a, team })), []);
  const session = useMemo<EditorSession>(() => ({ designId, save, access, setTeam }), [designId, save, access, setTeam]);
  return (
    <SessionContext.Provider value={session}>
      <EstimateProvider>
        <ValidationProvider>
          <div className="editor">
            <Toolbar designId={designId} save={save} />
            <div className={readOnly ? "editor-body is-read-only" : "editor-body"}>
              {!readOnly && <Palette />}
              <Canvas />
              <SidePanel />
            </div>
          </div>
        </ValidationProvider>
      </EstimateProvider>
    </SessionContext.Provider>
  );
}
