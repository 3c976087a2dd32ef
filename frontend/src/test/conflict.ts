/** A 409 answer to a stale save, as the server sends it (api/views.py Conflict), for the conflict tests. */

import type { Conflict } from "../api";

export const CONFLICT: Conflict = {
  head: { number: 5, author: "alice", created_at: "2025-03-01T12:05:00Z", message: "Bigger database" },
  changes: {
    document: [],
    nodes: {
      added: [{ id: "subnet-3", kind: "aws.vpc.subnet", label: "subnet-3" }],
      removed: [{ id: "cache", kind: "aws.elasticache.cluster", label: "sessions" }],
      changed: [
        {
          id: "db",
          kind: "aws.rds.instance",
          label: "orders-db",
          changes: [{ field: "props.instance_class", before: "db.t4g.medium", after: "db.r6g.large" }],
        },
      ],
    },
    edges: { added: [{ id: "e9", source: "subnet-3", target: "db" }], removed: [], changed: [] },
  },
};

export const CONFLICT_BODY = {
  type: "conflict",
  detail:
    "Revision 5 was saved by alice after revision 4, the one this save started from: load it, or save again naming it as the base to save over it.",
  errors: [],
  ...CONFLICT,
};
