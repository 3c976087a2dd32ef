/** The side panels about the selection and the design's problems, for SidePanel's `PANELS`. */

import { Inspector } from "./Inspector";
import { ProblemsPanel } from "./ProblemsPanel";
import type { PanelTab } from "./SidePanel";

export const INSPECT_PANELS: PanelTab[] = [
  { id: "inspector", label: "Inspector", render: () => <Inspector /> },
  { id: "problems", label: "Problems", render: () => <ProblemsPanel /> },
];
