/**
 * The editor's state: one zustand store per open design, made by `createEditorStore`. It holds the canvas (React
 * Flow nodes and edges standing for the document's), the rest of the document, the undo and redo history, and
 * every action that changes them, each one applying the catalog's rules and saying why when it refuses. A
 * read-only store (a viewer's, or a share link's) keeps the document as it was opened: every action that would
 * change it does nothing, while selecting (to inspect) and the canvas's annotations still work.
 */

import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from "@xyflow/react";
import { createStore, type StoreApi } from "zustand/vanilla";

import { type Catalog, connectionBetween, placementProblem } from "./rules";
import {
  containerSize,
  type DocumentBase,
  edgeCaption,
  type FindingMarker,
  type FlowEdge,
  type FlowNode,
  LEAF,
  PAD,
  parentsFirst,
  TOP,
  toDocument,
  toFlow,
} from "./translate";
import type { DesignDocument, DocEdge, DocNode, Props, Size } from "./types";

interface Snapshot {
  base: DocumentBase;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export interface Notice {
  message: string;
  tone: "refusal" | "info";
}

export interface Clipboard {
  nodes: DocNode[];
  edges: DocEdge[];
}

export interface EditorState {
  catalog: Catalog;
  /** The document cannot be changed here (the caller may only view it): see `createEditorStore`. */
  readOnly: boolean;
  base: DocumentBase;
  nodes: FlowNode[];
  edges: FlowEdge[];
  past: Snapshot[];
  future: Snapshot[];
  /** Grows with every change to the document (not with selection): autosave and the estimate follow it. */
  version: number;
  /** The version last saved. */
  savedVersion: number;
  notice: Notice | null;
  clipboard: Clipboard | null;

