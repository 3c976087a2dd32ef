import { formatDateTime, formatRelativeTime } from "../format";

/** "5 minutes ago", with the full date and time as a tooltip and in `datetime`. */
export function RelativeTime({ iso, now }: { iso: string; now: Date }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}
