/** What the editor's panels share besides the store: which design is open and how its saving stands. */

import { createContext, useContext } from "react";

import type { SaveState } from "./useAutosave";

export interface EditorSession {
  designId: string;
  save: SaveState;
}

export const SessionContext = createContext<EditorSession | null>(null);

export function useSession(): EditorSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession is used outside the editor.");
  return session;
}
