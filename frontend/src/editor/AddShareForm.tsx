/** Sharing a design with one more person (by username or email) or team, as a viewer or an editor; sharing again
 * with someone who has a share changes its role. */

import { type FormEvent, useId, useState } from "react";

import type { ApiError } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import type { TeamsState } from "./ShareDialog";
import { shareName } from "./ShareList";
import { addShare, asApiError, namingFields, type Share, SHARE_ROLES, type ShareRole } from "./sharingApi";

const FIELDS = { user: "Username or email", team: "Team", role: "Role" };

interface AddShareFormProps {
  designId: string;
  teams: TeamsState;
  onShared: (share: Share) => void;
}

export function AddShareForm({ designId, teams, onShared }: AddShareFormProps) {
  const client = useApi();
  const ids = useId();
  const [withTeam, setWithTeam] = useState(false);
  const [user, setUser] = useState("");
  const [team, setTeam] = useState("");
  const [role, setRole] = useState<ShareRole>("viewer");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState("");

  const teamList = teams.teams ?? [];
  const chosenTeam = team || teamList[0]?.id || "";
  const errorId = `${ids}-error`;
  const invalid = (field: keyof typeof FIELDS) => (error?.fieldErrors(field).length ? true : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone("");
    try {
      const target = withTeam ? { team: chosenTeam } : { user: user.trim() };
      const share = await addShare(client, designId, target, role);
      onShared(share);
      setUser("");
      setDone(`Shared with ${shareName(share)} as ${share.role}.`);
    } catch (reason) {
      setError(asApiError(reason));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="share-form" onSubmit={(event) => void submit(event)} aria-label="Share with someone">
      <fieldset className="share-choice">
        <legend>Share with</legend>
        <label className="check">
          <input type="radio" name={`${ids}-with`} checked={!withTeam} onChange={() => setWithTeam(false)} /> A person
        </label>
        <label className="check">
          <input
            type="radio"
            name={`${ids}-with`}
            checked={withTeam}
            disabled={teamList.length === 0}
            onChange={() => setWithTeam(true)}
          />{" "}
          A team{teams.teams?.length === 0 && !teams.error ? " (you are in none)" : ""}
        </label>
      </fieldset>
      {withTeam ? (
        <div className="field">
          <label htmlFor={`${ids}-team`}>Team</label>
          <select
            id={`${ids}-team`}
            value={chosenTeam}
            onChange={(event) => setTeam(event.target.value)}
            aria-invalid={invalid("team")}
            aria-describedby={error ? errorId : undefined}
          >
            {teamList.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`${ids}-user`}>Username or email</label>
          <input
            id={`${ids}-user`}
            type="text"
            value={user}
            onChange={(event) => setUser(event.target.value)}
            autoComplete="off"
            aria-invalid={invalid("user")}
            aria-describedby={error ? errorId : undefined}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${ids}-role`}>Role</label>
        <select id={`${ids}-role`} value={role} onChange={(event) => setRole(event.target.value as ShareRole)} aria-describedby={`${ids}-role-hint`}>
          {SHARE_ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <p id={`${ids}-role-hint`} className="field-hint">
          A viewer can look, download and comment; an editor can also change the design.
        </p>
      </div>
      {teams.error && <ErrorAlert error={`Your teams could not be listed: ${teams.error.detail}`} />}
      <ErrorAlert error={error && namingFields(error, FIELDS)} id={errorId} />
      <p className="notice" role="status">
        {done}
      </p>
      <button type="submit" className="button button-primary" disabled={busy || (withTeam ? !chosenTeam : !user.trim())}>
        {busy ? "Sharing…" : "Share"}
      </button>
    </form>
  );
}
