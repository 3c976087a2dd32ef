/** The editor's right-hand panels, one shown at a time: each is a tab. A design opened through a share link has
 * no Comments tab (its visitor may not be signed in). */

import { type ReactNode, useId, useState } from "react";

import { CommentsPanel } from "./CommentsPanel";
import { INSPECT_PANELS } from "./panelsInspect";
import { OUTPUT_PANELS } from "./panelsOutput";
import { useAccess } from "./session";

export interface PanelTab {
  id: string;
  label: string;
  render: () => ReactNode;
  /** Needs someone signed in: left out on a share link's page. */
  signedIn?: boolean;
}

/** The panels, in tab order. */
export const PANELS: PanelTab[] = [
  ...INSPECT_PANELS,
  ...OUTPUT_PANELS,
  { id: "comments", label: "Comments", render: () => <CommentsPanel />, signedIn: true },
];

export function SidePanel() {
  const { viaLink } = useAccess();
  const tabs = viaLink ? PANELS.filter((tab) => !tab.signedIn) : PANELS;
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
