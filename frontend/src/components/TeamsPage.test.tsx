import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { User } from "../api";
import { ALICE, createFakeApi, makeDesign, makeTeam, member, problem, type FakeApi } from "../test/fakeApi";
import { TeamsPage, isTeamsPath, teamInPath } from "./TeamsPage";

const BOB: User = { id: 2, username: "bob", email: "bob@example.com" };
const CAROL: User = { id: 3, username: "carol", email: "carol@example.com" };
const DAVE: User = { id: 4, username: "dave", email: "dave@example.com" };

let server: FakeApi;

function useServer(options: Parameters<typeof createFakeApi>[0] = {}): FakeApi {
  server = createFakeApi({ users: [BOB, CAROL, DAVE], ...options });
  vi.stubGlobal("fetch", server.fetch);
  return server;
}

/** The card of the team opened (named by the team's name). */
async function teamCard(name: string): Promise<HTMLElement> {
  return screen.findByRole("region", { name });
}

/** The rows of a table, without its header row. */
function bodyRows(table: HTMLElement): HTMLElement[] {
  return within(table).getAllByRole("row").slice(1);
}

/** The row of the members table about `username` (waiting for it to be listed). */
async function memberRow(card: HTMLElement, username: string): Promise<HTMLElement> {
  return waitFor(() => {
    const table = within(card).getByRole("table", { name: "Members" });
    const row = bodyRows(table).find((r) => within(r).getByRole("rowheader").textContent?.startsWith(username));
    if (!row) throw new Error(`no member row for ${username}`);
    return row;
  });
}

/** Opens the team from the list, as a user would. */
async function openTeam(user: ReturnType<typeof userEvent.setup>, name: string): Promise<HTMLElement> {
  const list = await screen.findByRole("table", { name: "Your teams" });
  await user.click(within(list).getByRole("link", { name }));
  const card = await teamCard(name);
  await within(card).findByRole("table", { name: "Members" });
  return card;
}

async function answerDialog(user: ReturnType<typeof userEvent.setup>, title: string, button: string) {
  const dialog = await screen.findByRole("dialog", { name: title });
  await user.click(within(dialog).getByRole("button", { name: button }));
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
}

function teamsStatus(): HTMLElement {
  return within(screen.getByRole("region", { name: "Your teams" })).getByRole("status");
}

beforeEach(() => {
  document.cookie = "csrftoken=cookie-token";
  window.history.replaceState(null, "", "/teams/");
});

describe("the path of the teams page", () => {
  it("names the team shown, if any", () => {
    const id = "1a2b3c4d-0000-4000-8000-00000000abcd";
    expect(teamInPath(`/teams/${id}/`)).toBe(id);
    expect(teamInPath(`/teams/${id.toUpperCase()}`)).toBe(id);
    expect(teamInPath("/teams/")).toBeNull();
    expect(teamInPath("/teams/not-a-team/")).toBeNull();
    expect(teamInPath(`/designs/${id}/`)).toBeNull();
    expect(isTeamsPath("/teams/")).toBe(true);
    expect(isTeamsPath(`/teams/${id}/`)).toBe(true);
    expect(isTeamsPath("/")).toBe(false);
    expect(isTeamsPath("/teams/x/")).toBe(false);
  });
});

