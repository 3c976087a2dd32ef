import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";

import { createApiClient, type TeamRef } from "../api";
import { ApiProvider } from "../ApiContext";
import { fieldProblem, link, logEntry, PLATFORM, SHARED_DESIGN, shareWith, type SharingServer, sharingServer, type SharingServerOptions, team } from "../test/sharing";
import { ShareDialog } from "./ShareDialog";

const DESIGN_PATH = `/api/designs/${SHARED_DESIGN}/`;

function openDialog(options: SharingServerOptions = {}, prepare?: (server: SharingServer) => void) {
  const server = sharingServer(options);
  prepare?.(server);
  const client = createApiClient({ fetch: server.fetch, cookies: () => "csrftoken=tok", onNotAuthenticated: vi.fn() });
  const onClose = vi.fn();
  const moves: (TeamRef | null)[] = [];
  function Harness() {
    const [owner, setOwner] = useState<TeamRef | null>(options.team ?? null);
    return (
      <ShareDialog
        designId={SHARED_DESIGN}
        name="Three-tier web app"
        team={owner}
        onTransferred={(to) => {
          moves.push(to);
          setOwner(to);
        }}
        onClose={onClose}
      />
    );
  }
  render(
    <ApiProvider client={client}>
      <Harness />
    </ApiProvider>,
  );
  const dialog = screen.getByRole("dialog", { name: "Share “Three-tier web app”" });
  return { server, dialog, onClose, moves };
}

function section(dialog: HTMLElement, name: string) {
  return within(dialog).getByRole("region", { name });
}

