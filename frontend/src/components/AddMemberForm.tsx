import { useId, useState, type FormEvent } from "react";

import { ApiError, type Team, type TeamMember, type TeamRole } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "./ErrorAlert";
import { TEAM_ROLE_LABELS, grantableRoles } from "./teamRoles";

interface AddMemberFormProps {
  team: Team;
  onAdded: (member: TeamMember) => void;
}

/** Adds a user to the team by username or email, with a role the caller may give (an admin cannot add owners). */
export function AddMemberForm({ team, onAdded }: AddMemberFormProps) {
  const client = useApi();
  const ids = useId();
  const roles = grantableRoles(team.role);
  const [user, setUser] = useState("");
  const [role, setRole] = useState<TeamRole>("member");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const errorId = `${ids}-error`;
  const userInvalid = error !== null && (typeof error === "string" || error.fieldErrors("user").length > 0);
  const roleInvalid = error instanceof ApiError && error.fieldErrors("role").length > 0;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = user.trim();
    if (!trimmed) {
      setError("Enter the username or email of the person to add.");
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const added = await client.addTeamMember(team.id, trimmed, role);
      setUser("");
      onAdded(added);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason)));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="team-form add-member-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${ids}-user`}>Username or email</label>
        <input
          id={`${ids}-user`}
          name="user"
          type="text"
          required
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. bob or bob@example.com"
          value={user}
          onChange={(event) => setUser(event.target.value)}
          aria-invalid={userInvalid || undefined}
          aria-describedby={userInvalid ? errorId : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-role`}>Role</label>
        <select
          id={`${ids}-role`}
          name="role"
          value={role}
          onChange={(event) => setRole(event.target.value as TeamRole)}
          aria-invalid={roleInvalid || undefined}
          aria-describedby={roleInvalid ? errorId : undefined}
        >
          {roles.map((option) => (
            <option key={option} value={option}>
              {TEAM_ROLE_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-submit">
        <button type="submit" className="button button-primary" disabled={submitting} aria-busy={submitting}>
          Add member
        </button>
      </div>
      <ErrorAlert error={error} id={errorId} />
    </form>
  );
}
