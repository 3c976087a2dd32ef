import type { DesignSummary, SavedDesign } from "../api";
import { useApi } from "../ApiContext";
import { NAME_MAX_LENGTH } from "./NewDesignForm";
import { RenameForm } from "./RenameForm";

interface RenameDesignFormProps {
  design: DesignSummary;
  onRenamed: (design: SavedDesign, oldName: string) => void;
  /** Closes the form without saving (Escape or Cancel; also after saving the same name). */
  onCancel: () => void;
}

/** The design's name as a text field in its row: Enter saves it (PATCH {name}), Escape puts it back. */
export function RenameDesignForm({ design, onRenamed, onCancel }: RenameDesignFormProps) {
  const client = useApi();
  return (
    <RenameForm
      current={design.name}
      what="design"
      maxLength={NAME_MAX_LENGTH}
      // The row's revision is the base: a revision saved since (in the editor, by someone else) is not renamed over.
      rename={(name) => client.renameDesign(design.id, name, design.revision?.number ?? 0)}
      onRenamed={onRenamed}
      onCancel={onCancel}
      explain={(error) => {
        if (!error.conflict) return error;
        const { number, author } = error.conflict.head;
        return `Revision ${number} was saved${author ? ` by ${author}` : ""} after this list was shown: reload the page to see it, then rename again.`;
      }}
    />
  );
}
