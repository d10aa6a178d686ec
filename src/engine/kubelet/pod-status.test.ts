/**
 * runningStatus and terminatedStatus set the kubelet's conditions with loops over one shared
 * list of wanted conditions. Their output must be what the straightforward form below gives
 * (a Set of wanted types, `find` per wanted condition, the list literal per call) for any
 * existing conditions — duplicates, holes, foreign types, changed and unchanged statuses —
 * compared as JSON, so key order counts too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pod, PodCondition, PodStatus } from '../model/types';
import { runningStatus, terminatedStatus } from './pod-status';

type Cond = Pick<PodCondition, 'type' | 'status'> & { reason?: string; message?: string };

function referenceConditions(status: PodStatus | undefined, want: readonly Cond[], now: string, generation: number): PodCondition[] {
  const existing = Array.isArray(status?.conditions) ? status!.conditions! : [];
  const out: PodCondition[] = [];
  const set = new Set(want.map((c) => c.type));
  for (const w of want) {
    const cur = existing.find((c) => c && c.type === w.type);
    // Key order as the API's PodCondition struct: type, observedGeneration, status, lastProbeTime, ….
    const c: PodCondition = { type: w.type, observedGeneration: generation, status: w.status, lastProbeTime: null, lastTransitionTime: cur && cur.status === w.status ? cur.lastTransitionTime ?? now : now };
    if (w.reason) c.reason = w.reason;
    if (w.message) c.message = w.message;
    out.push(c);
  }
  for (const c of existing) if (c && !set.has(c.type)) out.push(c);
  return out;
}

const TYPES = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'DisruptionTarget', 'example.com/gate'];

const conditionArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  {
    weight: 8,
    arbitrary: fc.record(
      {
        type: fc.constantFrom(...TYPES),
        status: fc.constantFrom('True', 'False', 'Unknown'),
        lastTransitionTime: fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'),
        reason: fc.constantFrom('PodCompleted', 'TerminationByKubelet'),
      },
      { requiredKeys: ['type', 'status'] },
    ),
  },
);

const podArb = fc.record({
  conditions: fc.option(fc.array(conditionArb, { maxLength: 8 }), { nil: undefined }),
  containers: fc.array(fc.constantFrom('app', 'sidecar', 'init'), { minLength: 1, maxLength: 3 }),
  running: fc.boolean(),
  generation: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  startTime: fc.option(fc.constant('2026-01-01T00:00:10Z'), { nil: undefined }),
});

function toPod(p: { conditions?: (PodCondition | null)[]; containers: string[]; running: boolean; generation?: number; startTime?: string }): Pod {
  const status: PodStatus = { phase: 'Pending' };
  if (p.conditions !== undefined) status.conditions = p.conditions as PodCondition[];
  if (p.startTime !== undefined) status.startTime = p.startTime;
  if (p.running) status.containerStatuses = p.containers.map((name) => ({ name, state: { running: { startedAt: '2026-01-01T00:00:20Z' } }, restartCount: 1 }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', ...(p.generation !== undefined ? { generation: p.generation } : {}) },
    spec: { containers: p.containers.map((name) => ({ name, image: `${name}:1` })) },
    status,
  };
}

describe('kubelet pod statuses', () => {
  it('runningStatus sets the conditions as the reference form does (JSON, key order included)', () => {
    fc.assert(
      fc.property(podArb, fc.boolean(), fc.integer({ min: 0, max: 3 }), (p, rebooted, restarts) => {
        const pod = toPod(p);
        const now = '2026-01-01T00:05:00Z';
        const got = runningStatus(pod, now, '2026-01-01T00:04:00Z', restarts, rebooted);
        // After a reboot the sandbox and containers were reported not ready first.
        const before = rebooted && pod.status?.conditions
          ? { ...pod.status, conditions: pod.status.conditions.map((c) => (c && ['PodReadyToStartContainers', 'ContainersReady'].includes(c.type) ? { ...c, status: 'False' as const } : c)) }
          : pod.status;
        const want = referenceConditions(
          before,
          [
            { type: 'PodReadyToStartContainers', status: 'True' },
            { type: 'Initialized', status: 'True' },
            { type: 'Ready', status: 'True' },
            { type: 'ContainersReady', status: 'True' },
            { type: 'PodScheduled', status: 'True' },
          ],
          now,
          p.generation ?? 1,
        );
        expect(JSON.stringify(got.conditions)).toBe(JSON.stringify(want));
        expect(got.phase).toBe('Running');
        expect(got.observedGeneration).toBe(p.generation ?? 1);
      }),
      { numRuns: 400, seed: 31 },
    );
  });

  it('terminatedStatus sets the conditions as the reference form does, completed and lost', () => {
    fc.assert(
      fc.property(podArb, fc.boolean(), (p, lost) => {
        const pod = toPod(p);
        const now = '2026-01-01T00:09:00Z';
        const reason = 'PodCompleted';
        const got = terminatedStatus(pod, now, lost ? 'lost' : 'completed');
        const want = referenceConditions(
          pod.status,
          [
            { type: 'PodReadyToStartContainers', status: 'False' },
            { type: 'Initialized', status: 'True', ...(lost ? {} : { reason }) },
            { type: 'Ready', status: 'False', reason: lost ? 'PodFailed' : reason },
            { type: 'ContainersReady', status: 'False', reason: lost ? 'PodFailed' : reason },
            { type: 'PodScheduled', status: 'True' },
          ],
          now,
          p.generation ?? 1,
        );
        expect(JSON.stringify(got.conditions)).toBe(JSON.stringify(want));
        expect(got.observedGeneration).toBe(p.generation ?? 1);
      }),
      { numRuns: 300, seed: 32 },
    );
  });

  it('every running pod gets conditions of its own (the shared wanted list is not handed out)', () => {
    const a = runningStatus(toPod({ containers: ['app'], running: false }), 't1', 't0', 0, false);
    const b = runningStatus(toPod({ containers: ['app'], running: false }), 't2', 't0', 0, false);
    expect(a.conditions).not.toBe(b.conditions);
    expect(a.conditions![0]).not.toBe(b.conditions![0]);
    expect(a.conditions![0].lastTransitionTime).toBe('t1');
    expect(b.conditions![0].lastTransitionTime).toBe('t2');
  });
});