  /** The document as it stands. */
  document(): DesignDocument;
  /** Replace everything with `document`, a saved revision (a newer one loaded, a fix applied): clears the history
   * and counts as saved (`version` still grows, so what follows the document checks it again). The cost badges and
   * comment pins of the nodes kept stay until they are annotated again. */
  load(document: DesignDocument): void;
  markSaved(version: number): void;
  /** Remember the state before a gesture (a drag, a resize) so undo returns to it. */
  checkpoint(): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  /** A drag ended: the node (and any others selected with it) goes into the container under it, if allowed. */
  dropped(nodeId: string): void;
  /** A new node of `kind` at `point` (canvas coordinates); its id, or null when refused (see `notice`). */
  addNode(kind: string, point: XYPosition, preset?: { name: string; props: Props; usage: Props }): string | null;
  connect(connection: Connection): string | null;
  updateNode(id: string, patch: Partial<Pick<DocNode, "label" | "props" | "usage">>): void;
  updateEdge(id: string, patch: Partial<Pick<DocEdge, "label" | "props" | "usage">>): void;
  updateBase(patch: Partial<DocumentBase>): void;
  select(ids: { nodes?: string[]; edges?: string[] }): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(): void;
  /** Make the canvas `document` (an earlier revision brought back): one change, undone as one, saved by autosave
   * as a new revision. */
  restore(document: DesignDocument): void;
  /** Put every node where `document` (the same design, laid out) has it: one change, undone as one. */
  arrange(document: DesignDocument): void;
  undo(): void;
  redo(): void;
  say(message: string, tone?: Notice["tone"]): void;
  dismissNotice(): void;
  /** Show each node's monthly cost (a badge), problem (a red outline with the message), comment count (a pin) and
   * review marker (its findings' worst severity and titles), by node id; not a change to the document. For each
   * kind of note given, nodes not named lose theirs. */
  annotate(notes: {
    costs?: Record<string, string>;
    problems?: Record<string, string>;
    comments?: Record<string, number>;
    findings?: Record<string, FindingMarker>;
  }): void;
}

export type EditorStore = StoreApi<EditorState>;

export interface StoreOptions {
  /** Nothing may change the document: adding, moving, connecting, deleting, editing, pasting, undo and redo,
   * restoring and arranging all do nothing. */
  readOnly?: boolean;
}

/** A node change that does not touch the document: selecting, and React Flow measuring a node. */
function inspecting(change: NodeChange<FlowNode>): boolean {
  return change.type === "select" || (change.type === "dimensions" && change.resizing === undefined);
}

/** The actions of a read-only store, in place of those that would change the document. */
function locked(get: () => EditorState, set: (partial: Partial<EditorState>) => void): Partial<EditorState> {
  const nothing = () => {};
  return {
    checkpoint: nothing,
    dropped: nothing,
    addNode: () => null,
    connect: () => null,
    updateNode: nothing,
    updateEdge: nothing,
    updateBase: nothing,
    deleteSelection: nothing,
    copySelection: nothing,
    paste: nothing,
    restore: nothing,
    arrange: nothing,
    undo: nothing,
    redo: nothing,
    onNodesChange: (changes) => {
      const allowed = changes.filter(inspecting);
      if (allowed.length) set({ nodes: applyNodeChanges(allowed, get().nodes) });
    },
    onEdgesChange: (changes) => {
      const allowed = changes.filter((c) => c.type === "select");
      if (allowed.length) set({ edges: applyEdgeChanges(allowed, get().edges) });
    },
  };
}

const HISTORY = 100;

function sameMarker(a: FindingMarker | null, b: FindingMarker | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.severity === b.severity && a.titles.length === b.titles.length && a.titles.every((t, i) => t === b.titles[i]);
}

// -- geometry -------------------------------------------------------------------------------------------------

function sizeOf(node: FlowNode): Size {
  if (node.type === "container") {
    return { width: node.width ?? node.measured?.width ?? 320, height: node.height ?? node.measured?.height ?? 220 };
  }
  return { width: node.measured?.width ?? LEAF.width, height: node.measured?.height ?? LEAF.height };
}

export function absolute(nodes: readonly FlowNode[], id: string): XYPosition {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let x = 0;
  let y = 0;
  let node = byId.get(id);
  const seen = new Set<string>();
  while (node && !seen.has(node.id)) {
    seen.add(node.id);
    x += node.position.x;
    y += node.position.y;
    node = node.parentId ? byId.get(node.parentId) : undefined;
  }
  return { x, y };
}

function descendants(nodes: readonly FlowNode[], ids: Iterable<string>): Set<string> {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of nodes) {
      if (n.parentId && out.has(n.parentId) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

function area(node: FlowNode): number {
  const size = sizeOf(node);
  return size.width * size.height;
}

function depthOf(nodes: readonly FlowNode[], id: string): number {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let depth = 0;
  let node = byId.get(id);
  while (node?.parentId && depth < 64) {
    depth += 1;
    node = byId.get(node.parentId);
  }
  return depth;
}

/** The containers whose box holds `point`, innermost first, leaving out `exclude` and what is inside it. */
function containersAt(nodes: readonly FlowNode[], point: XYPosition, exclude: Set<string>): FlowNode[] {
  return nodes
    .filter((n) => n.type === "container" && !exclude.has(n.id))
    .filter((n) => {
      const at = absolute(nodes, n.id);
      const size = sizeOf(n);
      return point.x >= at.x && point.x <= at.x + size.width && point.y >= at.y && point.y <= at.y + size.height;
    })
    .sort((a, b) => depthOf(nodes, b.id) - depthOf(nodes, a.id) || area(a) - area(b));
}

/** Where a node of `kind` dropped at `point` goes: into the innermost container there, if it takes the kind (a
 * node drawn inside a box belongs to that box, or the picture would say something the design does not), or
 * onto the canvas itself when no container is there. */
function home(
  catalog: Catalog,
  nodes: readonly FlowNode[],
  kind: string,
  point: XYPosition,
  exclude: Set<string>,
): { parent: FlowNode | null } | { problem: string } {
  const inner = containersAt(nodes, point, exclude)[0];
  const problem = placementProblem(catalog, kind, inner ? inner.data.doc.kind : null);
  return problem ? { problem } : { parent: inner ?? null };
}

/** Grow each container holding `id` (its parent, and theirs) to fit everything inside it. */
function fitAncestors(nodes: FlowNode[], id: string): FlowNode[] {
  let out = nodes;
  let current = out.find((n) => n.id === id);
  const seen = new Set<string>();
  while (current?.parentId && !seen.has(current.parentId)) {
    const parentId: string = current.parentId;
    seen.add(parentId);
    const children = out.filter((n) => n.parentId === parentId);
    const width = Math.max(...children.map((c) => c.position.x + sizeOf(c).width + PAD));
    const height = Math.max(...children.map((c) => c.position.y + sizeOf(c).height + PAD));
    out = out.map((n) => {
      if (n.id !== parentId || n.type !== "container") return n;
      const size = sizeOf(n);
      if (width <= size.width && height <= size.height) return n;
      return { ...n, width: Math.max(size.width, width), height: Math.max(size.height, height) };
    });
    current = out.find((n) => n.id === parentId);
  }
  return out;
}

// -- new nodes ------------------------------------------------------------------------------------------------

/** The stem of a new node's id: its kind's last part ("subnet", "vpc"), with the service before it where
 * another kind ends the same way ("ec2-instance", "rds-instance"). */
function slug(catalog: Catalog, kind: string): string {
  const parts = kind.split(".");
  const last = parts.at(-1) ?? "node";
  const shared = [...catalog.kinds.keys()].some((other) => other !== kind && other.split(".").at(-1) === last);
  const stem = shared && parts.length > 2 ? `${parts.at(-2)}-${last}` : last;
  return stem.replace(/_/g, "-").replace(/[^A-Za-z0-9-]/g, "") || "node";
}

function freshId(taken: Set<string>, stem: string): string {
  for (let n = 1; ; n += 1) {
    const id = `${stem}-${n}`.slice(0, 64);
    if (!taken.has(id)) return id;
  }
}

/** "EC2 instance 3": the kind's label and the next number not used by a node of that kind. */
function freshLabel(nodes: readonly FlowNode[], label: string): string {
  const used = new Set(nodes.map((n) => n.data.doc.label));
  for (let n = 1; ; n += 1) {
    const candidate = `${label} ${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

function vpcOf(nodes: readonly FlowNode[], id: string | null): FlowNode | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let node = id ? byId.get(id) : undefined;
  while (node && node.data.doc.kind !== "aws.vpc.vpc") node = node.parentId ? byId.get(node.parentId) : undefined;
  return node;
}

/** A new subnet's range: the next free /24 of its VPC (also free of `taken`, ranges given out by the same paste). */
function freeRange(nodes: readonly FlowNode[], parentId: string | null, taken = new Set<string>()): Props {
  const vpc = vpcOf(nodes, parentId);
  const cidr = typeof vpc?.data.doc.props?.cidr === "string" ? vpc.data.doc.props.cidr : "10.0.0.0/16";
  const [a, b] = cidr.split(".");
  const inVpc = vpc ? descendants(nodes, [vpc.id]) : new Set(nodes.map((n) => n.id));
  const used = new Set(
    nodes.filter((n) => inVpc.has(n.id) && n.data.doc.kind === "aws.vpc.subnet").map((n) => String(n.data.doc.props?.cidr)),
  );
  for (let third = 0; third < 256; third += 1) {
    const candidate = `${a}.${b}.${third}.0/24`;
    if (!used.has(candidate) && !taken.has(candidate)) {
      taken.add(candidate);
      return { cidr: candidate };
    }
  }
  return {};
}

const PUBLIC_FACING = new Set(["aws.elb.application_load_balancer", "aws.elb.network_load_balancer"]);

/** A component that runs in subnets, dropped in its VPC (or in an ECS cluster in one) rather than in a subnet,
 * starts with the VPC's subnets listed: one per zone, public ones for a load balancer, private ones otherwise. */
function subnetsFor(catalog: Catalog, nodes: readonly FlowNode[], kind: string, parentId: string | null): Props {
  const parent = nodes.find((n) => n.id === parentId);
  if (catalog.kinds.get(kind)?.placement !== "subnets" || !parent || parent.data.doc.kind === "aws.vpc.subnet") return {};
  const vpc = vpcOf(nodes, parent.id);
  if (!vpc) return {};
  const inside = descendants(nodes, [vpc.id]);
  const subnets = nodes.filter((n) => inside.has(n.id) && n.data.doc.kind === "aws.vpc.subnet");
  const wanted = PUBLIC_FACING.has(kind) ? "public" : "private";
  const tier = (n: FlowNode) => String(n.data.doc.props?.tier ?? "private");
  const preferred = subnets.some((n) => tier(n) === wanted) ? subnets.filter((n) => tier(n) === wanted) : subnets;
  const perZone = new Map<string, string>();
  for (const subnet of preferred) if (!perZone.has(subnet.parentId ?? "")) perZone.set(subnet.parentId ?? "", subnet.id);
  return perZone.size ? { subnets: [...perZone.values()] } : {};
}

/** Properties a new node needs to be valid where it lands. */
function startingProps(catalog: Catalog, nodes: readonly FlowNode[], kind: string, parentId: string | null): Props {
  return kind === "aws.vpc.subnet" ? freeRange(nodes, parentId) : subnetsFor(catalog, nodes, kind, parentId);
}

// -- the store ------------------------------------------------------------------------------------------------

export function createEditorStore(catalog: Catalog, document: DesignDocument, options: StoreOptions = {}): EditorStore {
  const readOnly = options.readOnly ?? false;
  const { nodes: startNodes, edges: startEdges } = toFlow(document, catalog);
  const { nodes: _n, edges: _e, ...startBase } = document;

  return createStore<EditorState>()((set, get) => {
    const snapshot = (): Snapshot => ({ base: get().base, nodes: get().nodes, edges: get().edges });

    /** Apply a change to the document, remembering the state before it for undo. */
    const change = (next: Partial<Pick<EditorState, "base" | "nodes" | "edges">>, remember = true) => {
      const state = get();
      set({
        ...next,
        ...(remember ? { past: [...state.past, snapshot()].slice(-HISTORY), future: [] } : {}),
        version: state.version + 1,
      });
    };

    const caption = (doc: DocEdge, nodes: readonly FlowNode[]) => {
      const kind = (id: string) => nodes.find((n) => n.id === id)?.data.doc.kind ?? "";
      return edgeCaption(catalog, doc, kind(doc.source), kind(doc.target));
    };

    const actions: EditorState = {
      catalog,
      readOnly,
      base: startBase,
      nodes: startNodes,
      edges: startEdges,
      past: [],
      future: [],
      version: 0,
      savedVersion: 0,
      notice: null,
      clipboard: null,

      document: () => toDocument(get().base, get().nodes, get().edges),

      load: (doc) => {
        const flow = toFlow(doc, catalog);
        const { nodes: _ln, edges: _le, ...base } = doc;
        const before = new Map(get().nodes.map((n) => [n.id, n.data]));
        const nodes = flow.nodes.map((n) => {
          const kept = before.get(n.id);
          return kept ? ({ ...n, data: { ...n.data, cost: kept.cost ?? null, comments: kept.comments ?? 0 } } as FlowNode) : n;
        });
        const version = get().version + 1;
        set({ base, nodes, edges: flow.edges, past: [], future: [], version, savedVersion: version });
      },

      markSaved: (version) => set({ savedVersion: Math.max(get().savedVersion, version) }),

      checkpoint: () => set({ past: [...get().past, snapshot()].slice(-HISTORY), future: [] }),

      onNodesChange: (changes) => {
        const removed = changes.filter((c) => c.type === "remove").map((c) => c.id);
        if (removed.length) {
          const gone = descendants(get().nodes, removed);
          change({
            nodes: get().nodes.filter((n) => !gone.has(n.id)),
            edges: get().edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
          });
          changes = changes.filter((c) => c.type !== "remove");
        }
        if (!changes.length) return;
        const nodes = applyNodeChanges(changes, get().nodes);
        // A resize changes the document once it ends, a move once it is dropped (`dropped` then puts the node
        // in the container under it and fits the containers); selecting changes nothing.
        const resized = changes.some((c) => c.type === "dimensions" && c.resizing === false);
        if (resized) {
          let fitted = nodes;
          for (const c of changes) if ("id" in c) fitted = fitAncestors(fitted, c.id);
          set({ nodes: fitted, version: get().version + 1 });
        } else {
          set({ nodes });
        }
      },

      onEdgesChange: (changes) => {
        const removing = changes.some((c) => c.type === "remove");
        const edges = applyEdgeChanges(changes, get().edges);
        if (removing) change({ edges });
        else set({ edges });
      },

      dropped: (nodeId) => {
        const { nodes } = get();
        const node = nodes.find((n) => n.id === nodeId);
        if (!node) return;
        const moving = nodes.filter((n) => n.selected || n.id === nodeId);
        let next = nodes;
        for (const item of moving) {
          if (moving.some((m) => m.id === item.parentId)) continue; // moves with its container
          const at = absolute(next, item.id);
          const size = sizeOf(item);
          const centre = { x: at.x + size.width / 2, y: at.y + Math.min(size.height / 2, 40) };
          const place = home(catalog, next, item.data.doc.kind, centre, descendants(next, [item.id]));
          if ("problem" in place) {
            // Back where the drag started: the state remembered by the checkpoint at its start.
            const before = get().past.at(-1);
            set({ ...(before ? { nodes: before.nodes, edges: before.edges, past: get().past.slice(0, -1) } : {}) });
            get().say(place.problem);
            return;
          }
          const parent = place.parent;
          if ((parent?.id ?? undefined) === item.parentId) continue;
          const origin = parent ? absolute(next, parent.id) : { x: 0, y: 0 };
          next = next.map((n) => {
            if (n.id !== item.id) return n;
            const { parentId: _old, ...rest } = n;
            const position = { x: Math.max(at.x - origin.x, parent ? 10 : at.x - origin.x), y: Math.max(at.y - origin.y, parent ? 36 : at.y - origin.y) };
            return (parent ? { ...rest, parentId: parent.id, position } : { ...rest, position }) as FlowNode;
          });
          next = parentsFirst(fitAncestors(next, item.id));
        }
        for (const item of moving) next = fitAncestors(next, item.id);
        set({ nodes: next, version: get().version + 1 });
      },

      addNode: (kind, point, preset) => {
        const spec = catalog.kinds.get(kind);
        if (!spec) {
          get().say(`${kind} is not a component this designer knows.`);
          return null;
        }
        const { nodes } = get();
        const place = home(catalog, nodes, kind, point, new Set());
        if ("problem" in place) {
          get().say(place.problem);
          return null;
        }
        const parent = place.parent;
        const origin = parent ? absolute(nodes, parent.id) : { x: 0, y: 0 };
        const id = freshId(new Set(nodes.map((n) => n.id)), slug(catalog, kind));
        const size = spec.is_container ? containerSize(kind) : LEAF;
        const position = {
          x: Math.max(point.x - origin.x - size.width / 2, parent ? 10 : -Infinity),
          y: Math.max(point.y - origin.y - 30, parent ? TOP - 14 : -Infinity),
        };
        const doc: DocNode = {
          id,
          kind,
          label: preset?.name ?? freshLabel(nodes, spec.label),
          ...(parent ? { parent: parent.id } : {}),
          props: { ...startingProps(catalog, nodes, kind, parent?.id ?? null), ...(preset?.props ?? {}) },
          ...(preset && Object.keys(preset.usage).length ? { usage: { ...preset.usage } } : {}),
        };
        const node = {
          id,
          type: spec.is_container ? "container" : "aws",
          position,
          data: { doc },
          selected: true,
          ...(parent ? { parentId: parent.id } : {}),
          ...(spec.is_container ? { width: size.width, height: size.height } : {}),
        } as FlowNode;
        const others = nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
        change({ nodes: parentsFirst(fitAncestors([...others, node], id)) });
        set({ notice: null });
        return id;
      },

      connect: (connection) => {
        const { nodes, edges } = get();
        const source = nodes.find((n) => n.id === connection.source);
        const target = nodes.find((n) => n.id === connection.target);
        if (!source || !target || source.id === target.id) return null;
        const allowed = connectionBetween(catalog, source.data.doc.kind, target.data.doc.kind);
        if ("problem" in allowed) {
          get().say(allowed.problem);
          return null;
        }
        if (edges.some((e) => e.source === source.id && e.target === target.id)) {
          get().say(`${source.data.doc.label} is already connected to ${target.data.doc.label}.`, "info");
          return null;
        }
        const id = freshId(new Set(edges.map((e) => e.id)), "e");
        const doc: DocEdge = { id, source: source.id, target: target.id, props: {} };
        const edge: FlowEdge = {
          id,
          source: source.id,
          target: target.id,
          type: "meaning",
          data: { doc, caption: caption(doc, nodes) },
        };
        change({ edges: [...edges, edge] });
        set({ notice: null });
        return id;
      },

      updateNode: (id, patch) => {
        const nodes = get().nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, doc: { ...n.data.doc, ...patch } } } : n));
        change({ nodes });
      },

      updateEdge: (id, patch) => {
        const { nodes } = get();
        const edges = get().edges.map((e) => {
          if (e.id !== id || !e.data) return e;
          const doc = { ...e.data.doc, ...patch };
          return { ...e, data: { doc, caption: caption(doc, nodes) } };
        });
        change({ edges });
      },

      updateBase: (patch) => change({ base: { ...get().base, ...patch } }),

      select: ({ nodes = [], edges = [] }) => {
        const n = new Set(nodes);
        const e = new Set(edges);
        set({
          nodes: get().nodes.map((node) => (node.selected === n.has(node.id) ? node : { ...node, selected: n.has(node.id) })),
          edges: get().edges.map((edge) => (edge.selected === e.has(edge.id) ? edge : { ...edge, selected: e.has(edge.id) })),
        });
      },

      deleteSelection: () => {
        const { nodes, edges } = get();
        const gone = descendants(nodes, nodes.filter((n) => n.selected).map((n) => n.id));
        const keptEdges = edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
        if (gone.size === 0 && keptEdges.length === edges.length) return;
        change({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: keptEdges });
      },

      copySelection: () => {
        const { nodes } = get();
        const chosen = descendants(nodes, nodes.filter((n) => n.selected).map((n) => n.id));
        if (chosen.size === 0) return;
        const doc = get().document();
        set({
          clipboard: {
            nodes: doc.nodes.filter((n) => chosen.has(n.id)),
            edges: doc.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)),
          },
        });
        get().say(`Copied ${chosen.size} component${chosen.size === 1 ? "" : "s"}.`, "info");
      },

      paste: () => {
        const clipboard = get().clipboard;
        if (!clipboard) return;
        const { nodes, edges } = get();
        const taken = new Set(nodes.map((n) => n.id));
        const renamed = new Map<string, string>();
        for (const n of clipboard.nodes) {
          const id = freshId(taken, slug(catalog, n.kind));
          taken.add(id);
          renamed.set(n.id, id);
        }
        const existing = new Set(nodes.map((n) => n.id));
        const ranges = new Set<string>();
        const pasted: DocNode[] = clipboard.nodes.map((n) => {
          const parent = n.parent ? (renamed.get(n.parent) ?? (existing.has(n.parent) ? n.parent : null)) : null;
          const top = !n.parent || !renamed.has(n.parent);
          const position = n.position ?? { x: 0, y: 0 };
          const { parent: _p, ...rest } = n;
          return {
            ...rest,
            id: renamed.get(n.id)!,
            label: top ? freshLabel(nodes, n.label.replace(/ \d+$/, "")) : n.label,
            ...(parent ? { parent } : {}),
            position: top ? { x: position.x + 40, y: position.y + 40 } : position,
            ...(n.kind === "aws.vpc.subnet" ? { props: { ...n.props, ...freeRange(nodes, parent, ranges) } } : {}),
          };
        });
        const edgeIds = new Set(edges.map((e) => e.id));
        const pastedEdges: DocEdge[] = clipboard.edges.map((e) => {
          const id = freshId(edgeIds, "e");
          edgeIds.add(id);
          return { ...e, id, source: renamed.get(e.source)!, target: renamed.get(e.target)! };
        });
        const flow = toFlow({ ...get().document(), nodes: pasted, edges: pastedEdges }, catalog);
        const fresh = flow.nodes.map((n) => ({ ...n, selected: !n.parentId || !renamed.has(String(n.data.doc.parent ?? "")) }));
        let next = parentsFirst([...nodes.map((n) => ({ ...n, selected: false })), ...fresh] as FlowNode[]);
        for (const n of fresh) next = fitAncestors(next, n.id);
        change({ nodes: next, edges: [...edges, ...flow.edges] });
      },

      restore: (doc) => {
        const flow = toFlow(doc, catalog);
        const { nodes: _rn, edges: _re, ...base } = doc;
        change({ base, nodes: flow.nodes, edges: flow.edges });
      },

      arrange: (laid) => {
        const placed = new Map(toFlow(laid, catalog).nodes.map((n) => [n.id, n]));
        const nodes = get().nodes.map((n) => {
          const there = placed.get(n.id);
          if (!there) return n;
          return (n.type === "container" ? { ...n, position: there.position, width: there.width, height: there.height } : { ...n, position: there.position }) as FlowNode;
        });
        change({ nodes });
      },

      undo: () => {
        const { past, future } = get();
        const previous = past.at(-1);
        if (!previous) return;
        set({
          ...previous,
          past: past.slice(0, -1),
          future: [snapshot(), ...future].slice(0, HISTORY),
          version: get().version + 1,
        });
      },

      redo: () => {
        const { past, future } = get();
        const next = future[0];
        if (!next) return;
        set({ ...next, past: [...past, snapshot()], future: future.slice(1), version: get().version + 1 });
      },

      annotate: ({ costs, problems, comments, findings }) => {
        set({
          nodes: get().nodes.map((n) => {
            const cost = costs ? (costs[n.id] ?? null) : (n.data.cost ?? null);
            const problem = problems ? (problems[n.id] ?? null) : (n.data.problem ?? null);
            const remarks = comments ? (comments[n.id] ?? 0) : (n.data.comments ?? 0);
            const marker = findings ? (findings[n.id] ?? null) : (n.data.review ?? null);
            const review = sameMarker(marker, n.data.review ?? null) ? (n.data.review ?? null) : marker;
            const same =
              cost === (n.data.cost ?? null) &&
              problem === (n.data.problem ?? null) &&
              remarks === (n.data.comments ?? 0) &&
              review === (n.data.review ?? null);
            return same ? n : ({ ...n, data: { ...n.data, cost, problem, comments: remarks, review } } as FlowNode);
          }),
        });
      },

      say: (message, tone = "refusal") => set({ notice: { message, tone } }),
      dismissNotice: () => set({ notice: null }),
    };
    return readOnly ? { ...actions, ...locked(get, set) } : actions;
  });
}
