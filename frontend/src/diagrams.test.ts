import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ApiError, createApiClient, diagramPath, diagramsPath, type Diagram } from "./api";
import { DiagramError, POLL_INTERVAL_MS, RENDER_TIMEOUT_MS, renderDiagram, saveFile } from "./diagrams";

const DESIGN = "3f0c9a52-8b1e-4c7d-9a11-2b6e5d4c3b2a";
const ID = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";

function diagram(overrides: Partial<Diagram> = {}): Diagram {
  return {
    id: ID,
    url: `http://testserver/api/diagrams/${ID}/`,
    file_url: null,
    design: DESIGN,
    revision: 1,
    format: "png",
    layout: "auto",
    dpi: 96,
    costs: false,
    estimate: null,
    status: "queued",
    error: "",
    content_type: "image/png",
    size: 0,
    render_ms: null,
    created_at: "2025-03-01T12:00:00Z",
    started_at: null,
    finished_at: null,
    ...overrides,
  };
}

const DONE = diagram({
  status: "done",
  file_url: `http://testserver/api/diagrams/${ID}/file/`,
  size: 5120,
  render_ms: 840,
});

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("the diagram calls of the API client", () => {
  function setup(response: () => Response) {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => response());
    const client = createApiClient({ fetch, cookies: () => "csrftoken=tok-123", onNotAuthenticated: vi.fn() });
    const call = (index = 0) => {
      const [input, init] = fetch.mock.calls[index] ?? [];
      return { url: String(input), init: init ?? {}, headers: new Headers(init?.headers) };
    };
    return { client, call };
  }

  it("asks for a diagram by POSTing its options as JSON to the design's diagrams, with the CSRF token", async () => {
    const { client, call } = setup(() => jsonResponse(202, diagram({ format: "drawio", layout: "canvas" })));
    const answer = await client.requestDiagram(DESIGN, { format: "drawio", layout: "canvas" });

    expect(answer.status).toBe("queued");
    expect(answer.format).toBe("drawio");
    const { url, init, headers } = call();
    expect(url).toBe(`/api/designs/${DESIGN}/diagrams/`);
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(headers.get("X-CSRFToken")).toBe("tok-123");
    expect(headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(String(init.body))).toEqual({ format: "drawio", layout: "canvas" });
  });

  it("reads a diagram's status with a GET of its path", async () => {
    const { client, call } = setup(() => jsonResponse(200, DONE));
    await expect(client.getDiagram(ID)).resolves.toEqual(DONE);
    expect(call().url).toBe(`/api/diagrams/${ID}/`);
    expect(call().init.method).toBe("GET");
    expect(call().headers.has("X-CSRFToken")).toBe(false);
  });

  it("turns a refused option into an ApiError about its field", async () => {
    const message = '"gif" is not a diagram format; use one of png, svg, pdf, drawio, py.';
    const body = {
      type: "invalid_request",
      detail: message,
      errors: [{ code: "invalid_choice", message, path: "$.format", node: null, edge: null, field: "format", severity: "error" }],
    };
    const { client } = setup(() => jsonResponse(400, body));
    const error = (await client.requestDiagram(DESIGN, { format: "gif" as never, layout: "auto" }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.detail).toBe(message);
    expect(error.fieldErrors("format")).toHaveLength(1);
  });

  it("encodes ids in the paths", () => {
    expect(diagramsPath("a/b")).toBe("/api/designs/a%2Fb/diagrams/");
    expect(diagramPath("c/d")).toBe("/api/diagrams/c%2Fd/");
  });
});

