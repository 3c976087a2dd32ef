import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { LogoutButton } from "./LogoutButton";

function logoutForm(): HTMLFormElement {
  const form = screen.getByRole("button", { name: "Log out" }).closest("form");
  if (!form) throw new Error("the Log out button is not in a form");
  return form;
}

describe("the Log out button", () => {
  it("is a POST form to Django's logout URL carrying the CSRF token from the cookie", () => {
    document.cookie = "csrftoken=logout-token";
    render(<LogoutButton />);

    const form = logoutForm();
    expect(form).toHaveAttribute("method", "post");
    expect(form).toHaveAttribute("action", "/accounts/logout/");
    expect(form).toHaveFormValues({ csrfmiddlewaretoken: "logout-token" });
  });

  it("puts the current cookie's token in the form when it is submitted", async () => {
    document.cookie = "csrftoken=old-token";
    render(<LogoutButton />);
    document.cookie = "csrftoken=new-token";

    // jsdom cannot navigate, so stop the submission after the component's own handler has run.
    const submitted = vi.fn((event: SubmitEvent) => {
      const data = new FormData(event.target as HTMLFormElement);
      event.preventDefault();
      return data.get("csrfmiddlewaretoken");
    });
    window.addEventListener("submit", submitted);
    try {
      await userEvent.click(screen.getByRole("button", { name: "Log out" }));
    } finally {
      window.removeEventListener("submit", submitted);
    }

    expect(submitted).toHaveBeenCalledTimes(1);
    expect(submitted.mock.results[0]?.value).toBe("new-token");
  });
});
