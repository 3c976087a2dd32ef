import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { Header } from "./Header";

const CAROL = { id: 3, username: "carol", email: "carol@example.com" };

function mainLinks() {
  return within(screen.getByRole("navigation", { name: "Main" })).getAllByRole("link");
}

describe("the header", () => {
  it("links to the designs page and to the teams page", () => {
    render(<Header user={CAROL} path="/" />);

    expect(mainLinks().map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["Designs", "/"],
      ["Teams", "/teams/"],
    ]);
  });

  it("marks the link of the page shown", () => {
    render(<Header user={CAROL} path="/" />);
    expect(screen.getByRole("link", { name: "Designs" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Teams" })).not.toHaveAttribute("aria-current");
  });

  it("marks Teams on a team's page too", () => {
    render(<Header user={CAROL} path="/teams/10000000-0000-4000-8000-000000000001/" />);
    expect(screen.getByRole("link", { name: "Teams" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Designs" })).not.toHaveAttribute("aria-current");
  });

  it("marks neither in the editor", () => {
    render(<Header user={CAROL} path="/designs/00000000-0000-4000-8000-000000000001/" />);
    expect(mainLinks().filter((link) => link.hasAttribute("aria-current"))).toEqual([]);
  });
});
