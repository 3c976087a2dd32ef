import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

import { ApiError } from "../api";
import { ErrorAlert } from "./ErrorAlert";

export interface RenameFormProps<T> {
  /** The name now; saving it unchanged just closes the form. */
  current: string;
  /** What is renamed, for the messages: "design", "team". */
  what: string;
  /** Sends the new name; its answer goes to `onRenamed`. */
  rename: (name: string) => Promise<T>;
  onRenamed: (renamed: T, oldName: string) => void;
  /** Closes the form without saving (Escape or Cancel; also after saving the same name). */
  onCancel: () => void;
  /** Turns a failed rename into what the form shows (by default the API's error as it is). */
  explain?: (error: ApiError) => ApiError | string;
  className?: string;
  maxLength?: number;
}

/** A name as a text field: Save (or Enter) sends it, Cancel (or Escape) puts it back; the field is focused and
 * selected when the form opens, and an error shows under it. */
export function RenameForm<T>({ current, what, rename, onRenamed, onCancel, explain, className, maxLength }: RenameFormProps<T>) {
  const ids = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(current);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const errorId = `${ids}-error`;
  const invalid = error !== null && (typeof error === "string" || error.fieldErrors("name").length > 0 || !error.errors.length);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(`Enter a name for the ${what}.`);
      return;
    }
    if (trimmed === current) {
      onCancel();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onRenamed(await rename(trimmed), current);
    } catch (reason) {
      const failed = reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason));
      setError(explain ? explain(failed) : failed);
      setSaving(false);
    }
  }

  function cancelOnEscape(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    onCancel();
  }

  return (
    <form className={`rename-form${className ? ` ${className}` : ""}`} onSubmit={submit} aria-busy={saving}>
      <label className="visually-hidden" htmlFor={`${ids}-name`}>
        New name for {current}
      </label>
      <input
        ref={input}
        id={`${ids}-name`}
        type="text"
        name="name"
        required
        maxLength={maxLength}
        autoComplete="off"
        value={name}
        readOnly={saving}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={cancelOnEscape}
        aria-invalid={invalid || undefined}
        aria-describedby={error !== null ? errorId : undefined}
      />
      <button type="submit" className="button button-small" disabled={saving}>
        Save
      </button>
      <button type="button" className="button button-small" onClick={onCancel} disabled={saving}>
        Cancel
      </button>
      <ErrorAlert error={error} id={errorId} />
    </form>
  );
}
