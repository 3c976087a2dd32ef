import { useCallback, useEffect, useRef, useState } from "react";

import { ApiError, type DiagramRequest } from "../api";
import { useApi } from "../ApiContext";
import { DiagramError, renderDiagram, saveFile, type RenderedDiagram } from "../diagrams";

export interface DiagramDownloadOptions {
  intervalMs?: number;
  timeoutMs?: number;
}

export interface DiagramDownloadState {
  /** A render is being asked for or followed. */
  rendering: boolean;
  /** Why the last one did not download: the API's error, or the render's failure or time-out as a sentence. */
  error: ApiError | string | null;
  /** The last diagram downloaded; null while another is on its way. */
  downloaded: RenderedDiagram | null;
  /** Asks for a diagram and downloads it once rendered; a render still being followed is given up. */
  download: (request: DiagramRequest) => void;
}

/** Diagrams of design `designId`, downloaded as the browser's files. Following a render stops when the component
 * unmounts (the server still finishes it, and asking again picks it up). */
export function useDiagramDownload(designId: string, options: DiagramDownloadOptions = {}): DiagramDownloadState {
  const client = useApi();
  const { intervalMs, timeoutMs } = options;
  const current = useRef<AbortController | null>(null);
  const [rendering, setRendering] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [downloaded, setDownloaded] = useState<RenderedDiagram | null>(null);

  useEffect(() => () => current.current?.abort(), []);

  const download = useCallback(
    (request: DiagramRequest) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      setRendering(true);
      setError(null);
      setDownloaded(null);
      renderDiagram(client, designId, request, { signal: controller.signal, intervalMs, timeoutMs }).then(
        (diagram) => {
          if (controller.signal.aborted) return;
          saveFile(diagram.file_url);
          setDownloaded(diagram);
          setRendering(false);
        },
        (reason: unknown) => {
          if (controller.signal.aborted) return;
          if (reason instanceof ApiError) setError(reason);
          else if (reason instanceof DiagramError) setError(reason.message);
          else setError(new ApiError(0, "client_error", String(reason)));
          setRendering(false);
        },
      );
    },
    [client, designId, intervalMs, timeoutMs],
  );

  return { rendering, error, downloaded, download };
}
