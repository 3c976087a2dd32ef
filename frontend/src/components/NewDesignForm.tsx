import { useId, useState, type FormEvent } from "react";

import { ApiError, type SavedDesign } from "../api";
import { useApi } from "../ApiContext";
import { plural } from "../format";
import { useExamples } from "../hooks/useExamples";
import { useTeams } from "../hooks/useTeams";
import { DEFAULT_REGION, REGIONS, isRegion, type Region } from "../regions";
import { ErrorAlert } from "./ErrorAlert";

export const NAME_MAX_LENGTH = 200;

/** The "Start from" value of a blank design; any other value is an example's slug. */
const BLANK = "";

/** The "Owner" value of a design of the caller's own; any other value is a team's id. */
const ME = "";

interface NewDesignFormProps {
  onCreated: (design: SavedDesign) => void;
}

/**
 * A new design: blank (a name and a region) or started from one of the server's examples (whose name and region
 * it takes unless others are given), owned by the caller ("Me") or by one of their teams. POSTs it and hands the
 * created design to `onCreated`.
 */
export function NewDesignForm({ onCreated }: NewDesignFormProps) {
  const client = useApi();
  const ids = useId();
  const { examples, error: examplesError } = useExamples();
  const { teams, error: teamsError } = useTeams();
  const [source, setSource] = useState(BLANK);
  const [owner, setOwner] = useState(ME);
  const [name, setName] = useState("");
  const [region, setRegion] = useState<Region>(DEFAULT_REGION);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);

  const example = examples.find((candidate) => candidate.slug === source) ?? null;
  const errorId = `${ids}-error`;
  const aboutId = `${ids}-about`;
  const ownerAboutId = `${ids}-owner-about`;
  const nameInvalid = error !== null && (typeof error === "string" || error.fieldErrors("name").length > 0);
  const regionInvalid = error instanceof ApiError && error.fieldErrors("region").length > 0;
  const sourceInvalid = error instanceof ApiError && error.fieldErrors("example").length > 0;
  const ownerInvalid = error instanceof ApiError && error.fieldErrors("team").length > 0;

  function chooseSource(slug: string) {
    setSource(slug);
    setError(null);
    // An example is drawn for its own region: start from that one.
    const chosen = examples.find((candidate) => candidate.slug === slug);
    if (chosen && isRegion(chosen.region)) setRegion(chosen.region);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed && example === null) {
      setError("Enter a name for the design.");
      return;
    }
    setSubmitting(true);
    setError(null);
    const team = owner === ME ? {} : { team: owner };
    try {
      const design =
        example === null
          ? await client.createDesign({ name: trimmed, region, ...team })
          : await client.createFromExample({ example: example.slug, region, ...(trimmed ? { name: trimmed } : {}), ...team });
      setName("");
      onCreated(design);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason)));
    } finally {
      setSubmitting(false);
    }
  }

  const describedBy = (invalid: boolean, ...others: string[]) =>
    [...others, ...(invalid ? [errorId] : [])].join(" ") || undefined;

  return (
    <form className="new-design-form new-design-form-sourced" onSubmit={submit}>
      <div className="field field-source">
        <label htmlFor={`${ids}-source`}>Start from</label>
        <select
          id={`${ids}-source`}
          name="example"
          value={source}
          onChange={(event) => chooseSource(event.target.value)}
          aria-invalid={sourceInvalid || undefined}
          aria-describedby={describedBy(sourceInvalid, ...(example || examplesError ? [aboutId] : []))}
        >
          <option value={BLANK}>Blank design</option>
          {examples.length > 0 && (
            <optgroup label="Examples">
              {examples.map((option) => (
                <option key={option.slug} value={option.slug}>
                  {option.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <div className="field field-name">
        <label htmlFor={`${ids}-name`}>Design name</label>
        <input
          id={`${ids}-name`}
          name="name"
          type="text"
          required={example === null}
          maxLength={NAME_MAX_LENGTH}
          autoComplete="off"
          placeholder={example ? example.name : "e.g. Three-tier web app"}
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={nameInvalid || undefined}
          aria-describedby={describedBy(nameInvalid)}
        />
      </div>
      <div className="field field-region">
        <label htmlFor={`${ids}-region`}>Region</label>
        <select
          id={`${ids}-region`}
          name="region"
          value={region}
          onChange={(event) => {
            if (isRegion(event.target.value)) setRegion(event.target.value);
          }}
          aria-invalid={regionInvalid || undefined}
          aria-describedby={describedBy(regionInvalid)}
        >
          {REGIONS.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-owner">
        <label htmlFor={`${ids}-owner`}>Owner</label>
        <select
          id={`${ids}-owner`}
          name="team"
          value={owner}
          onChange={(event) => {
            setOwner(event.target.value);
            if (ownerInvalid) setError(null);
          }}
          aria-invalid={ownerInvalid || undefined}
          aria-describedby={describedBy(ownerInvalid, ...(teamsError ? [ownerAboutId] : []))}
        >
          <option value={ME}>Me</option>
          {teams.length > 0 && (
            <optgroup label="Teams">
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <div className="field field-submit">
        <button type="submit" className="button button-primary" disabled={submitting} aria-busy={submitting}>
          Create design
        </button>
      </div>
      {example && (
        <p id={aboutId} className="muted source-about">
          {`${example.description} (${plural(example.node_count, "component")}.) `}
          {`Leave the name empty to call it “${example.name}”.`}
        </p>
      )}
      {!example && examplesError && (
        <p id={aboutId} className="muted source-about">
          The examples could not be loaded: {examplesError.detail}
        </p>
      )}
      {teamsError && (
        <p id={ownerAboutId} className="muted source-about">
          Your teams could not be loaded: {teamsError.detail} New designs are your own until they are.
        </p>
      )}
      <ErrorAlert error={error} id={errorId} />
    </form>
  );
}
