/**
 * `window.__podscapePerf`: read-only timings of the page's own work (the frame
 * receiver's rebuild and delivery ms), for bench/ui. It changes nothing.
 */
import type { EngineClient } from './bridge/engine-client';
import { createFrameStats, type FrameStats } from './bridge/frame-receiver';

export interface PodscapePerfApi {
  frames: FrameStats;
  /** Has the engine resend the frame held, in full, and waits for its decode (bench/ui's warm full frames); absent without a worker. */
  resync?: () => Promise<void>;
}

declare global {
  interface Window {
    __podscapePerf?: PodscapePerfApi;
  }
}

export function installPerfApi(): FrameStats {
  const frames = createFrameStats();
  window.__podscapePerf = { frames };
  return frames;
}

/** Gives the perf API the client's resync, once the client exists. */
export function connectPerfApi(client: Pick<EngineClient, 'resync'>): void {
  const resync = client.resync;
  if (window.__podscapePerf && resync) window.__podscapePerf.resync = () => resync.call(client);
}
