/** Comments on the design: read them (a pinned one names its component; click to select it), write one (pinned
 * to the selected component, or to nothing), delete your own. Pinned comments show as a count on their node. */

import { useReactFlow } from "@xyflow/react";
import { type FormEvent, useCallback, useEffect, useId, useState } from "react";

import { ApiError, designPath } from "../api";
import { useApi } from "../ApiContext";
import { ErrorAlert } from "../components/ErrorAlert";
import { RelativeTime } from "../components/RelativeTime";
import { useCurrentUser } from "../hooks/useCurrentUser";
import { useNow } from "../hooks/useNow";
import { useEditor, useEditorStore } from "./context";
import { useSession } from "./session";

export interface DesignComment {
  id: string;
  author: string | null;
  node: string;
  body: string;
  created_at: string;
}

export function commentsPath(designId: string): string {
  return `${designPath(designId)}comments/`;
}

export function CommentsPanel() {
  const client = useApi();
  const store = useEditorStore();
  const flow = useReactFlow();
  const { designId } = useSession();
  const me = useCurrentUser();
  const now = useNow();
  const ids = useId();
  const selected = useEditor((s) => s.nodes.find((n) => n.selected)?.id ?? "");
  const labels = useEditor((s) => Object.fromEntries(s.nodes.map((n) => [n.id, n.data.doc.label])));
  const [comments, setComments] = useState<DesignComment[]>([]);
  const [text, setText] = useState("");
  const [pin, setPin] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const show = useCallback(
    (list: DesignComment[]) => {
      setComments(list);
      const counts: Record<string, number> = {};
      for (const c of list) if (c.node) counts[c.node] = (counts[c.node] ?? 0) + 1;
      store.getState().annotate({ comments: counts });
    },
    [store],
  );

  useEffect(() => {
    const abort = new AbortController();
    client
      .request<DesignComment[]>("GET", commentsPath(designId), { signal: abort.signal })
      .then(show)
      .catch((reason: ApiError) => !abort.signal.aborted && setError(reason));
    return () => abort.abort();
  }, [client, designId, show]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const node = pin ? selected : "";
      const made = await client.request<DesignComment>("POST", commentsPath(designId), { body: { body: text, node } });
      show([...comments, made]);
      setText("");
      setError(null);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "error", String(reason)));
    }
  };

  const remove = async (id: string) => {
    try {
      await client.request<void>("DELETE", `${commentsPath(designId)}${encodeURIComponent(id)}/`);
      show(comments.filter((c) => c.id !== id));
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "error", String(reason)));
    }
  };

  const select = (node: string) => {
    store.getState().select({ nodes: [node] });
    void flow.fitView({ nodes: [{ id: node }], duration: 200, maxZoom: 1.2 });
  };

  return (
    <section className="comments-panel" aria-label="Comments">
      <ErrorAlert error={error} />
      {comments.length === 0 && <p className="muted">No comments yet.</p>}
      <ol className="comment-list" aria-label="Comments, oldest first">
        {comments.map((c) => (
          <li key={c.id} className="comment">
            <div className="comment-head">
              <strong>{c.author ?? "someone"}</strong> · <RelativeTime iso={c.created_at} now={now} />
              {c.node && (
                <>
                  {" "}
                  on{" "}
                  {labels[c.node] !== undefined ? (
                    <button type="button" className="link-button" onClick={() => select(c.node)}>
                      {labels[c.node]}
                    </button>
                  ) : (
                    <span className="muted">a removed component</span>
                  )}
                </>
              )}
            </div>
            <p className="comment-body">{c.body}</p>
            {me && c.author === me.username && (
              <button type="button" className="button button-small" onClick={() => void remove(c.id)} aria-label={`Delete your comment “${c.body.slice(0, 40)}”`}>
                Delete
              </button>
            )}
          </li>
        ))}
      </ol>
      <form className="comment-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={`${ids}-body`}>Comment</label>
        <textarea id={`${ids}-body`} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={4000} />
        <label className="check">
          <input type="checkbox" checked={pin && selected !== ""} disabled={selected === ""} onChange={(e) => setPin(e.target.checked)} />{" "}
          {selected ? `Pin it to ${labels[selected] ?? selected}` : "Select a component to pin the comment to it"}
        </label>
        <button type="submit" className="button button-small" disabled={!text.trim()}>
          Add comment
        </button>
      </form>
    </section>
  );
}