describe("the list of teams", () => {
  it("shows each of the caller's teams with their role and its number of members", async () => {
    useServer({
      teams: [
        makeTeam({ name: "Platform", members: [member(ALICE, "owner"), member(BOB)] }),
        makeTeam({ name: "Data", members: [member(CAROL, "owner"), member(BOB, "admin"), member(ALICE)] }),
      ],
    });
    render(<TeamsPage />);

    const table = await screen.findByRole("table", { name: "Your teams" });
    const rows = bodyRows(table).map((row) => [
      within(row).getByRole("rowheader").textContent,
      ...within(row).getAllByRole("cell").map((cell) => cell.textContent),
    ]);
    expect(rows).toEqual([
      ["Platform", "Owner", "2"],
      ["Data", "Member", "3"],
    ]);
    expect(within(table).getByRole("link", { name: "Data" })).toHaveAttribute("href", `/teams/${server.teams[1]!.id}/`);
    expect(screen.getByText("Open a team to see its members.")).toBeInTheDocument();
  });

  it("says so when the caller is in no team", async () => {
    useServer();
    render(<TeamsPage />);

    expect(await screen.findByText(/you are not in any team yet/i)).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });

  it("shows the error when the teams cannot be loaded, and loads them again on Try again", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform" })] });
    server.failNext("GET", "/api/teams/", 500, "server_error", "The server failed to answer; the error has been logged.");
    render(<TeamsPage />);

    expect(await screen.findByRole("alert")).toHaveTextContent("The server failed to answer");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("link", { name: "Platform" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});

describe("creating a team", () => {
  it("POSTs its name, lists it and opens it, with the caller as its owner", async () => {
    const user = userEvent.setup();
    useServer();
    render(<TeamsPage />);
    await screen.findByText(/you are not in any team yet/i);

    await user.type(screen.getByRole("textbox", { name: "Team name" }), "  Platform  ");
    await user.click(screen.getByRole("button", { name: "Create team" }));

    const card = await teamCard("Platform");
    const posts = server.requestsTo("POST", "/api/teams/");
    expect(posts.map((r) => [r.url, r.body])).toEqual([["/api/teams/", { name: "Platform" }]]);
    expect(posts[0]!.headers["x-csrftoken"]).toBe("cookie-token");
    expect(teamsStatus()).toHaveTextContent("Created team “Platform”. You are its owner.");
    expect(await screen.findByRole("link", { name: "Platform" })).toHaveAttribute("aria-current", "true");
    expect(window.location.pathname).toBe(`/teams/${server.teams[0]!.id}/`);
    expect(within(card).getByText("Owner", { selector: "strong" })).toBeInTheDocument();
    const me = await memberRow(card, "alice");
    expect(me).toHaveTextContent("alice (you)");
    expect(me).toHaveTextContent("alice@example.com");
    expect(screen.getByRole("textbox", { name: "Team name" })).toHaveValue("");
  });

  it("refuses an empty name without sending it, and shows the API's error next to the field", async () => {
    const user = userEvent.setup();
    useServer();
    render(<TeamsPage />);
    const name = screen.getByRole("textbox", { name: "Team name" });

    await user.type(name, "   ");
    await user.click(screen.getByRole("button", { name: "Create team" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Enter a name for the team.");
    expect(server.requestsTo("POST")).toHaveLength(0);

    const message = "Ensure this field has no more than 100 characters.";
    server.failNext("POST", "/api/teams/", 400, "invalid_request", message, [problem(message, "name", "max_length")]);
    await user.clear(name);
    await user.type(name, "A very long name");
    await user.click(screen.getByRole("button", { name: "Create team" }));

    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent(message));
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveAccessibleDescription(message);
    expect(name).toHaveValue("A very long name");
  });
});

describe("a team's members", () => {
  it("lists them with their roles, owners first", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform", members: [member(DAVE), member(ALICE, "owner"), member(BOB, "admin")] })] });
    render(<TeamsPage />);

    const card = await openTeam(user, "Platform");
    const table = within(card).getByRole("table", { name: "Members" });
    expect(bodyRows(table).map((row) => within(row).getByRole("rowheader").textContent)).toEqual([
      "alice (you)",
      "bob",
      "dave",
    ]);
    expect(within(card).getByRole("combobox", { name: "Role of bob" })).toHaveValue("admin");
    expect(within(card).getByRole("combobox", { name: "Role of dave" })).toHaveValue("member");
    expect(within(card).getByText("3 members", { exact: false })).toBeInTheDocument();
  });

  it("adds a member by email with the chosen role", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform" })] });
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");
    const teamId = server.teams[0]!.id;

    const form = within(within(card).getByRole("region", { name: "Add a member" }));
    const role = form.getByRole("combobox", { name: "Role" });
    expect(role).toHaveValue("member");
    await user.type(form.getByRole("textbox", { name: "Username or email" }), "bob@example.com");
    await user.selectOptions(role, "Admin");
    await user.click(form.getByRole("button", { name: "Add member" }));

    const row = await memberRow(card, "bob");
    expect(within(row).getByRole("combobox", { name: "Role of bob" })).toHaveValue("admin");
    const posts = server.requestsTo("POST", "/api/teams/");
    expect(posts.map((r) => [r.url, r.body])).toEqual([
      [`/api/teams/${teamId}/members/`, { user: "bob@example.com", role: "admin" }],
    ]);
    expect(posts[0]!.headers["x-csrftoken"]).toBe("cookie-token");
    expect(within(card).getByRole("status")).toHaveTextContent("Added bob as an admin.");
    expect(form.getByRole("textbox", { name: "Username or email" })).toHaveValue("");
    // The list counts the new member.
    const list = screen.getByRole("table", { name: "Your teams" });
    await waitFor(() => expect(within(bodyRows(list)[0]!).getAllByRole("cell")[1]).toHaveTextContent("2"));
  });

  it("shows an unknown user's error next to the Username or email field", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform" })] });
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");

    const field = within(card).getByRole("textbox", { name: "Username or email" });
    await user.type(field, "zed@example.com");
    await user.click(within(card).getByRole("button", { name: "Add member" }));

    const message = "No user has the username or email 'zed@example.com'.";
    const alert = await within(card).findByRole("alert");
    expect(alert).toHaveTextContent(message);
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(message);
    expect(field).toHaveValue("zed@example.com");
    // The alert is in the form, next to the field it is about.
    expect(alert.closest("form")).toBe(field.closest("form"));
    expect(within(card).getByRole("table", { name: "Members" })).not.toHaveTextContent("zed");
  });

  it("says a user is already a member", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform", members: [member(ALICE, "owner"), member(BOB)] })] });
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");

    await user.type(within(card).getByRole("textbox", { name: "Username or email" }), "bob");
    await user.click(within(card).getByRole("button", { name: "Add member" }));

    expect(await within(card).findByRole("alert")).toHaveTextContent("bob is already a member of this team.");
  });

  it("changes a member's role", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform", members: [member(ALICE, "owner"), member(BOB)] })] });
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");
    const teamId = server.teams[0]!.id;

    await user.selectOptions(within(card).getByRole("combobox", { name: "Role of bob" }), "Owner");

    await waitFor(() => expect(within(card).getByRole("status")).toHaveTextContent("bob is now an owner."));
    expect(server.requestsTo("PATCH").map((r) => [r.url, r.body])).toEqual([
      [`/api/teams/${teamId}/members/2/`, { role: "owner" }],
    ]);
    expect(within(card).getByRole("combobox", { name: "Role of bob" })).toHaveValue("owner");
  });

  it("shows a refused role change in the member's row", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform", members: [member(ALICE, "owner"), member(BOB)] })] });
    const teamId = server.teams[0]!.id;
    const message = "The team's last owner cannot be demoted.";
    server.failNext("PATCH", `/api/teams/${teamId}/members/2/`, 400, "invalid_request", message, [problem(message, "role")]);
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");

    const role = within(card).getByRole("combobox", { name: "Role of bob" });
    await user.selectOptions(role, "Admin");

    const row = await memberRow(card, "bob");
    expect(await within(row).findByRole("alert")).toHaveTextContent(message);
    expect(role).toHaveAttribute("aria-invalid", "true");
    expect(role).toHaveAccessibleDescription(message);
    expect(role).toHaveValue("member");
  });

  it("removes a member once confirmed", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform", members: [member(ALICE, "owner"), member(BOB)] })] });
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");
    const teamId = server.teams[0]!.id;

    await user.click(within(card).getByRole("button", { name: "Remove bob" }));
    expect(server.requestsTo("DELETE")).toHaveLength(0);
    await answerDialog(user, "Remove this member?", "Remove");

    await waitFor(() => expect(within(card).getByRole("table", { name: "Members" })).not.toHaveTextContent("bob"));
    expect(server.requestsTo("DELETE").map((r) => r.url)).toEqual([`/api/teams/${teamId}/members/2/`]);
    expect(within(card).getByRole("status")).toHaveTextContent("Removed bob from the team.");
  });
});

