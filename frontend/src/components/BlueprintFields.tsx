/**
 * The parameters of a blueprint as form fields, for the new design dialog: a whole number as a number input bounded
 * by its minimum and maximum, a choice as a select, a yes/no as a checkbox, a CIDR block or a text as a text input,
 * each filled in with its default and described by its help. The server's refusal of a parameter (a 400 on the field
 * "params.<name>") shows under that parameter's field, which is marked invalid.
 */

import "./blueprints.css";

import { ApiError, type Blueprint, type BlueprintParam } from "../api";

/** What each field holds: the text typed (numbers, CIDR blocks, texts, choices) or a checkbox's state. */
export type ParamValues = Record<string, string | boolean>;

/** Each parameter's field filled in with its default. */
export function initialValues(blueprint: Blueprint): ParamValues {
  const values: ParamValues = {};
  for (const param of blueprint.parameters) {
    if (param.type === "boolean") values[param.name] = param.default === true || param.default === "true";
    else if (param.type === "choice") {
      const options = param.options ?? [];
      values[param.name] = options.includes(String(param.default)) ? String(param.default) : (options[0] ?? "");
    } else values[param.name] = param.default === null || param.default === undefined ? "" : String(param.default);
  }
  return values;
}

/** The `params` a create sends: whole numbers as numbers (anything else as typed, for the server to refuse with a
 * sentence), yes/no as booleans, the rest as text. */
export function paramsFrom(blueprint: Blueprint, values: ParamValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const param of blueprint.parameters) {
    const value = values[param.name];
    if (param.type === "boolean") {
      params[param.name] = value === true;
      continue;
    }
    const text = typeof value === "string" ? value.trim() : "";
    if (param.type === "integer" && /^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text))) {
      params[param.name] = Number(text);
    } else {
      params[param.name] = text;
    }
  }
  return params;
}

/** The server's sentences about one parameter. */
export function paramErrors(error: ApiError | string | null, name: string): string[] {
  return error instanceof ApiError ? error.fieldErrors(`params.${name}`).map((p) => p.message) : [];
}

/** `error` without what is shown next to the parameters' fields (for the form's alert): when the parameters were all
 * it was about, it only points to them (its detail would repeat a field's sentence). */
export function withoutParamErrors(error: ApiError | string | null): ApiError | string | null {
  if (!(error instanceof ApiError)) return error;
  const rest = error.errors.filter((p) => !p.field?.startsWith("params."));
  const refused = error.errors.length - rest.length;
  if (refused === 0) return error;
  const detail =
    rest.length > 0
      ? error.detail
      : refused === 1
        ? "Check the marked parameter: the blueprint could not use it."
        : `Check the ${refused} marked parameters: the blueprint could not use them.`;
  return new ApiError(error.status, error.type, detail, rest, error.conflict);
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** "From 128 to 10,240.", "/16 to /28 blocks.": what the bounds allow, in words. */
export function boundsHint(param: BlueprintParam): string {
  const { minimum: low, maximum: high } = param;
  if (low === undefined && high === undefined) return "";
  if (param.type === "cidr") {
    if (low !== undefined && high !== undefined) return `A block from /${low} to /${high}.`;
    return low !== undefined ? `A block of /${low} or smaller.` : `A block of /${high!} or larger.`;
  }
  if (low !== undefined && high !== undefined) return `From ${count(low)} to ${count(high)}.`;
  return low !== undefined ? `At least ${count(low)}.` : `At most ${count(high!)}.`;
}

interface BlueprintFieldsProps {
  blueprint: Blueprint;
  values: ParamValues;
  onChange(name: string, value: string | boolean): void;
  error: ApiError | string | null;
  /** Makes the fields' ids unique on the page. */
  idPrefix: string;
  /** The id of the blueprint's description (the "Start from" choice is described by it too). */
  aboutId: string;
  disabled?: boolean;
}

export function BlueprintFields({ blueprint, values, onChange, error, idPrefix, aboutId, disabled = false }: BlueprintFieldsProps) {
  return (
    <fieldset className="blueprint-params" disabled={disabled}>
      <legend>{blueprint.title}</legend>
      <p id={aboutId} className="muted blueprint-about">
        {blueprint.description} Leave the design name empty for the name the blueprint gives it.
      </p>
      {blueprint.parameters.map((param) => (
        <ParamField
          key={param.name}
          param={param}
          value={values[param.name]}
          onChange={(value) => onChange(param.name, value)}
          errors={paramErrors(error, param.name)}
          id={`${idPrefix}-param-${param.name}`}
        />
      ))}
    </fieldset>
  );
}

interface ParamFieldProps {
  param: BlueprintParam;
  value: string | boolean | undefined;
  onChange(value: string | boolean): void;
  errors: string[];
  id: string;
}

function ParamField({ param, value, onChange, errors, id }: ParamFieldProps) {
  const hint = [param.help, boundsHint(param)].filter(Boolean).join(" ");
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const describedBy = [...(hint ? [hintId] : []), ...(invalid ? [errorId] : [])].join(" ") || undefined;
  const text = typeof value === "string" ? value : "";
  const common = { id, name: `params.${param.name}`, "aria-invalid": invalid || undefined, "aria-describedby": describedBy };

  let control;
  if (param.type === "boolean") {
    control = (
      <label className="blueprint-check" htmlFor={id}>
        <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
        {param.label}
      </label>
    );
  } else if (param.type === "choice") {
    control = (
      <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
        {(param.options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (param.type === "integer") {
    control = (
      <input
        {...common}
        type="number"
        inputMode="numeric"
        step={1}
        min={param.minimum}
        max={param.maximum}
        required
        value={text}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type="text"
        autoComplete="off"
        spellCheck={false}
        required={param.type === "cidr"}
        maxLength={param.type === "string" ? 255 : 18}
        placeholder={param.type === "cidr" ? "10.0.0.0/16" : undefined}
        value={text}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }

  return (
    <div className={`field blueprint-field blueprint-${param.type}`}>
      {param.type !== "boolean" && <label htmlFor={id}>{param.label}</label>}
      {control}
      {hint && (
        <p id={hintId} className="muted blueprint-hint">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={errorId} className="blueprint-error">
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}
