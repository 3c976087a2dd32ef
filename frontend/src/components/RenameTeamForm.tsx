import type { Team } from "../api";
import { useApi } from "../ApiContext";
import { RenameForm } from "./RenameForm";

interface RenameTeamFormProps {
  team: Team;
  onRenamed: (team: Team, oldName: string) => void;
  /** Closes the form without saving (Escape or Cancel; also after saving the same name). */
  onCancel: () => void;
}

/** The team's name as a text field: Save (or Enter) sends it (PATCH {name}), Cancel (or Escape) puts it back. */
export function RenameTeamForm({ team, onRenamed, onCancel }: RenameTeamFormProps) {
  const client = useApi();
  return (
    <RenameForm
      current={team.name}
      what="team"
      className="team-rename-form"
      rename={(name) => client.renameTeam(team.id, name)}
      onRenamed={onRenamed}
      onCancel={onCancel}
    />
  );
}
