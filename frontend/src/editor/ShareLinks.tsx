/**
 * A design's share links, in the Share dialog: anyone with one may view the design (read-only) until it expires or
 * is revoked. A new link's address is shown once, with a Copy button (the server keeps only a hash of it); the
 * links made before are listed with when they were made, when they expire and whether they still work.
 */

import { type FormEvent, useEffect, useId, useState } from "react";

import type { ApiError } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import { RelativeTime } from "../components/RelativeTime";
import { formatDateTime } from "../format";
import { useNow } from "../hooks/useNow";
import {
  asApiError,
  createLink,
  expiresAt,
  LINK_EXPIRY,
  listLinks,
  namingFields,
  type NewShareLink,
  revokeLink,
  type ShareLink,
} from "./sharingApi";

/** Newest first. */
function byNewest(links: ShareLink[]): ShareLink[] {
  return [...links].sort((a, b) => b.created_at.localeCompare(a.created_at));
}

/** "Active", "Revoked 2 hours ago", "Expired". */
function LinkState({ link, now }: { link: ShareLink; now: Date }) {
  if (link.revoked_at) {
    return (
      <span className="link-state is-revoked">
        Revoked <RelativeTime iso={link.revoked_at} now={now} />
      </span>
    );
  }
  if (!link.active) return <span className="link-state is-expired">Expired</span>;
  return <span className="link-state is-active">Active</span>;
}

interface ShareLinksProps {
  designId: string;
  /** A link was made or revoked. */
  onChanged: () => void;
}

export function ShareLinks({ designId, onChanged }: ShareLinksProps) {
  const client = useApi();
  const ids = useId();
  const now = useNow();
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [expiry, setExpiry] = useState(LINK_EXPIRY[0]!.value);
  const [created, setCreated] = useState<NewShareLink | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    listLinks(client, designId, abort.signal)
      .then((answer) => setLinks(byNewest(answer)))
      .catch((reason: unknown) => !abort.signal.aborted && setError(asApiError(reason)));
    return () => abort.abort();
  }, [client, designId]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const days = LINK_EXPIRY.find((e) => e.value === expiry)?.days ?? null;
      const link = await createLink(client, designId, expiresAt(days));
      setCreated(link);
      const { token: _token, url: _url, ...listed } = link;
      setLinks((list) => byNewest([listed, ...(list ?? [])]));
      onChanged();
    } catch (reason) {
      setError(asApiError(reason));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(link: ShareLink) {
    setBusy(true);
    setError(null);
    try {
      await revokeLink(client, designId, link.id);
      // As the server has it now: revoked, and when.
      setLinks(byNewest(await listLinks(client, designId)));
      onChanged();
    } catch (reason) {
      setError(asApiError(reason));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="share-section" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="share-section-title">
        Share links
      </h3>
      <p className="muted">Anyone with a link can view the design, without changing it, until the link expires or is revoked.</p>
      <form className="share-link-form" onSubmit={(event) => void create(event)}>
        <div className="field">
          <label htmlFor={`${ids}-expiry`}>Expires</label>
          <select id={`${ids}-expiry`} value={expiry} onChange={(event) => setExpiry(event.target.value)}>
            {LINK_EXPIRY.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={busy}>
          Create link
        </button>
      </form>
      <ErrorAlert error={error && namingFields(error, { expires_at: "Expires" })} />
      {created && <NewLink link={created} onDone={() => setCreated(null)} />}
      {links && links.length === 0 && <p className="muted">No link made yet.</p>}
      {links && links.length > 0 && (
        <ul className="share-links" aria-label="Links">
          {links.map((link) => {
            const made = formatDateTime(link.created_at);
            return (
              <li key={link.id} className="share-link" aria-label={`Link created ${made}`}>
                <span>
                  Created <RelativeTime iso={link.created_at} now={now} />
                  {link.created_by ? ` by ${link.created_by}` : ""}
                  {" · "}
                  {link.expires_at ? `expires ${formatDateTime(link.expires_at)}` : "never expires"}
                  {" · "}
                  <LinkState link={link} now={now} />
                </span>
                {link.active && !link.revoked_at && (
                  <button
                    type="button"
                    className="button button-small button-danger"
                    disabled={busy}
                    onClick={() => void revoke(link)}
                    aria-label={`Revoke the link created ${made}`}
                  >
                    Revoke
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The address of a link just made, shown this once, to copy. */
function NewLink({ link, onDone }: { link: NewShareLink; onDone: () => void }) {
  const ids = useId();
  const [copied, setCopied] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied("Copied.");
    } catch {
      setCopied("It could not be copied: select the address and copy it.");
    }
  }

  return (
    <div className="new-link" role="group" aria-labelledby={`${ids}-label`}>
      <label id={`${ids}-label`} htmlFor={`${ids}-url`}>
        New link
      </label>
      <div className="new-link-row">
        <input id={`${ids}-url`} type="text" value={link.url} readOnly onFocus={(event) => event.target.select()} aria-describedby={`${ids}-note`} />
        <button type="button" className="button button-small" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p id={`${ids}-note`} className="new-link-note">
        This address is shown only now: copy it before closing. Later, the link can be revoked but not shown again.
      </p>
      <p className="notice" role="status">
        {copied}
      </p>
      <button type="button" className="button button-small" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
