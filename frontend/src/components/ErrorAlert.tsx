import { ApiError } from "../api";

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  region: "Region",
  template: "Template",
  example: "Example",
  team: "Team",
  user: "User",
  role: "Role",
  expires_at: "Expires",
};

/** The lines to show for an error: its `detail`, then each finding that says something more. */
export function errorLines(error: ApiError): { detail: string; items: string[] } {
  const items: string[] = [];
  for (const problem of error.errors) {
    if (problem.message === error.detail) continue;
    const label = problem.field ? (FIELD_LABELS[problem.field] ?? problem.field) : null;
    const line = label ? `${label}: ${problem.message}` : problem.message;
    if (!items.includes(line)) items.push(line);
  }
  return { detail: error.detail, items };
}

interface ErrorAlertProps {
  error: ApiError | string | null;
  id?: string;
}

/** An error from the API (or a plain message), announced to screen readers as it appears. */
export function ErrorAlert({ error, id }: ErrorAlertProps) {
  if (error === null) return null;
  const { detail, items } = typeof error === "string" ? { detail: error, items: [] } : errorLines(error);
  const expired = error instanceof ApiError && error.notAuthenticated;
  return (
    <div className="alert alert-error" role="alert" id={id}>
      <p className="alert-detail">{expired ? `${detail} Taking you to the login page…` : detail}</p>
      {items.length > 0 && (
        <ul className="alert-items">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
