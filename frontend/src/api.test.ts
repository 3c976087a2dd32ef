import { describe, expect, it, vi } from "vitest";

import {
  ApiError,
  LOGIN_URL,
  createApiClient,
  designPath,
  errorFromBody,
  templatePath,
  type ApiClientOptions,
} from "./api";
import { CONFLICT, CONFLICT_BODY } from "./test/conflict";

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A client over a fetch that always answers `response`, with the cookie `csrftoken=tok-123`. */
function setup(response: () => Response, options: ApiClientOptions = {}) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response());
  const onNotAuthenticated = vi.fn();
  const client = createApiClient({
    fetch,
    cookies: () => "sessionid=s; csrftoken=tok-123",
    onNotAuthenticated,
    ...options,
  });
  const call = (index = 0) => {
    const args = fetch.mock.calls[index];
    if (!args) throw new Error(`fetch was not called ${index + 1} times`);
    const [input, init] = args;
    return { url: String(input), init: init ?? {}, headers: new Headers(init?.headers) };
  };
  return { client, fetch, call, onNotAuthenticated };
}

const PAGE = { count: 0, next: null, previous: null, results: [] };
const VALIDATION = {
  type: "invalid_request",
  detail: "The request has 2 problems.",
  errors: [
    { code: "max_length", message: "Ensure this field has no more than 200 characters.", path: "$.name", node: null, edge: null, field: "name", severity: "error" },
    { code: "invalid_choice", message: "\"mars-1\" is not a valid choice.", path: "$.region", node: null, edge: null, field: "region", severity: "error" },
  ],
};

