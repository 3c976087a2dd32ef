/** Who a design is shared with, in the Share dialog: each person or team with their role (changed in place) and a
 * button to stop sharing with them, and the form sharing it with one more. */

import { useEffect, useId, useState } from "react";

import type { ApiError } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import { AddShareForm } from "./AddShareForm";
import type { TeamsState } from "./ShareDialog";
import {
  asApiError,
  changeShareRole,
  listShares,
  namingFields,
  removeShare,
  type Share,
  SHARE_ROLES,
  type ShareRole,
} from "./sharingApi";

/** "bob", or "team Platform". */
export function shareName(share: Share): string {
  if (share.user) return share.user.username;
  return share.team ? `team ${share.team.name}` : "someone";
}

/** The list with `share` in it: in its place when it was there (its role changed), else last. */
function withShare(list: Share[], share: Share): Share[] {
  return list.some((s) => s.id === share.id) ? list.map((s) => (s.id === share.id ? share : s)) : [...list, share];
}

interface ShareListProps {
  designId: string;
  teams: TeamsState;
  /** A share was made, changed or removed. */
  onChanged: () => void;
}

export function ShareList({ designId, teams, onChanged }: ShareListProps) {
  const client = useApi();
  const ids = useId();
  const [shares, setShares] = useState<Share[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    listShares(client, designId, abort.signal)
      .then(setShares)
      .catch((reason: unknown) => !abort.signal.aborted && setError(asApiError(reason)));
    return () => abort.abort();
  }, [client, designId]);

  async function apply(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged();
    } catch (reason) {
      setError(namingFields(asApiError(reason), { role: "Role" }));
    } finally {
      setBusy(false);
    }
  }

  const changeRole = (share: Share, role: ShareRole) =>
    apply(async () => {
      const updated = await changeShareRole(client, designId, share.id, role);
      setShares((list) => withShare(list ?? [], updated));
    });

  const remove = (share: Share) =>
    apply(async () => {
      await removeShare(client, designId, share.id);
      setShares((list) => (list ?? []).filter((s) => s.id !== share.id));
    });

  return (
    <section className="share-section" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="share-section-title">
        People and teams
      </h3>
      <ErrorAlert error={error} />
      {shares === null && !error && <p className="muted">Loading who it is shared with…</p>}
      {shares?.length === 0 && <p className="muted">Not shared with anyone yet: only its owners can open it.</p>}
      {shares && shares.length > 0 && (
        <ul className="share-list" aria-label="Shared with">
          {shares.map((share) => (
            <ShareRow
              key={share.id}
              share={share}
              busy={busy}
              onRole={(role) => void changeRole(share, role)}
              onRemove={() => void remove(share)}
            />
          ))}
        </ul>
      )}
      <AddShareForm
        designId={designId}
        teams={teams}
        onShared={(share) => {
          setShares((list) => withShare(list ?? [], share));
          onChanged();
        }}
      />
    </section>
  );
}

interface ShareRowProps {
  share: Share;
  busy: boolean;
  onRole: (role: ShareRole) => void;
  onRemove: () => void;
}

function ShareRow({ share, busy, onRole, onRemove }: ShareRowProps) {
  const id = useId();
  const name = shareName(share);
  return (
    <li className="share-row">
      <span className="share-who">
        <strong>{share.user ? share.user.username : share.team?.name}</strong>
        <span className="muted"> {share.user ? share.user.email : "(team)"}</span>
      </span>
      <label htmlFor={id} className="visually-hidden">
        Role of {name}
      </label>
      <select id={id} value={share.role} disabled={busy} onChange={(event) => onRole(event.target.value as ShareRole)}>
        {SHARE_ROLES.map((role) => (
          <option key={role.value} value={role.value}>
            {role.label}
          </option>
        ))}
      </select>
      <button type="button" className="button button-small button-danger" disabled={busy} onClick={onRemove} aria-label={`Stop sharing with ${name}`}>
        Remove
      </button>
    </li>
  );
}
