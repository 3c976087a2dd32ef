import type { DesignScope, DesignSummary, SavedDesign } from "../api";
import { useNow } from "../hooks/useNow";
import { DesignRow } from "./DesignRow";

interface DesignTableProps {
  designs: DesignSummary[];
  /** The list shown: "mine" has a Team column, "shared" Owner and Your role columns. */
  scope?: DesignScope;
  /** The id of the heading that names the table. */
  labelledBy: string;
  /** The design being duplicated or deleted, if any. */
  busyId: string | null;
  onRenamed: (design: SavedDesign, oldName: string) => void;
  onDuplicate: (design: DesignSummary) => void;
  onDelete: (design: DesignSummary) => void;
}

export function DesignTable({
  designs,
  scope = "mine",
  labelledBy,
  busyId,
  onRenamed,
  onDuplicate,
  onDelete,
}: DesignTableProps) {
  const now = useNow();
  return (
    <div className="table-wrap">
      <table className="design-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {scope === "mine" ? (
              <th scope="col">Team</th>
            ) : (
              <>
                <th scope="col">Owner</th>
                <th scope="col">Your role</th>
              </>
            )}
            <th scope="col">Region</th>
            <th scope="col" className="numeric">
              Nodes
            </th>
            <th scope="col" className="numeric">
              Edges
            </th>
            <th scope="col" className="numeric">
              Revision
            </th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {designs.map((design) => (
            <DesignRow
              key={design.id}
              design={design}
              scope={scope}
              now={now}
              busy={busyId === design.id}
              onRenamed={onRenamed}
              onDuplicate={onDuplicate}
              onDelete={onDelete}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
