import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { createApiClient } from "../api";
import { ApiProvider } from "../ApiContext";
import { ALICE, createFakeApi, makeDesign, makeTeam, member, problem, type FakeApi } from "../test/fakeApi";
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
    expect(server.requestsTo("GET", "/api/designs/").map((r) => r.url)).toContain("/api/designs/?scope=mine&page=1");
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
      expect.arrayContaining([
        "/api/designs/?scope=mine&page=1",
        "/api/designs/?scope=mine&page=2",
        "/api/designs/?scope=mine&page=3",
      ]),
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

/** The card of one of the two lists. */
function section(name: "Your designs" | "Shared with me"): HTMLElement {
  return screen.getByRole("region", { name });
}

/** The body rows of a list's table, each as its row header and cells' text. */
async function rowTexts(name: "Your designs" | "Shared with me"): Promise<string[][]> {
  const table = await screen.findByRole("table", { name });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => [
      within(row).getByRole("rowheader").textContent ?? "",
      ...within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent ?? ""),
    ]);
}

const PLATFORM = { id: "10000000-0000-4000-8000-00000000aaaa", name: "Platform" };

describe("team designs in Your designs", () => {
  it("shows each design's team, or Personal for the caller's own", async () => {
    useServer({
      designs: [
        makeDesign({ name: "Payments", owner: null, team: PLATFORM }),
        makeDesign({ name: "Sandbox" }),
      ],
    });
    render(<DesignsPage />);

    const [payments, sandbox] = await rowTexts("Your designs");
    expect(payments!.slice(0, 2)).toEqual(["Payments", "Platform"]);
    expect(sandbox!.slice(0, 2)).toEqual(["Sandbox", "Personal"]);
    const table = screen.getByRole("table", { name: "Your designs" });
    expect(within(table).getByRole("columnheader", { name: "Team" })).toBeInTheDocument();
  });

  it("lets a team's member rename and duplicate its designs, but not delete them", async () => {
    useServer({ designs: [makeDesign({ name: "Payments", owner: null, team: PLATFORM, role: "editor" })] });
    render(<DesignsPage />);

    expect(await screen.findByRole("button", { name: "Rename Payments" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Duplicate Payments" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete Payments" })).not.toBeInTheDocument();
  });
});

