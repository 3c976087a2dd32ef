import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { createApiClient } from "../api";
import { ApiProvider } from "../ApiContext";
import { createFakeApi, makeDesign, problem, type FakeApi } from "../test/fakeApi";
import { DesignsPage } from "./DesignsPage";

let server: FakeApi;

function useServer(options: Parameters<typeof createFakeApi>[0] = {}): FakeApi {
  server = createFakeApi(options);
  vi.stubGlobal("fetch", server.fetch);
  return server;
}

/** The status line of the designs list (the import card has its own). */
function listStatus(): HTMLElement {
  return within(screen.getByRole("region", { name: "Your designs" })).getByRole("status");
}

/** The rows of the designs table, without its header row. */
async function designRows(): Promise<HTMLElement[]> {
  const table = await screen.findByRole("table", { name: /your designs/i });
  return within(table).getAllByRole("row").slice(1);
}

beforeEach(() => {
  document.cookie = "csrftoken=cookie-token";
  vi.setSystemTime(new Date("2025-03-01T12:30:00Z"));
  return () => vi.useRealTimers();
});

describe("the designs list", () => {
  it("shows each design's name, region, counts, revision and when it was updated", async () => {
    useServer({
      designs: [
        makeDesign({ name: "Three-tier web app", region: "eu-west-2", node_count: 12, edge_count: 9, updated_at: "2025-03-01T12:25:00Z" }),
        makeDesign({ name: "Data lake", region: "ap-southeast-2", node_count: 1, edge_count: 0, revision: null, updated_at: "2025-02-28T10:00:00Z" }),
      ],
    });
    render(<DesignsPage />);

    const [first, second] = await designRows();
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    const firstRow = within(first!);
    expect(firstRow.getByRole("rowheader")).toHaveTextContent("Three-tier web app");
    expect(firstRow.getAllByRole("cell").map((cell) => cell.textContent)).toEqual(
      expect.arrayContaining(["eu-west-2", "12", "9", "1", "5 minutes ago"]),
    );
    expect(firstRow.getByRole("link", { name: "View JSON of Three-tier web app" })).toHaveAttribute(
      "href",
      `/api/designs/${server.designs[0]!.id}/`,
    );

    const secondRow = within(second!);
    expect(secondRow.getByRole("rowheader")).toHaveTextContent("Data lake");
    expect(secondRow.getByText("No revision")).toBeInTheDocument();
    expect(secondRow.getByText("yesterday")).toHaveAttribute("datetime", "2025-02-28T10:00:00Z");

    expect(screen.getByRole("heading", { name: "Your designs" })).toBeInTheDocument();
    expect(screen.getByText("2 designs in all")).toBeInTheDocument();
    expect(server.requestsTo("GET", "/api/designs/").map((r) => r.url)).toContain("/api/designs/?page=1");
  });

  it("links each design to its CloudFormation template, as a YAML download", async () => {
    useServer({ designs: [makeDesign({ name: "Three-tier web app" }), makeDesign({ name: "Data lake" })] });
    render(<DesignsPage />);

    const rows = await designRows();
    rows.forEach((row, index) => {
      const design = server.designs[index]!;
      const link = within(row).getByRole("link", { name: `Download CloudFormation template of ${design.name}` });
      expect(link).toHaveAttribute("href", `/api/designs/${design.id}/cloudformation.yaml`);
      expect(link).toHaveAttribute("download");
      expect(link).toHaveTextContent("CloudFormation");
      // Next to View JSON.
      expect(link.previousElementSibling).toHaveAccessibleName(`View JSON of ${design.name}`);
    });
  });

  it("shows an empty state when the user has no designs", async () => {
    useServer({ designs: [] });
    render(<DesignsPage />);

    expect(await screen.findByText(/you have no designs yet/i)).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Pagination" })).not.toBeInTheDocument();
  });

  it("shows no pagination when everything fits on one page", async () => {
    useServer({ designs: [makeDesign(), makeDesign()], pageSize: 2 });
    render(<DesignsPage />);

    await designRows();
    expect(screen.queryByRole("navigation", { name: "Pagination" })).not.toBeInTheDocument();
  });

  it("pages through the designs with Next page and Previous page", async () => {
    const user = userEvent.setup();
    useServer({ designs: Array.from({ length: 5 }, (_, i) => makeDesign({ name: `Design #${i + 1}` })), pageSize: 2 });
    render(<DesignsPage />);

    await screen.findByText("Design #1");
    const nav = screen.getByRole("navigation", { name: "Pagination" });
    expect(nav).toHaveTextContent("Page 1 of 3");
    expect(within(nav).getByRole("button", { name: /previous page/i })).toBeDisabled();

    await user.click(within(nav).getByRole("button", { name: /next page/i }));
    expect(await screen.findByText("Design #3")).toBeInTheDocument();
    expect(screen.queryByText("Design #1")).not.toBeInTheDocument();
    expect(nav).toHaveTextContent("Page 2 of 3");

    await user.click(within(nav).getByRole("button", { name: /next page/i }));
    expect(await screen.findByText("Design #5")).toBeInTheDocument();
    expect(nav).toHaveTextContent("Page 3 of 3");
    expect(within(nav).getByRole("button", { name: /next page/i })).toBeDisabled();

    await user.click(within(nav).getByRole("button", { name: /previous page/i }));
    expect(await screen.findByText("Design #3")).toBeInTheDocument();
    expect(server.requestsTo("GET", "/api/designs/").map((r) => r.url)).toEqual(
      expect.arrayContaining(["/api/designs/?page=1", "/api/designs/?page=2", "/api/designs/?page=3"]),
    );
  });

  it("shows the error when the list cannot be loaded, and loads it again on Try again", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Recovered" })] });
    server.failNext("GET", "/api/designs/", 500, "server_error", "The server failed to answer; the error has been logged.");
    render(<DesignsPage />);

    expect(await screen.findByRole("alert")).toHaveTextContent("The server failed to answer");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Recovered")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});

describe("creating a design", () => {
  it("POSTs the name and region and opens the new design in the editor", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Older design" })] });
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);
    await screen.findByText("Older design");

    const name = screen.getByRole("textbox", { name: "Design name" });
    const region = screen.getByRole("combobox", { name: "Region" });
    expect(region).toHaveValue("us-east-1");
    expect(name).toHaveAttribute("maxlength", "200");
    expect(within(region).getAllByRole("option")).toHaveLength(33);

    await user.type(name, "  Serverless API  ");
    await user.selectOptions(region, "eu-central-2");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    await waitFor(() => expect(openDesign).toHaveBeenCalledTimes(1));
    const posts = server.requestsTo("POST", "/api/designs/");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ name: "Serverless API", region: "eu-central-2" });
    expect(posts[0]!.headers["x-csrftoken"]).toBe("cookie-token");
    expect(openDesign).toHaveBeenCalledWith(server.designs[0]!.id);
    expect(server.designs[0]!.name).toBe("Serverless API");
    expect(listStatus()).toHaveTextContent("Created design “Serverless API”. Opening it in the editor…");
    expect(name).toHaveValue("");
    expect(region).toHaveValue("eu-central-2");
  });

  it("shows the API's validation messages and marks the fields they are about", async () => {
    const user = userEvent.setup();
    useServer();
    server.failNext("POST", "/api/designs/", 400, "invalid_request", "The request has 2 problems.", [
      problem("Ensure this field has no more than 200 characters.", "name", "max_length"),
      problem("\"us-east-1\" is not a valid choice.", "region", "invalid_choice"),
    ]);
    render(<DesignsPage />);
    await screen.findByText(/you have no designs yet/i);

    const name = screen.getByRole("textbox", { name: "Design name" });
    await user.type(name, "Too long, says the server");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The request has 2 problems.");
    expect(within(alert).getByText("Name: Ensure this field has no more than 200 characters.")).toBeInTheDocument();
    expect(within(alert).getByText("Region: \"us-east-1\" is not a valid choice.")).toBeInTheDocument();
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveAccessibleDescription(expect.stringContaining("The request has 2 problems."));
    expect(screen.getByRole("combobox", { name: "Region" })).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveValue("Too long, says the server");
    expect(screen.getByText(/you have no designs yet/i)).toBeInTheDocument();
  });

  it("shows a single validation message once, not twice", async () => {
    const user = userEvent.setup();
    useServer();
    const message = "Ensure this field has no more than 200 characters.";
    server.failNext("POST", "/api/designs/", 400, "invalid_request", message, [problem(message, "name", "max_length")]);
    render(<DesignsPage />);

    await user.type(await screen.findByRole("textbox", { name: "Design name" }), "x");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getAllByText(message)).toHaveLength(1);
    expect(within(alert).queryByRole("list")).not.toBeInTheDocument();
  });

  it("does not send a name made only of spaces", async () => {
    const user = userEvent.setup();
    useServer();
    render(<DesignsPage />);

    await user.type(await screen.findByRole("textbox", { name: "Design name" }), "   ");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Enter a name for the design.");
    expect(server.requestsTo("POST")).toHaveLength(0);
  });
});

