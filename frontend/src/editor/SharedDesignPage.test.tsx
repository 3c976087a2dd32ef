import { render, screen, within } from "@testing-library/react";

import { createApiClient } from "../api";

import { stubReactFlowDom } from "../test/outputPanels";
import { SHARED_DESIGN, sharingServer, type SharingServerOptions } from "../test/sharing";
import { MISSING_LINK, SharedDesignPage } from "./SharedDesignPage";
import { LINK_NOTICE } from "./Toolbar";

// The page's API client, made as the real one is, with the options it was made with remembered.
vi.mock("../api", async (importOriginal) => {
  const real = await importOriginal<typeof import("../api")>();
  return { ...real, createApiClient: vi.fn(real.createApiClient) };
});

beforeEach(() => stubReactFlowDom());

/** A visitor who is not signed in opens /s/<token>/. */
function visit(token: string, options: SharingServerOptions = {}) {
  const server = sharingServer({ role: "viewer", user: null, tokens: ["tok_Ab-9_z"], ...options });
  vi.stubGlobal("fetch", server.fetch);
  render(<SharedDesignPage token={token} />);
  return server;
}

describe("the page a share link opens", () => {
  it("opens the link's design read-only, under its own header, without asking who the visitor is", async () => {
    const server = visit("tok_Ab-9_z");
    expect(await screen.findByRole("heading", { level: 1, name: "Three-tier web app" })).toBeInTheDocument();
    expect(screen.getByRole("note")).toHaveTextContent(LINK_NOTICE);
    expect(screen.queryByRole("navigation", { name: "Components" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
    expect(screen.queryByRole("tab", { name: "Comments" })).toBeNull();

    // The page's header comes first (the editor's toolbar is a header too).
    const header = screen.getAllByRole("banner")[0]!;
    expect(header).toHaveTextContent("Shared design, read only");
    expect(within(header).getByRole("link", { name: "Sign in" }).getAttribute("href")).toMatch(/^\/accounts\/login\//);
    expect(within(header).queryByRole("button", { name: "Log out" })).toBeNull();

    expect(server.to("GET", "/api/shared/tok_Ab-9_z/")).toHaveLength(1);
    expect(server.to("GET", `/api/designs/${SHARED_DESIGN}/`)).toHaveLength(1);
    expect(server.to("GET", "/api/me/")).toEqual([]);
    expect(server.to("POST", `/api/designs/${SHARED_DESIGN}/presence/`)).toEqual([]);
  });

  it("says so when the link does not exist, was revoked or has expired", async () => {
    const server = visit("revoked_token");
    expect(await screen.findByText(MISSING_LINK)).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Link not found" })).toBeInTheDocument();
    expect(server.to("GET", "/api/designs/")).toEqual([]);
    expect(server.to("GET", "/api/me/")).toEqual([]);
  });

  it("stays on the page, saying why, when the server asks the visitor to sign in", async () => {
    const server = visit("tok_Ab-9_z");
    server.failNext("GET", `/api/designs/${SHARED_DESIGN}/`, 401, "Sign in to view this design.");
    // The design is asked for once the link has answered: the failure above is what it gets.
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Sign in to view this design.");
    expect(alert).not.toHaveTextContent("Taking you to the login page");
    expect(screen.getByRole("link", { name: "Sign in" })).toBeInTheDocument();
    // Its client was made to stay: an ended session calls its own hook, not the one going to the login page.
    const options = vi.mocked(createApiClient).mock.calls.at(-1)?.[0];
    expect(options?.onNotAuthenticated).toEqual(expect.any(Function));
    expect(() => options?.onNotAuthenticated?.()).not.toThrow();
  });
});
