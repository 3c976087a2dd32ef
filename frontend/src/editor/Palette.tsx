/** The palette: every kind of the catalog by category, and the presets, searchable by name, service or keyword;
 * drag one onto the canvas, or press Enter on it to add it to the selected container (or the middle of the view). */

import { useReactFlow } from "@xyflow/react";
import { type DragEvent, useId, useMemo, useRef, useState } from "react";

import { KIND_MIME } from "./Canvas";
import { useEditor, useEditorStore } from "./context";
import { absolute } from "./store";
import type { PaletteKind, PalettePreset } from "./types";

export function matches(kind: PaletteKind, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [kind.label, kind.service, kind.kind, kind.description, ...kind.keywords].some((text) => text.toLowerCase().includes(q));
}

interface Item {
  key: string;
  kind: PaletteKind;
  preset?: PalettePreset;
}

export function Palette() {
  const store = useEditorStore();
  const catalog = useEditor((s) => s.catalog);
  const flow = useReactFlow();
  const [query, setQuery] = useState("");
  const searchId = useId();

  const groups = useMemo(() => {
    const out: { id: string; label: string; items: Item[] }[] = [];
    const presets = catalog.presets.filter((p) => {
      const kind = catalog.kinds.get(p.kind);
      return kind && (matches(kind, query) || p.name.toLowerCase().includes(query.trim().toLowerCase()));
    });
    if (presets.length) {
      out.push({
        id: "presets",
        label: "Presets",
        items: presets.map((preset) => ({ key: `preset-${preset.id}`, kind: catalog.kinds.get(preset.kind)!, preset })),
      });
    }
    for (const category of catalog.categories) {
      const items = [...catalog.kinds.values()]
        .filter((k) => k.category === category.id && matches(k, query))
        .map((kind) => ({ key: kind.kind, kind }));
      if (items.length) out.push({ ...category, items });
    }
    return out;
  }, [catalog, query]);

  // A drag that ends can be followed by a click on the item it started from: that click adds nothing.
  const dragged = useRef(false);

  const onDragStart = (event: DragEvent, item: Item) => {
    dragged.current = true;
    event.dataTransfer.setData(KIND_MIME, JSON.stringify({ kind: item.kind.kind, preset: item.preset?.id }));
    event.dataTransfer.effectAllowed = "copy";
  };

  const onClick = (item: Item) => {
    if (dragged.current) {
      dragged.current = false;
      return;
    }
    add(item);
  };

  /** From the keyboard: into the selected container when there is one, else the middle of the view. */
  const add = (item: Item) => {
    const state = store.getState();
    const selected = state.nodes.find((n) => n.selected && n.type === "container");
    let point;
    if (selected) {
      const at = absolute(state.nodes, selected.id);
      const width = selected.width ?? 320;
      point = { x: at.x + width / 2, y: at.y + 100 };
    } else {
      const box = document.querySelector(".canvas")?.getBoundingClientRect();
      point = flow.screenToFlowPosition({ x: (box?.left ?? 0) + (box?.width ?? 800) / 2, y: (box?.top ?? 0) + (box?.height ?? 600) / 2 });
    }
    const preset = item.preset ? { name: item.preset.name, props: item.preset.props, usage: item.preset.usage } : undefined;
    state.addNode(item.kind.kind, point, preset);
  };

  return (
    <nav className="palette" aria-label="Components">
      <label htmlFor={searchId} className="visually-hidden">
        Search components
      </label>
      <input
        id={searchId}
        className="palette-search"
        type="search"
        placeholder="Search: name, service, keyword"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {groups.length === 0 && <p className="palette-empty">No component matches “{query}”.</p>}
      {groups.map((group) => (
        <section key={group.id} className="palette-group" aria-label={group.label}>
          <h3>{group.label}</h3>
          <ul>
            {group.items.map((item) => (
              <li key={item.key}>
                <button
                  type="button"
                  className="palette-item"
                  draggable
                  onDragStart={(e) => onDragStart(e, item)}
                  onClick={() => onClick(item)}
                  onDragEnd={() => window.setTimeout(() => (dragged.current = false), 0)}
                  title={`${item.kind.description} Drag it onto the canvas, or press Enter to add it.`}
                  aria-label={`Add ${item.preset ? `${item.preset.name} (${item.kind.label})` : item.kind.label}`}
                >
                  <img src={item.preset?.icon_url ?? item.kind.icon_url} alt="" width={24} height={24} draggable={false} />
                  <span>{item.preset ? item.preset.name : item.kind.label}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
