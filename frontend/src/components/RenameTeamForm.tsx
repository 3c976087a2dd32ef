import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

import { ApiError, type Team } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "./ErrorAlert";

interface RenameTeamFormProps {
  team: Team;
  onRenamed: (team: Team, oldName: string) => void;
  /** Closes the form without saving (Escape or Cancel; also after saving the same name). */
  onCancel: () => void;
}

/** The team's name as a text field: Save (or Enter) sends it (PATCH {name}), Cancel (or Escape) puts it back. */
export function RenameTeamForm({ team, onRenamed, onCancel }: RenameTeamFormProps) {
  const client = useApi();
  const ids = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(team.name);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const errorId = `${ids}-error`;
  const invalid = error !== null && (typeof error === "string" || error.fieldErrors("name").length > 0);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Enter a name for the team.");
      return;
    }
    if (trimmed === team.name) {
      onCancel();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onRenamed(await client.renameTeam(team.id, trimmed), team.name);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason)));
      setSaving(false);
    }
  }

  function cancelOnEscape(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    onCancel();
  }

  return (
    <form className="rename-form team-rename-form" onSubmit={submit} aria-busy={saving}>
      <label className="visually-hidden" htmlFor={`${ids}-name`}>
        New name for {team.name}
      </label>
      <input
        ref={input}
        id={`${ids}-name`}
        type="text"
        name="name"
        required
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
