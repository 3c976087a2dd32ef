import { useEffect, useRef, useState } from "react";

import { designPath, editorPath, templatePath, type DesignSummary, type SavedDesign } from "../api";
import { DiagramDownload } from "./DiagramDownload";
import { RelativeTime } from "./RelativeTime";
import { RenameDesignForm } from "./RenameDesignForm";

interface DesignRowProps {
  design: DesignSummary;
  now: Date;
  /** A duplicate or a delete of this design is under way. */
  busy: boolean;
  onRenamed: (design: SavedDesign, oldName: string) => void;
  onDuplicate: (design: DesignSummary) => void;
  /** Asks for the delete (the page confirms it first). */
  onDelete: (design: DesignSummary) => void;
}

export function DesignRow({ design, now, busy, onRenamed, onDuplicate, onDelete }: DesignRowProps) {
  const revision = design.revision;
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);

  // Back from the name field (saved or not): the focus returns to the Rename button.
  useEffect(() => {
    if (wasRenaming.current && !renaming) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  return (
    <tr>
      <th scope="row" className="design-name">
        {renaming ? (
          <RenameDesignForm
            design={design}
            onCancel={() => setRenaming(false)}
            onRenamed={(saved, oldName) => {
              setRenaming(false);
              onRenamed(saved, oldName);
            }}
          />
        ) : (
          <a className="link" href={editorPath(design.id)} title={`Open ${design.name} in the editor`}>
            {design.name}
          </a>
        )}
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
          ref={renameButton}
          type="button"
          className="button-link"
          aria-label={`Rename ${design.name}`}
          aria-expanded={renaming}
          disabled={busy}
          onClick={() => setRenaming(true)}
        >
          Rename
        </button>
        <button
          type="button"
          className="button-link"
          aria-label={`Duplicate ${design.name}`}
          disabled={busy}
          onClick={() => onDuplicate(design)}
        >
          Duplicate
        </button>
        <button
          type="button"
          className="button button-danger"
          aria-label={`Delete ${design.name}`}
          disabled={busy}
          onClick={() => onDelete(design)}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}
