/**
 * For the tests of the new design dialog's blueprints: `blueprintApi` adds GET /api/blueprints/ and POST
 * /api/designs/ with `{blueprint, params, name?, team?}` to `createFakeApi` (everything else is its). Parameters are
 * checked as designer/blueprints/spec.py checks them (whole numbers in range, CIDR blocks of an allowed prefix,
 * choices, yes/no, no unknown names); a refused one answers 400 on "params.<name>", an unknown blueprint 400 on
 * "blueprint". Without `blueprints`, GET /api/blueprints/ answers 404, as a server without them does.
 */

import type { Blueprint, BlueprintParam, Problem, SavedDesign } from "../api";
import { createFakeApi, type FakeApiOptions, makeDesign, problem } from "./fakeApi";

const REGION: BlueprintParam = {
  name: "region",
  label: "Region",
  type: "choice",
  default: "us-east-1",
  help: "The AWS Region the design is deployed in.",
  options: ["us-east-1", "eu-west-1", "ap-south-1"],
};

export const VPC_PLAN: Blueprint = {
  name: "vpc-plan",
  title: "VPC plan",
  description: "A VPC's address range laid out per Availability Zone: public, private and database subnets.",
  parameters: [
    REGION,
    {
      name: "vpc_cidr",
      label: "VPC CIDR",
      type: "cidr",
      default: "10.0.0.0/16",
      help: "The VPC's IPv4 range. Keep it clear of your other networks.",
      minimum: 16,
      maximum: 28,
    },
    { name: "azs", label: "Availability Zones", type: "integer", default: 3, help: "How many zones to spread over.", minimum: 2, maximum: 6 },
    {
      name: "nat_gateways",
      label: "NAT gateways",
      type: "choice",
      default: "one-per-az",
      help: "How private subnets reach the internet.",
      options: ["one-per-az", "single", "none"],
    },
    { name: "database_subnets", label: "Database subnets", type: "boolean", default: true, help: "An isolated tier for databases." },
    { name: "flow_logs", label: "Flow logs", type: "boolean", default: false, help: "Record the VPC's traffic." },
  ],
};

export const SERVERLESS: Blueprint = {
  name: "serverless",
  title: "Serverless API",
  description: "An API on API Gateway and Lambda over DynamoDB, with uploads processed from a queue.",
  parameters: [
    REGION,
    {
      name: "monthly_requests",
      label: "Requests a month",
      type: "integer",
      default: 1_000_000,
      help: "The API's requests.",
      minimum: 1_000,
      maximum: 10_000_000_000,
    },
    { name: "owner_tag", label: "Owner tag", type: "string", default: "", help: "Tagged on every resource.", pattern: "[a-z-]*" },
  ],
};

export const BLUEPRINTS: Blueprint[] = [VPC_PLAN, SERVERLESS];

/** What the server says of one parameter's value, or null when it takes it (spec.py Param.read). */
function refusal(param: BlueprintParam, value: unknown): string | null {
  const { minimum: low, maximum: high, label } = param;
  const span = `from ${low?.toLocaleString("en-US")} to ${high?.toLocaleString("en-US")}`;
  switch (param.type) {
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return `${label} must be a whole number.`;
      if ((low !== undefined && value < low) || (high !== undefined && value > high)) return `${label} must be ${span}; ${value} is not.`;
      return null;
    case "cidr": {
      const match = typeof value === "string" ? /^(\d{1,3}\.){3}\d{1,3}\/(\d{1,2})$/.exec(value) : null;
      if (!match) return `“${String(value)}” is not an IPv4 CIDR block such as 10.0.0.0/16.`;
      const prefix = Number(match[2]);
      if ((low !== undefined && prefix < low) || (high !== undefined && prefix > high)) return `${label} must be ${span}; /${prefix} is not.`;
      return null;
    }
    case "choice":
      return typeof value === "string" && param.options?.includes(value)
        ? null
        : `${label} must be one of ${param.options?.join(", ")}; “${String(value)}” is not.`;
    case "boolean":
      return typeof value === "boolean" ? null : `${label} must be true or false.`;
    default:
      return typeof value === "string" ? null : `${label} must be text.`;
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function refused(errors: Problem[]): Response {
  const detail = errors.length === 1 ? errors[0]!.message : `The request has ${errors.length} problems.`;
  return json(400, { type: "invalid_request", detail, errors });
}

export interface BlueprintApiOptions extends FakeApiOptions {
  /** The blueprints GET /api/blueprints/ lists; left out, it answers 404. */
  blueprints?: Blueprint[];
}

export function blueprintApi(options: BlueprintApiOptions = {}) {
  const api = createFakeApi(options);
  const blueprints = options.blueprints;

  function create(data: Record<string, unknown>): Response {
    const blueprint = blueprints?.find((b) => b.name === data.blueprint);
    if (!blueprint) return refused([problem(`There is no blueprint “${String(data.blueprint)}”.`, "blueprint")]);
    const given = (data.params ?? {}) as Record<string, unknown>;
    const errors: Problem[] = [];
    for (const [key, value] of Object.entries(given)) {
      const param = blueprint.parameters.find((p) => p.name === key);
      const message = param ? refusal(param, value) : `The ${blueprint.name} blueprint has no parameter “${key}”.`;
      if (message) errors.push(problem(message, `params.${key}`));
    }
    let team: { id: string; name: string } | null = null;
    if (typeof data.team === "string") {
      const found = api.teams.find((t) => t.id === data.team);
      if (!found) errors.push(problem("You are not a member of this team.", "team"));
      else team = { id: found.id, name: found.name };
    }
    if (errors.length > 0) return refused(errors);
    const name = typeof data.name === "string" && data.name.trim() ? data.name.trim() : blueprint.title;
    const region = typeof given.region === "string" ? given.region : String(blueprint.parameters.find((p) => p.name === "region")?.default ?? "us-east-1");
    const design = makeDesign({ name, region, node_count: 18, ...(team ? { team, owner: null } : {}) });
    api.designs.unshift(design);
    const saved: SavedDesign = { ...design, document: { nodes: [], edges: [] }, warnings: [] };
    return json(201, saved);
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), "http://testserver");
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    const record = () => {
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, key) => {
        headers[key] = value;
      });
      api.requests.push({ method, url: url.pathname + url.search, headers, body });
    };
    if (url.pathname === "/api/blueprints/" && method === "GET" && blueprints) {
      record();
      return json(200, blueprints);
    }
    if (url.pathname === "/api/designs/" && method === "POST" && body?.blueprint !== undefined) {
      record();
      return create(body);
    }
    return api.fetch(input, init);
  };

  return { ...api, fetch };
}

export type BlueprintApi = ReturnType<typeof blueprintApi>;
