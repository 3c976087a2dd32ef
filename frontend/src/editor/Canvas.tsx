/** The canvas: React Flow drawing the store's nodes and edges, taking drops from the palette, drags between
 * containers, connections, and the editing shortcuts; for a read-only design, only selecting (to inspect), panning,
 * zooming and fitting. */

import "@xyflow/react/dist/style.css";

import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type IsValidConnection,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect, useState } from "react";

import { useEditor, useEditorStore } from "./context";
import { boxStyle, EDGE_TYPES, NODE_TYPES } from "./nodes";
import { connectionBetween } from "./rules";
import type { NodeData } from "./translate";

/** The drag-and-drop type of a palette item: the kind, and the preset's id when it is one. */
export const KIND_MIME = "application/x-aws-kind";

const MINIMAP_SIZE = { width: 180, height: 120 };
const DELETE_KEYS = ["Delete", "Backspace"];
/** With Ctrl or Cmd: undo, redo, copy and paste. */
const CHANGING_KEYS = new Set(["z", "y", "c", "v"]);
const DEFAULT_EDGE = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };

/** Whether a key pressed on `target` is text being typed (a shortcut must leave it alone). */
export function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

export function Canvas() {
  const store = useEditorStore();
  const { nodes, edges, readOnly } = useEditor((s) => ({ nodes: s.nodes, edges: s.edges, readOnly: s.readOnly }));
  const flow = useReactFlow();
  // Fit an opened design in the view once; an empty one keeps zoom 1 at the origin, so the view does not jump
  // when its first component is dropped.
  const [fitOnOpen] = useState(() => store.getState().nodes.length > 0);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!store.getState().readOnly && event.dataTransfer.types.includes(KIND_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    }
  }, [store]);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const raw = event.dataTransfer.getData(KIND_MIME);
      if (!raw) return;
      event.preventDefault();
      const { kind, preset } = JSON.parse(raw) as { kind: string; preset?: number };
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const state = store.getState();
      const chosen = preset === undefined ? undefined : state.catalog.presets.find((p) => p.id === preset);
      state.addNode(kind, point, chosen ? { name: chosen.name, props: chosen.props, usage: chosen.usage } : undefined);
    },
    [flow, store],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (connection: Edge | Connection) => {
      const state = store.getState();
      const kind = (id: string) => state.nodes.find((n) => n.id === id)?.data.doc.kind ?? "";
      if (connection.source === connection.target) return false;
      return "connection" in connectionBetween(state.catalog, kind(connection.source), kind(connection.target));
    },
    [store],
  );

  // The editing shortcuts work wherever the focus is, except in a field being typed in or an open dialog.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (typing(event.target) || document.querySelector("dialog[open]")) return;
      const state = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      // A read-only design: the shortcuts that would change it (or copy for a paste) are left to the browser.
      if (state.readOnly && mod && CHANGING_KEYS.has(key)) return;
      if (mod && key === "z") {
        event.preventDefault();
        if (event.shiftKey) state.redo();
        else state.undo();
      } else if (mod && key === "y") {
        event.preventDefault();
        state.redo();
      } else if (mod && key === "c") {
        state.copySelection();
      } else if (mod && key === "v") {
        event.preventDefault();
        state.paste();
      } else if (mod && key === "a") {
        event.preventDefault();
        state.select({ nodes: state.nodes.map((n) => n.id), edges: state.edges.map((e) => e.id) });
      } else if (key === "f" && !mod && !event.altKey) {
        void flow.fitView({ duration: 200 });
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [flow, store]);

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} role="application" aria-label="Design canvas" tabIndex={0}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        defaultEdgeOptions={DEFAULT_EDGE}
        onNodesChange={(changes) => store.getState().onNodesChange(changes)}
        onEdgesChange={(changes) => store.getState().onEdgesChange(changes)}
        onConnect={(connection) => store.getState().connect(connection)}
        onNodeDragStart={() => store.getState().checkpoint()}
        onNodeDragStop={(_event, node) => store.getState().dropped(node.id)}
        isValidConnection={isValidConnection}
        onConnectEnd={(event, state) => {
          // A line dropped on a node it may not join: say why (the store refuses it with the catalog's reason).
          if (state.isValid || !state.fromNode) return;
          const point = "changedTouches" in event ? event.changedTouches[0] : event;
          if (!point) return;
          const under = document
            .elementsFromPoint(point.clientX, point.clientY)
            .map((element) => element.closest<HTMLElement>(".react-flow__node"))
            .find((element) => element && element.dataset.id !== state.fromNode?.id);
          const target = under?.dataset.id;
          if (target) store.getState().connect({ source: state.fromNode.id, target, sourceHandle: null, targetHandle: null });
        }}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={readOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        fitView={fitOnOpen}
        minZoom={0.1}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <MiniMap
          pannable
          zoomable
          ariaLabel="Overview of the canvas"
          style={MINIMAP_SIZE}
          nodeColor={(n) => (n.type === "container" ? "transparent" : "#7b8894")}
          nodeStrokeColor={(n) => (n.type === "container" ? boxStyle(String((n.data as NodeData).doc.kind), (n.data as NodeData).doc.props?.tier).pen : "transparent")}
          nodeStrokeWidth={8}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
