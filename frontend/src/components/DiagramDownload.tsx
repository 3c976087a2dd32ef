import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

import type { DiagramFormat, DiagramLayout } from "../api";
import { useDiagramDownload, type DiagramDownloadOptions } from "../hooks/useDiagramDownload";
import { DiagramFields } from "./DiagramFields";
import { ErrorAlert } from "./ErrorAlert";

interface DiagramDownloadProps extends DiagramDownloadOptions {
  designId: string;
  designName: string;
}

/**
 * The "Diagram" menu of a design's row: a format and a layout, and a button that has the newest revision rendered
 * by a worker and downloads the file. The menu opens inline, in the row, so the table's scrolling box never
 * clips it; closing it while a diagram renders does not stop the download.
 */
export function DiagramDownload({ designId, designName, intervalMs, timeoutMs }: DiagramDownloadProps) {
  const ids = useId();
  const summary = useRef<HTMLElement>(null);
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<DiagramFormat>("png");
  const [layout, setLayout] = useState<DiagramLayout>("auto");
  const { rendering, error, downloaded, download } = useDiagramDownload(designId, { intervalMs, timeoutMs });

  // A failure opens the menu, so its message is seen even if the menu was closed while the diagram rendered.
  useEffect(() => {
    if (error !== null) setOpen(true);
  }, [error]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!rendering) download({ format, layout });
  }

  function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
    if (event.key !== "Escape" || !open) return;
    event.preventDefault();
    setOpen(false);
    summary.current?.focus();
  }

  const status = rendering ? "Rendering…" : downloaded ? "Done: the download has started." : "";

  return (
    <details
      className="diagram-menu"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={closeOnEscape}
    >
      <summary ref={summary} className="link" aria-label={`Diagram options for ${designName}`}>
        Diagram
      </summary>
      {/* Only while open: a closed menu in every row would otherwise add its status region to the page's. */}
      {open && (
        <form className="diagram-form" onSubmit={submit} aria-busy={rendering}>
          <div className="diagram-fields">
            <DiagramFields ids={ids} format={format} layout={layout} onFormat={setFormat} onLayout={setLayout} />
            {/* aria-disabled rather than disabled: a disabled button would drop the keyboard focus while it renders. */}
            <button
              type="submit"
              className="button button-small"
              aria-label={`Download diagram of ${designName}`}
              aria-disabled={rendering}
            >
              Download
            </button>
          </div>
          <p className="diagram-status" role="status">
            {status}
          </p>
          <ErrorAlert error={error} />
        </form>
      )}
    </details>
  );
}
