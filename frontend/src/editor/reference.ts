/** Reference data the inspector reads from the API once per page: the document's schema (the design settings and
 * a connection's usage) and the instance types of a region with their size and price. */

import { useEffect, useState } from "react";

import { type ApiClient, getDesignSchema, getInstanceTypes, type InstanceType } from "../api";
import { useApi } from "../ApiContext";
import type { JsonSchema } from "./types";

/** Answers already asked for, by client (a test's client does not see another's) and by request. */
const answers = new WeakMap<ApiClient, Map<string, Promise<unknown>>>();

function cached<T>(client: ApiClient, key: string, load: () => Promise<T>): Promise<T> {
  const byKey = answers.get(client) ?? new Map<string, Promise<unknown>>();
  answers.set(client, byKey);
  let answer = byKey.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = load();
    // A failure is not kept: the next panel to ask tries again.
    answer.catch(() => byKey.delete(key));
    byKey.set(key, answer);
  }
  return answer;
}

export type Loaded<T> = { status: "loading" } | { status: "done"; value: T } | { status: "failed"; message: string };

function useCached<T>(key: string | null, load: (client: ApiClient) => Promise<T>): Loaded<T> {
  const client = useApi();
  const [state, setState] = useState<{ key: string | null; loaded: Loaded<T> }>({ key, loaded: { status: "loading" } });
  useEffect(() => {
    if (key === null) return;
    let current = true;
    cached(client, key, () => load(client)).then(
      (value) => {
        if (current) setState({ key, loaded: { status: "done", value } });
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (current) setState({ key, loaded: { status: "failed", message } });
      },
    );
    return () => {
      current = false;
    };
    // The key names what `load` loads: a new closure for the same key is the same request.
  }, [client, key]);
  return state.key === key ? state.loaded : { status: "loading" };
}

/** The JSON Schema of a design document. */
export function useDesignSchema(): Loaded<JsonSchema> {
  return useCached("design-schema", (client) => getDesignSchema(client));
}

/** The instance types of `region` by name; null (asks nothing) when `region` is null. */
export function useInstanceTypes(region: string | null): Loaded<ReadonlyMap<string, InstanceType>> {
  return useCached(region === null ? null : `instance-types:${region}`, async (client) => {
    const types = await getInstanceTypes(client, region ?? "us-east-1");
    return new Map(types.map((t) => [t.instance_type, t]));
  });
}

/** The schema of a design's settings and of a connection's usage, out of the document's schema. */
export function settingsSchema(document: JsonSchema): JsonSchema | undefined {
  return document.properties?.settings;
}

export function edgeUsageSchema(document: JsonSchema): JsonSchema | undefined {
  return (document.properties?.edges?.items as JsonSchema | undefined)?.properties?.usage;
}

/** "2 vCPU · 4 GiB · $0.0416 an hour", as much of it as the price data knows. */
export function describeInstanceType(type: InstanceType | undefined): string {
  if (!type) return "";
  const parts: string[] = [];
  if (type.vcpu !== null) parts.push(`${type.vcpu} vCPU`);
  if (type.memory_gib !== null) parts.push(`${type.memory_gib} GiB`);
  if (type.hourly_usd !== null) parts.push(`$${type.hourly_usd} an hour`);
  return parts.join(" · ");
}
