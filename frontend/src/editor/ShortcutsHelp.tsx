/** The keyboard shortcuts, listed in a dialog (opened with "?" or the Shortcuts button). */

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

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal?.();
  }, []);
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={onClose} onCancel={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
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
