/** Who else has the open design in an editor: this page says it is here every few seconds and hears the others. */

import { useEffect, useState } from "react";

import { designPath } from "../api";
import { useApi } from "../ApiContext";

export interface Present {
  username: string;
  seen_seconds_ago: number;
}

/** How often the page says it is here (the server forgets someone silent for 30 s). */
export const HEARTBEAT_MS = 10_000;

export function usePresence(designId: string, everyMs = HEARTBEAT_MS): Present[] {
  const client = useApi();
  const [others, setOthers] = useState<Present[]>([]);
  useEffect(() => {
    const abort = new AbortController();
    const beat = () =>
      client
        .request<{ available: boolean; others: Present[] }>("POST", `${designPath(designId)}presence/`, {
          signal: abort.signal,
        })
        .then((answer) => setOthers(answer.others))
        .catch(() => undefined); // presence is a courtesy: a failed heartbeat changes nothing
    void beat();
    const timer = window.setInterval(() => void beat(), everyMs);
    return () => {
      abort.abort();
      window.clearInterval(timer);
    };
  }, [client, designId, everyMs]);
  return others;
}
