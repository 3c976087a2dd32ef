import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { createFakeApi, EXAMPLES, makeDesign, problem, type FakeApi } from "../test/fakeApi";
import { DesignsPage } from "./DesignsPage";

let server: FakeApi;

function useServer(options: Parameters<typeof createFakeApi>[0] = {}): FakeApi {
  server = createFakeApi(options);
  vi.stubGlobal("fetch", server.fetch);
  return server;
}

function listStatus(): HTMLElement {
  return within(screen.getByRole("region", { name: "Your designs" })).getByRole("status");
}

async function designRows(): Promise<HTMLElement[]> {
  const table = await screen.findByRole("table", { name: /your designs/i });
  return within(table).getAllByRole("row").slice(1);
}

async function topRowName(): Promise<string | null> {
  const [top] = await designRows();
  return within(top!).getByRole("rowheader").textContent;
}

beforeEach(() => {
  document.cookie = "csrftoken=cookie-token";
});

describe("starting a design from an example", () => {
  it("offers Blank design and every example, and starts from the chosen one in its region", async () => {
    const user = userEvent.setup();
    useServer();
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);

    const source = screen.getByRole("combobox", { name: "Start from" });
    expect(source).toHaveValue("");
    await within(source).findByRole("option", { name: "Serverless event-driven app" });
    expect(within(source).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Blank design",
      "Hybrid connectivity",
      "Serverless event-driven app",
    ]);
    expect(within(source).getByRole("group", { name: "Examples" })).toBeInTheDocument();

    await user.selectOptions(source, "Serverless event-driven app");
    // The example is drawn for eu-west-1: the region follows, and its description says what it is.
    expect(screen.getByRole("combobox", { name: "Region" })).toHaveValue("eu-west-1");
    expect(source).toHaveAccessibleDescription(expect.stringContaining("An order API on API Gateway"));
    expect(source).toHaveAccessibleDescription(expect.stringContaining("14 components"));
    const name = screen.getByRole("textbox", { name: "Design name" });
    expect(name).not.toBeRequired();
    expect(name).toHaveAttribute("placeholder", "Serverless event-driven app");

    await user.click(screen.getByRole("button", { name: "Create design" }));

    await waitFor(() => expect(openDesign).toHaveBeenCalledTimes(1));
    const posts = server.requestsTo("POST", "/api/designs/");
    expect(posts.map((r) => r.body)).toEqual([{ example: "serverless-event-driven", region: "eu-west-1" }]);
    expect(posts[0]!.headers["x-csrftoken"]).toBe("cookie-token");
    expect(openDesign).toHaveBeenCalledWith(server.designs[0]!.id);
    expect(server.designs[0]!.name).toBe("Serverless event-driven app");
    expect(listStatus()).toHaveTextContent("Created design “Serverless event-driven app”.");
  });

  it("sends the name and region chosen for the new design", async () => {
    const user = userEvent.setup();
    useServer();
    render(<DesignsPage openDesign={vi.fn()} />);
    const source = screen.getByRole("combobox", { name: "Start from" });
    await within(source).findByRole("option", { name: "Hybrid connectivity" });

    await user.selectOptions(source, "Hybrid connectivity");
    await user.type(screen.getByRole("textbox", { name: "Design name" }), "  Branch offices ");
    await user.selectOptions(screen.getByRole("combobox", { name: "Region" }), "ap-south-1");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    await waitFor(() => expect(server.requestsTo("POST")).toHaveLength(1));
    expect(server.requestsTo("POST")[0]!.body).toEqual({
      example: "hybrid-connectivity",
      name: "Branch offices",
      region: "ap-south-1",
    });
  });

  it("shows the API's refusal of an example and marks the choice", async () => {
    const user = userEvent.setup();
    useServer();
    const message = 'There is no example "hybrid-connectivity".';
    server.failNext("POST", "/api/designs/", 400, "invalid_request", message, [problem(message, "example")]);
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);
    const source = screen.getByRole("combobox", { name: "Start from" });
    await within(source).findByRole("option", { name: "Hybrid connectivity" });

    await user.selectOptions(source, "Hybrid connectivity");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(source).toHaveAttribute("aria-invalid", "true");
    expect(openDesign).not.toHaveBeenCalled();
  });

  it("still creates blank designs when the examples cannot be loaded", async () => {
    const user = userEvent.setup();
    useServer();
    server.failNext("GET", "/api/examples/", 500, "server_error", "The server failed to answer.");
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);

    expect(await screen.findByText(/The examples could not be loaded/)).toBeInTheDocument();
    const source = screen.getByRole("combobox", { name: "Start from" });
    expect(within(source).getAllByRole("option").map((o) => o.textContent)).toEqual(["Blank design"]);

    await user.type(screen.getByRole("textbox", { name: "Design name" }), "Plain");
    await user.click(screen.getByRole("button", { name: "Create design" }));
    await waitFor(() => expect(openDesign).toHaveBeenCalledTimes(1));
    expect(server.requestsTo("POST")[0]!.body).toEqual({ name: "Plain", region: "us-east-1" });
  });

  it("lists the examples the server has", async () => {
    useServer({ examples: [EXAMPLES[0]!] });
    render(<DesignsPage openDesign={vi.fn()} />);
    const source = screen.getByRole("combobox", { name: "Start from" });
    await within(source).findByRole("option", { name: "Hybrid connectivity" });
    expect(within(source).getAllByRole("option")).toHaveLength(2);
  });
});

