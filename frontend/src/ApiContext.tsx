import { createContext, useContext, type ReactNode } from "react";

import { api, type ApiClient } from "./api";

const ApiContext = createContext<ApiClient>(api);

/** Gives the components below a different API client (tests use one that does not navigate). */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  return useContext(ApiContext);
}
