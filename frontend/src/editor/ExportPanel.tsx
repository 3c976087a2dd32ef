/** The Export panel: the saved design's CloudFormation template, its diagram rendered by a worker, and a
 * CloudFormation template imported as a new design (not on a share link's page: that needs someone signed in). */

import { type FormEvent, useId, useState } from "react";

import {
  type DiagramFormat,
  type DiagramLayout,
  editorPath,
  type ImportedDesign,
  revisionTemplatePath,
  type TemplateFormat,
  templatePath,
} from "../api";
import { DiagramFields } from "../components/DiagramFields";
import { ErrorAlert } from "../components/ErrorAlert";
import { ImportTemplateForm } from "../components/ImportTemplateForm";
import { DIAGRAM_FORMATS } from "../diagrams";
import { type DiagramDownloadOptions, useDiagramDownload } from "../hooks/useDiagramDownload";
import { useEditorStore } from "./context";
import { useAccess, useSession } from "./session";
import type { SaveState } from "./useAutosave";

interface ExportPanelProps extends DiagramDownloadOptions {
  /** Opens a page of the app (by default, the browser goes there). */
  navigate?: (path: string) => void;
}

export function ExportPanel({
  navigate = (path) => window.location.assign(path),
  intervalMs,
  timeoutMs,
}: ExportPanelProps) {
  const { viaLink } = useAccess();
  return (
    <section className="export-panel" aria-label="Export">
      <TemplateLinks />
      <DiagramForm intervalMs={intervalMs} timeoutMs={timeoutMs} />
      {!viaLink && <ImportSection navigate={navigate} />}
    </section>
  );
}

/** What the page says while the canvas is not what the server has. */
function unsavedNote(status: SaveState["status"]): string {
  if (status === "saving") return "Saving your changes…";
  if (status === "conflict") return "A newer revision was saved meanwhile: load it or save yours over it (at the top).";
  if (status === "failed") return "Your last changes could not be saved: the template would not include them.";
  return "You have unsaved changes: save them first, so the template is of what is on the canvas.";
}

const TEMPLATE_FORMATS: readonly { value: TemplateFormat; label: string }[] = [
  { value: "yaml", label: "YAML" },
  { value: "json", label: "JSON" },
];

function TemplateLinks() {
  const { designId, save } = useSession();
  const saved = save.status === "saved";
  const href = (format: TemplateFormat) =>
    save.revision === null ? templatePath(designId, format) : revisionTemplatePath(designId, save.revision, format);
  return (
    <div className="panel-section">
      <h3 className="panel-heading">CloudFormation template</h3>
      <p className="muted">
        {save.revision === null ? "Of the newest saved revision." : `Of revision ${save.revision}, the newest saved.`}
      </p>
      <p className="export-links">
        {TEMPLATE_FORMATS.map(({ value, label }) =>
          saved ? (
            <a key={value} className="button button-small" href={href(value)} download>
              {label}
            </a>
          ) : (
            // A link without an href is a disabled link: no target, still read out with its name.
            <a key={value} className="button button-small" role="link" aria-disabled="true">
              {label}
            </a>
          ),
        )}
      </p>
      {!saved && (
        <p className="export-note">
          {unsavedNote(save.status)}{" "}
          {save.status !== "saving" && save.status !== "conflict" && (
            <button type="button" className="button button-small" onClick={() => void save.saveNow()}>
              Save now
            </button>
          )}
        </p>
      )}
    </div>
  );
}

/** A format, a layout and whether to show costs; the newest revision (saved first, if the canvas has changed) is
 * rendered by a worker and downloaded, with `useDiagramDownload` as the designs page's menu uses it. */
function DiagramForm(options: DiagramDownloadOptions) {
  const ids = useId();
  const store = useEditorStore();
  const { designId, save } = useSession();
  const [format, setFormat] = useState<DiagramFormat>("png");
  const [layout, setLayout] = useState<DiagramLayout>("auto");
  const [costs, setCosts] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const { rendering, error, downloaded, download } = useDiagramDownload(designId, options);
  const busy = saving || rendering;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setSaveError(null);
    const before = store.getState();
    if (before.version !== before.savedVersion) {
      setSaving(true);
      await save.saveNow();
      setSaving(false);
      const after = store.getState();
      if (after.version !== after.savedVersion) {
        setSaveError(
          "The design could not be saved, so its diagram would not show your changes. Fix what the save reported " +
            "and try again.",
        );
        return;
      }
    }
    // No revision named: the newest, which is now what the canvas shows.
    download({ format, layout, ...(costs ? { costs: true } : {}) });
  }

  const formatLabel = DIAGRAM_FORMATS.find((f) => f.value === format)?.label ?? format;
  const status = saving
    ? "Saving the design first…"
    : rendering
      ? `Rendering the ${formatLabel}…`
      : downloaded
        ? "Done: the download has started."
        : "";

  return (
    <form className="panel-section diagram-panel" onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <h3 className="panel-heading">Diagram</h3>
      <DiagramFields ids={ids} format={format} layout={layout} onFormat={setFormat} onLayout={setLayout} />
      <label className="check">
        <input type="checkbox" checked={costs} onChange={(event) => setCosts(event.target.checked)} /> Show each
        component's monthly cost
      </label>
      {/* aria-disabled rather than disabled: a disabled button would drop the keyboard focus while it renders. */}
      <button type="submit" className="button button-small" aria-disabled={busy}>
        Download diagram
      </button>
      <p className="panel-status" role="status">
        {status}
      </p>
      <ErrorAlert error={saveError ?? error} />
    </form>
  );
}

/** A template's import: the new design opens in the editor at once, unless the report has something to look at
 * (resources not understood, or kept as generic ones), which would be lost with this page. */
function ImportSection({ navigate }: { navigate: (path: string) => void }) {
  const [imported, setImported] = useState<ImportedDesign | null>(null);
  const onImported = (design: ImportedDesign) => {
    const { generic_nodes, not_understood } = design.report;
    if (generic_nodes.length === 0 && not_understood.length === 0) navigate(editorPath(design.id));
    else setImported(design);
  };
  return (
    <div className="panel-section import-panel" role="region" aria-label="Import a CloudFormation template">
      <h3 className="panel-heading">Import a CloudFormation template as a new design</h3>
      <ImportTemplateForm onImported={onImported} />
      {imported && (
        <p>
          <a className="button button-primary" href={editorPath(imported.id)}>
            Open “{imported.name}”
          </a>
        </p>
      )}
    </div>
  );
}
