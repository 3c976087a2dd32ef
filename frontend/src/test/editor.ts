/** The real catalog (generated from the server's by scripts/gen_docs.py) and the example designs, for the editor's tests. */

import hybrid from "../../../examples/hybrid-connectivity.json";
import serverless from "../../../examples/serverless-event-driven.json";
import threeTier from "../../../examples/three-tier-web-app.json";
import { catalogOf } from "../editor/rules";
import type { DesignDocument, Palette } from "../editor/types";
import palette from "./palette.json";

export const PALETTE = palette as unknown as Palette;
export const CATALOG = catalogOf(PALETTE);

export const EXAMPLES: Record<string, DesignDocument> = {
  "three-tier-web-app": threeTier as unknown as DesignDocument,
  "serverless-event-driven": serverless as unknown as DesignDocument,
  "hybrid-connectivity": hybrid as unknown as DesignDocument,
};

export function blank(name = "Blank"): DesignDocument {
  return { type: "aws-architecture-design", version: 1, name, region: "us-east-1", nodes: [], edges: [] };
}
