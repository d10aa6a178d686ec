/**
 * Samples the cluster from the frames as they arrive, for the chart: cpu and memory
 * requested as a percentage of allocatable (summed over the nodes) and the number of
 * pending pods, over virtual time. The buffer is bounded: when it fills up, every
 * other sample is dropped and the spacing doubles, so it always spans the whole run at
 * a resolution that fits. A new scenario (or time moving back) starts it over.
 */
import type { Frame } from '../../../protocol/engine-api';
import type { PodscapeState, PodscapeStore } from '../../store/podscape-store';

export interface Sample {
  /** Virtual ms. */
  time: number;
  /** Requested as % of allocatable, over every node (0 when there is nothing allocatable). */
  cpu: number;
  memory: number;
  /** Pods waiting for a node (the frame's queue). */
  pending: number;
}

export function sampleOf(frame: Frame): Sample {
  let cpu = 0;
  let cpuAlloc = 0;
  let memory = 0;
  let memoryAlloc = 0;
  for (const node of frame.nodes) {
    cpu += node.requested.cpu;
    cpuAlloc += node.allocatable.cpu;
    memory += node.requested.memory;
    memoryAlloc += node.allocatable.memory;
  }
  return {
    time: frame.time,
    cpu: cpuAlloc > 0 ? (cpu / cpuAlloc) * 100 : 0,
    memory: memoryAlloc > 0 ? (memory / memoryAlloc) * 100 : 0,
    pending: frame.queue.length,
  };
}

export const DEFAULT_CAPACITY = 480;
/** Virtual ms between kept samples until the buffer first fills. */
export const DEFAULT_INTERVAL = 1000;

/**
 * The samples, oldest first; the last one is always the newest frame's. Immutable
 * snapshots (a new array on every change) so React can compare by identity.
 */
export class SampleBuffer {
  private samples: readonly Sample[] = [];
  private interval: number;

  constructor(
    private readonly capacity = DEFAULT_CAPACITY,
    private readonly initialInterval = DEFAULT_INTERVAL,
  ) {
    if (capacity < 4) throw new Error('SampleBuffer: capacity must be at least 4');
    this.interval = initialInterval;
  }

  get(): readonly Sample[] {
    return this.samples;
  }

  /** Virtual ms between kept samples now. */
  get spacing(): number {
    return this.interval;
  }

  reset(): void {
    this.samples = [];
    this.interval = this.initialInterval;
  }

  add(sample: Sample): void {
    const s = this.samples;
    const n = s.length;
    if (n > 0 && sample.time < s[n - 1].time) this.reset();
    const kept = this.samples;
    const k = kept.length;
    // The newest sample is kept only once it lies a full interval after the one before it;
    // until then each new reading replaces it (so the newest reading is always last).
    if (k > 0 && (sample.time === kept[k - 1].time || (k >= 2 && kept[k - 1].time - kept[k - 2].time < this.interval))) {
      this.samples = [...kept.slice(0, k - 1), sample];
      return;
    }
    let next = [...kept, sample];
    if (next.length > this.capacity) {
      // Keep every other sample (and always the newest), at twice the spacing.
      next = next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
      this.interval *= 2;
    }
    this.samples = next;
  }
}

export interface ChartSampler {
  get(): readonly Sample[];
  /** Calls `listener` whenever the samples change; returns a function that stops it. */
  subscribe(listener: () => void): () => void;
}

/** Samples every frame the store receives; a new scenario starts over. */
export function createChartSampler(store: PodscapeStore, buffer = new SampleBuffer()): ChartSampler & { stop(): void } {
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const onState = (state: PodscapeState, prev: PodscapeState | null) => {
    let changed = false;
    if (prev && state.scenario !== prev.scenario) {
      buffer.reset();
      changed = true;
    }
    if (state.frame && (changed || !prev || state.frame !== prev.frame)) {
      buffer.add(sampleOf(state.frame));
      changed = true;
    }
    if (changed) notify();
  };
  onState(store.getState(), null);
  const stop = store.subscribe(onState);
  return {
    get: () => buffer.get(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop,
  };
}

const samplers = new WeakMap<PodscapeStore, ChartSampler>();

/** One sampler per store, started the first time it is asked for (the chart mounts with the app). */
export function samplerFor(store: PodscapeStore): ChartSampler {
  let sampler = samplers.get(store);
  if (!sampler) {
    sampler = createChartSampler(store);
    samplers.set(store, sampler);
  }
  return sampler;
}
