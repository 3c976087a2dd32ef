/**
 * The page a share link opens (/s/<token>/): the design, read-only, for anyone with the link, signed in or not. The
 * server let this browser session view the design when it served the page; GET /api/shared/<token>/ says which
 * design it is (and grants it again). Nobody is asked who they are (no /api/me/), and an answer saying "sign in"
 * does not send the visitor to the login page: this page's API client leaves them here.
 */

import "./sharing.css";

import { useEffect, useMemo, useState } from "react";

import { ApiError, createApiClient } from "../api";
import { ApiProvider, useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDateTime } from "../format";
import { EditorPage } from "./EditorPage";
import { asApiError, openSharedLink, type SharedLinkTarget } from "./sharingApi";

export const MISSING_LINK = "This link does not exist, was revoked or has expired.";

type LinkState =
  | { status: "opening" }
  | { status: "open"; target: SharedLinkTarget }
  | { status: "missing" }
  | { status: "failed"; error: ApiError };

export function SharedDesignPage({ token }: { token: string }) {
  // A visitor need not be signed in: nothing here sends them to the login page.
  const client = useMemo(() => createApiClient({ onNotAuthenticated: () => {} }), []);
  return (
    <ApiProvider client={client}>
      <SharedDesign token={token} />
    </ApiProvider>
  );
}

function SharedDesign({ token }: { token: string }) {
  const client = useApi();
  const [link, setLink] = useState<LinkState>({ status: "opening" });

  useEffect(() => {
    const abort = new AbortController();
    setLink({ status: "opening" });
    openSharedLink(client, token, abort.signal)
      .then((target) => setLink({ status: "open", target }))
      .catch((reason: unknown) => {
        if (abort.signal.aborted) return;
        const error = asApiError(reason);
        setLink(error.status === 404 ? { status: "missing" } : { status: "failed", error });
      });
    return () => abort.abort();
  }, [client, token]);

  return (
    <>
      <SharedHeader token={token} expiresAt={link.status === "open" ? link.target.expires_at : null} />
      {link.status === "open" ? (
        <main className="editor-page">
          <EditorPage designId={link.target.design} viaLink />
        </main>
      ) : (
        <main className="page shared-page-message">
          {link.status === "opening" && (
            <p className="loading" role="status">
              Opening the shared design…
            </p>
          )}
          {link.status === "missing" && (
            <section className="card" aria-labelledby="missing-link-title">
              <h2 id="missing-link-title" className="card-title">
                Link not found
              </h2>
              <p role="alert">{MISSING_LINK}</p>
              <p className="muted">Ask whoever shared it for a new one.</p>
            </section>
          )}
          {link.status === "failed" && <ErrorAlert error={link.error} />}
        </main>
      )}
    </>
  );
}

/** The page's own top bar: what this is, until when, and a way to sign in (and come back here). */
function SharedHeader({ token, expiresAt }: { token: string; expiresAt: string | null }) {
  const signIn = `/accounts/login/?next=${encodeURIComponent(`/s/${token}/`)}`;
  return (
    <header className="app-header shared-header">
      <h1 className="app-title">
        <span className="app-logo" aria-hidden="true">
          ▣
        </span>
        AWS Architecture Designer
      </h1>
      <div className="app-user">
        <span className="app-username">
          Shared design, read only{expiresAt ? ` (the link expires ${formatDateTime(expiresAt)})` : ""}
        </span>
        <a className="button button-header" href={signIn}>
          Sign in
        </a>
      </div>
    </header>
  );
}