describe("the API client", () => {
  it("sends the CSRF token from the cookie on a POST, as JSON with same-origin credentials", async () => {
    const { client, call } = setup(() => jsonResponse(201, { id: "d1", name: "Web" }));
    await client.createDesign({ name: "Web", region: "eu-west-1" });

    const { url, init, headers } = call();
    expect(url).toBe("/api/designs/");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(headers.get("X-CSRFToken")).toBe("tok-123");
    expect(headers.get("Content-Type")).toBe("application/json");
    expect(headers.get("Accept")).toBe("application/json");
    expect(JSON.parse(String(init.body))).toEqual({ name: "Web", region: "eu-west-1" });
  });

  it("sends the CSRF token on a DELETE and reads the cookie at the time of the request", async () => {
    let cookie = "csrftoken=first";
    const { client, call } = setup(() => new Response(null, { status: 204 }), { cookies: () => cookie });
    await client.deleteDesign("d1");
    cookie = "csrftoken=rotated";
    await client.deleteDesign("d2");

    expect(call(0).init.method).toBe("DELETE");
    expect(call(0).headers.get("X-CSRFToken")).toBe("first");
    expect(call(1).headers.get("X-CSRFToken")).toBe("rotated");
  });

  it("sends no CSRF token and no body on a GET", async () => {
    const { client, call } = setup(() => jsonResponse(200, PAGE));
    await client.listDesigns("mine", 1);

    const { init, headers } = call();
    expect(init.method).toBe("GET");
    expect(headers.has("X-CSRFToken")).toBe(false);
    expect(headers.has("Content-Type")).toBe(false);
    expect(headers.get("Accept")).toBe("application/json");
    expect(init.credentials).toBe("same-origin");
    expect(init.body).toBeNull();
  });

  it("asks for the list and the page number in the query string and returns the parsed page", async () => {
    const body = { ...PAGE, count: 30, next: "http://x/api/designs/?page=3", results: [{ id: "a" }] };
    const { client, call } = setup(() => jsonResponse(200, body));
    await expect(client.listDesigns("shared", 2)).resolves.toEqual(body);
    expect(call().url).toBe("/api/designs/?scope=shared&page=2");
  });

  it("fetches the logged-in user from /api/me/", async () => {
    const { client, call } = setup(() => jsonResponse(200, { id: 7, username: "alice", email: "" }));
    await expect(client.me()).resolves.toEqual({ id: 7, username: "alice", email: "" });
    expect(call().url).toBe("/api/me/");
  });

  it("deletes by the design's path with its id encoded, and resolves to undefined on 204", async () => {
    const { client, call } = setup(() => new Response(null, { status: 204 }));
    await expect(client.deleteDesign("a/b")).resolves.toBeUndefined();
    expect(call().url).toBe("/api/designs/a%2Fb/");
  });

  it("imports a template: POSTs its text and name as JSON with the CSRF token, and returns the report", async () => {
    const report = { resources: 3, nodes: 2, edges: 1, kept_inside_nodes: 1, generic_nodes: [], not_understood: [] };
    const answer = { id: "d9", name: "Network", document: { nodes: [], edges: [] }, warnings: [], report };
    const { client, call } = setup(() => jsonResponse(201, answer));
    const template = "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Ref Cidr}\n";

    await expect(client.importTemplate(template, "Network")).resolves.toEqual(answer);

    const { url, init, headers } = call();
    expect(url).toBe("/api/designs/import/");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(headers.get("X-CSRFToken")).toBe("tok-123");
    expect(headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(String(init.body))).toEqual({ template, name: "Network" });
  });

  it("imports a template without a name, leaving the name to the server", async () => {
    const { client, call } = setup(() => jsonResponse(201, { id: "d9" }));
    await client.importTemplate('{"Resources": {}}');
    await client.importTemplate('{"Resources": {}}', "");
    expect(JSON.parse(String(call(0).init.body))).toEqual({ template: '{"Resources": {}}' });
    expect(JSON.parse(String(call(1).init.body))).toEqual({ template: '{"Resources": {}}' });
  });

  it("turns a refused template into an ApiError about the template field", async () => {
    const message = "not valid YAML at line 3, column 1: could not find expected ':'";
    const body = {
      type: "invalid_request",
      detail: message,
      errors: [
        { code: "invalid", message, path: "$.template", node: null, edge: null, field: "template", severity: "error" },
      ],
    };
    const { client } = setup(() => jsonResponse(400, body));
    const error = (await client.importTemplate("a: [").catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.detail).toBe(message);
    expect(error.fieldErrors("template").map((p) => p.path)).toEqual(["$.template"]);
  });

  it("turns an error answer into an ApiError with status, type, detail and errors", async () => {
    const { client, onNotAuthenticated } = setup(() => jsonResponse(400, VALIDATION));
    const error = await client.createDesign({ name: "x", region: "us-east-1" }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.type).toBe("invalid_request");
    expect(apiError.detail).toBe("The request has 2 problems.");
    expect(apiError.message).toBe("The request has 2 problems.");
    expect(apiError.errors).toHaveLength(2);
    expect(apiError.fieldErrors("name").map((p) => p.message)).toEqual([
      "Ensure this field has no more than 200 characters.",
    ]);
    expect(apiError.fieldErrors("region")[0]?.code).toBe("invalid_choice");
    expect(apiError.notAuthenticated).toBe(false);
    expect(onNotAuthenticated).not.toHaveBeenCalled();
  });

  it("gives a generic ApiError for an error answer that is not in the API's format", async () => {
    const { client } = setup(() => new Response("<h1>Bad Gateway</h1>", { status: 502, statusText: "Bad Gateway" }));
    const error = (await client.me().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.type).toBe("http_error");
    expect(error.detail).toBe("The server answered 502 Bad Gateway.");
    expect(error.errors).toEqual([]);
  });

  it("reports a request that got no answer as a network_error with status 0", async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const client = createApiClient({ fetch, cookies: () => "", onNotAuthenticated: vi.fn() });
    const error = (await client.listDesigns().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.type).toBe("network_error");
  });

  it("passes an abort through unchanged instead of reporting it as a failure", async () => {
    const controller = new AbortController();
    const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      init?.signal?.throwIfAborted();
      return jsonResponse(200, PAGE);
    });
    const client = createApiClient({ fetch, cookies: () => "", onNotAuthenticated: vi.fn() });
    controller.abort();
    const error = await client.listDesigns("mine", 1, controller.signal).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as DOMException).name).toBe("AbortError");
  });

  it("rejects a success whose body is not JSON", async () => {
    const { client } = setup(() => new Response("ok", { status: 200 }));
    const error = (await client.me().catch((e: unknown) => e)) as ApiError;
    expect(error.type).toBe("bad_response");
  });

  it("flags not_authenticated, calls the login redirect once, and still throws", async () => {
    const body = { type: "not_authenticated", detail: "Authentication credentials were not provided.", errors: [] };
    const { client, onNotAuthenticated } = setup(() => jsonResponse(401, body));

    const first = (await client.me().catch((e: unknown) => e)) as ApiError;
    expect(first).toBeInstanceOf(ApiError);
    expect(first.notAuthenticated).toBe(true);
    expect(onNotAuthenticated).toHaveBeenCalledTimes(1);

    await client.listDesigns().catch(() => undefined);
    expect(onNotAuthenticated).toHaveBeenCalledTimes(1);
  });

  it("treats a 403 of type not_authenticated as an ended session too", async () => {
    const body = { type: "not_authenticated", detail: "Authentication credentials were not provided.", errors: [] };
    const { client, onNotAuthenticated } = setup(() => jsonResponse(403, body));
    await client.deleteDesign("d1").catch(() => undefined);
    expect(onNotAuthenticated).toHaveBeenCalledTimes(1);
  });

  it("does not redirect for other 403 answers such as a CSRF failure", async () => {
    const body = { type: "permission_denied", detail: "CSRF Failed: CSRF token missing.", errors: [] };
    const { client, onNotAuthenticated } = setup(() => jsonResponse(403, body));
    const error = (await client.deleteDesign("d1").catch((e: unknown) => e)) as ApiError;
    expect(error.notAuthenticated).toBe(false);
    expect(error.detail).toBe("CSRF Failed: CSRF token missing.");
    expect(onNotAuthenticated).not.toHaveBeenCalled();
  });

  it("sends the browser to the login page by default when the session has ended", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, assign });
    const fetch = vi.fn(async () =>
      jsonResponse(401, { type: "not_authenticated", detail: "Authentication credentials were not provided.", errors: [] }),
    );
    const client = createApiClient({ fetch, cookies: () => "" });
    await client.me().catch(() => undefined);
    expect(assign).toHaveBeenCalledWith(LOGIN_URL);
    expect(LOGIN_URL).toBe("/accounts/login/?next=/");
  });
});

