import { describe, expect, it } from 'vitest';
import { fromTimestamp } from '../../clock/time';
import type { Node, Pod, Taint, Toleration } from '../../model/types';
import { createSimulation } from '../../sim/simulation';
import { barePod, eventsOf, node } from '../node-lifecycle/cluster-fixture';
import { createTaintEvictionController, getMatchingTolerations, minTolerationTime } from './taint-eviction-controller';

const s = (x: number) => x * 1000;
const UNREACHABLE: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };

function podWith(name: string, tolerations: Toleration[]): Pod {
  const p = barePod(name, 'w');
  p.spec.tolerations = tolerations;
  return p;
}

function setup(pods: Pod[]) {
  const sim = createSimulation({ seed: 2, controlPlane: { defaultTolerationSeconds: 300 }, components: [createTaintEvictionController()] });
  sim.load([node('w'), ...pods]);
  sim.advanceTo(s(10));
  return sim;
}

function taint(sim: ReturnType<typeof setup>, taints: Taint[]) {
  const n = sim.store.get<Node>('Node', undefined, 'w')!;
  sim.store.update<Node>({ ...n, spec: { ...n.spec, taints } });
  sim.advanceTo(sim.time);
}

const pod = (sim: ReturnType<typeof setup>, name: string) => sim.store.get<Pod>('Pod', 'default', name)!;

describe('taint eviction controller', () => {
  it('deletes at once a pod that does not tolerate a NoExecute taint', () => {
    const sim = setup([podWith('p', [{ key: 'other', operator: 'Exists' }])]);
    taint(sim, [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]);
    expect(eventsOf(sim, 'TaintManagerEviction')).toMatchObject([
      { type: 'Normal', object: 'Pod/default/p', message: 'Marking for deletion Pod default/p', source: 'taint-eviction-controller', firstTime: s(10) },
    ]);
    const p = pod(sim, 'p');
    expect(fromTimestamp(p.metadata.deletionTimestamp)).toBe(s(40));
    expect(p.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
  });

  it('leaves a pod that tolerates the taint forever alone; default 300 s tolerations delete after 300 s', () => {
    const sim = setup([podWith('forever', [{ key: UNREACHABLE.key, operator: 'Exists', effect: 'NoExecute' }]), barePod('default', 'w')]);
    taint(sim, [UNREACHABLE]);
    sim.advanceTo(s(309.9));
    expect(eventsOf(sim, 'TaintManagerEviction')).toHaveLength(0);
    sim.advanceTo(s(310));
    expect(eventsOf(sim, 'TaintManagerEviction').map((e) => e.object)).toEqual(['Pod/default/default']);
    sim.advanceTo(s(2000));
    expect(pod(sim, 'forever').metadata.deletionTimestamp).toBeUndefined();
  });

  it('uses the smallest tolerationSeconds of the matching tolerations; ≤ 0 means now', () => {
    const sim = setup([
      podWith('min', [
        { key: UNREACHABLE.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 120 },
        { key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      ]),
      podWith('zero', [{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }]),
    ]);
    taint(sim, [UNREACHABLE, { key: 'dedicated', effect: 'NoExecute' }]);
    expect(eventsOf(sim, 'TaintManagerEviction').map((e) => e.object)).toEqual(['Pod/default/zero']);
    sim.advanceTo(s(40));
    expect(eventsOf(sim, 'TaintManagerEviction').map((e) => [e.object, e.firstTime])).toEqual([
      ['Pod/default/zero', s(10)],
      ['Pod/default/min', s(40)],
    ]);
  });

  it('cancels a pending deletion when the taints go, with an event', () => {
    const sim = setup([barePod('p', 'w')]);
    taint(sim, [UNREACHABLE]);
    sim.advanceTo(s(100));
    taint(sim, []);
    expect(eventsOf(sim, 'TaintManagerEviction')).toMatchObject([{ message: 'Cancelling deletion of Pod default/p', firstTime: s(100) }]);
    sim.advanceTo(s(1000));
    expect(pod(sim, 'p').metadata.deletionTimestamp).toBeUndefined();
  });

  it('never pushes a scheduled deletion later when taints change again', () => {
    const sim = setup([barePod('p', 'w')]);
    taint(sim, [UNREACHABLE]);
    sim.advanceTo(s(200));
    // A second taint the pod tolerates for 300 s too: the deletion stays at 10 + 300.
    taint(sim, [UNREACHABLE, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]);
    sim.advanceTo(s(310));
    expect(eventsOf(sim, 'TaintManagerEviction').filter((e) => e.message.startsWith('Marking'))).toMatchObject([{ firstTime: s(310) }]);
  });

  it('handles a pod bound to an already tainted node', () => {
    const sim = setup([]);
    taint(sim, [UNREACHABLE]);
    sim.advanceTo(s(50));
    sim.store.create(barePod('late', 'w'));
    sim.advanceTo(s(350));
    expect(eventsOf(sim, 'TaintManagerEviction')).toMatchObject([{ object: 'Pod/default/late', firstTime: s(350) }]);
  });

  it('cancels the pending deletion of a pod removed after its node was deleted (pods on no tainted node)', () => {
    const sim = setup([barePod('p', 'w'), barePod('q', 'w')]);
    taint(sim, [UNREACHABLE]);
    sim.advanceTo(s(100));
    sim.store.remove('Node', undefined, 'w');
    sim.advanceTo(s(110));
    // A pod of the same name in another namespace has no pending deletion: nothing to cancel.
    sim.store.create({ ...barePod('p', 'w'), metadata: { name: 'p', namespace: 'other' } });
    sim.store.remove('Pod', 'other', 'p');
    sim.store.remove('Pod', 'default', 'p');
    sim.advanceTo(s(1000));
    expect(eventsOf(sim, 'TaintManagerEviction').map((e) => [e.message, e.firstTime])).toEqual([
      ['Cancelling deletion of Pod default/p', s(110)],
      ['Marking for deletion Pod default/q', s(310)],
    ]);
  });

  it('matches tolerations as upstream GetMatchingTolerations and getMinTolerationTime', () => {
    expect(getMatchingTolerations([UNREACHABLE], [{ key: 'x', operator: 'Exists' }])).toEqual({ all: false, used: [] });
    expect(getMatchingTolerations([UNREACHABLE], [{ operator: 'Exists' }]).all).toBe(true);
    expect(minTolerationTime([])).toBe(0);
    expect(minTolerationTime([{ operator: 'Exists' }])).toBe(-1);
    expect(minTolerationTime([{ operator: 'Exists', tolerationSeconds: 20 }, { operator: 'Exists' }])).toBe(s(20));
    expect(minTolerationTime([{ operator: 'Exists', tolerationSeconds: -5 }])).toBe(0);
  });
});
