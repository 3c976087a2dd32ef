/** Who owns the design, in the Share dialog, and moving it: to a team the caller owns or runs (its owners and admins
 * then own it, its members edit it), or back to the caller alone. */

import { type FormEvent, useId, useState } from "react";

import type { ApiError, TeamRef } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import type { TeamsState } from "./ShareDialog";
import { asApiError, namingFields, transferDesign } from "./sharingApi";

/** The select's value for "me". */
const ME = "";

interface TransferDesignProps {
  designId: string;
  team: TeamRef | null;
  teams: TeamsState;
  onTransferred: (team: TeamRef | null) => void;
}

export function TransferDesign({ designId, team, teams, onTransferred }: TransferDesignProps) {
  const client = useApi();
  const ids = useId();
  const current = team?.id ?? ME;
  const [target, setTarget] = useState(current);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState("");
  // Only a team's owners and admins may move a design into it.
  const running = (teams.teams ?? []).filter((t) => t.role === "owner" || t.role === "admin");
  const choices = [...running.map((t) => ({ id: t.id, name: t.name }))];
  if (team && !choices.some((t) => t.id === team.id)) choices.unshift(team);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone("");
    try {
      const moved = await transferDesign(client, designId, target === ME ? null : target);
      onTransferred(moved.team);
      setDone(moved.team ? `It now belongs to team ${moved.team.name}.` : "It is now yours alone.");
    } catch (reason) {
      setError(asApiError(reason));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="share-section" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="share-section-title">
        Owner
      </h3>
      <p>{team ? `Belongs to team ${team.name}: its owners and admins manage it, its members edit it.` : "Belongs to you."}</p>
      <form className="share-transfer" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${ids}-target`}>Move to</label>
          <select id={`${ids}-target`} value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value={ME}>Me (my own design)</option>
            {choices.map((t) => (
              <option key={t.id} value={t.id}>
                Team {t.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={busy || target === current}>
          Move
        </button>
      </form>
      <ErrorAlert error={error && namingFields(error, { team: "Move to" })} />
      <p className="notice" role="status">
        {done}
      </p>
    </section>
  );
}
