/**
 * The Share dialog, for a design's owner: who it is shared with (people and teams, as viewers or editors), its share
 * links, who owns it (the owner, or a team), and the log of its sharing, newest first.
 */

import "./sharing.css";

import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";

import type { ApiError, TeamRef, TeamSummary } from "../api";
import { useApi } from "../ApiContext";
import { ShareLinks } from "./ShareLinks";
import { ShareList } from "./ShareList";
import { ShareLog } from "./ShareLog";
import { asApiError } from "./sharingApi";
import { TransferDesign } from "./TransferDesign";

export interface TeamsState {
  /** The caller's teams; null until known. */
  teams: TeamSummary[] | null;
  error: ApiError | null;
}

/** The caller's teams (to share with, or to move the design to). */
function useTeams(): TeamsState {
  const client = useApi();
  const [state, setState] = useState<TeamsState>({ teams: null, error: null });
  useEffect(() => {
    const abort = new AbortController();
    client.listTeams(abort.signal)
      .then((teams) => setState({ teams, error: null }))
      .catch((reason: unknown) => {
        if (!abort.signal.aborted) setState({ teams: [], error: asApiError(reason) });
      });
    return () => abort.abort();
  }, [client]);
  return state;
}

interface ShareDialogProps {
  designId: string;
  /** The design's name, in the title. */
  name: string;
  /** The team the design belongs to; null for the caller's own. */
  team: TeamRef | null;
  /** The design has moved to `team` (null: back to the caller). */
  onTransferred: (team: TeamRef | null) => void;
  onClose: () => void;
}

export function ShareDialog({ designId, name, team, onTransferred, onClose }: ShareDialogProps) {
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const teams = useTeams();
  // Grows with each change made here, so the log is read again.
  const [changes, setChanges] = useState(0);
  const changed = useCallback(() => setChanges((n) => n + 1), []);

  useEffect(() => {
    const element = dialog.current;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) {
      // jsdom has no showModal: open it in place there.
      if (typeof element.showModal === "function") element.showModal();
      else element.setAttribute("open", "");
    }
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    onClose();
  }

  return (
    <dialog
      ref={dialog}
      className="share-dialog"
      aria-labelledby={`${ids}-title`}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="share-dialog-head">
        <h2 id={`${ids}-title`} className="share-dialog-title">
          Share “{name}”
        </h2>
        <button type="button" className="button button-small" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      <ShareList designId={designId} teams={teams} onChanged={changed} />
      <ShareLinks designId={designId} onChanged={changed} />
      <TransferDesign
        designId={designId}
        team={team}
        teams={teams}
        onTransferred={(to) => {
          onTransferred(to);
          changed();
        }}
      />
      <ShareLog designId={designId} changes={changes} />
    </dialog>
  );
}
