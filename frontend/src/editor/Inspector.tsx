/**
 * The inspector: the selected component's or connection's name and properties, as a form generated from the
 * catalog's schemas, with the server's messages next to the fields they are about; with nothing selected, the
 * design's own name, description and settings. For a read-only design the fields are shown disabled.
 */

import { type ReactNode, useId } from "react";

import type { Problem } from "../api";
import { plural } from "../format";
import { useEditor, useEditorStore } from "./context";
import { TextField } from "./fields";
import { edgeUsageSchema, settingsSchema, useDesignSchema } from "./reference";
import { type FieldMessages, hasPlace, messagesByField, SchemaFields, type Updater } from "./SchemaForm";
import type { FlowNode } from "./translate";
import type { JsonSchema, Props } from "./types";
import { bySeverity, problemField, useValidation } from "./useValidation";

export function Inspector() {
  const readOnly = useEditor((s) => s.readOnly);
  const shown = <Shown />;
  // A read-only design: every field is shown, and disabled.
  return readOnly ? (
    <fieldset className="read-only-fields" disabled>
      {shown}
    </fieldset>
  ) : (
    shown
  );
}

/** What is selected: one component, one connection, several, or nothing (the design itself). */
function Shown() {
  const nodes = useEditor((s) => s.nodes.filter((n) => n.selected).map((n) => n.id));
  const edges = useEditor((s) => s.edges.filter((e) => e.selected).map((e) => e.id));
  if (nodes.length + edges.length > 1) {
    const parts = [nodes.length ? plural(nodes.length, "component") : "", edges.length ? plural(edges.length, "connection") : ""];
    return (
      <div className="inspector">
        <p className="inspector-several" role="status">
          {parts.filter(Boolean).join(" and ")} selected.
        </p>
        <p className="muted">Select just one to see and change its properties.</p>
      </div>
    );
  }
  if (nodes[0]) return <NodeInspector key={nodes[0]} id={nodes[0]} />;
  if (edges[0]) return <EdgeInspector key={edges[0]} id={edges[0]} />;
  return <DesignInspector />;
}

/** The region a node is in: the Region box around it, else the design's. */
export function regionOf(nodes: readonly FlowNode[], id: string, fallback: string): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  for (let node = byId.get(id); node && !seen.has(node.id); node = node.parentId ? byId.get(node.parentId) : undefined) {
    seen.add(node.id);
    if (node.data.doc.kind === "aws.region" && typeof node.data.doc.props?.region === "string") return node.data.doc.props.region;
  }
  return fallback;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The problems of one element: by the field they name, and those to show above the form (no field, or one the
 * form has no place for). */
function sorted(problems: readonly Problem[], placed: (field: string) => boolean) {
  const withField = problems.map((p) => ({ ...p, field: problemField(p) }));
  return {
    messages: messagesByField(withField),
    general: bySeverity(withField.filter((p) => !p.field || !placed(p.field))),
  };
}