describe("what the caller's role allows", () => {
  const team = (role: "owner" | "admin" | "member") =>
    makeTeam({
      name: "Platform",
      members: [member(CAROL, "owner"), member(BOB, "admin"), member(DAVE), member(ALICE, role)],
    });

  it("lets an owner rename, delete, leave, add members with any role and manage every other member", async () => {
    const user = userEvent.setup();
    useServer({ teams: [team("owner")] });
    render(<TeamsPage />);
    const card = within(await openTeam(user, "Platform"));

    expect(card.getByRole("button", { name: "Rename team" })).toBeInTheDocument();
    expect(card.getByRole("button", { name: "Delete team" })).toBeInTheDocument();
    expect(card.getByRole("button", { name: "Leave team" })).toBeInTheDocument();
    const roles = card.getByRole("combobox", { name: "Role" });
    expect(within(roles).getAllByRole("option").map((o) => o.textContent)).toEqual(["Owner", "Admin", "Member"]);
    for (const name of ["carol", "bob", "dave"]) {
      expect(card.getByRole("combobox", { name: `Role of ${name}` })).toBeEnabled();
      expect(card.getByRole("button", { name: `Remove ${name}` })).toBeInTheDocument();
    }
    // Their own row has no controls: they leave instead.
    expect(card.queryByRole("combobox", { name: "Role of alice" })).not.toBeInTheDocument();
    expect(card.queryByRole("button", { name: "Remove alice" })).not.toBeInTheDocument();
  });

  it("lets an admin rename, leave and manage admins and members, but not owners, nor delete", async () => {
    const user = userEvent.setup();
    useServer({ teams: [team("admin")] });
    render(<TeamsPage />);
    const cardElement = await openTeam(user, "Platform");
    const card = within(cardElement);

    expect(card.getByRole("button", { name: "Rename team" })).toBeInTheDocument();
    expect(card.getByRole("button", { name: "Leave team" })).toBeInTheDocument();
    expect(card.queryByRole("button", { name: "Delete team" })).not.toBeInTheDocument();
    const roles = card.getByRole("combobox", { name: "Role" });
    expect(within(roles).getAllByRole("option").map((o) => o.textContent)).toEqual(["Admin", "Member"]);
    expect(card.queryByRole("combobox", { name: "Role of carol" })).not.toBeInTheDocument();
    expect(card.queryByRole("button", { name: "Remove carol" })).not.toBeInTheDocument();
    expect(await memberRow(cardElement, "carol")).toHaveTextContent("Owner");
    const bob = card.getByRole("combobox", { name: "Role of bob" });
    expect(within(bob).getAllByRole("option").map((o) => o.textContent)).toEqual(["Admin", "Member"]);
    expect(card.getByRole("button", { name: "Remove dave" })).toBeInTheDocument();
  });

  it("lets a member only leave", async () => {
    const user = userEvent.setup();
    useServer({ teams: [team("member")] });
    render(<TeamsPage />);
    const card = within(await openTeam(user, "Platform"));

    expect(card.getByRole("button", { name: "Leave team" })).toBeInTheDocument();
    expect(card.queryByRole("button", { name: "Rename team" })).not.toBeInTheDocument();
    expect(card.queryByRole("button", { name: "Delete team" })).not.toBeInTheDocument();
    expect(card.queryByRole("region", { name: "Add a member" })).not.toBeInTheDocument();
    expect(card.queryByRole("combobox")).not.toBeInTheDocument();
    expect(card.queryByRole("button", { name: /^Remove / })).not.toBeInTheDocument();
    expect(card.getByText("Member", { selector: "strong" })).toBeInTheDocument();
  });
});

