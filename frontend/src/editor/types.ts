/**
 * The design document as the server stores it (docs/design.schema.json) and the palette the server serves
 * (GET /api/palette/): the two inputs of the editor.
 */

export interface Position {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export type Props = Record<string, unknown>;

/** A node of the document. Fields the editor does not know (`cfn`, say) are kept as they are. */
export interface DocNode {
  id: string;
  kind: string;
  label: string;
  parent?: string | null;
  /** Relative to the parent's top-left corner (to the canvas's for a node at the root). */
  position?: Position;
  /** Containers only: the box's size. */
  size?: Size;
  props?: Props;
  usage?: Props;
  [other: string]: unknown;
}

export interface DocEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  props?: Props;
  usage?: Props;
  [other: string]: unknown;
}

/** Everything of a document but its nodes and edges. */
export interface DocumentBase {
  type: "aws-architecture-design";
  version: number;
  name: string;
  description?: string;
  region: string;
  settings?: Props;
  [other: string]: unknown;
}

export interface DesignDocument extends DocumentBase {
  nodes: DocNode[];
  edges: DocEdge[];
}

/** The part of a JSON Schema the property forms read. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  "x-unit"?: string;
  [other: string]: unknown;
}

export interface PaletteConnection {
  target: string;
  meaning: string;
  description: string;
  props_schema: JsonSchema;
}

export interface PaletteKind {
  kind: string;
  label: string;
  category: string;
  service: string;
  description: string;
  icon: string;
  icon_url: string;
  is_container: boolean;
  /** The container kinds it may sit in. */
  parents: string[];
  /** Whether it may sit on the canvas outside any container. */
  at_root: boolean;
  placement: string;
  props_schema: JsonSchema;
  usage_schema: JsonSchema;
  /** The kinds it may connect to, and what each connection means. */
  connections: PaletteConnection[];
  cfn_types: string[];
  keywords: string[];
  docs_url: string;
}

export interface PalettePreset {
  id: number;
  name: string;
  kind: string;
  description: string;
  props: Props;
  usage: Props;
  icon_url: string | null;
  shared: boolean;
}

export interface Palette {
  categories: { id: string; label: string }[];
  kinds: PaletteKind[];
  presets: PalettePreset[];
}
