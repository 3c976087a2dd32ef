/** The editor's right-hand panels, one shown at a time: each is a tab. */

import { type ReactNode, useId, useState } from "react";

import { CommentsPanel } from "./CommentsPanel";
import { INSPECT_PANELS } from "./panelsInspect";
import { OUTPUT_PANELS } from "./panelsOutput";

export interface PanelTab {
  id: string;
  label: string;
  render: () => ReactNode;
}

/** The panels, in tab order. */
export const PANELS: PanelTab[] = [
  ...INSPECT_PANELS,
  ...OUTPUT_PANELS,
  { id: "comments", label: "Comments", render: () => <CommentsPanel /> },
];

export function SidePanel() {
  const tabs = PANELS;
  const [current, setCurrent] = useState(tabs[0]?.id ?? "");
  const base = useId();
  if (tabs.length === 0) return null;
  const shown = tabs.find((t) => t.id === current) ?? tabs[0]!;
  return (
    <aside className="side-panel" aria-label="Design panels">
      <div role="tablist" className="side-tabs" aria-label="Panels">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === shown.id}
            aria-controls={`${base}-panel-${tab.id}`}
            className="side-tab"
            onClick={() => setCurrent(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-${shown.id}`} aria-labelledby={`${base}-tab-${shown.id}`} className="side-body">
        {shown.render()}
      </div>
    </aside>
  );
}
