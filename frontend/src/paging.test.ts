import { describe, expect, it } from "vitest";

import type { Page } from "./api";
import { totalPages } from "./paging";

function page(count: number, size: number, next: boolean, previous: boolean): Page<number> {
  return {
    count,
    next: next ? "http://testserver/api/designs/?page=x" : null,
    previous: previous ? "http://testserver/api/designs/?page=y" : null,
    results: Array.from({ length: size }, (_, i) => i),
  };
}

describe("totalPages", () => {
  it("is one for a single page", () => {
    expect(totalPages(1, page(3, 3, false, false))).toBe(1);
  });

  it("is one for an empty list", () => {
    expect(totalPages(1, page(0, 0, false, false))).toBe(1);
  });

  it("divides the count by the size of a full page", () => {
    expect(totalPages(1, page(60, 25, true, false))).toBe(3);
    expect(totalPages(2, page(60, 25, true, true))).toBe(3);
    expect(totalPages(1, page(51, 25, true, false))).toBe(3);
  });

  it("is the current page number on the last page", () => {
    expect(totalPages(3, page(60, 10, false, true))).toBe(3);
  });

  it("never says there are fewer pages than a next link shows", () => {
    expect(totalPages(2, page(20, 10, true, true))).toBe(3);
  });
});
