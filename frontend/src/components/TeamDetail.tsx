import { useEffect, useId, useRef, useState } from "react";

import { ApiError, type Team, type TeamMember, type TeamRole, type User } from "../api";
import { useApi } from "../ApiContext";
import { plural } from "../format";
import { useTeam } from "../hooks/useTeams";
import { AddMemberForm } from "./AddMemberForm";
import { ConfirmDialog } from "./ConfirmDialog";
import { ErrorAlert } from "./ErrorAlert";
import { RenameTeamForm } from "./RenameTeamForm";
import { TeamMembers } from "./TeamMembers";
import { TEAM_ROLE_HELP, TEAM_ROLE_LABELS, teamPermissions } from "./teamRoles";

function asApiError(reason: unknown): ApiError {
  return reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason));
}

/** "an admin", "a member", "an owner". */
function withArticle(role: TeamRole): string {
  const label = TEAM_ROLE_LABELS[role].toLowerCase();
  return `${/^[aeiou]/.test(label) ? "an" : "a"} ${label}`;
}

type Confirming = { kind: "delete" } | { kind: "leave" } | { kind: "remove"; member: TeamMember };

interface TeamDetailProps {
  teamId: string;
  /** The logged-in user (null until known). */
  me: User | null;
  /** Moves the focus to the team's name once it is shown (when the user opened it from the list). */
  focusOnLoad?: boolean;
  /** The team changed in a way its list shows (its name, its number of members, the caller's role). */
  onChanged: () => void;
  /** The caller is no longer a member. */
  onLeft: (team: Team) => void;
  onDeleted: (team: Team) => void;
  /** Goes back to the list alone. */
  onClose: () => void;
}

/**
 * One team: its name, the caller's role, its members, and what the caller's role allows: an owner does everything
 * (rename, delete, manage any member), an admin renames and manages admins and members, a member only leaves.
 */
