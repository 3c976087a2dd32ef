import { act, render, screen } from "@testing-library/react";

import { Presence } from "./Presence";

describe("who else has the design open", () => {
  it("names the others the server reports, and nobody when alone", async () => {
    const answers = [
      { available: true, others: [] },
      { available: true, others: [{ username: "bob", seen_seconds_ago: 2 }] },
    ];
    const calls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        calls.push(url);
        return new Response(JSON.stringify(answers.shift() ?? answers.at(-1)), { status: 200 });
      }),
    );
    render(<Presence designId="d1" everyMs={30} />);
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.queryByRole("status")).toBeNull();
    expect(await screen.findByRole("status", { name: "Also editing: bob" })).toHaveTextContent("Also here: bob");
    expect(calls[0]).toBe("/api/designs/d1/presence/");
  });
});
