/**
 * The monitor pass skips the zone work that cannot change anything (zones.ts EXACT_SKIPS:
 * no zone queue to create, no zone count or state changed since the last disruption pass).
 * Random kills, restores, cordons, drains, node deletions and additions over nodes in
 * several zones (one small zone of three, so that zones go fully disrupted, and all nodes
 * at once for master disruption mode) must give the same writes (with resourceVersions and
 * times), events and objects with the skips and without.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from '../../commands';
import type { KubeObject } from '../../model/types';
import { nodeCommands } from '../../testing/node-commands';
import { recordedRun, type Step } from '../../testing/recorded-run';
import { deployment, node } from './cluster-fixture';
import { EXACT_SKIPS } from './zones';

const ZONE_OF: Record<string, string> = { 'a-1': 'zone-a', 'a-2': 'zone-a', 'a-3': 'zone-a', 'b-1': 'zone-b', 'b-2': 'zone-b', 'c-1': 'zone-c' };
const NODES = Object.keys(ZONE_OF);

function cluster(): KubeObject[] {
  return [
    ...NODES.map((n) => node(n, { labels: { 'topology.kubernetes.io/zone': ZONE_OF[n] } })),
    node('x-1', { labels: { 'node.kubernetes.io/exclude-disruption': '' } }),
    deployment('web', 8),
  ];
}

function run(steps: Step[], skips: boolean) {
  EXACT_SKIPS.enabled = skips;
  return recordedRun(cluster(), steps, { seed: 5, recordSettling: true });
}

const killAll: Step[] = NODES.map((n) => ({ wait: 0, command: { action: 'killNode', node: n } }));
const restoreAll: Step[] = NODES.map((n) => ({ wait: 0, command: { action: 'restoreNode', node: n } }));

const stepArb: fc.Arbitrary<Step> = fc.record({
  wait: fc.integer({ min: 0, max: 120 }).map((s) => s * 1000 + (s % 7) * 100),
  command: fc.oneof(
    fc.constant(null),
    ...nodeCommands((f) => fc.constantFrom(...NODES, 'x-1').map(f), ['killNode', 'killNode', 'restoreNode', 'cordon', 'uncordon', 'drain']),
    fc.constantFrom(...NODES).map((n): Command => ({ action: 'deleteNode', node: n })),
    fc.constantFrom('zone-d', 'zone-a').map((z): Command => ({ action: 'addNode', object: node(`new-${z}`, { labels: { 'topology.kubernetes.io/zone': z } }) })),
  ),
});

describe('node lifecycle: skipped zone passes', () => {
  afterEach(() => {
    EXACT_SKIPS.enabled = true;
  });

  it('every node lost and back (master disruption mode in and out): same writes, events and objects', () => {
    const steps: Step[] = [...killAll, { wait: 400_000, command: null }, ...restoreAll, { wait: 200_000, command: null }];
    const a = run(steps, true);
    const b = run(steps, false);
    expect(a.writes.length).toBeGreaterThan(30);
    expect(a.events).toContain('NodeNotReady');
    expect(a).toEqual(b);
  });

  it('random node commands over several zones: same writes, events and objects', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 14 }), fc.boolean(), (steps, lastAll) => {
        const all = [...steps, ...(lastAll ? killAll : []), { wait: 400_000, command: null }];
        expect(run(all, true)).toEqual(run(all, false));
      }),
      { numRuns: 25 },
    );
  });
});
