import type { TeamRole } from "../api";

/** How a team role reads on the page. */
export const TEAM_ROLE_LABELS: Record<TeamRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

/** What each role may do in a team (the server's rules; the page only shows what the caller's role allows). */
export const TEAM_ROLE_HELP: Record<TeamRole, string> = {
  owner: "Owners manage everything, other owners too, and may delete the team.",
  admin: "Admins rename the team and manage its admins and members.",
  member: "Members work on the team's designs.",
};

/** The roles `caller` may give: an owner any, an admin admin or member, a member none. */
export function grantableRoles(caller: TeamRole): TeamRole[] {
  if (caller === "owner") return ["owner", "admin", "member"];
  if (caller === "admin") return ["admin", "member"];
  return [];
}

/** Whether `caller` may change the role of, or remove, a member whose role is `role` (only owners touch owners). */
export function canManageMember(caller: TeamRole, role: TeamRole): boolean {
  return caller === "owner" || (caller === "admin" && role !== "owner");
}

/** What the caller's role lets them do to the team itself. */
export function teamPermissions(caller: TeamRole) {
  return {
    rename: caller === "owner" || caller === "admin",
    addMembers: caller === "owner" || caller === "admin",
    delete: caller === "owner",
  };
}
