import type { FormEvent } from "react";

import { LOGOUT_URL } from "../api";
import { csrfToken } from "../cookies";

/**
 * Logging out is a plain form POST (Django's LogoutView wants one, with the CSRF token as a form field); Django
 * answers with a redirect to the login page.
 */
export function LogoutButton() {
  // The token is read again at submit time, in case the cookie changed since this rendered.
  const refreshToken = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("csrfmiddlewaretoken");
    if (input instanceof HTMLInputElement) input.value = csrfToken();
  };

  return (
    <form method="post" action={LOGOUT_URL} className="logout-form" onSubmit={refreshToken}>
      <input type="hidden" name="csrfmiddlewaretoken" defaultValue={csrfToken()} />
      <button type="submit" className="button button-header">
        Log out
      </button>
    </form>
  );
}
