/** Reading cookies, for Django's CSRF token. */

export const CSRF_COOKIE_NAME = "csrftoken";

/** The value of cookie `name` in a `document.cookie`-style string, or "" when it is not set. */
export function readCookie(name: string, cookies: string = document.cookie): string {
  for (const part of cookies.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return "";
}

/** Django's CSRF token, set on the app shell by `ensure_csrf_cookie`. */
export function csrfToken(cookies?: string): string {
  return readCookie(CSRF_COOKIE_NAME, cookies);
}
