import { useEffect, useId, useState } from "react";

import { teamsPagePath, type Team } from "../api";
import { useCurrentUser } from "../hooks/useCurrentUser";
import { useTeams } from "../hooks/useTeams";
import "./designs.css";
import { ErrorAlert } from "./ErrorAlert";
import { NewTeamForm } from "./NewTeamForm";
import { TeamDetail } from "./TeamDetail";
import { TeamList } from "./TeamList";
import "./teams.css";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** The team a path shows (`/teams/<id>/`), or null (for `/teams/`, or any other page). */
export function teamInPath(path: string): string | null {
  const match = new RegExp(`^/teams/(${UUID})/?$`, "i").exec(path);
  return match ? match[1]!.toLowerCase() : null;
}

/** Whether a path is the teams page (`/teams/`) or one team's (`/teams/<id>/`). */
export function isTeamsPath(path: string): boolean {
  return /^\/teams\/?$/.test(path) || teamInPath(path) !== null;
}

/**
 * The teams page (`/teams/`): the caller's teams (name, their role, number of members) and a form for a new one
 * beside the team opened (`/teams/<id>/`, opened in place from the list), with its members and what the caller's
 * role lets them do to it.
 */
export function TeamsPage() {
  const headingId = useId();
  const newId = useId();
  const me = useCurrentUser();
  const { teams, error, loading, reload } = useTeams();
  const [openId, setOpenId] = useState<string | null>(() => teamInPath(window.location.pathname));
  const [openedHere, setOpenedHere] = useState(false);
  const [notice, setNotice] = useState("");

  // Back and Forward move between the teams opened.
  useEffect(() => {
    function moved() {
      setOpenedHere(false);
      setOpenId(teamInPath(window.location.pathname));
    }
    window.addEventListener("popstate", moved);
    return () => window.removeEventListener("popstate", moved);
  }, []);

  function open(id: string | null) {
    const path = teamsPagePath(id ?? undefined);
    if (window.location.pathname !== path) window.history.pushState(null, "", path);
    setOpenedHere(id !== null);
    setOpenId(id);
  }

  function created(team: Team) {
    setNotice(`Created team “${team.name}”. You are its owner.`);
    reload();
    open(team.id);
  }

  function gone(text: string) {
    setNotice(text);
    reload();
    open(null);
  }

  return (
    <div className="teams-layout">
      <div className="teams-column">
        <section className="card" aria-labelledby={headingId} aria-busy={loading}>
          <div className="card-header">
            <h2 id={headingId} className="card-title">
              Your teams
            </h2>
            <p className="notice" role="status">
              {notice}
            </p>
          </div>
          <ErrorAlert error={error} />
          {error && !error.notAuthenticated && (
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          )}
          {loading && teams.length === 0 && !error && <p className="muted">Loading teams…</p>}
          {!loading && !error && teams.length === 0 && (
            <p className="empty-state">You are not in any team yet. Create one below to share designs with others.</p>
          )}
          {teams.length > 0 && <TeamList teams={teams} labelledBy={headingId} openId={openId} onOpen={open} />}
        </section>

        <section className="card" aria-labelledby={newId}>
          <h2 id={newId} className="card-title">
            New team
          </h2>
          <NewTeamForm onCreated={created} />
        </section>
      </div>

      <div className="teams-column">
        {openId === null ? (
          <section className="card team-placeholder" aria-label="Team">
            <p className="muted">Open a team to see its members.</p>
          </section>
        ) : (
          <TeamDetail
            teamId={openId}
            me={me}
            focusOnLoad={openedHere}
            onChanged={reload}
            onLeft={(team) => gone(`You left “${team.name}”.`)}
            onDeleted={(team) => gone(`Deleted team “${team.name}”.`)}
            onClose={() => open(null)}
          />
        )}
      </div>
    </div>
  );
}