export function TeamDetail({ teamId, me, focusOnLoad = false, onChanged, onLeft, onDeleted, onClose }: TeamDetailProps) {
  const client = useApi();
  const ids = useId();
  const headingId = `${ids}-heading`;
  const membersId = `${ids}-members`;
  const addId = `${ids}-add`;
  const { team, error, loading, reload } = useTeam(teamId);
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef<string | null>(null);
  const [notice, setNotice] = useState("");
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [rowError, setRowError] = useState<{ userId: number; error: ApiError } | null>(null);
  const [busyUserId, setBusyUserId] = useState<number | null>(null);
  const [renaming, setRenaming] = useState(false);
  const [working, setWorking] = useState(false);
  const [confirming, setConfirming] = useState<Confirming | null>(null);

  // Another team: nothing said about the last one applies.
  useEffect(() => {
    setNotice("");
    setActionError(null);
    setRowError(null);
    setRenaming(false);
    setConfirming(null);
  }, [teamId]);

  useEffect(() => {
    if (!focusOnLoad || team === null || focused.current === team.id) return;
    focused.current = team.id;
    heading.current?.focus();
  }, [focusOnLoad, team]);

  function say(text: string) {
    setActionError(null);
    setRowError(null);
    setNotice(text);
  }

  function changed() {
    reload();
    onChanged();
  }

  async function changeRole(member: TeamMember, role: TeamRole) {
    if (role === member.role) return;
    setRowError(null);
    setBusyUserId(member.user.id);
    try {
      await client.setTeamMemberRole(teamId, member.user.id, role);
      say(`${member.user.username} is now ${withArticle(role)}.`);
      changed();
    } catch (reason) {
      setRowError({ userId: member.user.id, error: asApiError(reason) });
    } finally {
      setBusyUserId(null);
    }
  }

  async function remove(member: TeamMember) {
    setConfirming(null);
    setRowError(null);
    setBusyUserId(member.user.id);
    try {
      await client.removeTeamMember(teamId, member.user.id);
      say(`Removed ${member.user.username} from the team.`);
      changed();
    } catch (reason) {
      setRowError({ userId: member.user.id, error: asApiError(reason) });
    } finally {
      setBusyUserId(null);
    }
  }

  async function leave(shown: Team) {
    setConfirming(null);
    if (me === null) return;
    setActionError(null);
    setWorking(true);
    try {
      await client.removeTeamMember(shown.id, me.id);
      onLeft(shown);
    } catch (reason) {
      setActionError(asApiError(reason));
      setWorking(false);
    }
  }

  async function destroy(shown: Team) {
    setConfirming(null);
    setActionError(null);
    setWorking(true);
    try {
      await client.deleteTeam(shown.id);
      onDeleted(shown);
    } catch (reason) {
      // 409 while the team still owns designs: the server says so.
      setActionError(asApiError(reason));
      setWorking(false);
    }
  }

  if (team === null) {
    return (
      <section className="card team-detail" aria-labelledby={headingId} aria-busy={loading}>
        <h2 id={headingId} className="card-title">
          Team
        </h2>
        {loading && <p className="muted">Loading the team…</p>}
        <ErrorAlert error={error} />
        {error?.status === 404 && (
          <p className="muted">This team does not exist, or you are not one of its members.</p>
        )}
        {error && error.status !== 404 && !error.notAuthenticated && (
          <button type="button" className="button" onClick={reload}>
            Try again
          </button>
        )}
        {error && (
          <p>
            <button type="button" className="button-link" onClick={onClose}>
              Back to your teams
            </button>
          </p>
        )}
      </section>
    );
  }

  const can = teamPermissions(team.role);

  return (
    <section className="card team-detail" aria-labelledby={headingId} aria-busy={loading}>
      <div className="card-header">
        <h2 id={headingId} ref={heading} tabIndex={-1} className="card-title team-title">
          {team.name}
        </h2>
        <p className="notice" role="status">
          {notice}
        </p>
      </div>
      {renaming && (
        <RenameTeamForm
          team={team}
          onCancel={() => setRenaming(false)}
          onRenamed={(renamed, oldName) => {
            setRenaming(false);
            say(`Renamed “${oldName}” to “${renamed.name}”.`);
            changed();
          }}
        />
      )}
      <p className="team-summary">
        Your role: <strong>{TEAM_ROLE_LABELS[team.role]}</strong>
        <span className="muted"> · {plural(team.member_count, "member")}</span>
      </p>
      <p className="muted team-role-help">{TEAM_ROLE_HELP[team.role]}</p>

      <div className="team-actions">
        {can.rename && !renaming && (
          <button type="button" className="button" disabled={working} onClick={() => setRenaming(true)}>
            Rename team
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={working || me === null}
          onClick={() => setConfirming({ kind: "leave" })}
        >
          Leave team
        </button>
        {can.delete && (
          <button
            type="button"
            className="button button-danger team-delete"
            disabled={working}
            onClick={() => setConfirming({ kind: "delete" })}
          >
            Delete team
          </button>
        )}
      </div>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={error} />

      <h3 id={membersId} className="team-subtitle">
        Members
      </h3>
      <TeamMembers
        team={team}
        labelledBy={membersId}
        me={me?.id ?? null}
        busyUserId={busyUserId}
        rowError={rowError}
        onRoleChange={(member, role) => void changeRole(member, role)}
        onRemove={(member) => setConfirming({ kind: "remove", member })}
      />

      {can.addMembers && (
        <section className="team-add" aria-labelledby={addId}>
          <h3 id={addId} className="team-subtitle">
            Add a member
          </h3>
          <AddMemberForm
            team={team}
            onAdded={(member) => {
              say(`Added ${member.user.username} as ${withArticle(member.role)}.`);
              changed();
            }}
          />
        </section>
      )}

      {confirming?.kind === "delete" && (
        <ConfirmDialog
          title="Delete this team?"
          confirmLabel="Delete team"
          onConfirm={() => void destroy(team)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            “{team.name}” and its list of members will be deleted. This cannot be undone. A team that still owns
            designs cannot be deleted: move or delete them first.
          </p>
        </ConfirmDialog>
      )}
      {confirming?.kind === "leave" && (
        <ConfirmDialog
          title="Leave this team?"
          confirmLabel="Leave team"
          onConfirm={() => void leave(team)}
          onCancel={() => setConfirming(null)}
        >
          <p>You will no longer see “{team.name}” or its designs, unless someone adds you again.</p>
        </ConfirmDialog>
      )}
      {confirming?.kind === "remove" && (
        <ConfirmDialog
          title="Remove this member?"
          confirmLabel="Remove"
          onConfirm={() => void remove(confirming.member)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {confirming.member.user.username} will no longer see “{team.name}” or its designs, unless they are added
            again.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
