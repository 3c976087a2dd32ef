import { describe, expect, it } from "vitest";

import { csrfToken, readCookie } from "./cookies";

describe("readCookie", () => {
  it("returns the value of the named cookie among several", () => {
    expect(readCookie("csrftoken", "sessionid=s1; csrftoken=abc123; theme=dark")).toBe("abc123");
  });

  it("does not match a cookie whose name only ends with the wanted name", () => {
    expect(readCookie("csrftoken", "xcsrftoken=wrong; csrftoken=right")).toBe("right");
    expect(readCookie("csrftoken", "xcsrftoken=wrong")).toBe("");
  });

  it("returns an empty string when the cookie is not set", () => {
    expect(readCookie("csrftoken", "")).toBe("");
    expect(readCookie("csrftoken", "sessionid=s1")).toBe("");
  });

  it("decodes percent-encoded values and keeps equals signs inside the value", () => {
    expect(readCookie("token", "token=a%20b=c")).toBe("a b=c");
  });

  it("returns a value that is not valid percent-encoding as it is", () => {
    expect(readCookie("token", "token=100%")).toBe("100%");
  });
});

describe("csrfToken", () => {
  it("reads the csrftoken cookie from document.cookie by default", () => {
    document.cookie = "csrftoken=from-document";
    expect(csrfToken()).toBe("from-document");
  });
});
