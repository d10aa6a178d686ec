/**
 * The drain log in the frames: what kubectl drain prints after the command has returned (its
 * retries, `pod/<p> evicted`, `node/<n> drained`) reaches the page, each line once, with its
 * time; and the log is the same array while nothing new is printed.
 */
import { describe, expect, it } from 'vitest';
import { encodeFrame } from '../protocol/frame-codec';
import { findPreset } from '../scenario/presets';
import { createEngineHost, createManualTicker } from './engine-host';

const DRAIN_PDB = findPreset('drain-pdb')!.text;

describe('frames: the drain log', () => {
  it('carries every line kubectl drain prints over time, numbered, and keeps the array while nothing is printed', () => {
    const host = createEngineHost({ ticker: createManualTicker() });
    const loaded = host.load(DRAIN_PDB, 'drain-pdb.yaml');
    expect(loaded.frame.drainLog).toBeUndefined();
    const before = host.step(30_000);
    expect(before.drainLog).toBeUndefined();

    const result = host.dispatch({ action: 'drain', node: 'worker-2', ignoreDaemonSets: true });
    expect(result.ok).toBe(true);
    const first = host.step(1);
    const lines = first.drainLog ?? [];
    // What the command printed before the clock moved is in the log too, from index 0.
    expect(lines.map((l) => l.index)).toEqual(lines.map((_, i) => i));
    expect(lines[0]).toMatchObject({ index: 0, time: 30_000, node: 'worker-2', stream: 'stdout', text: 'node/worker-2 cordoned' });
    expect(lines.some((l) => l.stream === 'stderr' && /^error when evicting pods\/"web-[^"]+" -n "default" \(will retry after 5s\): Cannot evict pod/.test(l.text))).toBe(true);

    // Later retries and the end arrive in later frames, each line once and in order.
    let prev = first;
    let reused = 0;
    const seen = [...lines];
    for (let t = 0; t < 120 && !seen.some((l) => l.text === 'node/worker-2 drained'); t++) {
      const next = host.step(1_000);
      if (next.drainLog === prev.drainLog) reused++;
      else seen.push(...(next.drainLog ?? []).filter((l) => l.index > seen[seen.length - 1].index));
      prev = next;
    }
    expect(seen.map((l) => l.index)).toEqual(seen.map((_, i) => i));
    expect(seen.at(-1)).toMatchObject({ text: 'node/worker-2 drained', stream: 'stdout' });
    expect(seen.at(-1)!.time).toBeGreaterThan(30_000);
    // The refused pod's retry, 5 s later, is printed then.
    expect(seen.some((l) => l.time === 35_000 && l.text.startsWith('evicting pod default/web-'))).toBe(true);
    expect(reused).toBeGreaterThan(0);
    // A frame whose log did not change sends nothing for it.
    const again = host.step(1_000);
    expect(again.drainLog).toBe(prev.drainLog);
    const packet = encodeFrame(prev, again);
    expect(packet.kind === 'diff' && packet.diff.drainLog).toBeUndefined();
    expect(packet.kind === 'diff' && 'drainLog' in packet.diff.head).toBe(false);
  });
});
