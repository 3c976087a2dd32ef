import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createApiClient, type Diagram, type DiagramStatus } from "../api";
import { ApiProvider } from "../ApiContext";
import { makeDesign } from "../test/fakeApi";
import { DesignTable } from "./DesignTable";
import { DiagramDownload } from "./DiagramDownload";

const DESIGN = "3f0c9a52-8b1e-4c7d-9a11-2b6e5d4c3b2a";
const ID = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
const FILE_URL = `http://localhost:3000/api/diagrams/${ID}/file/`;

interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

/**
 * A fake of the diagram endpoints: a POST answers a queued diagram with the options sent, and each status read
 * answers the next of `statuses` (the last one repeats). `refuse` answers the POST with that error body instead.
 */
function diagramServer(statuses: DiagramStatus[], { error = "", refuse }: { error?: string; refuse?: object } = {}) {
  const requests: Recorded[] = [];
  let options: Pick<Diagram, "format" | "layout"> = { format: "png", layout: "auto" };
  const answer = (status: DiagramStatus): Diagram => ({
    id: ID,
    url: `http://localhost:3000/api/diagrams/${ID}/`,
    file_url: status === "done" ? FILE_URL : null,
    design: DESIGN,
    revision: 1,
    ...options,
    dpi: 96,
    costs: false,
    estimate: null,
    status,
    error: status === "failed" ? error : "",
    content_type: "image/png",
    size: status === "done" ? 1234 : 0,
    render_ms: null,
    created_at: "2025-03-01T12:00:00Z",
    started_at: null,
    finished_at: null,
  });
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const path = String(input);
    requests.push({ method, path, body });
    if (method === "POST" && path === `/api/designs/${DESIGN}/diagrams/`) {
      if (refuse) return json(400, refuse);
      options = body as typeof options;
      return json(202, answer("queued"));
    }
    if (method === "GET" && path === `/api/diagrams/${ID}/`) {
      return json(200, answer(statuses.length > 1 ? statuses.shift()! : statuses[0]!));
    }
    return json(404, { type: "not_found", detail: "Not found.", errors: [] });
  });
  const client = createApiClient({ fetch, cookies: () => "csrftoken=tok", onNotAuthenticated: vi.fn() });
  return { client, requests, polls: () => requests.filter((r) => r.method === "GET").length };
}

/** The links the page clicked to download files (their navigation stopped: jsdom cannot navigate). */
let downloads: string[];
function recordDownload(event: MouseEvent) {
  const target = event.target;
  if (target instanceof HTMLAnchorElement && target.hasAttribute("download")) {
    downloads.push(target.href);
    event.preventDefault();
  }
}

beforeEach(() => {
  downloads = [];
  document.addEventListener("click", recordDownload);
});
afterEach(() => {
  document.removeEventListener("click", recordDownload);
});

function renderMenu(server: ReturnType<typeof diagramServer>, timing = { intervalMs: 5, timeoutMs: 2000 }) {
  return render(
    <ApiProvider client={server.client}>
      <DiagramDownload designId={DESIGN} designName="Three-tier web app" {...timing} />
    </ApiProvider>,
  );
}

async function openMenu() {
  const user = userEvent.setup();
  await user.click(screen.getByText("Diagram"));
  return user;
}

