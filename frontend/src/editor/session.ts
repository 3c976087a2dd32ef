/** What the editor's panels share besides the store: which design is open, how its saving stands, and what the
 * caller may do with it (their role, the team it belongs to, whether it was opened through a share link). */

import { createContext, useContext } from "react";

import type { DesignRole, TeamRef } from "../api";
import type { SaveState } from "./useAutosave";

export interface Access {
  /** The caller's role on the design: "owner" manages its sharing, "viewer" only looks (the store is read-only). */
  role: DesignRole;
  /** The team the design belongs to; null for a person's design. */
  team: TeamRef | null;
  /** Opened through a share link (/s/<token>/): read-only, perhaps by someone not signed in, so no comments and no
   * presence. */
  viaLink: boolean;
}

export interface EditorSession {
  designId: string;
  save: SaveState;
  /** Left out (panels tested on their own): an editor's access to a person's design. */
  access?: Access;
  /** The design has moved to another team, or back to its owner (the Share dialog's transfer). */
  setTeam?: (team: TeamRef | null) => void;
}

export const SessionContext = createContext<EditorSession | null>(null);

export function useSession(): EditorSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession is used outside the editor.");
  return session;
}

const EDITOR_ACCESS: Access = { role: "editor", team: null, viaLink: false };

export function useAccess(): Access {
  return useSession().access ?? EDITOR_ACCESS;
}
