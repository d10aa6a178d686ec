/**
 * `window.__podscapePerf`: read-only timings of the page's own work (the frame
 * receiver's rebuild and delivery ms), for bench/ui. It changes nothing.
 */
import { createFrameStats, type FrameStats } from './bridge/frame-receiver';

export interface PodscapePerfApi {
  frames: FrameStats;
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
