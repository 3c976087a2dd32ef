/** Formatting of times and counts for display. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A date and time such as "Mar 5, 2025, 2:07 PM" (in the given locale and time zone; the browser's by default). */
export function formatDateTime(iso: string, locale?: string, timeZone?: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

/** A date such as "Mar 5, 2025". */
export function formatDate(iso: string, locale?: string, timeZone?: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}

/**
 * How long ago (or, for a clock that runs ahead, how far ahead) `iso` is from `now`: "just now", "5 minutes ago",
 * "yesterday", "3 weeks ago"; past 30 days, the date itself. An unreadable time is returned as it was.
 */
export function formatRelativeTime(iso: string, now: Date = new Date(), locale = "en", timeZone?: string): string {
  const date = parse(iso);
  if (!date) return iso;
  const diff = date.getTime() - now.getTime();
  const size = Math.abs(diff);
  if (size < 45 * SECOND) return "just now";
  if (size >= 30 * DAY) return formatDate(iso, locale, timeZone);

  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (size < 45 * MINUTE) return rtf.format(Math.round(diff / MINUTE) || Math.sign(diff), "minute");
  if (size < 22 * HOUR) return rtf.format(Math.round(diff / HOUR) || Math.sign(diff), "hour");
  if (size < 7 * DAY) return rtf.format(Math.round(diff / DAY) || Math.sign(diff), "day");
  return rtf.format(Math.round(diff / (7 * DAY)), "week");
}

/** "1 node", "0 nodes", "2 edges". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** A file size for people: "800 bytes", "12 KiB", "1.5 MiB" (one decimal below 10 of a unit). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return plural(bytes, "byte");
  const units = ["KiB", "MiB", "GiB"];
  let size = bytes / 1024;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  const rounded = size < 10 ? Math.round(size * 10) / 10 : Math.round(size);
  return `${rounded} ${units[unit]}`;
}