describe("following a render", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A client whose request answers `first` and whose status reads answer `then`, one by one (the last repeats). */
  function fakeClient(first: Diagram, ...then: Diagram[]) {
    return {
      requestDiagram: vi.fn(async () => first),
      getDiagram: vi.fn(async () => (then.length > 1 ? then.shift()! : then[0]!)),
    };
  }

  it("reads the status every half second until the diagram is done, and returns it", async () => {
    const client = fakeClient(diagram(), diagram({ status: "running" }), diagram({ status: "running" }), DONE);
    const statuses: string[] = [];
    const rendered = renderDiagram(client, DESIGN, { format: "png", layout: "auto" }, { onStatus: (d) => statuses.push(d.status) });

    await vi.advanceTimersByTimeAsync(0);
    expect(client.requestDiagram).toHaveBeenCalledWith(DESIGN, { format: "png", layout: "auto" }, undefined);
    expect(client.getDiagram).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS - 1);
    expect(client.getDiagram).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(client.getDiagram).toHaveBeenCalledTimes(1);
    expect(client.getDiagram).toHaveBeenCalledWith(ID, undefined);
    await vi.advanceTimersByTimeAsync(2 * POLL_INTERVAL_MS);

    await expect(rendered).resolves.toEqual(DONE);
    expect(client.getDiagram).toHaveBeenCalledTimes(3);
    expect(statuses).toEqual(["queued", "running", "running", "done"]);
  });

  it("returns at once, without polling, a diagram already done", async () => {
    const client = fakeClient(DONE);
    await expect(renderDiagram(client, DESIGN, { format: "png", layout: "auto" })).resolves.toEqual(DONE);
    expect(client.getDiagram).not.toHaveBeenCalled();
  });

  it("rejects with the server's reason when the render failed", async () => {
    const failed = diagram({ status: "failed", error: "Graphviz ran out of time after 135 s." });
    const client = fakeClient(diagram(), diagram({ status: "running" }), failed);
    const rendered = renderDiagram(client, DESIGN, { format: "pdf", layout: "canvas" }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5 * POLL_INTERVAL_MS);

    const error = (await rendered) as DiagramError;
    expect(error).toBeInstanceOf(DiagramError);
    expect(error.message).toBe("The diagram could not be rendered. Graphviz ran out of time after 135 s.");
    expect(error.timedOut).toBe(false);
    expect(error.diagram).toEqual(failed);
    expect(client.getDiagram).toHaveBeenCalledTimes(2);
  });

  it("gives up after two minutes of queued and running, and stops polling", async () => {
    const client = fakeClient(diagram(), diagram({ status: "running" }));
    const rendered = renderDiagram(client, DESIGN, { format: "png", layout: "auto" }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(RENDER_TIMEOUT_MS - POLL_INTERVAL_MS);
    expect(client.getDiagram.mock.calls.length).toBeGreaterThan(200);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS);

    const error = (await rendered) as DiagramError;
    expect(error).toBeInstanceOf(DiagramError);
    expect(error.timedOut).toBe(true);
    expect(error.message).toMatch(/^The diagram was still not ready after 2 minutes\./);
    const polls = client.getDiagram.mock.calls.length;
    expect(polls).toBe(RENDER_TIMEOUT_MS / POLL_INTERVAL_MS);
    await vi.advanceTimersByTimeAsync(10 * POLL_INTERVAL_MS);
    expect(client.getDiagram).toHaveBeenCalledTimes(polls);
  });

  it("stops polling as soon as it is aborted, rejecting with the abort", async () => {
    const client = fakeClient(diagram(), diagram({ status: "running" }));
    const controller = new AbortController();
    const rendered = renderDiagram(client, DESIGN, { format: "svg", layout: "auto" }, { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(2 * POLL_INTERVAL_MS);
    expect(client.getDiagram).toHaveBeenCalledTimes(2);
    expect(client.getDiagram).toHaveBeenLastCalledWith(ID, controller.signal);

    controller.abort();
    expect(((await rendered) as DOMException).name).toBe("AbortError");
    await vi.advanceTimersByTimeAsync(10 * POLL_INTERVAL_MS);
    expect(client.getDiagram).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes a refused request through as the API's error", async () => {
    const refused = new ApiError(404, "not_found", "Not found.");
    const client = { requestDiagram: vi.fn(async () => Promise.reject(refused)), getDiagram: vi.fn() };
    await expect(renderDiagram(client, DESIGN, { format: "png", layout: "auto" })).rejects.toBe(refused);
    expect(client.getDiagram).not.toHaveBeenCalled();
  });
});

describe("saving a file", () => {
  it("clicks a hidden download link to the URL and removes it again", () => {
    const clicked: { href: string; download: string | null; hidden: boolean }[] = [];
    const onClick = (event: MouseEvent) => {
      const link = event.target as HTMLAnchorElement;
      clicked.push({ href: link.href, download: link.getAttribute("download"), hidden: link.hidden });
      event.preventDefault(); // jsdom cannot navigate
    };
    document.addEventListener("click", onClick);
    try {
      saveFile(`http://localhost:3000/api/diagrams/${ID}/file/`);
    } finally {
      document.removeEventListener("click", onClick);
    }
    expect(clicked).toEqual([{ href: `http://localhost:3000/api/diagrams/${ID}/file/`, download: "", hidden: true }]);
    expect(document.querySelector("a")).toBeNull();
  });
});
