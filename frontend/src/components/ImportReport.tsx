import type { ImportedDesign } from "../api";
import { plural } from "../format";

/** Lists longer than this are folded into a <details>, closed. */
export const REPORT_LIST_OPEN_MAX = 5;

/** "Imported “Network”: 12 resources → 5 components and 4 connections." */
export function importSummary({ name, report }: ImportedDesign): string {
  const resources = plural(report.resources, "resource");
  const components = plural(report.nodes, "component");
  const connections = plural(report.edges, "connection");
  return `Imported “${name}”: ${resources} → ${components} and ${connections}.`;
}

interface ReportListProps {
  title: string;
  items: readonly string[];
  /** Show the items as code (logical IDs). */
  code?: boolean;
}

function ReportList({ title, items, code = false }: ReportListProps) {
  if (items.length === 0) return null;
  const list = (
    <ul className="report-items">
      {items.map((item) => (
        <li key={item}>{code ? <code className="logical-id">{item}</code> : item}</li>
      ))}
    </ul>
  );
  const heading = `${title} (${items.length})`;
  if (items.length > REPORT_LIST_OPEN_MAX) {
    return (
      <details className="report-list">
        <summary className="report-list-title">{heading}</summary>
        {list}
      </details>
    );
  }
  return (
    <div className="report-list">
      <h3 className="report-list-title">{heading}</h3>
      {list}
    </div>
  );
}

interface ImportReportProps {
  /** The last design imported, or null before any (the status region is always there, to be announced). */
  imported: ImportedDesign | null;
}

/** What the import made of the template: a summary announced as a status, then what needs a look. */
export function ImportReport({ imported }: ImportReportProps) {
  const report = imported?.report;
  return (
    <div className="import-report">
      <p className="notice" role="status">
        {imported ? importSummary(imported) : ""}
      </p>
      {report && (
        <>
          {report.kept_inside_nodes > 0 && (
            <p className="muted report-note">
              {report.kept_inside_nodes === 1
                ? "1 supporting resource was kept inside the component it belongs to."
                : `${report.kept_inside_nodes} supporting resources were kept inside the components they belong to.`}
            </p>
          )}
          <ReportList title="Kept as generic CloudFormation resources" items={report.generic_nodes} code />
          <ReportList title="Not understood" items={report.not_understood} />
        </>
      )}
    </div>
  );
}
