import { useEffect, useState } from "react";

import type { User } from "../api";
import { useApi } from "../ApiContext";

/** Who is logged in, or null until known. A failure leaves it null (an ended session redirects to login). */
export function useCurrentUser(): User | null {
  const client = useApi();
  const [user, setUser] = useState<User | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    client.me(controller.signal).then(
      (me) => {
        if (!controller.signal.aborted) setUser(me);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [client]);

  return user;
}
