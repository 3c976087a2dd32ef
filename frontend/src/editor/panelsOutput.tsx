/** The panels about what comes out of a design: its cost, its files, and its history (tabs of the side panel). */

import { CostPanel } from "./CostPanel";
import { ExportPanel } from "./ExportPanel";
import { HistoryPanel } from "./HistoryPanel";
import type { PanelTab } from "./SidePanel";

export const OUTPUT_PANELS: PanelTab[] = [
  { id: "cost", label: "Cost", render: () => <CostPanel /> },
  { id: "export", label: "Export", render: () => <ExportPanel /> },
  { id: "history", label: "History", render: () => <HistoryPanel /> },
];
