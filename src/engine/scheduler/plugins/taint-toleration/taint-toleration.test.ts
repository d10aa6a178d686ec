import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import { NodeInfo } from '../../framework/node-info';
import { Code } from '../../framework/status';
import type { Taint, Toleration } from '../../../model/types';
import { makeNode, makePod } from '../../../testing/builders';
import { TaintTolerationPlugin, taintTolerationFactory } from './taint-toleration';

const REASON = 'node(s) had untolerated taint(s)';

function podWith(tolerations: Toleration[]) {
  const b = makePod('p').container();
  for (const t of tolerations) b.toleration(t);
  return b.info();
}

function nodeWith(name: string, taints: Taint[]): NodeInfo {
  const b = makeNode(name);
  for (const t of taints) b.taint(t);
  return new NodeInfo(b.obj());
}

describe('TaintToleration Filter', () => {
  const pl = new TaintTolerationPlugin();
  const dedicated1: Taint = { key: 'dedicated', value: 'user1', effect: 'NoSchedule' };
  const cases: { name: string; tolerations: Toleration[]; taints: Taint[]; fails: boolean }[] = [
    { name: 'no taints', tolerations: [], taints: [], fails: false },
    { name: 'untolerated NoSchedule taint', tolerations: [], taints: [dedicated1], fails: true },
    {
      name: 'Equal toleration with the same value',
      tolerations: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      taints: [dedicated1],
      fails: false,
    },
    {
      name: 'Equal toleration with another value',
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      taints: [dedicated1],
      fails: true,
    },
    {
      name: 'Exists toleration ignores the value',
      tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [dedicated1],
      fails: false,
    },
    {
      name: 'every taint tolerated by one of several tolerations',
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ],
      taints: [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ],
      fails: false,
    },
    {
      name: 'one of two taints untolerated',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [dedicated1, { key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      fails: true,
    },
    {
      name: 'toleration effect differs from the taint effect',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      fails: true,
    },
    {
      name: 'toleration without effect matches any effect',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      fails: false,
    },
    {
      name: 'PreferNoSchedule taints never block',
      tolerations: [],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      fails: false,
    },
    {
      name: 'NoExecute taints block like NoSchedule',
      tolerations: [],
      taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
      fails: true,
    },
    {
      name: 'NoExecute taint tolerated with tolerationSeconds',
      tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
      fails: false,
    },
    {
      name: 'wildcard toleration tolerates everything',
      tolerations: [{ operator: 'Exists' }],
      taints: [dedicated1, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }],
      fails: false,
    },
    {
      name: 'alpha Gt operator is off: no toleration',
      tolerations: [{ key: 'sla', operator: 'Gt', value: '750', effect: 'NoSchedule' }],
      taints: [{ key: 'sla', value: '950', effect: 'NoSchedule' }],
      fails: true,
    },
  ];
  it.each(cases)('$name', ({ tolerations, taints, fails }) => {
    const s = pl.filter(new CycleState(), podWith(tolerations), nodeWith('nodeA', taints));
    if (!fails) {
      expect(s).toBeNull();
    } else {
      expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
      expect(s?.reasons).toEqual([REASON]);
    }
  });
});

describe('TaintToleration Score (after NormalizeScore)', () => {
  const prefer = (key: string, value: string): Taint => ({ key, value, effect: 'PreferNoSchedule' });
  const cases: { name: string; tolerations: Toleration[]; nodes: Taint[][]; raw: number[]; want: number[] }[] = [
    {
      name: 'the tolerated node beats the intolerable one',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      nodes: [[prefer('foo', 'bar')], [prefer('foo', 'blah')]],
      raw: [0, 1],
      want: [100, 0],
    },
    {
      name: 'how many tolerated taints a node has does not matter',
      tolerations: [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
      ],
      nodes: [[], [prefer('cpu-type', 'arm64')], [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]],
      raw: [0, 0, 0],
      want: [100, 100, 100],
    },
    {
      name: 'more intolerable taints, lower score',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      nodes: [[], [prefer('cpu-type', 'arm64')], [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]],
      raw: [0, 1, 2],
      want: [100, 50, 0],
    },
    {
      name: 'NoSchedule taints and tolerations are ignored by scoring',
      tolerations: [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }],
      nodes: [[], [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }], [prefer('cpu-type', 'arm64')]],
      raw: [0, 0, 1],
      want: [100, 100, 0],
    },
    {
      name: 'toleration without effect counts for PreferNoSchedule',
      tolerations: [{ key: 'cpu-type', operator: 'Exists' }],
      nodes: [[prefer('cpu-type', 'arm64')], [prefer('gpu', 'yes')]],
      raw: [0, 1],
      want: [100, 0],
    },
    {
      name: 'three intolerable taints against one',
      tolerations: [],
      nodes: [[prefer('a', '1'), prefer('b', '1'), prefer('c', '1')], [prefer('a', '1')], []],
      raw: [3, 1, 0],
      want: [0, 67, 100],
    },
  ];
  it.each(cases)('$name', ({ tolerations, nodes, raw, want }) => {
    const pl = taintTolerationFactory.create(undefined, {} as never) as TaintTolerationPlugin;
    const state = new CycleState();
    const pod = podWith(tolerations);
    const infos = nodes.map((taints, i) => nodeWith(`node${i}`, taints));
    expect(pl.preScore(state, pod, infos)).toBeNull();
    const scores = infos.map((n) => pl.score(state, pod, n));
    expect(scores).toEqual(raw);
    expect(pl.scoreExtensions().normalizeScore(state, pod, infos, scores)).toBeNull();
    expect(scores).toEqual(want);
  });

  it('Score without PreScore is an error', () => {
    const pl = new TaintTolerationPlugin();
    expect(() => pl.score(new CycleState(), podWith([]), nodeWith('n', []))).toThrow(/PreScoreTaintToleration/);
  });

  it('PreScore state survives a CycleState clone', () => {
    const pl = new TaintTolerationPlugin();
    const state = new CycleState();
    const pod = podWith([]);
    const node = nodeWith('n', [prefer('a', '1')]);
    pl.preScore(state, pod, [node]);
    expect(pl.score(state.clone(), pod, node)).toBe(1);
  });
});
