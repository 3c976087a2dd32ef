/** The editor of one design: palette, canvas and side panels around one store, loaded from the API and saved back
 * (on demand with Ctrl+S, and a moment after each change). */

import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";

import { api, ApiError } from "../api";
import { ErrorAlert } from "../components/ErrorAlert";
import { Canvas } from "./Canvas";
import { EstimateProvider } from "./CostPanel";
import { EditorContext } from "./context";
import { Palette } from "./Palette";
import { catalogOf } from "./rules";
import { SessionContext } from "./session";
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
}

export function EditorPage({ designId }: { designId: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([api.getDesign(designId, abort.signal), api.getPalette(abort.signal)])
      .then(([design, palette]) => {
        const store = createEditorStore(catalogOf(palette), design.document as DesignDocument);
        setLoaded({ store, designId, revision: design.revision?.number ?? null });
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(e instanceof ApiError ? e : new ApiError(0, "error", String(e)));
      });
    return () => abort.abort();
  }, [designId]);

  if (error) {
    return (
      <div className="page">
        <ErrorAlert error={error} />
        <p>
          <a className="link" href="/">
            Back to your designs
          </a>
        </p>
      </div>
    );
  }
  if (!loaded) return <p className="page loading" role="status">Opening the design…</p>;
  return (
    <EditorContext.Provider value={loaded.store}>
      <ReactFlowProvider>
        <Editor designId={loaded.designId} revision={loaded.revision} />
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}

function Editor({ designId, revision }: { designId: string; revision: number | null }) {
  const save = useAutosave(designId, revision);
  const session = useMemo(() => ({ designId, save }), [designId, save]);
  return (
    <SessionContext.Provider value={session}>
      <EstimateProvider>
        <ValidationProvider>
          <div className="editor">
            <Toolbar designId={designId} save={save} />
            <div className="editor-body">
              <Palette />
              <Canvas />
              <SidePanel />
            </div>
          </div>
        </ValidationProvider>
      </EstimateProvider>
    </SessionContext.Provider>
  );
}