describe("the Share dialog", () => {
  it("is a dialog named after the design, closed with its Close button or Escape", async () => {
    const user = userEvent.setup();
    const { dialog, onClose } = openDialog();
    await user.click(within(dialog).getByRole("button", { name: "Close" }));
    expect(onClose).toHaveBeenCalledTimes(1);
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it("lists who the design is shared with, and shares it with one more person as an editor", async () => {
    const user = userEvent.setup();
    const { server, dialog } = openDialog({ shares: [shareWith("bob")] });
    const people = section(dialog, "People and teams");
    const list = await within(people).findByRole("list", { name: "Shared with" });
    expect(within(list).getByText("bob")).toBeInTheDocument();
    expect(within(list).getByRole("combobox", { name: "Role of bob" })).toHaveValue("viewer");

    await user.type(within(people).getByRole("textbox", { name: "Username or email" }), "carol@example.com");
    await user.selectOptions(within(people).getByRole("combobox", { name: "Role" }), "editor");
    await user.click(within(people).getByRole("button", { name: "Share" }));

    expect(await within(people).findByText("Shared with carol as editor.")).toBeInTheDocument();
    expect(within(list).getByRole("combobox", { name: "Role of carol" })).toHaveValue("editor");
    expect(within(people).getByRole("textbox", { name: "Username or email" })).toHaveValue("");
    expect(server.to("POST", `${DESIGN_PATH}shares/`)[0]?.body).toEqual({ user: "carol@example.com", role: "editor" });
    // The log is read again: the new share is its newest entry.
    const log = section(dialog, "Activity");
    await waitFor(() => expect(within(log).getAllByRole("listitem")[0]).toHaveTextContent("alice shared it with carol as editor."));
  });

  it("shares the design with one of the caller's teams", async () => {
    const user = userEvent.setup();
    const { server, dialog } = openDialog({ teams: [team({ role: "member" })] });
    const people = section(dialog, "People and teams");
    await waitFor(() => expect(within(people).getByRole("radio", { name: "A team" })).toBeEnabled());
    await user.click(within(people).getByRole("radio", { name: "A team" }));
    expect(within(people).getByRole("combobox", { name: "Team" })).toHaveValue(PLATFORM.id);
    await user.click(within(people).getByRole("button", { name: "Share" }));

    expect(await within(people).findByRole("combobox", { name: "Role of team Platform" })).toHaveValue("viewer");
    expect(server.to("POST", `${DESIGN_PATH}shares/`)[0]?.body).toEqual({ team: PLATFORM.id, role: "viewer" });
  });

  it("changes a share's role, and stops sharing with someone", async () => {
    const user = userEvent.setup();
    const { server, dialog } = openDialog({ shares: [shareWith("bob"), shareWith("carol", { role: "editor" })] });
    const people = section(dialog, "People and teams");
    await user.selectOptions(await within(people).findByRole("combobox", { name: "Role of bob" }), "editor");
    await waitFor(() => expect(server.to("PATCH", `${DESIGN_PATH}shares/share-bob/`)).toHaveLength(1));
    expect(server.to("PATCH", `${DESIGN_PATH}shares/share-bob/`)[0]?.body).toEqual({ role: "editor" });
    expect(within(people).getByRole("combobox", { name: "Role of bob" })).toHaveValue("editor");

    await user.click(within(people).getByRole("button", { name: "Stop sharing with carol" }));
    await waitFor(() => expect(within(people).queryByText("carol")).toBeNull());
    expect(server.to("DELETE", `${DESIGN_PATH}shares/share-carol/`)).toHaveLength(1);
    const log = section(dialog, "Activity");
    await waitFor(() => expect(within(log).getAllByRole("listitem")[0]).toHaveTextContent("alice stopped sharing it with carol."));
  });

  it("names the field when a share is refused, and marks it invalid", async () => {
    const user = userEvent.setup();
    const { dialog } = openDialog();
    const people = section(dialog, "People and teams");
    const who = within(people).getByRole("textbox", { name: "Username or email" });
    await user.type(who, "nobody");
    await user.click(within(people).getByRole("button", { name: "Share" }));
    expect(await within(people).findByRole("alert")).toHaveTextContent("Username or email: No user has the username or email 'nobody'.");
    expect(who).toHaveAttribute("aria-invalid", "true");
    expect(who).toHaveValue("nobody");
  });

  it("makes a link that expires in 7 days, shows its address only this once and copies it", async () => {
    const user = userEvent.setup();
    const { server, dialog } = openDialog();
    const links = section(dialog, "Share links");
    expect(await within(links).findByText("No link made yet.")).toBeInTheDocument();
    await user.selectOptions(within(links).getByRole("combobox", { name: "Expires" }), "In 7 days");
    await user.click(within(links).getByRole("button", { name: "Create link" }));

    const address = await within(links).findByRole("textbox", { name: "New link" });
    expect(address).toHaveValue("https://designer.example.com/s/tok_1-secret/");
    expect(within(links).getByText(/shown only now/)).toBeInTheDocument();
    const asked = server.to("POST", `${DESIGN_PATH}links/`)[0]?.body as { expires_at: string };
    const days = (Date.parse(asked.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    await user.click(within(links).getByRole("button", { name: "Copy" }));
    expect(await within(links).findByText("Copied.")).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe("https://designer.example.com/s/tok_1-secret/");

    const listed = within(links).getByRole("list", { name: "Links" });
    expect(within(listed).getAllByRole("listitem")).toHaveLength(1);
    expect(within(listed).getByRole("listitem")).toHaveTextContent(/expires .*Active/);
    await user.click(within(links).getByRole("button", { name: "Done" }));
    expect(within(links).queryByRole("textbox", { name: "New link" })).toBeNull();
    expect(within(links).queryByText(/tok_1-secret/)).toBeNull();
  });

  it("makes a link that never expires", async () => {
    const user = userEvent.setup();
    const { server, dialog } = openDialog();
    const links = section(dialog, "Share links");
    await user.click(within(links).getByRole("button", { name: "Create link" }));
    await within(links).findByRole("textbox", { name: "New link" });
    expect(server.to("POST", `${DESIGN_PATH}links/`)[0]?.body).toEqual({ expires_at: null });
    expect(within(links).getByRole("listitem")).toHaveTextContent("never expires");
  });

  it("revokes a link, which stays listed as revoked", async () => {
    const user = userEvent.setup();
    const { server, dialog } = openDialog({
      links: [link("l1"), link("l0", { created_at: "2025-02-01T12:00:00Z", active: false, expires_at: "2025-02-02T12:00:00Z" })],
    });
    const links = section(dialog, "Share links");
    const items = await within(links).findAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Active");
    expect(items[1]).toHaveTextContent("Expired");
    expect(within(items[1]!).queryByRole("button", { name: /Revoke/ })).toBeNull();

    await user.click(within(items[0]!).getByRole("button", { name: /^Revoke the link created/ }));
    await waitFor(() => expect(within(links).getAllByRole("listitem")[0]).toHaveTextContent("Revoked"));
    expect(within(links).queryByRole("button", { name: /Revoke/ })).toBeNull();
    expect(server.to("DELETE", `${DESIGN_PATH}links/l1/`)).toHaveLength(1);
  });

  it("names the field when a link is refused", async () => {
    const user = userEvent.setup();
    const { server, dialog } = openDialog();
    const message = "The expiry must be in the future.";
    server.failNext("POST", `${DESIGN_PATH}links/`, 400, message, [fieldProblem("expires_at", message)]);
    const links = section(dialog, "Share links");
    await user.click(within(links).getByRole("button", { name: "Create link" }));
    expect(await within(links).findByRole("alert")).toHaveTextContent("Expires: The expiry must be in the future.");
    expect(within(links).queryByRole("textbox", { name: "New link" })).toBeNull();
  });

  it("shows the share log, newest first, each entry with its time", async () => {
    const { dialog } = openDialog({
      log: [
        logEntry(2, "alice made bob editor.", { created_at: "2025-03-01T11:00:00Z" }),
        logEntry(1, "alice shared it with bob as viewer.", { created_at: "2025-02-01T11:00:00Z" }),
      ],
    });
    const log = section(dialog, "Activity");
    const entries = await within(log).findAllByRole("listitem");
    expect(entries.map((e) => e.textContent)).toEqual([
      expect.stringContaining("alice made bob editor."),
      expect.stringContaining("alice shared it with bob as viewer."),
    ]);
    expect(entries[0]!.querySelector("time")).toHaveAttribute("datetime", "2025-03-01T11:00:00Z");
  });

  it("moves the design to a team the caller runs, and back to the caller", async () => {
    const user = userEvent.setup();
    const { server, dialog, moves } = openDialog({ teams: [team({ role: "admin" }), team({ id: "t2", name: "Guests", role: "member" })] });
    const owner = section(dialog, "Owner");
    expect(within(owner).getByText("Belongs to you.")).toBeInTheDocument();
    const target = within(owner).getByRole("combobox", { name: "Move to" });
    await waitFor(() => expect(within(target).getAllByRole("option")).toHaveLength(2));
    // A team where the caller is only a member cannot take it.
    expect(within(target).queryByRole("option", { name: "Team Guests" })).toBeNull();

    await user.selectOptions(target, "Team Platform");
    await user.click(within(owner).getByRole("button", { name: "Move" }));
    expect(await within(owner).findByText("It now belongs to team Platform.")).toBeInTheDocument();
    expect(within(owner).getByText(/^Belongs to team Platform/)).toBeInTheDocument();
    expect(server.to("POST", `${DESIGN_PATH}transfer/`)[0]?.body).toEqual({ team: PLATFORM.id });
    expect(moves).toEqual([PLATFORM]);

    await user.selectOptions(target, "Me (my own design)");
    await user.click(within(owner).getByRole("button", { name: "Move" }));
    expect(await within(owner).findByText("It is now yours alone.")).toBeInTheDocument();
    expect(server.to("POST", `${DESIGN_PATH}transfer/`)[1]?.body).toEqual({ team: null });
    expect(moves).toEqual([PLATFORM, null]);
  });

  it("shows why the shares could not be listed", async () => {
    const { dialog } = openDialog({}, (server) =>
      server.failNext("GET", `${DESIGN_PATH}shares/`, 403, "Only the design's owners can manage its sharing."),
    );
    const people = section(dialog, "People and teams");
    expect(await within(people).findByRole("alert")).toHaveTextContent("Only the design's owners can manage its sharing.");
  });
});