describe("the Shared with me list", () => {
  it("lists the designs shared with the caller, with their owner and the caller's role", async () => {
    useServer({
      designs: [makeDesign({ name: "Mine" })],
      sharedDesigns: [
        makeDesign({ name: "Bob's VPC", owner: "bob", role: "viewer" }),
        makeDesign({ name: "Payments", owner: null, team: PLATFORM, role: "editor" }),
      ],
    });
    render(<DesignsPage />);

    const rows = await rowTexts("Shared with me");
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ["Bob's VPC", "bob", "Viewer"],
      ["Payments", "Platform (team)", "Editor"],
    ]);
    const table = screen.getByRole("table", { name: "Shared with me" });
    expect(within(table).getByRole("columnheader", { name: "Owner" })).toBeInTheDocument();
    expect(within(table).getByRole("columnheader", { name: "Your role" })).toBeInTheDocument();
    expect(within(section("Shared with me")).getByText("2 designs in all")).toBeInTheDocument();
    // Each list is its own: the caller's design is not in it, nor are the shared ones in Your designs.
    expect(within(table).queryByText("Mine")).not.toBeInTheDocument();
    expect(within(screen.getByRole("table", { name: "Your designs" })).queryByText("Payments")).not.toBeInTheDocument();
    expect(server.requestsTo("GET", "/api/designs/").map((r) => r.url)).toEqual(
      expect.arrayContaining(["/api/designs/?scope=mine&page=1", "/api/designs/?scope=shared&page=1"]),
    );
  });

  it("says so when nothing is shared with the caller", async () => {
    useServer({ designs: [makeDesign({ name: "Mine" })] });
    render(<DesignsPage />);

    expect(await within(section("Shared with me")).findByText(/nothing is shared with you yet/i)).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Shared with me" })).not.toBeInTheDocument();
    expect(await screen.findByRole("table", { name: "Your designs" })).toBeInTheDocument();
  });

  it("offers a viewer duplicate and downloads, an editor rename too, and neither delete", async () => {
    useServer({
      sharedDesigns: [
        makeDesign({ name: "Read only", owner: "bob", role: "viewer" }),
        makeDesign({ name: "Writable", owner: "bob", role: "editor" }),
      ],
    });
    render(<DesignsPage />);
    const shared = within(await screen.findByRole("table", { name: "Shared with me" }));

    expect(shared.getByRole("button", { name: "Duplicate Read only" })).toBeInTheDocument();
    expect(shared.getByLabelText("Diagram options for Read only")).toBeInTheDocument();
    expect(shared.getByRole("link", { name: "Download CloudFormation template of Read only" })).toBeInTheDocument();
    expect(shared.queryByRole("button", { name: "Rename Read only" })).not.toBeInTheDocument();
    expect(shared.queryByRole("button", { name: "Delete Read only" })).not.toBeInTheDocument();

    expect(shared.getByRole("button", { name: "Rename Writable" })).toBeInTheDocument();
    expect(shared.getByRole("button", { name: "Duplicate Writable" })).toBeInTheDocument();
    expect(shared.queryByRole("button", { name: "Delete Writable" })).not.toBeInTheDocument();
  });

  it("pages through the shared designs apart from the caller's own", async () => {
    const user = userEvent.setup();
    useServer({
      designs: Array.from({ length: 3 }, (_, i) => makeDesign({ name: `Own ${i + 1}` })),
      sharedDesigns: Array.from({ length: 3 }, (_, i) => makeDesign({ name: `Shared ${i + 1}`, owner: "bob", role: "viewer" })),
      pageSize: 2,
    });
    render(<DesignsPage />);
    await screen.findByText("Shared 1");

    const sharedPages = within(section("Shared with me")).getByRole("navigation", { name: "Pagination" });
    await user.click(within(sharedPages).getByRole("button", { name: /next page/i }));

    expect(await screen.findByText("Shared 3")).toBeInTheDocument();
    expect(screen.queryByText("Shared 1")).not.toBeInTheDocument();
    expect(sharedPages).toHaveTextContent("Page 2 of 2");
    // Your designs stays on its first page.
    expect(screen.getByText("Own 1")).toBeInTheDocument();
    expect(within(section("Your designs")).getByRole("navigation", { name: "Pagination" })).toHaveTextContent("Page 1 of 2");
    expect(server.requestsTo("GET", "/api/designs/").map((r) => r.url)).toContain("/api/designs/?scope=shared&page=2");
  });

  it("puts the copy of a shared design at the top of Your designs", async () => {
    const user = userEvent.setup();
    useServer({
      designs: [makeDesign({ name: "Mine" })],
      sharedDesigns: [makeDesign({ name: "Bob's VPC", owner: "bob", role: "viewer" })],
    });
    render(<DesignsPage />);

    await user.click(await screen.findByRole("button", { name: "Duplicate Bob's VPC" }));

    await waitFor(async () => expect((await rowTexts("Your designs"))[0]![0]).toBe("Copy of Bob's VPC"));
    expect(listStatus()).toHaveTextContent("Duplicated “Bob's VPC” as “Copy of Bob's VPC”.");
    expect((await rowTexts("Shared with me")).map((row) => row[0])).toEqual(["Bob's VPC"]);
  });

  it("renames a design shared with the caller as an editor, saying so in its list", async () => {
    const user = userEvent.setup();
    useServer({ sharedDesigns: [makeDesign({ name: "Bob's VPC", owner: "bob", role: "editor" })] });
    render(<DesignsPage />);

    await user.click(await screen.findByRole("button", { name: "Rename Bob's VPC" }));
    const field = screen.getByRole("textbox", { name: "New name for Bob's VPC" });
    await user.clear(field);
    await user.type(field, "Shared VPC{Enter}");

    await waitFor(async () => expect((await rowTexts("Shared with me"))[0]![0]).toBe("Shared VPC"));
    expect(within(section("Shared with me")).getByRole("status")).toHaveTextContent("Renamed “Bob's VPC” to “Shared VPC”.");
  });

  it("shows the error of the shared list in its own card", async () => {
    useServer({ designs: [makeDesign({ name: "Mine" })] });
    server.failNext("GET", "/api/designs/?scope=shared&page=1", 500, "server_error", "The server failed to answer.");
    render(<DesignsPage />);

    expect(await within(section("Shared with me")).findByRole("alert")).toHaveTextContent("The server failed to answer.");
    expect(within(section("Shared with me")).getByRole("button", { name: "Try again" })).toBeInTheDocument();
    expect(await screen.findByText("Mine")).toBeInTheDocument();
    expect(within(section("Your designs")).queryByRole("alert")).not.toBeInTheDocument();
  });
});

