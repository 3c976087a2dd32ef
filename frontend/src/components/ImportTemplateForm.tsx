import { useId, useRef, useState, type FormEvent } from "react";

import { ApiError, TEMPLATE_MAX_BYTES, type ImportedDesign } from "../api";
import { useApi } from "../ApiContext";
import { formatBytes } from "../format";
import { ErrorAlert } from "./ErrorAlert";
import { ImportReport } from "./ImportReport";
import { NAME_MAX_LENGTH } from "./NewDesignForm";

/** The file types the picker offers (a hint only: the server reads any YAML or JSON text). */
export const TEMPLATE_ACCEPT = ".yaml,.yml,.json,.template";

/** Why this file cannot be sent, or null when it can. */
export function fileProblem(file: File | null): string | null {
  if (file === null) return "Choose a template file (.yaml, .yml, .json or .template) to import.";
  if (file.size === 0) return `The file “${file.name}” is empty.`;
  if (file.size > TEMPLATE_MAX_BYTES) {
    // "1 MiB" would also describe a file a few bytes over the limit: give the bytes then.
    const limit = formatBytes(TEMPLATE_MAX_BYTES);
    const size = formatBytes(file.size) === limit ? `${file.size.toLocaleString("en")} bytes` : formatBytes(file.size);
    return `The file “${file.name}” is ${size}: templates of up to ${limit} can be imported.`;
  }
  return null;
}

interface ImportTemplateFormProps {
  onImported: (design: ImportedDesign) => void;
}

/**
 * A CloudFormation template file (and, optionally, a name) to make a new design from: the file is read in the
 * browser and its text POSTed to /api/designs/import/; the report on what was made of it is shown below the form.
 */
export function ImportTemplateForm({ onImported }: ImportTemplateFormProps) {
  const client = useApi();
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [imported, setImported] = useState<ImportedDesign | null>(null);

  const errorId = `${ids}-error`;
  const hintId = `${ids}-hint`;
  const nameInvalid = error instanceof ApiError && error.fieldErrors("name").length > 0;
  const fileInvalid =
    typeof error === "string" ||
    (error instanceof ApiError && (error.fieldErrors("template").length > 0 || error.status === 413));

  function choose(chosen: File | null) {
    setFile(chosen);
    setImported(null);
    // Say at once when a file is too large, rather than when the button is pressed.
    setError(chosen === null ? null : fileProblem(chosen));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problem = fileProblem(file);
    if (problem !== null || file === null) {
      setError(problem);
      fileInput.current?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    setImported(null);
    try {
      let text: string;
      try {
        text = await file.text();
      } catch {
        setError(`The file “${file.name}” could not be read.`);
        return;
      }
      const design = await client.importTemplate(text, name.trim() || undefined);
      setImported(design);
      setFile(null);
      setName("");
      if (fileInput.current) fileInput.current.value = "";
      onImported(design);
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : new ApiError(0, "client_error", String(reason)));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <>
      <p className="muted card-intro" id={hintId}>
        A YAML or JSON template of up to {formatBytes(TEMPLATE_MAX_BYTES)} becomes a new design: its resources become
        components and connections, and the report below says what was not understood.
      </p>
      <form className="import-form" onSubmit={submit}>
        <div className="field field-file">
          <label htmlFor={`${ids}-file`}>Template file</label>
          <input
            ref={fileInput}
            id={`${ids}-file`}
            name="template"
            type="file"
            accept={TEMPLATE_ACCEPT}
            aria-required="true"
            onChange={(event) => choose(event.target.files?.[0] ?? null)}
            aria-invalid={fileInvalid || undefined}
            aria-describedby={fileInvalid ? `${errorId} ${hintId}` : hintId}
          />
        </div>
        <div className="field field-name">
          <label htmlFor={`${ids}-name`}>Name (optional)</label>
          <input
            id={`${ids}-name`}
            name="name"
            type="text"
            maxLength={NAME_MAX_LENGTH}
            autoComplete="off"
            placeholder="Default: the template's Description"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={nameInvalid || undefined}
            aria-describedby={nameInvalid ? errorId : undefined}
          />
        </div>
        <div className="field field-submit">
          <button type="submit" className="button button-primary" disabled={submitting} aria-busy={submitting}>
            Import template
          </button>
        </div>
        <ErrorAlert error={error} id={errorId} />
      </form>
      <ImportReport imported={imported} />
    </>
  );
}
