import type { Page } from "./api";

/**
 * How many pages there are, seen from page `page`. A page followed by another is full, so its length is the page
 * size; a page with no next one is the last.
 */
export function totalPages(page: number, data: Page<unknown>): number {
  if (data.next === null) return Math.max(page, 1);
  const size = data.results.length;
  if (size === 0) return Math.max(page, 1);
  return Math.max(Math.ceil(data.count / size), page + 1);
}

