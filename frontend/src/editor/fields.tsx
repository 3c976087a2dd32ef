/**
 * The pieces of the inspector's fields: a label with its hint and its messages (the browser's own check and the
 * server's, tied to the control by aria-describedby), and a text box that writes to the design when it is left
 * or Enter is pressed, so one edit is one step of undo rather than one a keystroke.
 */

import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";

export interface FieldMessage {
  message: string;
  severity: "error" | "warning";
}

export interface FieldAria {
  describedBy: string | undefined;
  invalid: boolean;
}

interface FieldShellProps {
  id: string;
  label: string;
  hint?: string | undefined;
  /** The browser's check of what is typed, shown before the server's messages. */
  check?: string | null | undefined;
  messages?: readonly FieldMessage[] | undefined;
  /** A checkbox: the label follows the box. */
  inline?: boolean;
  /** More about the value, below the control (an instance type's size and price). */
  detail?: ReactNode;
  children: (aria: FieldAria) => ReactNode;
}

export function FieldShell({ id, label, hint, check, messages = [], inline = false, detail, children }: FieldShellProps) {
  const all: FieldMessage[] = [...(check ? [{ message: check, severity: "error" as const }] : []), ...messages];
  const messagesId = `${id}-messages`;
  const hintId = `${id}-hint`;
  const detailId = `${id}-detail`;
  const describedBy = [all.length ? messagesId : null, detail ? detailId : null, hint ? hintId : null].filter(Boolean).join(" ");
  const aria = { describedBy: describedBy || undefined, invalid: all.some((m) => m.severity === "error") };
  return (
    <div className={`field inspector-field${aria.invalid ? " is-invalid" : ""}${inline ? " field-inline" : ""}`}>
      {inline ? (
        <div className="field-check">
          {children(aria)}
          <label htmlFor={id}>{label}</label>
        </div>
      ) : (
        <>
          <label htmlFor={id}>{label}</label>
          {children(aria)}
        </>
      )}
      {detail && (
        <p id={detailId} className="field-detail">
          {detail}
        </p>
      )}
      <FieldMessages id={messagesId} messages={all} />
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A field's messages, announced politely as they change (the server's answer comes a moment after typing). */
export function FieldMessages({ id, messages }: { id: string; messages: readonly FieldMessage[] }) {
  return (
    <div id={id} className="field-messages" aria-live="polite">
      {messages.map((m, i) => (
        <p key={`${i}-${m.message}`} className={`field-message field-${m.severity}`}>
          {m.severity === "warning" ? "Warning: " : ""}
          {m.message}
        </p>
      ))}
    </div>
  );
}

/**
 * What a text box shows while it is being edited, written with `commit` when it is left, on Enter, or when the
 * box goes away (another component selected). `commit` answers false to keep the text for correcting (a number
 * that is not one); the design is not changed then.
 */
export function useDraft(committed: string, commit: (text: string) => boolean) {
  const [draft, setDraft] = useState<string | null>(null);
  const pending = useRef<{ text: string; commit: (text: string) => boolean } | null>(null);
  useEffect(() => {
    pending.current = draft === null ? null : { text: draft, commit };
  });
  useEffect(
    () => () => {
      const last = pending.current;
      pending.current = null;
      if (last) last.commit(last.text);
    },
    [],
  );
  return {
    text: draft ?? committed,
    editing: draft !== null,
    change: (text: string) => setDraft(text),
    flush: () => {
      if (draft !== null && commit(draft)) setDraft(null);
    },
    revert: () => setDraft(null),
  };
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  /** Writes `text`; false keeps it in the box, unwritten. */
  onCommit: (text: string) => boolean;
  /** The browser's check of `text`: a sentence, or null when it looks right. */
  check?: (text: string) => string | null;
  messages?: readonly FieldMessage[] | undefined;
  hint?: string | undefined;
  placeholder?: string | undefined;
  multiline?: boolean;
  numeric?: boolean;
  detail?: ReactNode;
}

export function TextField(props: TextFieldProps) {
  const { id, label, value, onCommit, check, messages, hint, placeholder, multiline, numeric, detail } = props;
  const draft = useDraft(value, onCommit);
  const common = {
    id,
    value: draft.text,
    placeholder,
    onChange: (event: { target: { value: string } }) => draft.change(event.target.value),
    onBlur: draft.flush,
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && !multiline) {
      event.preventDefault();
      draft.flush();
    } else if (event.key === "Escape" && draft.editing) {
      event.stopPropagation();
      draft.revert();
    }
  };
  return (
    <FieldShell id={id} label={label} hint={hint} check={check?.(draft.text)} messages={messages} detail={detail}>
      {(aria) =>
        multiline ? (
          <textarea
            {...common}
            rows={3}
            onKeyDown={onKeyDown}
            aria-describedby={aria.describedBy}
            aria-invalid={aria.invalid || undefined}
          />
        ) : (
          <input
            {...common}
            type="text"
            inputMode={numeric ? "decimal" : undefined}
            autoComplete="off"
            onKeyDown={onKeyDown}
            aria-describedby={aria.describedBy}
            aria-invalid={aria.invalid || undefined}
          />
        )
      }
    </FieldShell>
  );
}

/** A group of controls (a list of subnets, the rules of a security group) under one legend. */
export function FieldGroup({
  id,
  legend,
  hint,
  messages = [],
  children,
}: {
  id: string;
  legend: string;
  hint?: string | undefined;
  messages?: readonly FieldMessage[];
  children: ReactNode;
}) {
  const messagesId = `${id}-messages`;
  const hintId = `${id}-hint`;
  const describedBy = [messages.length ? messagesId : null, hint ? hintId : null].filter(Boolean).join(" ");
  return (
    <fieldset
      id={id}
      className={`field-group${messages.some((m) => m.severity === "error") ? " is-invalid" : ""}`}
      aria-describedby={describedBy || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {children}
      <FieldMessages id={messagesId} messages={messages} />
    </fieldset>
  );
}
