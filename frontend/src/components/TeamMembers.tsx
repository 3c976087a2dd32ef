import { useId } from "react";

import type { ApiError, Team, TeamMember, TeamRole } from "../api";
import { useNow } from "../hooks/useNow";
import { ErrorAlert } from "./ErrorAlert";
import { RelativeTime } from "./RelativeTime";
import { TEAM_ROLE_LABELS, canManageMember, grantableRoles } from "./teamRoles";

interface TeamMembersProps {
  team: Team;
  /** The id of the heading that names the table. */
  labelledBy: string;
  /** The logged-in user's id (their own row has no controls: they leave the team instead); null until known. */
  me: number | null;
  /** The member whose role change or removal is under way, if any. */
  busyUserId: number | null;
  /** Why the last change to a member failed, shown in their row. */
  rowError: { userId: number; error: ApiError } | null;
  onRoleChange: (member: TeamMember, role: TeamRole) => void;
  /** Asks for the removal (the page confirms it first). */
  onRemove: (member: TeamMember) => void;
}

/** The team's members with their roles; the roles the caller may change are menus, with a Remove button beside. */
export function TeamMembers({ team, labelledBy, me, busyUserId, rowError, onRoleChange, onRemove }: TeamMembersProps) {
  const ids = useId();
  const now = useNow();
  return (
    <div className="table-wrap">
      <table className="design-table member-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {team.members.map((member) => {
            const { user } = member;
            const self = user.id === me;
            const manageable = !self && me !== null && canManageMember(team.role, member.role);
            const busy = busyUserId === user.id;
            const error = rowError?.userId === user.id ? rowError.error : null;
            const errorId = `${ids}-${user.id}-error`;
            const roles = grantableRoles(team.role);
            return (
              <tr key={user.id}>
                <th scope="row" className="member-name">
                  {user.username}
                  {self && <span className="muted"> (you)</span>}
                </th>
                <td className="member-email">{user.email || <span className="muted">—</span>}</td>
                <td>
                  {manageable ? (
                    <select
                      className="role-select"
                      aria-label={`Role of ${user.username}`}
                      value={member.role}
                      disabled={busy}
                      onChange={(event) => onRoleChange(member, event.target.value as TeamRole)}
                      aria-invalid={error !== null || undefined}
                      aria-describedby={error !== null ? errorId : undefined}
                    >
                      {(roles.includes(member.role) ? roles : [member.role, ...roles]).map((role) => (
                        <option key={role} value={role}>
                          {TEAM_ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className={`role-badge team-role-${member.role}`}>{TEAM_ROLE_LABELS[member.role]}</span>
                  )}
                </td>
                <td>
                  <RelativeTime iso={member.added_at} now={now} />
                </td>
                <td className="actions">
                  {manageable && (
                    <button
                      type="button"
                      className="button button-danger"
                      aria-label={`Remove ${user.username}`}
                      disabled={busy}
                      onClick={() => onRemove(member)}
                    >
                      Remove
                    </button>
                  )}
                  {error && <ErrorAlert error={error} id={errorId} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
