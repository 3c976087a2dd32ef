/**
 * Design document <-> React Flow: the canvas holds the document's nodes and edges as React Flow nodes and edges
 * (containers as parents of their children, positions relative to the parent, as the document stores them), and
 * gives back a document that keeps everything the editor did not change, fields it does not know included.
 */

import type { Edge, Node } from "@xyflow/react";

import type { Catalog } from "./rules";
import type { DesignDocument, DocEdge, DocNode, DocumentBase, Position, Size } from "./types";

/** A leaf's box on the canvas, as the server's layout and the canvas diagram give it. */
export const LEAF: Size = { width: 120, height: 90 };
/** Room inside a container: its sides, and the band at its top for its title. */
export const PAD = 30;
export const TOP = 50;

/** A new container's size: room for what usually goes in it (two zones in a VPC, two subnets in a zone). */
const CONTAINER_SIZES: Record<string, Size> = {
  "aws.region": { width: 1000, height: 700 },
  "aws.vpc.vpc": { width: 760, height: 720 },
  "aws.vpc.availability_zone": { width: 700, height: 220 },
  "aws.vpc.subnet": { width: 300, height: 150 },
  "aws.ecs.cluster": { width: 280, height: 170 },
  "aws.autoscaling.group": { width: 280, height: 170 },
};

export function containerSize(kind: string): Size {
  return CONTAINER_SIZES[kind] ?? { width: 320, height: 220 };
}

/** A node's marker from the architect's review: its findings' worst severity and their titles, worst first. */
export interface FindingMarker {
  severity: "error" | "warning" | "info";
  titles: string[];
}
export type NodeData = {
  doc: DocNode;
  cost?: string | null;
  problem?: string | null;
  comments?: number;
  review?: FindingMarker | null;
};
export type LeafFlowNode = Node<NodeData, "aws">;
export type ContainerFlowNode = Node<NodeData, "container">;
export type FlowNode = LeafFlowNode | ContainerFlowNode;
export type EdgeData = { doc: DocEdge; caption: string };
export type FlowEdge = Edge<EdgeData, "meaning">;

export type { DocumentBase } from "./types";

export function isContainer(catalog: Catalog, kind: string): boolean {
  return catalog.kinds.get(kind)?.is_container ?? false;
}

/** Parents before their children, as React Flow requires; otherwise in the document's order. */
export function parentsFirst<T extends { id: string; parentId?: string | undefined }>(nodes: readonly T[]): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = new Map<string, number>();
  const depthOf = (node: T, seen = new Set<string>()): number => {
    const known = depth.get(node.id);
    if (known !== undefined) return known;
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    const value = parent && !seen.has(parent.id) ? depthOf(parent, seen.add(node.id)) + 1 : 0;
    depth.set(node.id, value);
    return value;
  };
  return nodes
    .map((node, index) => ({ node, index, depth: depthOf(node) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((entry) => entry.node);
}

/** What an edge says on the canvas: its label, else its port or access, else what the connection means. */
export function edgeCaption(catalog: Catalog, edge: DocEdge, sourceKind: string, targetKind: string): string {
  if (edge.label) return edge.label;
  const props = edge.props ?? {};
  const port = props.port;
  const protocol = typeof props.protocol === "string" ? props.protocol.toUpperCase() : "TCP";
  if (typeof port === "number") return `${protocol} ${port}`;
  if (typeof props.access === "string") return props.access;
  const connection = catalog.kinds.get(sourceKind)?.connections.find((c) => c.target === targetKind);
  return connection?.meaning === "traffic" ? "" : (connection?.description ?? "");
}

/** A never-arranged document (no positions at all) gets a plain arrangement: each container's children in rows. */
function arranged(document: DesignDocument, catalog: Catalog): Map<string, { position: Position; size?: Size }> {
  const out = new Map<string, { position: Position; size?: Size }>();
  const anyPosition = document.nodes.some((n) => n.position && (n.position.x !== 0 || n.position.y !== 0));
  if (anyPosition) {
    for (const n of document.nodes) {
      out.set(n.id, { position: n.position ?? { x: 0, y: 0 }, ...(n.size ? { size: n.size } : {}) });
    }
    return out;
  }
  const children = new Map<string | null, DocNode[]>();
  for (const n of document.nodes) {
    const key = n.parent ?? null;
    children.set(key, [...(children.get(key) ?? []), n]);
  }
  const place = (parent: string | null): Size => {
    const inside = children.get(parent) ?? [];
    let x = parent ? PAD : 0;
    let y = parent ? TOP : 0;
    let rowHeight = 0;
    let width = 0;
    const perRow = Math.max(1, Math.ceil(Math.sqrt(inside.length)));
    inside.forEach((n, i) => {
      if (i > 0 && i % perRow === 0) {
        x = parent ? PAD : 0;
        y += rowHeight + 40;
        rowHeight = 0;
      }
      const size = isContainer(catalog, n.kind) ? place(n.id) : LEAF;
      out.set(n.id, { position: { x, y }, ...(isContainer(catalog, n.kind) ? { size } : {}) });
      x += size.width + 60;
      width = Math.max(width, x - 60);
      rowHeight = Math.max(rowHeight, size.height);
    });
    return { width: Math.max(width + PAD, 240), height: Math.max(y + rowHeight + PAD, 160) };
  };
  place(null);
  return out;
}

export function toFlow(document: DesignDocument, catalog: Catalog): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const places = arranged(document, catalog);
  const nodes: FlowNode[] = document.nodes.map((doc) => {
    const place = places.get(doc.id) ?? { position: { x: 0, y: 0 } };
    const container = isContainer(catalog, doc.kind);
    const base = {
      id: doc.id,
      position: { ...place.position },
      data: { doc },
      ...(doc.parent ? { parentId: doc.parent } : {}),
    };
    if (container) {
      const size = place.size ?? containerSize(doc.kind);
      return { ...base, type: "container", width: size.width, height: size.height } as ContainerFlowNode;
    }
    return { ...base, type: "aws" } as LeafFlowNode;
  });
  const kinds = new Map(document.nodes.map((n) => [n.id, n.kind]));
  const edges: FlowEdge[] = document.edges.map((doc) => ({
    id: doc.id,
    source: doc.source,
    target: doc.target,
    type: "meaning",
    data: { doc, caption: edgeCaption(catalog, doc, kinds.get(doc.source) ?? "", kinds.get(doc.target) ?? "") },
  }));
  return { nodes: parentsFirst(nodes), edges };
}

const round = (value: number) => Math.round(value * 10) / 10;

export function toDocument(base: DocumentBase, nodes: readonly FlowNode[], edges: readonly FlowEdge[]): DesignDocument {
  return {
    ...base,
    nodes: nodes.map((node) => {
      const { position: _p, size: _s, parent: _parent, ...rest } = node.data.doc;
      const out: DocNode = { ...rest, position: { x: round(node.position.x), y: round(node.position.y) } };
      if (node.parentId || "parent" in node.data.doc) out.parent = node.parentId ?? null;
      if (node.type === "container") {
        out.size = { width: round(node.width ?? node.measured?.width ?? 320), height: round(node.height ?? node.measured?.height ?? 220) };
      }
      return out;
    }),
    edges: edges.map((edge) => ({ ...(edge.data?.doc ?? { id: edge.id }), id: edge.id, source: edge.source, target: edge.target })),
  } as DesignDocument;
}
