import { useId, useState, type FormEvent } from "react";

import { ApiError, type SavedDesign } from "../api";
import { useApi } from "../ApiContext";
import { DEFAULT_REGION, REGIONS, isRegion, type Region } from "../regions";
import { ErrorAlert } from "./ErrorAlert";

export const NAME_MAX_LENGTH = 200;

interface NewDesignFormProps {
  onCreated: (design: SavedDesign) => void;
}

/** Name and region of a new, empty design; POSTs it and hands the created design to `onCreated`. */
export function NewDesignForm({ onCreated }: NewDesignFormProps) {
  const client = useApi();
  const ids = useId();
  const [name, setName] = useState("");
  const [region, setRegion] = useState<Region>(DEFAULT_REGION);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);

  const errorId = `${ids}-error`;
  const nameInvalid = error !== null && (typeof error === "string" || error.fieldErrors("name").length > 0);
  const regionInvalid = error instanceof ApiError && error.fieldErrors("region").length > 0;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Enter a name for the design.");
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const design = await client.createDesign({ name: trimmed, region });
      setName("");
      onCreated(design);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason)));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="new-design-form" onSubmit={submit}>
      <div className="field field-name">
        <label htmlFor={`${ids}-name`}>Design name</label>
        <input
          id={`${ids}-name`}
          name="name"
          type="text"
          required
          maxLength={NAME_MAX_LENGTH}
          autoComplete="off"
          placeholder="e.g. Three-tier web app"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={nameInvalid || undefined}
          aria-describedby={nameInvalid ? errorId : undefined}
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
          aria-describedby={regionInvalid ? errorId : undefined}
        >
          {REGIONS.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-submit">
        <button type="submit" className="button button-primary" disabled={submitting} aria-busy={submitting}>
          Create design
        </button>
      </div>
      <ErrorAlert error={error} id={errorId} />
    </form>
  );
}