describe("renaming a design", () => {
  it("edits the name in its row: Enter saves it, the list shows it and the focus returns to Rename", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Newer" }), makeDesign({ name: "Web shop" })] });
    render(<DesignsPage />);
    await screen.findByText("Web shop");
    const id = server.designs[1]!.id;

    await user.click(screen.getByRole("button", { name: "Rename Web shop" }));
    const field = screen.getByRole("textbox", { name: "New name for Web shop" });
    expect(field).toHaveFocus();
    expect(field).toHaveValue("Web shop");
    expect(field.closest("tr")).toBe((await designRows())[1]);

    await user.clear(field);
    await user.type(field, "  Storefront {Enter}");

    await waitFor(async () => expect(await topRowName()).toBe("Storefront"));
    const patches = server.requestsTo("PATCH");
    expect(patches.map((r) => [r.url, r.body])).toEqual([[`/api/designs/${id}/`, { name: "Storefront", base_revision: 1 }]]);
    expect(patches[0]!.headers["x-csrftoken"]).toBe("cookie-token");
    expect(listStatus()).toHaveTextContent("Renamed “Web shop” to “Storefront”.");
    expect(screen.queryByRole("textbox", { name: /new name for/i })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Rename Storefront" })).toHaveFocus());
    expect(screen.queryByText("Web shop")).not.toBeInTheDocument();
  });

  it("puts the name back on Escape, sending nothing", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Web shop" })] });
    render(<DesignsPage />);

    await user.click(await screen.findByRole("button", { name: "Rename Web shop" }));
    await user.type(screen.getByRole("textbox", { name: "New name for Web shop" }), " (old){Escape}");

    expect(screen.queryByRole("textbox", { name: /new name for/i })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Web shop" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Rename Web shop" })).toHaveFocus();
    expect(server.requestsTo("PATCH")).toHaveLength(0);
  });

  it("sends nothing for an unchanged name, and refuses an empty one", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Web shop" })] });
    render(<DesignsPage />);

    await user.click(await screen.findByRole("button", { name: "Rename Web shop" }));
    const field = screen.getByRole("textbox", { name: "New name for Web shop" });
    await user.clear(field);
    await user.type(field, "   {Enter}");
    expect(screen.getByRole("alert")).toHaveTextContent("Enter a name for the design.");
    expect(field).toHaveAttribute("aria-invalid", "true");

    await user.clear(field);
    await user.type(field, "Web shop{Enter}");
    expect(screen.queryByRole("textbox", { name: /new name for/i })).not.toBeInTheDocument();
    expect(server.requestsTo("PATCH")).toHaveLength(0);
  });

  it("shows the API's message in the row and keeps the field open when the rename is refused", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Web shop" })] });
    const message = "Ensure this field has no more than 200 characters.";
    server.failNext("PATCH", `/api/designs/${server.designs[0]!.id}/`, 400, "invalid_request", message, [
      problem(message, "name", "max_length"),
    ]);
    render(<DesignsPage />);

    await user.click(await screen.findByRole("button", { name: "Rename Web shop" }));
    const field = screen.getByRole("textbox", { name: "New name for Web shop" });
    await user.type(field, " again");
    await user.click(screen.getByRole("button", { name: "Save" }));

    const [row] = await designRows();
    expect(await within(row!).findByRole("alert")).toHaveTextContent(message);
    expect(field).toHaveValue("Web shop again");
    expect(field).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(server.designs[0]!.name).toBe("Web shop");
  });
});

describe("duplicating a design", () => {
  it("POSTs to its duplicate URL and shows the copy at the top of the list, staying on the page", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Web shop", node_count: 7 })] });
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);
    const id = server.designs[0]!.id;

    await user.click(await screen.findByRole("button", { name: "Duplicate Web shop" }));

    await waitFor(async () => expect(await topRowName()).toBe("Copy of Web shop"));
    const posts = server.requestsTo("POST");
    expect(posts.map((r) => r.url)).toEqual([`/api/designs/${id}/duplicate/`]);
    expect(posts[0]!.headers["x-csrftoken"]).toBe("cookie-token");
    expect(listStatus()).toHaveTextContent("Duplicated “Web shop” as “Copy of Web shop”.");
    expect(await designRows()).toHaveLength(2);
    const copy = screen.getByRole("link", { name: "Copy of Web shop" });
    expect(copy).toHaveAttribute("href", `/designs/${server.designs[0]!.id}/`);
    expect(openDesign).not.toHaveBeenCalled();
  });

  it("goes back to the first page to show a copy made on a later page", async () => {
    const user = userEvent.setup();
    useServer({ designs: Array.from({ length: 3 }, (_, i) => makeDesign({ name: `Old ${i + 1}` })), pageSize: 2 });
    render(<DesignsPage />);
    await user.click(await screen.findByRole("button", { name: /next page/i }));

    await user.click(await screen.findByRole("button", { name: "Duplicate Old 3" }));

    expect(await screen.findByText("Copy of Old 3")).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Pagination" })).toHaveTextContent("Page 1 of 2");
  });

  it("shows the API's message when the copy fails", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Gone" })] });
    server.failNext("POST", `/api/designs/${server.designs[0]!.id}/duplicate/`, 404, "not_found", "Not found.");
    render(<DesignsPage />);

    await user.click(await screen.findByRole("button", { name: "Duplicate Gone" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Not found.");
    expect(await designRows()).toHaveLength(1);
  });
});
