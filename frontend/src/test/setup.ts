import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy* and waitFor wait up to 5 s, not 1 s: whole-editor tests render a design on a canvas, and on a busy
// two-core CI machine one step can take longer than a second. A test still fails when what it waits for never
// comes; it only fails later.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  // Cookies set by a test must not leak into the next one.
  for (const part of document.cookie.split(";")) {
    const name = part.split("=")[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
});
