/** The others who have this design open right now, named in the top bar. */

import { usePresence } from "./usePresence";

export function Presence({ designId, everyMs }: { designId: string; everyMs?: number }) {
  const others = usePresence(designId, everyMs);
  if (others.length === 0) return null;
  const names = others.map((o) => o.username);
  return (
    <span className="presence" role="status" aria-label={`Also editing: ${names.join(", ")}`}>
      {names.map((name) => (
        <span key={name} className="presence-avatar" title={`${name} has this design open`} aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
      ))}
      <span className="presence-names">Also here: {names.join(", ")}</span>
    </span>
  );
}
