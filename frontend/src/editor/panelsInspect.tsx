/** The side panels about the selection, the design's problems and its review, for SidePanel's `PANELS`. */

import { Inspector } from "./Inspector";
import { ProblemsPanel } from "./ProblemsPanel";
import { ReviewPanel } from "./ReviewPanel";
import type { PanelTab } from "./SidePanel";

export const INSPECT_PANELS: PanelTab[] = [
  { id: "inspector", label: "Inspector", render: () => <Inspector /> },
  { id: "problems", label: "Problems", render: () => <ProblemsPanel /> },
  { id: "review", label: "Review", render: () => <ReviewPanel /> },
];
