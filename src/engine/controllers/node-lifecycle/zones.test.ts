/**
 * Zones.allQueues keeps its sorted list until a zone's queue is added: the order must be by
 * zone name whatever order zones appear in, and a zone added later must show up at once.
 * The lockstep part plays random node commands over zones that appear and fill in any order
 * (nodes added in new zones) with the kept list and with a sort on every call.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject } from '../../model/types';
import { defaultControlPlaneConfig } from '../../sim/config';
import { nodeCommands } from '../../testing/node-commands';
import { recordedRun, type Step } from '../../testing/recorded-run';
import { deployment, node } from './cluster-fixture';
import { SORTED_QUEUES, Zones } from './zones';

afterEach(() => {
  SORTED_QUEUES.enabled = true;
});

describe('Zones.allQueues', () => {
  it('lists the queues by zone name, including zones added after an earlier call', () => {
    const z = new Zones(defaultControlPlaneConfig());
    const b = z.queue('zone-b', 0);
    const a = z.queue('zone-a', 0);
    expect(z.allQueues()).toEqual([a, b]);
    expect(z.allQueues()[0]).toBe(a);
    const first = z.queue('zone-0', 10);
    const c = z.queue('zone-c', 10);
    expect(z.allQueues()).toEqual([first, a, b, c]);
    // Asking for an existing zone adds nothing.
    z.queue('zone-a', 20);
    expect(z.allQueues()).toHaveLength(4);
  });
});

const ZONE_OF: Record<string, string> = { 'b-1': 'zone-b', 'b-2': 'zone-b', 'a-1': 'zone-a', 'c-1': 'zone-c' };
const NODES = Object.keys(ZONE_OF);

function cluster(): KubeObject[] {
  return [...NODES.map((n) => node(n, { labels: { 'topology.kubernetes.io/zone': ZONE_OF[n] } })), deployment('web', 6)];
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 0, max: 90 }).map((s) => s * 1000 + (s % 5) * 100),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...NODES).map(f), ['killNode', 'killNode', 'restoreNode', 'drain']),
    fc.constantFrom('zone-0', 'zone-d', 'zone-aa').map((z): Command => ({ action: 'addNode', object: node(`new-${z}`, { labels: { 'topology.kubernetes.io/zone': z } }) })),
    fc.constantFrom('new-zone-0', 'new-zone-d').map((n): Command => ({ action: 'killNode', node: n })),
  ),
});

describe('node lifecycle: the kept zone-queue list', () => {
  it('random kills, restores and new zones: same writes, events and objects as sorting every pass', () => {
    const run = (steps: Step[], kept: boolean) => {
      SORTED_QUEUES.enabled = kept;
      return recordedRun(cluster(), steps, { seed: 11, recordSettling: true });
    };
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 12 }), (steps) => {
        const all = [...steps, { wait: 400_000, command: null }];
        expect(run(all, true)).toEqual(run(all, false));
      }),
      { numRuns: 20 },
    );
  });
});