describe("the team itself", () => {
  it("opens the team named in the path", async () => {
    const platform = makeTeam({ name: "Platform" });
    useServer({ teams: [makeTeam({ name: "Data" }), platform] });
    window.history.replaceState(null, "", `/teams/${platform.id}/`);
    render(<TeamsPage />);

    expect(await teamCard("Platform")).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Platform" })).toHaveAttribute("aria-current", "true");
    expect(screen.getByRole("link", { name: "Data" })).not.toHaveAttribute("aria-current");
  });

  it("goes back to the team shown before with the browser's Back", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform" }), makeTeam({ name: "Data" })] });
    render(<TeamsPage />);
    await openTeam(user, "Platform");
    await openTeam(user, "Data");
    expect(window.location.pathname).toBe(`/teams/${server.teams[1]!.id}/`);

    act(() => {
      window.history.replaceState(null, "", `/teams/${server.teams[0]!.id}/`);
      window.dispatchEvent(new PopStateEvent("popstate"));
    });

    expect(await teamCard("Platform")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Data" })).not.toBeInTheDocument();
  });

  it("says when the team in the path is not one of the caller's", async () => {
    useServer({ teams: [] });
    window.history.replaceState(null, "", "/teams/10000000-0000-4000-8000-0000000fffff/");
    render(<TeamsPage />);

    expect(await screen.findByText("This team does not exist, or you are not one of its members.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Not found.");
  });

  it("renames the team", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform" })] });
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");

    await user.click(within(card).getByRole("button", { name: "Rename team" }));
    const field = within(card).getByRole("textbox", { name: "New name for Platform" });
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, "Platform engineering{Enter}");

    const renamed = await teamCard("Platform engineering");
    expect(within(renamed).getByRole("status")).toHaveTextContent("Renamed “Platform” to “Platform engineering”.");
    expect(server.requestsTo("PATCH").map((r) => [r.url, r.body])).toEqual([
      [`/api/teams/${server.teams[0]!.id}/`, { name: "Platform engineering" }],
    ]);
    expect(await screen.findByRole("link", { name: "Platform engineering" })).toBeInTheDocument();
  });

  it("leaves the team once confirmed", async () => {
    const user = userEvent.setup();
    useServer({
      teams: [makeTeam({ name: "Platform" }), makeTeam({ name: "Data", members: [member(CAROL, "owner"), member(ALICE)] })],
    });
    render(<TeamsPage />);
    const card = await openTeam(user, "Data");
    const teamId = server.teams[1]!.id;

    await user.click(within(card).getByRole("button", { name: "Leave team" }));
    await answerDialog(user, "Leave this team?", "Leave team");

    await waitFor(() => expect(teamsStatus()).toHaveTextContent("You left “Data”."));
    expect(server.requestsTo("DELETE").map((r) => r.url)).toEqual([`/api/teams/${teamId}/members/1/`]);
    await waitFor(() => expect(screen.queryByRole("link", { name: "Data" })).not.toBeInTheDocument());
    expect(screen.getByRole("link", { name: "Platform" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Data" })).not.toBeInTheDocument();
    expect(window.location.pathname).toBe("/teams/");
  });

  it("shows why the last owner cannot leave", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform" })] });
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");

    await user.click(within(card).getByRole("button", { name: "Leave team" }));
    await answerDialog(user, "Leave this team?", "Leave team");

    expect(await within(card).findByRole("alert")).toHaveTextContent("The team's last owner cannot leave it");
    expect(screen.getByRole("link", { name: "Platform" })).toBeInTheDocument();
  });

  it("deletes the team once confirmed", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform" })] });
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");
    const teamId = server.teams[0]!.id;

    await user.click(within(card).getByRole("button", { name: "Delete team" }));
    const dialog = screen.getByRole("dialog", { name: "Delete this team?" });
    expect(dialog).toHaveAccessibleDescription(expect.stringContaining("“Platform” and its list of members"));
    expect(server.requestsTo("DELETE")).toHaveLength(0);
    await answerDialog(user, "Delete this team?", "Delete team");

    await waitFor(() => expect(teamsStatus()).toHaveTextContent("Deleted team “Platform”."));
    expect(server.requestsTo("DELETE").map((r) => r.url)).toEqual([`/api/teams/${teamId}/`]);
    expect(await screen.findByText(/you are not in any team yet/i)).toBeInTheDocument();
  });

  it("keeps a team that still owns designs, and shows the server's 409 message", async () => {
    const user = userEvent.setup();
    const platform = makeTeam({ name: "Platform" });
    useServer({
      teams: [platform],
      designs: [makeDesign({ name: "Web shop", owner: null, team: { id: platform.id, name: platform.name } })],
    });
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");

    await user.click(within(card).getByRole("button", { name: "Delete team" }));
    await answerDialog(user, "Delete this team?", "Delete team");

    expect(await within(card).findByRole("alert")).toHaveTextContent(
      "The team still owns 1 design: move or delete it first.",
    );
    expect(server.teams).toHaveLength(1);
    expect(screen.getByRole("link", { name: "Platform" })).toBeInTheDocument();
  });

  it("deletes nothing when the confirmation is cancelled", async () => {
    const user = userEvent.setup();
    useServer({ teams: [makeTeam({ name: "Platform" })] });
    render(<TeamsPage />);
    const card = await openTeam(user, "Platform");

    const button = within(card).getByRole("button", { name: "Delete team" });
    await user.click(button);
    await answerDialog(user, "Delete this team?", "Cancel");

    expect(server.requestsTo("DELETE")).toHaveLength(0);
    expect(button).toHaveFocus();
  });
});
