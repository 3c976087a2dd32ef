import { useId, useState, type FormEvent } from "react";

import { ApiError, createFromBlueprint, type SavedDesign } from "../api";
import { useApi } from "../ApiContext";
import { plural } from "../format";
import { useBlueprints } from "../hooks/useBlueprints";
import { useExamples } from "../hooks/useExamples";
import { useTeams } from "../hooks/useTeams";
import { DEFAULT_REGION, REGIONS, isRegion, type Region } from "../regions";
import { BlueprintFields, initialValues, paramsFrom, type ParamValues, withoutParamErrors } from "./BlueprintFields";
import { ErrorAlert } from "./ErrorAlert";

export const NAME_MAX_LENGTH = 200;

/** The "Start from" value of a blank design; a blueprint's is its name after BLUEPRINT; any other, an example's
 * slug. */
const BLANK = "";
const BLUEPRINT = "blueprint:";

/** The "Owner" value of a design of the caller's own; any other value is a team's id. */
const ME = "";

interface NewDesignFormProps {
  onCreated: (design: SavedDesign) => void;
}

/**
 * A new design: blank (a name and a region), started from one of the server's examples (whose name and region
 * it takes unless others are given), or built by one of the server's blueprints from the parameters filled in (its
 * description and a field per parameter, with the defaults; a parameter the server refuses is marked, with the
 * server's sentence under it), owned by the caller ("Me") or by one of their teams. POSTs it and hands the
 * created design to `onCreated`. When the blueprints cannot be loaded (a server without them answers 404), the form
 * says so and offers blank designs and examples as before.
 */
export function NewDesignForm({ onCreated }: NewDesignFormProps) {
  const client = useApi();
  const ids = useId();
  const { examples, error: examplesError } = useExamples();
  const { blueprints, error: blueprintsError } = useBlueprints();
  const { teams, error: teamsError } = useTeams();
  const [source, setSource] = useState(BLANK);
  const [owner, setOwner] = useState(ME);
  const [name, setName] = useState("");
  const [region, setRegion] = useState<Region>(DEFAULT_REGION);
  const [params, setParams] = useState<ParamValues>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);

  const blueprint = source.startsWith(BLUEPRINT)
    ? (blueprints.find((candidate) => candidate.name === source.slice(BLUEPRINT.length)) ?? null)
    : null;
  const example = source.startsWith(BLUEPRINT) ? null : (examples.find((candidate) => candidate.slug === source) ?? null);
  const started = example ?? blueprint;
  const errorId = `${ids}-error`;
  const aboutId = `${ids}-about`;
  const blueprintsAboutId = `${ids}-blueprints-about`;
  const ownerAboutId = `${ids}-owner-about`;
  const nameInvalid = error !== null && (typeof error === "string" || error.fieldErrors("name").length > 0);
  const regionInvalid = error instanceof ApiError && error.fieldErrors("region").length > 0;
  const sourceInvalid =
    error instanceof ApiError && (error.fieldErrors("example").length > 0 || error.fieldErrors("blueprint").length > 0);
  const ownerInvalid = error instanceof ApiError && error.fieldErrors("team").length > 0;

  function chooseSource(value: string) {
    setSource(value);
    setError(null);
    // A blueprint's fields start at its defaults.
    const chosenBlueprint = value.startsWith(BLUEPRINT)
      ? blueprints.find((candidate) => candidate.name === value.slice(BLUEPRINT.length))
      : undefined;
    if (chosenBlueprint) setParams(initialValues(chosenBlueprint));
    // An example is drawn for its own region: start from that one.
    const chosen = value.startsWith(BLUEPRINT) ? undefined : examples.find((candidate) => candidate.slug === value);
    if (chosen && isRegion(chosen.region)) setRegion(chosen.region);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed && started === null) {
      setError("Enter a name for the design.");
      return;
    }
    setSubmitting(true);
    setError(null);
    const team = owner === ME ? {} : { team: owner };
    const named = trimmed ? { name: trimmed } : {};
    try {
      const design =
        blueprint !== null
          ? await createFromBlueprint(client, { blueprint: blueprint.name, params: paramsFrom(blueprint, params), ...named, ...team })
          : example === null
            ? await client.createDesign({ name: trimmed, region, ...team })
            : await client.createFromExample({ example: example.slug, region, ...named, ...team });
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
  const sourceAbout = [
    ...(started || examplesError ? [aboutId] : []),
    ...(blueprintsError && !blueprint ? [blueprintsAboutId] : []),
  ];

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
          aria-describedby={describedBy(sourceInvalid, ...sourceAbout)}
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
          {blueprints.length > 0 && (
            <optgroup label="Blueprints">
              {blueprints.map((option) => (
                <option key={option.name} value={`${BLUEPRINT}${option.name}`}>
                  {/* The examples have the same names: the closed select shows which it is. */}
                  {option.title} (blueprint)
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
          required={started === null}
          maxLength={NAME_MAX_LENGTH}
          autoComplete="off"
          placeholder={example ? example.name : blueprint ? blueprint.title : "e.g. Three-tier web app"}
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={nameInvalid || undefined}
          aria-describedby={describedBy(nameInvalid)}
        />
      </div>
      {/* A blueprint asks for its region among its parameters. */}
      {blueprint === null && (
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
      )}
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
      {blueprint && (
        <BlueprintFields
          blueprint={blueprint}
          values={params}
          onChange={(key, value) => setParams((current) => ({ ...current, [key]: value }))}
          error={error}
          idPrefix={ids}
          aboutId={aboutId}
          disabled={submitting}
        />
      )}
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
      {!started && examplesError && (
        <p id={aboutId} className="muted source-about">
          The examples could not be loaded: {examplesError.detail}
        </p>
      )}
      {blueprintsError && (
        <p id={blueprintsAboutId} className="muted source-about new-design-unavailable">
          Blueprints are unavailable: {blueprintsError.detail} Start from a blank design or an example.
        </p>
      )}
      {teamsError && (
        <p id={ownerAboutId} className="muted source-about">
          Your teams could not be loaded: {teamsError.detail} New designs are your own until they are.
        </p>
      )}
      <ErrorAlert error={withoutParamErrors(error)} id={errorId} />
    </form>
  );
}