describe("paths", () => {
  it("gives a design's path and its CloudFormation template's, with the id encoded", () => {
    const id = "3f0c9a52-8b1e-4c7d-9a11-2b6e5d4c3b2a";
    expect(designPath(id)).toBe(`/api/designs/${id}/`);
    expect(templatePath(id)).toBe(`/api/designs/${id}/cloudformation.yaml`);
    expect(templatePath(id, "yaml")).toBe(`/api/designs/${id}/cloudformation.yaml`);
    expect(templatePath(id, "json")).toBe(`/api/designs/${id}/cloudformation.json`);
    expect(templatePath("a/b")).toBe("/api/designs/a%2Fb/cloudformation.yaml");
  });
});

describe("errorFromBody", () => {
  it("keeps only well-formed findings and defaults their missing parts", () => {
    const error = errorFromBody(400, {
      type: "invalid_design",
      detail: "The design has 1 problem.",
      errors: [{ message: "Subnet outside VPC.", node: "n1", severity: "warning" }, "junk", { code: "x" }],
    });
    expect(error.errors).toEqual([
      { code: "invalid", message: "Subnet outside VPC.", path: null, node: "n1", edge: null, field: null, severity: "warning" },
    ]);
  });

  it("falls back to a generic error when type or detail is missing", () => {
    const error = errorFromBody(500, { detail: "no type" });
    expect(error.type).toBe("http_error");
    expect(error.detail).toBe("The server answered 500.");
  });
});

describe("saving against a base revision", () => {
  it("sends the base revision with a save and with a rename", async () => {
    const { client, call } = setup(() => jsonResponse(200, { revision: { number: 5 } }));
    await client.saveDesign("d1", { nodes: [] }, 4, "note");
    expect(call(0).init.method).toBe("PUT");
    expect(JSON.parse(String(call(0).init.body))).toEqual({ document: { nodes: [] }, message: "note", base_revision: 4 });
    await client.renameDesign("d1", "New", 7);
    expect(call(1).init.method).toBe("PATCH");
    expect(JSON.parse(String(call(1).init.body))).toEqual({ name: "New", base_revision: 7 });
  });

  it("gives a 409's newer revision and its changes on the ApiError", async () => {
    const { client } = setup(() => jsonResponse(409, CONFLICT_BODY));
    const error = await client.saveDesign("d1", {}, 4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const conflict = error as ApiError;
    expect(conflict.status).toBe(409);
    expect(conflict.type).toBe("conflict");
    expect(conflict.conflict).toEqual(CONFLICT);
    expect(conflict.head?.number).toBe(5);
    expect(conflict.changes?.nodes.changed[0]?.changes?.[0]?.after).toBe("db.r6g.large");
  });

  it("carries no conflict for other answers, nor for a 409 without a head", () => {
    expect(errorFromBody(400, { ...CONFLICT_BODY, type: "invalid_request" }).conflict).toBeNull();
    expect(errorFromBody(409, { type: "conflict", detail: "x", errors: [] }).conflict).toBeNull();
  });
});
