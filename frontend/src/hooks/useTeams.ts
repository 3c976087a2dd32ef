import { useCallback, useEffect, useState } from "react";

import { ApiError, type Team, type TeamSummary } from "../api";
import { useApi } from "../ApiContext";

function asApiError(reason: unknown): ApiError {
  return reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason));
}

export interface TeamsState {
  /** The caller's teams, in the server's order; empty until they arrive (or when they could not be loaded). */
  teams: TeamSummary[];
  loading: boolean;
  error: ApiError | null;
  /** Fetches them again (after a team was created, renamed, left...). */
  reload: () => void;
}

/** The caller's teams (GET /api/teams/), fetched once and again on `reload`. */
export function useTeams(): TeamsState {
  const client = useApi();
  const [teams, setTeams] = useState<TeamSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    client.listTeams(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setTeams(result);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(reason));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [client, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { teams, loading, error, reload };
}

export interface TeamState {
  /** The team with its members; null until it arrives, and while another team loads. */
  team: Team | null;
  loading: boolean;
  error: ApiError | null;
  /** Fetches it again; the team shown stays until the new answer arrives. */
  reload: () => void;
}

/** Team `id` with its members (GET /api/teams/{id}/), or nothing when `id` is null. */
export function useTeam(id: string | null): TeamState {
  const client = useApi();
  const [team, setTeam] = useState<Team | null>(null);
  const [loading, setLoading] = useState(id !== null);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    setError(null);
    if (id === null) {
      setTeam(null);
      setLoading(false);
      return undefined;
    }
    const controller = new AbortController();
    setLoading(true);
    // Another team's members must not show under this one's name while it loads.
    setTeam((shown) => (shown?.id === id ? shown : null));
    client.getTeam(id, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setTeam(result);
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        const failure = asApiError(reason);
        // Gone (or the caller is no longer a member): nothing to show. Otherwise what was shown stays, with the error.
        setTeam((shown) => (failure.status !== 404 && shown?.id === id ? shown : null));
        setError(failure);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [client, id, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { team, loading, error, reload };
}