describe("the diagram menu", () => {
  it("is closed at first, and opens to a labelled format, layout and download button", async () => {
    renderMenu(diagramServer(["done"]));
    expect(screen.queryByRole("button", { name: /Download diagram/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(screen.getByText("Diagram").closest("summary")).toHaveAccessibleName("Diagram options for Three-tier web app");

    await openMenu();
    expect(screen.getByRole("button", { name: "Download diagram of Three-tier web app" })).toBeVisible();
    expect(screen.getByLabelText("Format")).toHaveValue("png");
    expect(screen.getByLabelText("Layout")).toHaveValue("auto");
    expect(within(screen.getByLabelText("Format")).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "PNG image",
      "SVG image",
      "PDF document",
      "draw.io file",
      "Python script",
    ]);
  });

  it("sends the chosen format and layout, shows Rendering… while it polls, then downloads the file", async () => {
    const server = diagramServer(["queued", "running", "running", "done"]);
    renderMenu(server, { intervalMs: 30, timeoutMs: 5000 });
    const user = await openMenu();
    await user.selectOptions(screen.getByLabelText("Format"), "draw.io file");
    await user.selectOptions(screen.getByLabelText("Layout"), "As on the canvas");
    await user.click(screen.getByRole("button", { name: "Download diagram of Three-tier web app" }));

    expect(await screen.findByRole("status")).toHaveTextContent("Rendering…");
    expect(screen.getByRole("button", { name: /Download diagram/ })).toHaveAttribute("aria-disabled", "true");
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Done: the download has started."));

    expect(server.requests[0]).toEqual({
      method: "POST",
      path: `/api/designs/${DESIGN}/diagrams/`,
      body: { format: "drawio", layout: "canvas" },
    });
    expect(server.polls()).toBe(4);
    expect(downloads).toEqual([FILE_URL]);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Download diagram/ })).toHaveAttribute("aria-disabled", "false");
  });

  it("does not ask twice while a diagram renders", async () => {
    const server = diagramServer(["running", "done"]);
    renderMenu(server, { intervalMs: 50, timeoutMs: 5000 });
    const user = await openMenu();
    const button = screen.getByRole("button", { name: /Download diagram/ });
    await user.click(button);
    await user.click(button);
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("shows the server's reason when the render failed, and downloads nothing", async () => {
    const server = diagramServer(["running", "failed"], { error: "Graphviz ran out of time after 135 s." });
    renderMenu(server);
    const user = await openMenu();
    await user.click(screen.getByRole("button", { name: /Download diagram/ }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The diagram could not be rendered. Graphviz ran out of time after 135 s.",
    );
    expect(screen.getByRole("status")).toBeEmptyDOMElement();
    expect(downloads).toEqual([]);
    // It can be asked for again (the server retries a failed render).
    expect(screen.getByRole("button", { name: /Download diagram/ })).toHaveAttribute("aria-disabled", "false");
  });

  it("opens itself to show a failure that ended after it was closed", async () => {
    const server = diagramServer(["running", "running", "failed"], { error: "The render failed." });
    renderMenu(server, { intervalMs: 40, timeoutMs: 5000 });
    const user = await openMenu();
    await user.click(screen.getByRole("button", { name: /Download diagram/ }));
    await user.click(screen.getByText("Diagram"));
    expect(screen.getByText("Diagram").closest("details")).not.toHaveAttribute("open");

    expect(await screen.findByRole("alert")).toHaveTextContent("The render failed.");
    expect(screen.getByText("Diagram").closest("details")).toHaveAttribute("open");
  });

  it("says so when the diagram is still not ready at the time limit, and stops polling", async () => {
    const server = diagramServer(["running"]);
    renderMenu(server, { intervalMs: 20, timeoutMs: 1000 });
    const user = await openMenu();
    await user.click(screen.getByRole("button", { name: /Download diagram/ }));

    const alert = await screen.findByRole("alert", {}, { timeout: 5000 });
    expect(alert).toHaveTextContent(/^The diagram was still not ready after 1 second\./);
    const polls = server.polls();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.polls()).toBe(polls);
    expect(downloads).toEqual([]);
  });

  it("shows the API's error when the request is refused", async () => {
    const message = '"png" is not a diagram format; use one of svg.';
    const refuse = {
      type: "invalid_request",
      detail: message,
      errors: [{ code: "invalid_choice", message, path: "$.format", node: null, edge: null, field: "format", severity: "error" }],
    };
    const server = diagramServer(["done"], { refuse });
    renderMenu(server);
    const user = await openMenu();
    await user.click(screen.getByRole("button", { name: /Download diagram/ }));

    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(server.polls()).toBe(0);
    expect(downloads).toEqual([]);
  });

  it("stops polling when it goes away", async () => {
    const server = diagramServer(["running"]);
    const { unmount } = renderMenu(server, { intervalMs: 5, timeoutMs: 5000 });
    const user = await openMenu();
    await user.click(screen.getByRole("button", { name: /Download diagram/ }));
    await waitFor(() => expect(server.polls()).toBeGreaterThan(1));

    unmount();
    const polls = server.polls();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.polls()).toBeLessThanOrEqual(polls + 1); // at most the read already on its way
    expect(downloads).toEqual([]);
  });

  it("closes on Escape, giving the focus back to its summary", async () => {
    renderMenu(diagramServer(["done"]));
    const user = await openMenu();
    await user.click(screen.getByLabelText("Format"));
    await user.keyboard("{Escape}");
    const summary = screen.getByText("Diagram");
    expect(summary.closest("details")).not.toHaveAttribute("open");
    expect(summary).toHaveFocus();
  });
});

describe("the designs table", () => {
  it("offers a diagram of each design that has a revision, after its CloudFormation link", () => {
    const designs = [makeDesign({ name: "Three-tier web app" }), makeDesign({ name: "Empty", revision: null })];
    render(
      <DesignTable
        designs={designs}
        labelledBy="x"
        busyId={null}
        onRenamed={vi.fn()}
        onDuplicate={vi.fn()}
        onDelete={vi.fn()}
      />,
    );

    const [first, second] = screen.getAllByRole("row").slice(1);
    const summary = within(first!).getByText("Diagram");
    expect(summary).toHaveAccessibleName("Diagram options for Three-tier web app");
    expect(summary.closest("details")?.previousElementSibling).toHaveAccessibleName(
      "Download CloudFormation template of Three-tier web app",
    );
    expect(within(second!).queryByText("Diagram")).not.toBeInTheDocument();
  });
});
