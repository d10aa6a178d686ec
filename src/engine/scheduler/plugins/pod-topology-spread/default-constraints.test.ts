/**
 * Default constraints without selectors of their own: the list made for a
 * default selector object is kept per action, and always holds that
 * action's constraints with the owner's current selector.
 */
import { describe, expect, it } from 'vitest';
import type { Workload } from '../../../model/types';
import { Rng } from '../../../random/rng';
import { makeNode, makePod } from '../../../testing/builders';
import { CycleState } from '../../framework/cycle-state';
import type { Handle } from '../../framework/interfaces';
import { PodInfo } from '../../framework/pod-info';
import { Snapshot } from '../../framework/snapshot';
import { defaultPodTopologySpreadArgs } from './args';
import type { PreFilterState } from './filtering';
import { podTopologySpreadFactory, PRE_FILTER_STATE_KEY, PRE_SCORE_STATE_KEY, type PodTopologySpreadPlugin } from './pod-topology-spread';
import type { PreScoreState } from './scoring';

const replicaSet = (app: string): Workload =>
  ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'default' }, spec: { selector: { matchLabels: { app } } } }) as unknown as Workload;

describe('PodTopologySpread default constraints per action', () => {
  it('PreFilter gets the DoNotSchedule ones and PreScore the ScheduleAnyway ones, with the selector of the owner as it is now', () => {
    const snapshot = new Snapshot();
    for (const n of ['a', 'b', 'c']) snapshot.addNode(makeNode(n).label('zone', n).obj());
    let rs = replicaSet('x');
    const handle = {
      snapshot,
      listers: { namespaceLabels: () => ({}), services: () => [], replicaSets: () => [rs], statefulSets: () => [], replicationControllers: () => [], podDisruptionBudgets: () => [] },
    } as unknown as Handle;
    const args = defaultPodTopologySpreadArgs({
      defaultingType: 'List',
      defaultConstraints: [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
        { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
      ],
    });
    const plugin = podTopologySpreadFactory.create(args, handle) as PodTopologySpreadPlugin;
    const rng = new Rng(4);
    const nodes = snapshot.nodeInfoList();
    for (let i = 0; i < 60; i++) {
      const r = rng.float();
      // A status write (an equal copy), or a new selector.
      if (r < 0.5) rs = JSON.parse(JSON.stringify(rs)) as Workload;
      else if (r < 0.7) rs = replicaSet(rng.float() < 0.5 ? 'x' : 'y');
      const app = rs.spec.selector!.matchLabels!.app;
      const pod = new PodInfo(makePod(`p${i}`).label('app', app).owner('ReplicaSet', 'rs').obj(), i);
      const state = new CycleState();
      const order = rng.float() < 0.5 ? ['filter', 'score'] : ['score', 'filter'];
      for (const step of order) {
        if (step === 'filter') plugin.preFilter(state, pod, nodes);
        else plugin.preScore(state, pod, nodes);
      }
      const filterOnes = state.read<PreFilterState>(PRE_FILTER_STATE_KEY).constraints;
      const scoreOnes = state.read<PreScoreState>(PRE_SCORE_STATE_KEY).constraints;
      expect(filterOnes.map((c) => [c.maxSkew, c.topologyKey])).toEqual([[1, 'zone']]);
      expect(scoreOnes.map((c) => [c.maxSkew, c.topologyKey])).toEqual([[2, 'kubernetes.io/hostname']]);
      for (const c of [...filterOnes, ...scoreOnes]) {
        expect(c.selectorKey).toBe('default:' + JSON.stringify([[], { matchLabels: { app } }]));
        expect(c.selector.matches({ app })).toBe(true);
        expect(c.selector.matches({ app: app === 'x' ? 'y' : 'x' })).toBe(false);
      }
    }
  });
});
