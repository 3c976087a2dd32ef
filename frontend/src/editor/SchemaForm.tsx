/**
 * A form generated from a JSON Schema: the catalog's property and usage schemas of a kind (and of a connection),
 * and the design's settings. It reads the subset the catalog writes (type string, integer, number, boolean or
 * array; enum, default, minimum, maximum, maxLength, pattern, format ipv4-cidr, title, description, x-unit,
 * x-ref-kinds) and checks what is typed against it at once; the server checks the whole design again (see
 * useValidation.ts) and its messages are shown next to the field they name.
 */

import { useEditor } from "./context";
import { FieldGroup, type FieldMessage, FieldShell, TextField } from "./fields";
import { describeInstanceType, useInstanceTypes } from "./reference";
import { SearchableSelect, type SelectOption } from "./SearchableSelect";
import type { JsonSchema, Props } from "./types";

/** The server's messages by the field they name ("props.cidr", "props.rules.0.cidr", "settings.hours_per_month"). */
export type FieldMessages = ReadonlyMap<string, readonly FieldMessage[]>;

export type Updater = (values: Props) => Props;

// -- reading the schema -------------------------------------------------------------------------------------

export function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
}

/** "Storage (GB)": the field's title (else its name) and its unit. */
export function fieldLabel(name: string, schema: JsonSchema): string {
  const title = schema.title ?? name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  return schema["x-unit"] ? `${title} (${schema["x-unit"]})` : title;
}