/** Answers the delete confirmation dialog with its `button` ("Delete" or "Cancel"). */
async function answerConfirmation(user: ReturnType<typeof userEvent.setup>, button: "Delete" | "Cancel") {
  const dialog = await screen.findByRole("dialog", { name: "Delete this design?" });
  await user.click(within(dialog).getByRole("button", { name: button }));
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
}

describe("deleting a design", () => {
  it("asks for confirmation, sends DELETE with the CSRF token, and refreshes the list", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Keep me" }), makeDesign({ name: "Scratch" })] });
    render(<DesignsPage />);
    await screen.findByText("Scratch");
    const id = server.designs[1]!.id;

    await user.click(screen.getByRole("button", { name: "Delete Scratch" }));

    const dialog = screen.getByRole("dialog", { name: "Delete this design?" });
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining("“Scratch” and all its revisions"));
    expect(server.requestsTo("DELETE")).toHaveLength(0);
    await answerConfirmation(user, "Delete");
    await waitFor(() => expect(screen.queryByText("Scratch")).not.toBeInTheDocument());
    const deletes = server.requestsTo("DELETE");
    expect(deletes.map((r) => r.url)).toEqual([`/api/designs/${id}/`]);
    expect(deletes[0]!.headers["x-csrftoken"]).toBe("cookie-token");
    expect(screen.getByText("Keep me")).toBeInTheDocument();
    expect(listStatus()).toHaveTextContent("Deleted design “Scratch”.");
    // The list was fetched again after the delete.
    expect(server.requestsTo("GET", "/api/designs/").length).toBeGreaterThanOrEqual(2);
  });

  it("deletes nothing when the confirmation is cancelled, and gives the focus back to the Delete button", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Precious" })] });
    render(<DesignsPage />);

    const button = await screen.findByRole("button", { name: "Delete Precious" });
    await user.click(button);
    // Cancel is the safe default: it has the focus first.
    expect(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await answerConfirmation(user, "Cancel");

    expect(server.requestsTo("DELETE")).toHaveLength(0);
    expect(screen.getByText("Precious")).toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it("deletes nothing when the confirmation is dismissed with Escape", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Precious" })] });
    render(<DesignsPage />);

    await user.click(await screen.findByRole("button", { name: "Delete Precious" }));
    await user.keyboard("{Escape}");

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(server.requestsTo("DELETE")).toHaveLength(0);
    expect(screen.getByText("Precious")).toBeInTheDocument();
  });

  it("goes back a page after deleting the last design of the last page", async () => {
    const user = userEvent.setup();
    useServer({ designs: Array.from({ length: 3 }, (_, i) => makeDesign({ name: `D${i + 1}` })), pageSize: 2 });
    render(<DesignsPage />);
    await user.click(await screen.findByRole("button", { name: /next page/i }));

    await user.click(await screen.findByRole("button", { name: "Delete D3" }));
    await answerConfirmation(user, "Delete");

    expect(await screen.findByText("D1")).toBeInTheDocument();
    expect(screen.getByText("D2")).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Pagination" })).not.toBeInTheDocument();
  });

  it("shows the API's message when the delete fails", async () => {
    const user = userEvent.setup();
    useServer({ designs: [makeDesign({ name: "Locked" })] });
    const id = server.designs[0]!.id;
    server.failNext("DELETE", `/api/designs/${id}/`, 403, "permission_denied", "You do not have permission to perform this action.");
    render(<DesignsPage />);

    await user.click(await screen.findByRole("button", { name: "Delete Locked" }));
    await answerConfirmation(user, "Delete");

    expect(await screen.findByRole("alert")).toHaveTextContent("You do not have permission to perform this action.");
    expect(screen.getByText("Locked")).toBeInTheDocument();
  });
});

describe("an ended session", () => {
  it("sends the user to the login page when the list answers not_authenticated", async () => {
    useServer();
    server.failNext("GET", "/api/designs/", 401, "not_authenticated", "Authentication credentials were not provided.");
    const onNotAuthenticated = vi.fn();
    render(
      <ApiProvider client={createApiClient({ onNotAuthenticated })}>
        <DesignsPage />
      </ApiProvider>,
    );

    expect(await screen.findByRole("alert")).toHaveTextContent("Taking you to the login page");
    expect(onNotAuthenticated).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
  });
});
