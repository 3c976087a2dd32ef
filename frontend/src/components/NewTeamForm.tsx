import { useId, useState, type FormEvent } from "react";

import { ApiError, type Team } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "./ErrorAlert";

interface NewTeamFormProps {
  onCreated: (team: Team) => void;
}

/** A new team, by name (POST /api/teams/); the caller becomes its owner. */
export function NewTeamForm({ onCreated }: NewTeamFormProps) {
  const client = useApi();
  const ids = useId();
  const [name, setName] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const errorId = `${ids}-error`;
  const nameInvalid = error !== null && (typeof error === "string" || error.fieldErrors("name").length > 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Enter a name for the team.");
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const team = await client.createTeam(trimmed);
      setName("");
      onCreated(team);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason)));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="team-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${ids}-name`}>Team name</label>
        <input
          id={`${ids}-name`}
          name="name"
          type="text"
          required
          autoComplete="off"
          placeholder="e.g. Platform"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={nameInvalid || undefined}
          aria-describedby={nameInvalid ? errorId : undefined}
        />
      </div>
      <div className="field field-submit">
        <button type="submit" className="button button-primary" disabled={submitting} aria-busy={submitting}>
          Create team
        </button>
      </div>
      <ErrorAlert error={error} id={errorId} />
    </form>
  );
}
