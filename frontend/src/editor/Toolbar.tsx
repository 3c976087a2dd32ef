/** The editor's top bar: the design's name, whether it is saved, a warning while the estimate exceeds the design's
 * monthly budget, undo and redo, fit, the shortcuts' help, the Share dialog (for the design's owner), and the last
 * refusal (why a drop or a connection was not made). A read-only design has none of the buttons that change or save
 * it, and says that it is read-only. */

import { useReactFlow } from "@xyflow/react";
import { useEffect, useState } from "react";

import { ApiError } from "../api";
import { useApi } from "../ApiContext";
import { BudgetWarning } from "./budget";
import { typing } from "./Canvas";
import { useEditor, useEditorStore } from "./context";
import { ConflictNotice } from "./ConflictNotice";
import { Presence } from "./Presence";
import { useAccess, useSession } from "./session";
import { ShareDialog } from "./ShareDialog";
import { ShortcutsHelp } from "./ShortcutsHelp";
import type { DesignDocument } from "./types";
import type { SaveState } from "./useAutosave";

const STATUS_TEXT: Record<SaveState["status"], string> = {
  saved: "All changes saved",
  unsaved: "Unsaved changes",
  saving: "Saving…",
  failed: "Not saved",
  conflict: "Not saved: a newer revision exists",
};

export const READ_ONLY_NOTICE = "Read only: you can view this design, not change it";
export const LINK_NOTICE = "Shared by link: read only";

export function Toolbar({ designId, save }: { designId: string; save: SaveState }) {
  const client = useApi();
  const store = useEditorStore();
  const flow = useReactFlow();
  const access = useAccess();
  const { setTeam } = useSession();
  const { name, canUndo, canRedo, notice, readOnly } = useEditor((s) => ({
    name: s.base.name,
    canUndo: s.past.length > 0,
    canRedo: s.future.length > 0,
    notice: s.notice,
    readOnly: s.readOnly,
  }));
  const [help, setHelp] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [arranging, setArranging] = useState(false);

  /** The server's automatic layout (the one imported templates get), applied as one undoable change. */
  const arrange = async () => {
    setArranging(true);
    try {
      const { document } = await client.layoutDocument(store.getState().document());
      store.getState().arrange(document as DesignDocument);
      window.setTimeout(() => void flow.fitView({ duration: 200 }), 50);
    } catch (error) {
      store.getState().say(error instanceof ApiError ? error.message : "The layout could not be made.");
    } finally {
      setArranging(false);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        // Not the browser's "save the page" either, read-only or not.
        event.preventDefault();
        if (!store.getState().readOnly) void save.saveNow();
      } else if (event.key === "?" && !typing(event.target)) {
        setHelp(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save, store]);

  return (
    <header className="toolbar">
      {!access.viaLink && (
        <a className="link toolbar-back" href="/">
          ← Designs
        </a>
      )}
      <h1 className="toolbar-name">{name}</h1>
      {readOnly ? (
        <span className="read-only-notice" role="note">
          {access.viaLink ? LINK_NOTICE : READ_ONLY_NOTICE}
        </span>
      ) : (
        <span className={`save-status save-${save.status}`} role="status" aria-live="polite">
          {STATUS_TEXT[save.status]}
          {save.revision !== null && save.status === "saved" ? ` (revision ${save.revision})` : ""}
        </span>
      )}
      <BudgetWarning />
      {/* Presence needs someone signed in: a link's visitor may not be. */}
      {!access.viaLink && <Presence designId={designId} />}
      <div className="toolbar-actions">
        {!readOnly && (
          <>
            <button type="button" className="button" onClick={() => void save.saveNow()} disabled={save.status === "saved" || save.status === "conflict"}>
              Save
            </button>
            <button type="button" className="button" onClick={() => store.getState().undo()} disabled={!canUndo} aria-keyshortcuts="Control+Z">
              Undo
            </button>
            <button type="button" className="button" onClick={() => store.getState().redo()} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z">
              Redo
            </button>
          </>
        )}
        <button type="button" className="button" onClick={() => void flow.fitView({ duration: 200 })} aria-keyshortcuts="F">
          Fit
        </button>
        {!readOnly && (
          <button type="button" className="button" onClick={() => void arrange()} disabled={arranging}>
            {arranging ? "Arranging…" : "Auto-layout"}
          </button>
        )}
        <button type="button" className="button" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          Shortcuts
        </button>
        {access.role === "owner" && !readOnly && (
          <button type="button" className="button button-primary" onClick={() => setSharing(true)} aria-haspopup="dialog">
            Share
          </button>
        )}
      </div>
      {notice && (
        <div className={`notice notice-${notice.tone}`} role={notice.tone === "refusal" ? "alert" : "status"}>
          {notice.message}
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => store.getState().dismissNotice()}>
            ×
          </button>
        </div>
      )}
      {save.conflict && <ConflictNotice save={save} />}
      {help && <ShortcutsHelp onClose={() => setHelp(false)} readOnly={readOnly} />}
      {sharing && (
        <ShareDialog
          designId={designId}
          name={name}
          team={access.team}
          onTransferred={(team) => setTeam?.(team)}
          onClose={() => setSharing(false)}
        />
      )}
    </header>
  );
}
