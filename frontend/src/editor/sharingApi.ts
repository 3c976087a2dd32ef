/**
 * Sharing a design: its shares with people and teams (/api/designs/{id}/shares/), its share links (.../links/), the
 * log of who shared what (.../share-log/), moving it to a team (.../transfer/), the caller's teams (/api/teams/),
 * and what a share link opens (/api/shared/<token>/). Each call takes the page's API client (`useApi()`), so a
 * test, or the share link's page, can give another.
 */

import { ApiError, type ApiClient, designPath, type Page, type SavedDesign, type TeamRef } from "../api";

type Requester = Pick<ApiClient, "request">;

/** The roles a share gives; "owner" is never given by a share. */
export type ShareRole = "viewer" | "editor";

export const SHARE_ROLES: { value: ShareRole; label: string }[] = [
  { value: "viewer", label: "Viewer" },
  { value: "editor", label: "Editor" },
];

export interface UserRef {
  id: number;
  username: string;
  email: string;
}

/** A design shared with one person or one team (exactly one of `user` and `team` is set). */
export interface Share {
  id: string | number;
  user: UserRef | null;
  team: TeamRef | null;
  role: ShareRole;
  created_by: string | null;
  created_at: string;
}

/** Who to share with: a username or an email, or a team's id. */
export type ShareTarget = { user: string } | { team: string };

/** A share link as listed (never with its token). */
export interface ShareLink {
  id: string | number;
  created_by: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  active: boolean;
  last_used_at: string | null;
}

/** The answer to a new link: the only time its token and page address are given. */
export interface NewShareLink extends ShareLink {
  token: string;
  url: string;
}

export type ShareAction = "shared" | "role_changed" | "unshared" | "link_created" | "link_revoked" | "transferred";

export interface ShareLogEntry {
  id: string | number;
  action: ShareAction;
  actor: string | null;
  subject: string;
  role: string;
  created_at: string;
  /** One sentence: "alice shared it with bob as viewer." */
  summary: string;
}

/** What a share link opens (GET /api/shared/<token>/). */
export interface SharedLinkTarget {
  design: string;
  name: string;
  expires_at: string | null;
}

function part(id: string | number): string {
  return encodeURIComponent(String(id));
}

export function sharesPath(designId: string): string {
  return `${designPath(designId)}shares/`;
}

export function linksPath(designId: string): string {
  return `${designPath(designId)}links/`;
}

export function listShares(client: Requester, designId: string, signal?: AbortSignal) {
  return client.request<Share[]>("GET", sharesPath(designId), { signal });
}

/** Shares the design with a person or a team; one who has a share already has its role changed instead. */
export function addShare(client: Requester, designId: string, target: ShareTarget, role: ShareRole) {
  return client.request<Share>("POST", sharesPath(designId), { body: { ...target, role } });
}

export function changeShareRole(client: Requester, designId: string, shareId: Share["id"], role: ShareRole) {
  return client.request<Share>("PATCH", `${sharesPath(designId)}${part(shareId)}/`, { body: { role } });
}

export function removeShare(client: Requester, designId: string, shareId: Share["id"]) {
  return client.request<void>("DELETE", `${sharesPath(designId)}${part(shareId)}/`);
}

export function listLinks(client: Requester, designId: string, signal?: AbortSignal) {
  return client.request<ShareLink[]>("GET", linksPath(designId), { signal });
}

/** A new link, expiring at `expiresAt` (an ISO date and time in the future), or never (null). */
export function createLink(client: Requester, designId: string, expiresAt: string | null) {
  return client.request<NewShareLink>("POST", linksPath(designId), { body: { expires_at: expiresAt } });
}

/** Revokes a link: it opens nothing any more, and stays listed. */
export function revokeLink(client: Requester, designId: string, linkId: ShareLink["id"]) {
  return client.request<void>("DELETE", `${linksPath(designId)}${part(linkId)}/`);
}

/** A page of the log of the design's sharing, newest first. */
export function shareLog(client: Requester, designId: string, page = 1, signal?: AbortSignal) {
  return client.request<Page<ShareLogEntry>>("GET", `${designPath(designId)}share-log/?page=${page}`, { signal });
}

/** Moves the design to a team (the caller owns or runs it), or with null makes it the caller's own. */
export function transferDesign(client: Requester, designId: string, team: string | null) {
  return client.request<SavedDesign>("POST", `${designPath(designId)}transfer/`, { body: { team } });
}

/** The design a share link opens; answering it also lets this browser session view that design. */
export function openSharedLink(client: Requester, token: string, signal?: AbortSignal) {
  return client.request<SharedLinkTarget>("GET", `/api/shared/${encodeURIComponent(token)}/`, { signal });
}

/** How long a new link lasts, in days; null: until it is revoked. */
export const LINK_EXPIRY: { value: string; label: string; days: number | null }[] = [
  { value: "never", label: "Never", days: null },
  { value: "1", label: "In 1 day", days: 1 },
  { value: "7", label: "In 7 days", days: 7 },
  { value: "30", label: "In 30 days", days: 30 },
];

/** The `expires_at` of a link lasting `days` from `now` (null: never). */
export function expiresAt(days: number | null, now: Date = new Date()): string | null {
  return days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString();
}

/** Any failure as an ApiError. */
export function asApiError(reason: unknown): ApiError {
  return reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason));
}

/**
 * The error with its findings' fields called what the form calls them ("user" -> "Username or email"); a detail
 * that only repeats a field's finding is said with the field's name in front, so the alert always names it.
 */
export function namingFields(error: ApiError, labels: Record<string, string>): ApiError {
  const named = error.errors.map((p) => (p.field && labels[p.field] ? { ...p, field: labels[p.field]! } : p));
  const repeated = named.find((p) => p.field && p.message === error.detail);
  const detail = repeated ? `${repeated.field}: ${error.detail}` : error.detail;
  const rest = repeated ? named.filter((p) => p !== repeated) : named;
  return new ApiError(error.status, error.type, detail, rest, error.conflict);
}
