/** The open design's store, handed down the editor's components; read it through `useEditor` with a selector. */

import { createContext, useContext } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";

import type { EditorState, EditorStore } from "./store";

export const EditorContext = createContext<EditorStore | null>(null);

export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error("useEditor is used outside an EditorContext provider.");
  return store;
}

/** A slice of the editor's state; the component re-renders only when that slice changes (shallowly). */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), useShallow(selector));
}
