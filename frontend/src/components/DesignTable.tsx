import type { DesignSummary } from "../api";
import { useNow } from "../hooks/useNow";
import { DesignRow } from "./DesignRow";

interface DesignTableProps {
  designs: DesignSummary[];
  /** The id of the heading that names the table. */
  labelledBy: string;
  deletingId: string | null;
  onDelete: (design: DesignSummary) => void;
}

export function DesignTable({ designs, labelledBy, deletingId, onDelete }: DesignTableProps) {
  const now = useNow();
  return (
    <div className="table-wrap">
      <table className="design-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Name</th>
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
              now={now}
              deleting={deletingId === design.id}
              onDelete={onDelete}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