function titleOf(name: string, schema: JsonSchema): string {
  return schema.title ?? name;
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

/** The schema's default, as a text box's placeholder; empty when there is none worth showing. */
export function placeholderOf(schema: JsonSchema): string {
  const value = schema.default;
  if (value === undefined || value === null || value === "" || Array.isArray(value) || typeof value === "object") return "";
  return shown(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function withValue(values: Props, key: string, value: unknown): Props {
  const { [key]: _old, ...rest } = values;
  return value === undefined ? rest : { ...rest, [key]: value };
}

/** Whether a field named by a problem ("props.rules.0.cidr") has its place in one of `groups`' forms. */
export function hasPlace(field: string, groups: Record<string, JsonSchema | undefined>): boolean {
  const [group = "", key] = field.split(".");
  return key !== undefined && groups[group]?.properties?.[key] !== undefined;
}

type Located = { field: string | null } & FieldMessage;

export function messagesByField(problems: readonly Located[]): Map<string, FieldMessage[]> {
  const out = new Map<string, FieldMessage[]>();
  for (const p of problems) {
    if (!p.field) continue;
    out.set(p.field, [...(out.get(p.field) ?? []), { message: p.message, severity: p.severity }]);
  }
  return out;
}

/** The messages about `path` itself and, with `deep`, about anything inside it. */
function messagesAt(messages: FieldMessages, path: string, deep: (rest: string) => boolean = () => true): FieldMessage[] {
  const out: FieldMessage[] = [];
  for (const [field, list] of messages) {
    if (field === path || (field.startsWith(`${path}.`) && deep(field.slice(path.length + 1)))) out.push(...list);
  }
  return out;
}

// -- checking what is typed ---------------------------------------------------------------------------------

export interface Parsed {
  /** What to write: undefined removes the key (the box was emptied). */
  value: unknown;
  /** False when the text cannot be written at all (a number that is not one). */
  ok: boolean;
  /** What is wrong with it, in a sentence; null when nothing the browser can see. */
  message: string | null;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function number(value: number): string {
  return value.toLocaleString("en", { maximumFractionDigits: 20 });
}

/** The value of a text box for a field of `schema` named `title`, and what the browser sees wrong with it. */
export function parseText(schema: JsonSchema, text: string, title: string): Parsed {
  if (text.trim() === "") return { value: undefined, ok: true, message: null };
  const type = typeOf(schema);
  const unit = schema["x-unit"] ? ` ${schema["x-unit"]}` : "";
  if (type === "number" || type === "integer") {
    const value = Number(text.trim());
    if (!Number.isFinite(value)) return { value: undefined, ok: false, message: `${title} must be a number.` };
    if (type === "integer" && !Number.isInteger(value)) {
      return { value: undefined, ok: false, message: `${title} must be a whole number.` };
    }
    if (schema.minimum !== undefined && value < schema.minimum) {
      return { value, ok: true, message: `${title} must be at least ${number(schema.minimum)}${unit}.` };
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      return { value, ok: true, message: `${title} must be at most ${number(schema.maximum)}${unit}.` };
    }
    return { value, ok: true, message: null };
  }
  return { value: text, ok: true, message: stringProblem(schema, text, title) };
}

function stringProblem(schema: JsonSchema, text: string, title: string): string | null {
  if (schema.maxLength !== undefined && [...text].length > schema.maxLength) {
    return `${title} must be at most ${number(schema.maxLength)} characters.`;
  }
  if (schema.format === "ipv4-cidr") {
    const m = CIDR.exec(text);
    const octets = m ? m.slice(1, 5).map(Number) : [];
    if (!m || octets.some((o) => o > 255) || Number(m[5]) > 32) return `${title} must be an address range written like 10.0.0.0/16.`;
  }
  if (schema.pattern) {
    let pattern: RegExp | null = null;
    try {
      pattern = new RegExp(schema.pattern, "u");
    } catch {
      pattern = null; // a pattern JavaScript cannot read: the server checks it
    }
    // The field's description says what the form is; without one, the pattern itself does.
    if (pattern && !pattern.test(text)) return `${title} is not in the expected form${schema.description ? "" : ` (${schema.pattern})`}.`;
  }
  return null;
}

// -- the form -----------------------------------------------------------------------------------------------

interface SchemaFieldsProps {
  /** An object schema: one field a property. */
  schema: JsonSchema | undefined;
  values: Props | undefined;
  /** Where the values sit in their element, as problems name it: "props", "usage", "settings", "props.rules.0". */
  path: string;
  messages: FieldMessages;
  /** Changes the values: `update` is given the newest ones. */
  onUpdate: (update: Updater) => void;
  /** Makes the controls' ids unique on the page. */
  idBase: string;
  /** The region the element is in, for its instance types' prices. */
  region: string;
}

export function SchemaFields({ schema, values, path, messages, onUpdate, idBase, region }: SchemaFieldsProps) {
  const entries = Object.entries(schema?.properties ?? {});
  return (
    <>
      {entries.map(([name, fieldSchema]) => (
        <SchemaField
          key={name}
          name={name}
          schema={fieldSchema}
          value={values?.[name]}
          path={`${path}.${name}`}
          messages={messages}
          onUpdateValue={(update) => onUpdate((current) => withValue(current, name, update(current[name])))}
          idBase={idBase}
          region={region}
        />
      ))}
    </>
  );
}

interface FieldProps {
  name: string;
  schema: JsonSchema;
  value: unknown;
  path: string;
  messages: FieldMessages;
  /** Changes the value: `update` is given the newest one and answers the new one (undefined removes it). */
  onUpdateValue: (update: (current: unknown) => unknown) => void;
  idBase: string;
  region: string;
}

function SchemaField(props: FieldProps) {
  const { schema } = props;
  const type = typeOf(schema);
  if (schema.enum) return <EnumField {...props} />;
  if (type === "boolean") return <BooleanField {...props} />;
  if (type === "string" || type === "number" || type === "integer") return <TextualField {...props} />;
  if (type === "array") {
    const items = schema.items ?? {};
    if (Array.isArray(schema["x-ref-kinds"])) return <RefListField {...props} />;
    if (items.enum) return <EnumListField {...props} />;
    if (typeOf(items) === "object") return <ObjectListField {...props} />;
    return <LinesField {...props} />;
  }
  return <OtherField {...props} />;
}

function idOf({ idBase, path }: FieldProps): string {
  return `${idBase}-${path}`;
}

function TextualField(props: FieldProps) {
  const { name, schema, value, path, messages, onUpdateValue } = props;
  const title = titleOf(name, schema);
  const numeric = typeOf(schema) !== "string";
  return (
    <TextField
      id={idOf(props)}
      label={fieldLabel(name, schema)}
      value={shown(value)}
      placeholder={placeholderOf(schema) || undefined}
      hint={schema.description}
      numeric={numeric}
      multiline={!numeric && (schema.maxLength ?? 0) >= 1024}
      check={(text) => parseText(schema, text, title).message}
      messages={messagesAt(messages, path)}
      onCommit={(text) => {
        const parsed = parseText(schema, text, title);
        if (!parsed.ok) return false;
        if (!same(parsed.value, value)) onUpdateValue(() => parsed.value);
        return true;
      }}
    />
  );
}

function BooleanField(props: FieldProps) {
  const { name, schema, value, path, messages, onUpdateValue } = props;
  const id = idOf(props);
  const checked = typeof value === "boolean" ? value : schema.default === true;
  return (
    <FieldShell id={id} label={fieldLabel(name, schema)} hint={schema.description} messages={messagesAt(messages, path)} inline>
      {(aria) => (
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => {
            const next = event.target.checked;
            onUpdateValue(() => next);
          }}
          aria-describedby={aria.describedBy}
          aria-invalid={aria.invalid || undefined}
        />
      )}
    </FieldShell>
  );
}

/** The value of the "use the default" option: no enum of the catalog holds it. */
const UNSET = "\u0000unset";

/** Fields whose options are EC2 instance types, shown with their size and price. */
function isInstanceTypes(name: string): boolean {
  return name === "instance_type" || name === "instance_types";
}

function useTypeDetails(name: string, region: string) {
  const types = useInstanceTypes(isInstanceTypes(name) ? region : null);
  const known = types.status === "done" ? types.value : null;
  return {
    detail: (value: string) => (known ? describeInstanceType(known.get(value)) : ""),
    note: types.status === "failed" ? `Prices could not be loaded: ${types.message}` : "",
  };
}

function EnumField(props: FieldProps) {
  const { name, schema, value, path, messages, onUpdateValue, region } = props;
  const id = idOf(props);
  const types = useTypeDetails(name, region);
  const choices = schema.enum ?? [];
  const fallback = placeholderOf(schema);
  const options: SelectOption[] = [
    ...(value === undefined ? [] : [{ value: UNSET, label: fallback ? `Default (${fallback})` : "Not set" }]),
    ...choices.map((choice) => ({ value: shown(choice), label: shown(choice), detail: types.detail(shown(choice)) || undefined })),
  ];
  const current = value === undefined ? (fallback ? fallback : null) : shown(value);
  const known = current ? types.detail(current) : "";
  const detail = known ? `${current}: ${known} (on-demand Linux in ${region})` : types.note;
  return (
    <FieldShell
      id={id}
      label={fieldLabel(name, schema)}
      hint={schema.description}
      messages={messagesAt(messages, path)}
      detail={detail || undefined}
    >
      {(aria) => (
        <SearchableSelect
          id={id}
          label={fieldLabel(name, schema)}
          options={options}
          value={value === undefined ? null : shown(value)}
          placeholder={fallback ? `${fallback} (default)` : undefined}
          describedBy={aria.describedBy}
          invalid={aria.invalid}
          onChange={(picked) => onUpdateValue(() => (picked === UNSET ? undefined : choices.find((c) => shown(c) === picked)))}
        />
      )}
    </FieldShell>
  );
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asProps(value: unknown): Props {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Props) : {};
}

/** An empty list is the same as none: the key goes. */
function listOrUnset(list: unknown[]): unknown[] | undefined {
  return list.length ? list : undefined;
}

/** "Rule" for "Rules", "Lifecycle rule" for "Lifecycle rules". */
function singular(title: string): string {
  return title.replace(/s$/, "");
}

function maxItemsMessage(schema: JsonSchema, title: string, count: number): FieldMessage[] {
  const max = schema.maxItems;
  return typeof max === "number" && count > max ? [{ message: `${title} may hold at most ${max}.`, severity: "error" }] : [];
}

/** A list of other components of the design (subnets): one checkbox each. */
function RefListField(props: FieldProps) {
  const { name, schema, value, path, messages, onUpdateValue } = props;
  const id = idOf(props);
  const kinds = schema["x-ref-kinds"] as string[];
  // Strings, not objects, so the selector's answer compares equal while nothing it shows changes.
  const candidates = useEditor((s) =>
    s.nodes.filter((n) => kinds.includes(n.data.doc.kind)).map((n) => `${n.id}\u0000${n.data.doc.label}`),
  );
  const chosen = asList(value).map(String);
  const labels = new Map(candidates.map((c) => c.split("\u0000") as [string, string]));
  const ids = [...labels.keys(), ...chosen.filter((c) => !labels.has(c))];
  const title = titleOf(name, schema);
  return (
    <FieldGroup
      id={id}
      legend={fieldLabel(name, schema)}
      hint={schema.description}
      messages={[...maxItemsMessage(schema, title, chosen.length), ...messagesAt(messages, path)]}
    >
      {ids.length === 0 && <p className="muted">None in the design yet.</p>}
      <ul className="field-choices">
        {ids.map((ref) => (
          <li key={ref}>
            <input
              id={`${id}-${ref}`}
              type="checkbox"
              checked={chosen.includes(ref)}
              onChange={(event) => {
                const on = event.target.checked;
                onUpdateValue((current) => {
                  const list = asList(current).filter((v) => v !== ref);
                  return listOrUnset(on ? [...list, ref] : list);
                });
              }}
            />
            <label htmlFor={`${id}-${ref}`}>
              {labels.get(ref) ?? ref}
              {!labels.has(ref) && <span className="muted"> (not in the design)</span>}
            </label>
          </li>
        ))}
      </ul>
    </FieldGroup>
  );
}

/** A list of choices from an enum (an Auto Scaling group's instance types): the chosen ones, and a select to add. */
function EnumListField(props: FieldProps) {
  const { name, schema, value, path, messages, onUpdateValue, region } = props;
  const id = idOf(props);
  const types = useTypeDetails(name, region);
  const choices = schema.items?.enum ?? [];
  const chosen = asList(value);
  const title = titleOf(name, schema);
  const options = choices
    .filter((c) => !chosen.some((v) => same(v, c)))
    .map((c) => ({ value: shown(c), label: shown(c), detail: types.detail(shown(c)) || undefined }));
  return (
    <FieldGroup
      id={id}
      legend={fieldLabel(name, schema)}
      hint={schema.description}
      messages={[...maxItemsMessage(schema, title, chosen.length), ...messagesAt(messages, path)]}
    >
      {chosen.length > 0 && (
        <ul className="field-list">
          {chosen.map((item, index) => (
            <li key={`${index}-${shown(item)}`}>
              <span className="field-list-value">{shown(item)}</span>
              {types.detail(shown(item)) && <span className="field-list-detail">{types.detail(shown(item))}</span>}
              <button
                type="button"
                className="button button-small"
                aria-label={`Remove ${shown(item)}`}
                onClick={() => onUpdateValue((current) => listOrUnset(asList(current).filter((_, i) => i !== index)))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {types.note && <p className="field-detail">{types.note}</p>}
      <div className="field">
        <label htmlFor={`${id}-add`}>Add to {title.toLowerCase()}</label>
        <SearchableSelect
          id={`${id}-add`}
          label={title}
          options={options}
          value={null}
          placeholder="Search"
          onChange={(picked) => {
            const choice = choices.find((c) => shown(c) === picked);
            if (choice !== undefined) onUpdateValue((current) => [...asList(current), choice]);
          }}
        />
      </div>
    </FieldGroup>
  );
}

/** A list of objects (a security group's rules): a small form for each, and buttons to add and remove them. */
function ObjectListField(props: FieldProps) {
  const { name, schema, value, path, messages, onUpdateValue, idBase, region } = props;
  const id = idOf(props);
  const items = asList(value);
  const itemSchema = schema.items ?? {};
  const title = titleOf(name, schema);
  const noun = singular(title);
  // Messages about an item as a whole, or about a key its form has no field for, are shown at the list.
  const own = messagesAt(messages, path, (rest) => {
    const [, key] = rest.split(".");
    return key === undefined || itemSchema.properties?.[key] === undefined;
  });
  return (
    <FieldGroup
      id={id}
      legend={fieldLabel(name, schema)}
      hint={schema.description}
      messages={[...maxItemsMessage(schema, title, items.length), ...own]}
    >
      {items.map((item, index) => (
        <fieldset key={index} className="field-item">
          <legend>
            {noun} {index + 1}
          </legend>
          <SchemaFields
            schema={itemSchema}
            values={asProps(item)}
            path={`${path}.${index}`}
            messages={messages}
            idBase={idBase}
            region={region}
            onUpdate={(update) =>
              onUpdateValue((current) => asList(current).map((old, i) => (i === index ? update(asProps(old)) : old)))
            }
          />
          <button
            type="button"
            className="button button-small"
            onClick={() => onUpdateValue((current) => listOrUnset(asList(current).filter((_, i) => i !== index)))}
          >
            Remove {noun.toLowerCase()} {index + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" className="button button-small" onClick={() => onUpdateValue((current) => [...asList(current), {}])}>
        Add {noun.toLowerCase()}
      </button>
    </FieldGroup>
  );
}

/** A list of free values (policy ARNs): one a line. */
function LinesField(props: FieldProps) {
  const { name, schema, value, path, messages, onUpdateValue } = props;
  const itemSchema = schema.items ?? {};
  const title = titleOf(name, schema);
  const lines = (text: string) =>
    text
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
  const check = (text: string) => {
    const list = lines(text);
    const count = maxItemsMessage(schema, title, list.length)[0];
    if (count) return count.message;
    for (const [index, line] of list.entries()) {
      const parsed = parseText(itemSchema, line, `Line ${index + 1}`);
      if (parsed.message) return parsed.message;
    }
    return null;
  };
  return (
    <TextField
      id={idOf(props)}
      label={fieldLabel(name, schema)}
      value={asList(value).map(shown).join("\n")}
      hint={schema.description ? `${schema.description} One a line.` : "One a line."}
      multiline
      check={check}
      messages={messagesAt(messages, path)}
      onCommit={(text) => {
        const parsed = lines(text).map((line) => parseText(itemSchema, line, title));
        if (parsed.some((p) => !p.ok)) return false;
        const next = listOrUnset(parsed.map((p) => p.value));
        if (!same(next, value === undefined ? undefined : asList(value))) onUpdateValue(() => next);
        return true;
      }}
    />
  );
}

/** A value the form has no control for: shown, to be changed in the design's JSON. */
function OtherField(props: FieldProps) {
  const { name, schema, value, path, messages } = props;
  const id = idOf(props);
  return (
    <FieldShell id={id} label={fieldLabel(name, schema)} hint={schema.description} messages={messagesAt(messages, path)}>
      {(aria) => (
        <output id={id} className="field-other" aria-describedby={aria.describedBy}>
          {value === undefined ? "Not set" : JSON.stringify(value)}
        </output>
      )}
    </FieldShell>
  );
}
