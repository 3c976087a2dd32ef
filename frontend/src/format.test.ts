import { describe, expect, it } from "vitest";

import { formatBytes, formatDate, formatDateTime, formatRelativeTime, plural } from "./format";

const NOW = new Date("2025-03-10T12:00:00Z");
const before = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("formatRelativeTime", () => {
  it("says just now for under 45 seconds, either way", () => {
    expect(formatRelativeTime(before(0), NOW)).toBe("just now");
    expect(formatRelativeTime(before(44 * SECOND), NOW)).toBe("just now");
    expect(formatRelativeTime(before(-10 * SECOND), NOW)).toBe("just now");
  });

  it("counts minutes up to 45 minutes", () => {
    expect(formatRelativeTime(before(50 * SECOND), NOW)).toBe("1 minute ago");
    expect(formatRelativeTime(before(5 * MINUTE), NOW)).toBe("5 minutes ago");
    expect(formatRelativeTime(before(44 * MINUTE), NOW)).toBe("44 minutes ago");
  });

  it("counts hours from 45 minutes to 22 hours", () => {
    expect(formatRelativeTime(before(45 * MINUTE), NOW)).toBe("1 hour ago");
    expect(formatRelativeTime(before(3 * HOUR + 10 * MINUTE), NOW)).toBe("3 hours ago");
    expect(formatRelativeTime(before(21 * HOUR), NOW)).toBe("21 hours ago");
  });

  it("says yesterday and then counts days up to a week", () => {
    expect(formatRelativeTime(before(23 * HOUR), NOW)).toBe("yesterday");
    expect(formatRelativeTime(before(3 * DAY), NOW)).toBe("3 days ago");
    expect(formatRelativeTime(before(6 * DAY), NOW)).toBe("6 days ago");
  });

  it("counts weeks from a week to 30 days", () => {
    expect(formatRelativeTime(before(7 * DAY), NOW)).toBe("last week");
    expect(formatRelativeTime(before(15 * DAY), NOW)).toBe("2 weeks ago");
    expect(formatRelativeTime(before(29 * DAY), NOW)).toBe("4 weeks ago");
  });

  it("gives the date itself for anything older than 30 days", () => {
    expect(formatRelativeTime("2024-12-25T08:00:00Z", NOW, "en-US", "UTC")).toBe("Dec 25, 2024");
  });

  it("speaks of the future for a time ahead of the clock", () => {
    expect(formatRelativeTime(before(-2 * HOUR), NOW)).toBe("in 2 hours");
  });

  it("returns an unreadable time unchanged", () => {
    expect(formatRelativeTime("not a date", NOW)).toBe("not a date");
  });
});

describe("formatDateTime and formatDate", () => {
  it("format a time in the given locale and time zone", () => {
    expect(formatDateTime("2025-03-05T14:07:00Z", "en-US", "UTC")).toBe("Mar 5, 2025, 2:07 PM");
    expect(formatDate("2025-03-05T14:07:00Z", "en-US", "UTC")).toBe("Mar 5, 2025");
  });

  it("apply the time zone to the calendar day", () => {
    expect(formatDate("2025-03-05T23:30:00Z", "en-US", "Asia/Tokyo")).toBe("Mar 6, 2025");
  });

  it("return an unreadable time unchanged", () => {
    expect(formatDateTime("", "en-US", "UTC")).toBe("");
    expect(formatDate("yesterday-ish", "en-US", "UTC")).toBe("yesterday-ish");
  });
});

describe("plural", () => {
  it("uses the singular only for exactly one", () => {
    expect(plural(0, "node")).toBe("0 nodes");
    expect(plural(1, "node")).toBe("1 node");
    expect(plural(2, "edge")).toBe("2 edges");
  });

  it("takes an irregular plural", () => {
    expect(plural(3, "policy", "policies")).toBe("3 policies");
  });
});

describe("formatBytes", () => {
  it("counts bytes below 1 KiB, then KiB and MiB with one decimal below 10", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(1023)).toBe("1023 bytes");
    expect(formatBytes(1024)).toBe("1 KiB");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(200 * 1024 + 300)).toBe("200 KiB");
    expect(formatBytes(1024 * 1024)).toBe("1 MiB");
    expect(formatBytes(1024 * 1024 + 1)).toBe("1 MiB");
    expect(formatBytes(1.25 * 1024 * 1024)).toBe("1.3 MiB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3 GiB");
  });
});
