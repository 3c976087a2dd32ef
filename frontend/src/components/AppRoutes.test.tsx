import { render, screen, within } from "@testing-library/react";

import { stubReactFlowDom } from "../test/outputPanels";
import { sharingServer } from "../test/sharing";
import { App, routeOf } from "./App";

// The teams page is its own component, tested on its own: here, only that its paths lead to it.
vi.mock("./TeamsPage", () => ({ TeamsPage: () => <h2>Your teams</h2> }));

const TEAM = "6c2f8d3b-0e5a-4f4b-9d32-1a0f9e8d7c6b";
const DESIGN = "5b1e7c2a-9d4f-4e3a-8c21-0f9e8d7c6b5a";

function at(path: string) {
  window.history.pushState({}, "", path);
}

afterEach(() => at("/"));

describe("which page a path shows", () => {
  it("sends /s/<token>/ (a URL-safe base64 token) to a share link's page", () => {
    expect(routeOf("/s/tok_Ab-9_z/")).toEqual({ page: "shared", token: "tok_Ab-9_z" });
    expect(routeOf("/s/tok_Ab-9_z")).toEqual({ page: "shared", token: "tok_Ab-9_z" });
    expect(routeOf("/s/not+base64/")).toEqual({ page: "designs" });
    expect(routeOf("/s/")).toEqual({ page: "designs" });
    expect(routeOf("/s/a/b/")).toEqual({ page: "designs" });
  });

  it("sends /teams/ and /teams/<uuid>/ to the teams page", () => {
    expect(routeOf("/teams/")).toEqual({ page: "teams" });
    expect(routeOf(`/teams/${TEAM}/`)).toEqual({ page: "teams" });
    expect(routeOf("/teams/platform/")).toEqual({ page: "designs" });
  });

  it("still sends /designs/<uuid>/ to the editor and anything else to the designs page", () => {
    expect(routeOf(`/designs/${DESIGN}/`)).toEqual({ page: "editor", designId: DESIGN });
    expect(routeOf("/")).toEqual({ page: "designs" });
  });
});

describe("the app", () => {
  it("shows a share link's design with the link's own header, never asking who is signed in", async () => {
    stubReactFlowDom();
    const server = sharingServer({ role: "viewer", user: null, tokens: ["tok_Ab-9_z"] });
    vi.stubGlobal("fetch", server.fetch);
    at("/s/tok_Ab-9_z/");
    render(<App />);

    expect(await screen.findByRole("heading", { level: 1, name: "Three-tier web app" })).toBeInTheDocument();
    expect(screen.getAllByRole("banner")[0]).toHaveTextContent("Shared design, read only");
    expect(screen.queryByRole("button", { name: "Log out" })).toBeNull();
    expect(server.to("GET", "/api/shared/tok_Ab-9_z/")).toHaveLength(1);
    expect(server.to("GET", "/api/me/")).toEqual([]);
  });

  it("shows the teams page under the signed-in header at /teams/ and /teams/<uuid>/", async () => {
    const server = sharingServer();
    vi.stubGlobal("fetch", server.fetch);
    for (const path of ["/teams/", `/teams/${TEAM}/`]) {
      at(path);
      const view = render(<App />);
      const main = screen.getByRole("main");
      expect(within(main).getByRole("heading", { name: "Your teams" })).toBeInTheDocument();
      expect(await within(screen.getByRole("banner")).findByText("alice")).toBeInTheDocument();
      view.unmount();
    }
  });
});