function GeneralProblems({ problems, label }: { problems: readonly Problem[]; label: string }) {
  if (problems.length === 0) return null;
  return (
    <ul className={`inspector-problems${problems.some((p) => p.severity === "error") ? "" : " is-warnings"}`} aria-label={label}>
      {problems.map((p, i) => (
        <li key={`${i}-${p.code}`} className={`problem-${p.severity}`}>
          {p.severity === "warning" ? "Warning: " : ""}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

function Section({ id, title, note, children }: { id: string; title: string; note?: string | undefined; children: ReactNode }) {
  return (
    <section className="inspector-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {note && <p className="muted inspector-note">{note}</p>}
      {children}
    </section>
  );
}

function hasFields(schema: JsonSchema | undefined): schema is JsonSchema {
  return Object.keys(schema?.properties ?? {}).length > 0;
}

type Group = "props" | "usage";

interface PropsAndUsageProps {
  idBase: string;
  groups: Record<Group, JsonSchema | undefined>;
  element: { props?: Props; usage?: Props };
  messages: FieldMessages;
  update: (group: Group) => (change: Updater) => void;
  region: string;
  usageNote: string;
}

/** A component's or connection's properties and usage, each from its schema. */
function PropsAndUsage({ idBase, groups, element, messages, update, region, usageNote }: PropsAndUsageProps) {
  return (
    <>
      {(["props", "usage"] as const).map((group) =>
        hasFields(groups[group]) ? (
          <Section
            key={group}
            id={`${idBase}-${group}`}
            title={group === "props" ? "Properties" : "Usage"}
            note={group === "usage" ? usageNote : undefined}
          >
            <SchemaFields
              schema={groups[group]}
              values={element[group]}
              path={group}
              messages={messages}
              onUpdate={update(group)}
              idBase={idBase}
              region={region}
            />
          </Section>
        ) : null,
      )}
    </>
  );
}

function NodeInspector({ id }: { id: string }) {
  const store = useEditorStore();
  const idBase = useId();
  const { problems } = useValidation();
  const { doc, region, catalog } = useEditor((s) => ({
    doc: s.nodes.find((n) => n.id === id)?.data.doc,
    region: regionOf(s.nodes, id, s.base.region),
    catalog: s.catalog,
  }));
  if (!doc) return null;
  const spec = catalog.kinds.get(doc.kind);
  const groups = { props: spec?.props_schema, usage: spec?.usage_schema };
  const { messages, general } = sorted(
    problems.filter((p) => p.node === id),
    (field) => field === "label" || hasPlace(field, groups),
  );

  const update = (group: Group) => (change: Updater) => {
    const node = store.getState().nodes.find((n) => n.id === id);
    if (!node) return;
    const old: Props = node.data.doc[group] ?? {};
    const next = change(old);
    if (!same(old, next)) store.getState().updateNode(id, { [group]: next });
  };

  return (
    <div className="inspector">
      <header className="inspector-head">
        {spec && <img src={spec.icon_url} alt="" width={32} height={32} />}
        <div>
          <h2 className="inspector-title">{doc.label}</h2>
          <p className="inspector-kind">
            {spec?.label ?? doc.kind}
            {spec?.docs_url && (
              <>
                {" · "}
                <a className="link" href={spec.docs_url} target="_blank" rel="noreferrer">
                  AWS documentation
                </a>
              </>
            )}
          </p>
        </div>
      </header>
      <GeneralProblems problems={general} label={`Problems with ${doc.label}`} />
      <TextField
        id={`${idBase}-label`}
        label="Name"
        value={doc.label}
        messages={messages.get("label")}
        check={(text) => (text.trim() ? null : "A component needs a name.")}
        onCommit={(text) => {
          if (!text.trim()) return false;
          const node = store.getState().nodes.find((n) => n.id === id);
          if (node && node.data.doc.label !== text) store.getState().updateNode(id, { label: text });
          return true;
        }}
      />
      <PropsAndUsage
        idBase={idBase}
        groups={groups}
        element={doc}
        messages={messages}
        update={update}
        region={region}
        usageNote="How much it is used, for the cost estimate."
      />
    </div>
  );
}

function EdgeInspector({ id }: { id: string }) {
  const store = useEditorStore();
  const idBase = useId();
  const { problems } = useValidation();
  const documentSchema = useDesignSchema();
  const { edge, source, target, region, catalog } = useEditor((s) => {
    const found = s.edges.find((e) => e.id === id);
    return {
      edge: found?.data,
      source: s.nodes.find((n) => n.id === found?.source)?.data.doc,
      target: s.nodes.find((n) => n.id === found?.target)?.data.doc,
      region: found ? regionOf(s.nodes, found.source, s.base.region) : s.base.region,
      catalog: s.catalog,
    };
  });
  if (!edge) return null;
  const { doc, caption } = edge;
  const connection = source && target ? catalog.kinds.get(source.kind)?.connections.find((c) => c.target === target.kind) : undefined;
  const usageSchema = documentSchema.status === "done" ? edgeUsageSchema(documentSchema.value) : undefined;
  const groups = { props: connection?.props_schema, usage: usageSchema };
  const { messages, general } = sorted(
    problems.filter((p) => p.edge === id),
    (field) => field === "label" || hasPlace(field, groups),
  );

  const update = (group: Group) => (change: Updater) => {
    const old: Props = store.getState().edges.find((e) => e.id === id)?.data?.doc[group] ?? {};
    const next = change(old);
    if (!same(old, next)) store.getState().updateEdge(id, { [group]: next });
  };

  const from = source?.label ?? doc.source;
  const to = target?.label ?? doc.target;
  return (
    <div className="inspector">
      <header className="inspector-head">
        <div>
          <h2 className="inspector-title">Connection</h2>
          <p className="inspector-kind">
            {from} {connection?.description ?? "→"} {to}
          </p>
        </div>
      </header>
      {!connection && source && target && (
        <p className="inspector-problems">The catalog has no connection from {from} to {to}: it has no properties here.</p>
      )}
      <GeneralProblems problems={general} label="Problems with this connection" />
      <TextField
        id={`${idBase}-label`}
        label="Label"
        value={doc.label ?? ""}
        placeholder={caption || undefined}
        hint="Shown on the canvas; empty shows what it carries."
        messages={messages.get("label")}
        check={(text) => (text.length > 200 ? "Label must be at most 200 characters." : null)}
        onCommit={(text) => {
          const old = store.getState().edges.find((e) => e.id === id)?.data?.doc.label ?? "";
          if (old !== text) store.getState().updateEdge(id, { label: text || undefined });
          return true;
        }}
      />
      <PropsAndUsage
        idBase={idBase}
        groups={groups}
        element={doc}
        messages={messages}
        update={update}
        region={region}
        usageNote="How much it carries, for the cost estimate."
      />
      {documentSchema.status === "failed" && <p className="muted">The usage fields could not be loaded: {documentSchema.message}</p>}
    </div>
  );
}

const DESIGN_FIELDS = new Set(["name", "description", "region"]);

function DesignInspector() {
  const store = useEditorStore();
  const idBase = useId();
  const { problems } = useValidation();
  const documentSchema = useDesignSchema();
  const { base, nodeCount, edgeCount } = useEditor((s) => ({ base: s.base, nodeCount: s.nodes.length, edgeCount: s.edges.length }));
  const schema = documentSchema.status === "done" ? settingsSchema(documentSchema.value) : undefined;
  const { messages, general } = sorted(
    problems.filter((p) => !p.node && !p.edge),
    (field) => DESIGN_FIELDS.has(field) || hasPlace(field, { settings: schema }),
  );

  const updateSettings = (change: Updater) => {
    const old: Props = store.getState().base.settings ?? {};
    const next = change(old);
    if (!same(old, next)) store.getState().updateBase({ settings: next });
  };

  return (
    <div className="inspector">
      <header className="inspector-head">
        <div>
          <h2 className="inspector-title">Design</h2>
          <p className="inspector-kind">
            {plural(nodeCount, "component")}, {plural(edgeCount, "connection")}. Select one to change it.
          </p>
        </div>
      </header>
      <GeneralProblems problems={general} label="Problems with the design" />
      <TextField
        id={`${idBase}-name`}
        label="Name"
        value={base.name}
        messages={messages.get("name")}
        check={(text) => (!text.trim() ? "A design needs a name." : text.length > 200 ? "Name must be at most 200 characters." : null)}
        onCommit={(text) => {
          if (!text.trim()) return false;
          if (store.getState().base.name !== text) store.getState().updateBase({ name: text });
          return true;
        }}
      />
      <TextField
        id={`${idBase}-description`}
        label="Description"
        value={base.description ?? ""}
        multiline
        messages={messages.get("description")}
        check={(text) => (text.length > 5000 ? "Description must be at most 5,000 characters." : null)}
        onCommit={(text) => {
          if ((store.getState().base.description ?? "") !== text) store.getState().updateBase({ description: text || undefined });
          return true;
        }}
      />
      <div className="field inspector-field">
        <label htmlFor={`${idBase}-region`}>Region</label>
        <input id={`${idBase}-region`} type="text" value={base.region} readOnly aria-describedby={`${idBase}-region-hint`} />
        <p id={`${idBase}-region-hint`} className="field-hint">
          Chosen when the design was made. A Region box on the canvas places what is in it elsewhere.
        </p>
      </div>
      <Section id={`${idBase}-settings`} title={schema?.title ?? "Settings"}>
        {documentSchema.status === "loading" && <p className="muted">Loading the settings…</p>}
        {documentSchema.status === "failed" && <p className="muted">The settings could not be loaded: {documentSchema.message}</p>}
        {schema && (
          <SchemaFields
            schema={schema}
            values={base.settings}
            path="settings"
            messages={messages}
            onUpdate={updateSettings}
            idBase={idBase}
            region={base.region}
          />
        )}
      </Section>
    </div>
  );
}
