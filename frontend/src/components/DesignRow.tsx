import { designPath, editorPath, templatePath, type DesignSummary } from "../api";
import { DiagramDownload } from "./DiagramDownload";
import { RelativeTime } from "./RelativeTime";

interface DesignRowProps {
  design: DesignSummary;
  now: Date;
  deleting: boolean;
  onDelete: (design: DesignSummary) => void;
}

export function DesignRow({ design, now, deleting, onDelete }: DesignRowProps) {
  const revision = design.revision;
  return (
    <tr>
      <th scope="row" className="design-name">
        <a className="link" href={editorPath(design.id)} title={`Open ${design.name} in the editor`}>
          {design.name}
        </a>
      </th>
      <td>
        <code className="region">{design.region}</code>
      </td>
      <td className="numeric">{design.node_count}</td>
      <td className="numeric">{design.edge_count}</td>
      <td className="numeric">
        {revision ? (
          <span title={revision.message || undefined}>{revision.number}</span>
        ) : (
          <>
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">No revision</span>
          </>
        )}
      </td>
      <td>
        <RelativeTime iso={design.updated_at} now={now} />
      </td>
      <td className="actions">
        <a className="link" href={designPath(design.id)} aria-label={`View JSON of ${design.name}`}>
          View JSON
        </a>
        <a
          className="link"
          href={templatePath(design.id, "yaml")}
          download
          aria-label={`Download CloudFormation template of ${design.name}`}
        >
          CloudFormation
        </a>
        {/* A design without a revision has nothing to draw. */}
        {revision && <DiagramDownload designId={design.id} designName={design.name} />}
        <button
          type="button"
          className="button button-danger"
          aria-label={`Delete ${design.name}`}
          disabled={deleting}
          onClick={() => onDelete(design)}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}
