import type { MouseEvent } from "react";

import { teamsPagePath, type TeamSummary } from "../api";
import { TEAM_ROLE_LABELS } from "./teamRoles";

interface TeamListProps {
  teams: TeamSummary[];
  /** The id of the heading that names the table. */
  labelledBy: string;
  /** The team shown beside the list, if any. */
  openId: string | null;
  onOpen: (id: string) => void;
}

/** A click that asks for a new tab or window is left to the browser. */
function plainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/** The caller's teams: each one's name (which opens it), the caller's role in it and its number of members. */
export function TeamList({ teams, labelledBy, openId, onOpen }: TeamListProps) {
  return (
    <div className="table-wrap">
      <table className="design-table team-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Your role</th>
            <th scope="col" className="numeric">
              Members
            </th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id} className={team.id === openId ? "team-open" : undefined}>
              <th scope="row" className="design-name">
                <a
                  className="link"
                  href={teamsPagePath(team.id)}
                  aria-current={team.id === openId ? "true" : undefined}
                  onClick={(event) => {
                    if (!plainClick(event)) return;
                    event.preventDefault();
                    onOpen(team.id);
                  }}
                >
                  {team.name}
                </a>
              </th>
              <td>{TEAM_ROLE_LABELS[team.role]}</td>
              <td className="numeric">{team.member_count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
