import { useEffect, useRef, useState } from "react";

import {
  designPath,
  editorPath,
  templatePath,
  type DesignRole,
  type DesignScope,
  type DesignSummary,
  type SavedDesign,
} from "../api";
import { DiagramDownload } from "./DiagramDownload";
import { RelativeTime } from "./RelativeTime";
import { RenameDesignForm } from "./RenameDesignForm";

/** How a role reads in a table ("Viewer"). */
export const DESIGN_ROLE_LABELS: Record<DesignRole, string> = { owner: "Owner", editor: "Editor", viewer: "Viewer" };

/** What the caller's role on a design lets them do from its row: every role reads, duplicates and downloads. */
export function designActions(role: DesignRole): { rename: boolean; delete: boolean } {
  return { rename: role === "owner" || role === "editor", delete: role === "owner" };
}

/** Who a shared design belongs to: its team, or its owner's username. */
function OwnerCell({ design }: { design: DesignSummary }) {
  if (design.team) {
    return (
      <span className="design-team">
        {design.team.name}
        <span className="design-team-kind"> (team)</span>
      </span>
    );
  }
  if (design.owner) return <span className="design-owner">{design.owner}</span>;
  return <span className="muted">Unknown</span>;
}

/** The team a design of the caller's own list belongs to, or "Personal". */
function TeamCell({ design }: { design: DesignSummary }) {
  if (design.team) return <span className="team-badge">{design.team.name}</span>;
  return <span className="muted">Personal</span>;
}

interface DesignRowProps {
  design: DesignSummary;
  /** The list the row is in: "mine" shows the design's team, "shared" its owner and the caller's role. */
  scope?: DesignScope;
  now: Date;
  /** A duplicate or a delete of this design is under way. */
  busy: boolean;
  onRenamed: (design: SavedDesign, oldName: string) => void;
  onDuplicate: (design: DesignSummary) => void;
  /** Asks for the delete (the page confirms it first). */
  onDelete: (design: DesignSummary) => void;
}

export function DesignRow({ design, scope = "mine", now, busy, onRenamed, onDuplicate, onDelete }: DesignRowProps) {
  const revision = design.revision;
  const allowed = designActions(design.role);
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
      {scope === "mine" ? (
        <td>
          <TeamCell design={design} />
        </td>
      ) : (
        <>
          <td>
            <OwnerCell design={design} />
          </td>
          <td>
            <span className={`role-badge role-${design.role}`}>{DESIGN_ROLE_LABELS[design.role]}</span>
          </td>
        </>
      )}
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
        {allowed.rename && (
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
        )}
        <button
          type="button"
          className="button-link"
          aria-label={`Duplicate ${design.name}`}
          disabled={busy}
          onClick={() => onDuplicate(design)}
        >
          Duplicate
        </button>
        {allowed.delete && (
          <button
            type="button"
            className="button button-danger"
            aria-label={`Delete ${design.name}`}
            disabled={busy}
            onClick={() => onDelete(design)}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
