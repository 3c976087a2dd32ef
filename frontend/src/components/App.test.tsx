import { render, screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { createFakeApi, makeDesign } from "../test/fakeApi";
import { App } from "./App";

beforeEach(() => {
  document.cookie = "csrftoken=app-token";
});

describe("the app", () => {
  it("shows the title, the logged-in username and a Log out button in the header", async () => {
    const server = createFakeApi({ user: { id: 3, username: "carol", email: "carol@example.com" } });
    vi.stubGlobal("fetch", server.fetch);
    render(<App />);

    const header = screen.getByRole("banner");
    expect(within(header).getByRole("heading", { level: 1 })).toHaveTextContent("AWS Architecture Designer");
    expect(await within(header).findByText("carol")).toBeInTheDocument();
    expect(within(header).getByRole("button", { name: "Log out" })).toBeInTheDocument();
    expect(server.requestsTo("GET", "/api/me/")).toHaveLength(1);
  });

  it("shows the New design form and the Your designs list in the main area", async () => {
    const server = createFakeApi({ designs: [makeDesign({ name: "Edge network" })] });
    vi.stubGlobal("fetch", server.fetch);
    render(<App />);

    const main = screen.getByRole("main");
    expect(within(main).getByRole("heading", { name: "New design" })).toBeInTheDocument();
    expect(within(main).getByRole("heading", { name: "Your designs" })).toBeInTheDocument();
    expect(await within(main).findByText("Edge network")).toBeInTheDocument();
  });
});