describe("the new design's owner", () => {
  it("offers Me and each of the caller's teams, and sends the team chosen", async () => {
    const user = userEvent.setup();
    useServer({
      teams: [
        makeTeam({ id: PLATFORM.id, name: "Platform" }),
        makeTeam({ name: "Data", members: [member({ id: 3, username: "carol", email: "" }, "owner"), member(ALICE)] }),
      ],
    });
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);

    const owner = screen.getByRole("combobox", { name: "Owner" });
    expect(owner).toHaveValue("");
    await within(owner).findByRole("option", { name: "Data" });
    expect(within(owner).getAllByRole("option").map((o) => o.textContent)).toEqual(["Me", "Platform", "Data"]);

    await user.type(screen.getByRole("textbox", { name: "Design name" }), "Payments");
    await user.selectOptions(owner, "Platform");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    await waitFor(() => expect(openDesign).toHaveBeenCalledTimes(1));
    expect(server.requestsTo("POST", "/api/designs/")[0]!.body).toEqual({
      name: "Payments",
      region: "us-east-1",
      team: PLATFORM.id,
    });
    expect(server.designs[0]!.team).toEqual(PLATFORM);
  });

  it("sends the team with a design started from an example", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ id: PLATFORM.id, name: "Platform" })] });
    render(<DesignsPage openDesign={vi.fn()} />);

    const source = screen.getByRole("combobox", { name: "Start from" });
    await within(source).findByRole("option", { name: "Hybrid connectivity" });
    await user.selectOptions(source, "Hybrid connectivity");
    const owner = screen.getByRole("combobox", { name: "Owner" });
    await within(owner).findByRole("option", { name: "Platform" });
    await user.selectOptions(owner, "Platform");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    await waitFor(() => expect(server.requestsTo("POST")).toHaveLength(1));
    expect(server.requestsTo("POST")[0]!.body).toEqual({ example: "hybrid-connectivity", region: "us-east-1", team: PLATFORM.id });
  });

  it("sends no team for a design of the caller's own", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ id: PLATFORM.id, name: "Platform" })] });
    render(<DesignsPage openDesign={vi.fn()} />);
    await within(screen.getByRole("combobox", { name: "Owner" })).findByRole("option", { name: "Platform" });

    await user.type(screen.getByRole("textbox", { name: "Design name" }), "Sandbox");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    await waitFor(() => expect(server.requestsTo("POST")).toHaveLength(1));
    expect(server.requestsTo("POST")[0]!.body).toEqual({ name: "Sandbox", region: "us-east-1" });
  });

  it("marks the Owner field when the server refuses the team", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ id: PLATFORM.id, name: "Platform" })] });
    const message = "You are not a member of this team.";
    server.failNext("POST", "/api/designs/", 400, "invalid_request", message, [problem(message, "team")]);
    const openDesign = vi.fn();
    render(<DesignsPage openDesign={openDesign} />);
    const owner = screen.getByRole("combobox", { name: "Owner" });
    await within(owner).findByRole("option", { name: "Platform" });

    await user.type(screen.getByRole("textbox", { name: "Design name" }), "Payments");
    await user.selectOptions(owner, "Platform");
    await user.click(screen.getByRole("button", { name: "Create design" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(owner).toHaveAttribute("aria-invalid", "true");
    expect(owner).toHaveAccessibleDescription(message);
    expect(openDesign).not.toHaveBeenCalled();
  });

  it("still creates the caller's own designs when the teams cannot be loaded", async () => {
    useServer();
    server.failNext("GET", "/api/teams/", 500, "server_error", "The server failed to answer.");
    render(<DesignsPage openDesign={vi.fn()} />);

    expect(await screen.findByText(/Your teams could not be loaded/)).toBeInTheDocument();
    const owner = screen.getByRole("combobox", { name: "Owner" });
    expect(within(owner).getAllByRole("option").map((o) => o.textContent)).toEqual(["Me"]);
    expect(owner).toHaveAccessibleDescription(expect.stringContaining("Your teams could not be loaded"));
  });
});
