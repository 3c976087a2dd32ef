/**
 * A design's diagram from request to file: ask the API for it, follow its status until a worker has rendered it
 * (or failed, or it took too long), then hand its file to the browser as a download.
 */

import type { ApiClient, Diagram, DiagramFormat, DiagramLayout, DiagramRequest } from "./api";
import { plural } from "./format";

/** The formats offered, in the order the menu lists them. */
export const DIAGRAM_FORMATS: readonly { value: DiagramFormat; label: string }[] = [
  { value: "png", label: "PNG image" },
  { value: "svg", label: "SVG image" },
  { value: "pdf", label: "PDF document" },
  { value: "drawio", label: "draw.io file" },
  { value: "py", label: "Python script" },
];

export const DIAGRAM_LAYOUTS: readonly { value: DiagramLayout; label: string }[] = [
  { value: "auto", label: "Automatic" },
  { value: "canvas", label: "As on the canvas" },
];

/** How often the status is read while a worker renders. */
export const POLL_INTERVAL_MS = 500;

/** How long the page waits for a render. The server's own limit is longer (DIAGRAM_TIME_LIMIT, 3 minutes by
 * default), but a person waiting at a menu has given up well before then. */
export const RENDER_TIMEOUT_MS = 120_000;

/** A diagram whose file can be downloaded. */
export type RenderedDiagram = Diagram & { status: "done"; file_url: string };

/** The render failed (the server says why) or was not done in time; `diagram` is its last status. */
export class DiagramError extends Error {
  override readonly name = "DiagramError";
  readonly diagram: Diagram;
  readonly timedOut: boolean;

  constructor(message: string, diagram: Diagram, timedOut = false) {
    super(message);
    this.diagram = diagram;
    this.timedOut = timedOut;
  }
}

export interface RenderOptions {
  /** Stops following the render (the promise rejects with the signal's reason); the server's work goes on. */
  signal?: AbortSignal;
  intervalMs?: number;
  timeoutMs?: number;
  /** Called with each status read, the request's own answer first. */
  onStatus?: (diagram: Diagram) => void;
}

/** "2 minutes", "90 seconds". */
function duration(ms: number): string {
  return ms % 60_000 === 0 ? plural(ms / 60_000, "minute") : plural(Math.round(ms / 1000), "second");
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it is aborted. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const stop = () => {
      window.clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = window.setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal?.addEventListener("abort", stop, { once: true });
  });
}

/**
 * Asks for a diagram of design `designId` and reads its status every `intervalMs` until it is done. Rejects with
 * a `DiagramError` when it failed or is still not done after `timeoutMs`, with an `ApiError` when a request was
 * refused (a bad option, an ended session...).
 */
export async function renderDiagram(
  client: Pick<ApiClient, "requestDiagram" | "getDiagram">,
  designId: string,
  request: DiagramRequest,
  { signal, intervalMs = POLL_INTERVAL_MS, timeoutMs = RENDER_TIMEOUT_MS, onStatus }: RenderOptions = {},
): Promise<RenderedDiagram> {
  const deadline = Date.now() + timeoutMs;
  let diagram = await client.requestDiagram(designId, request, signal);
  for (;;) {
    onStatus?.(diagram);
    if (diagram.status === "done" && diagram.file_url) return diagram as RenderedDiagram;
    if (diagram.status === "failed") {
      const why = diagram.error || "The server did not say why.";
      throw new DiagramError(`The diagram could not be rendered. ${why}`, diagram);
    }
    if (Date.now() >= deadline) {
      throw new DiagramError(
        `The diagram was still not ready after ${duration(timeoutMs)}. It may still be rendering: ask for it again ` +
          "in a moment.",
        diagram,
        true,
      );
    }
    await sleep(intervalMs, signal);
    diagram = await client.getDiagram(diagram.id, signal);
  }
}

/** Downloads `url` as a file, named by the server's Content-Disposition, without leaving the page. */
export function saveFile(url: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
