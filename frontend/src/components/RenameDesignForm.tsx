import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

import { ApiError, type DesignSummary, type SavedDesign } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "./ErrorAlert";
import { NAME_MAX_LENGTH } from "./NewDesignForm";

interface RenameDesignFormProps {
  design: DesignSummary;
  onRenamed: (design: SavedDesign, oldName: string) => void;
  /** Closes the form without saving (Escape or Cancel; also after saving the same name). */
  onCancel: () => void;
}

/** The design's name as a text field in its row: Enter saves it (PATCH {name}), Escape puts it back. */
export function RenameDesignForm({ design, onRenamed, onCancel }: RenameDesignFormProps) {
  const client = useApi();
  const ids = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(design.name);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const errorId = `${ids}-error`;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Enter a name for the design.");
      return;
    }
    if (trimmed === design.name) {
      onCancel();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      // The row's revision is the base: a revision saved since (in the editor, by someone else) is not renamed over.
      onRenamed(await client.renameDesign(design.id, trimmed, design.revision?.number ?? 0), design.name);
    } catch (reason) {
      if (reason instanceof ApiError && reason.conflict) {
        const { number, author } = reason.conflict.head;
        setError(
          `Revision ${number} was saved${author ? ` by ${author}` : ""} after this list was shown: reload the page to see it, then rename again.`,
        );
      } else {
        setError(reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason)));
      }
      setSaving(false);
    }
  }

  function cancelOnEscape(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    onCancel();
  }

  return (
    <form className="rename-form" onSubmit={submit} aria-busy={saving}>
      <input
        ref={input}
        type="text"
        name="name"
        aria-label={`New name for ${design.name}`}
        required
        maxLength={NAME_MAX_LENGTH}
        autoComplete="off"
        value={name}
        readOnly={saving}
        onChange={(event) => setName(event.target.value)}
        onKeyDown={cancelOnEscape}
        aria-invalid={error !== null || undefined}
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
