/** The keyboard shortcuts, listed in a dialog (opened with "?" or the Shortcuts button); for a read-only design,
 * only those that do not change it. */

import { useEffect, useRef } from "react";

export const SHORTCUTS: [string, string][] = [
  ["Drag from the palette", "add a component (drop it inside its container)"],
  ["Enter on a palette item", "add it to the selected container, or the middle of the view"],
  ["Drag from a node's right handle to another node", "connect them"],
  ["Click, Shift+click, drag on empty canvas with Shift", "select, add to the selection, select an area"],
  ["Delete or Backspace", "delete the selection (a container with everything in it)"],
  ["Ctrl+C, Ctrl+V", "copy and paste the selection"],
  ["Ctrl+Z, Ctrl+Shift+Z (or Ctrl+Y)", "undo, redo"],
  ["Ctrl+A", "select everything"],
  ["Ctrl+S", "save now (the design also saves itself a moment after each change)"],
  ["F", "fit the design in the view"],
  ["?", "this list"],
];

/** The shortcuts that only look: all a read-only design has. */
const LOOKING = new Set(["Click, Shift+click, drag on empty canvas with Shift", "Ctrl+A", "F", "?"]);

export function ShortcutsHelp({ onClose, readOnly = false }: { onClose: () => void; readOnly?: boolean }) {
  const shown = readOnly ? SHORTCUTS.filter(([keys]) => LOOKING.has(keys)) : SHORTCUTS;
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal?.();
  }, []);
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose} onCancel={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {shown.map(([keys, what]) => (
          <div key={keys}>
            <dt>{keys}</dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={onClose} autoFocus>
        Close
      </button>
    </dialog>
  );
}
