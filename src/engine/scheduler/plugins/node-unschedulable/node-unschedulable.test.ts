import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import { NodeInfo } from '../../framework/node-info';
import { Code } from '../../framework/status';
import type { Toleration } from '../../../model/types';
import { makeNode, makePod } from '../../../testing/builders';
import { NodeUnschedulablePlugin, nodeUnschedulableFactory, REASON_UNSCHEDULABLE } from './node-unschedulable';

const KEY = 'node.kubernetes.io/unschedulable';

describe('NodeUnschedulable', () => {
  const pl = new NodeUnschedulablePlugin();
  const cases: { name: string; unschedulable: boolean; tolerations: Toleration[]; fails: boolean }[] = [
    { name: 'schedulable node, no tolerations', unschedulable: false, tolerations: [], fails: false },
    { name: 'cordoned node, no tolerations', unschedulable: true, tolerations: [], fails: true },
    {
      name: 'cordoned node, pod tolerates the unschedulable taint',
      unschedulable: true,
      tolerations: [{ key: KEY, operator: 'Exists', effect: 'NoSchedule' }],
      fails: false,
    },
    {
      name: 'toleration without effect covers NoSchedule',
      unschedulable: true,
      tolerations: [{ key: KEY, operator: 'Exists' }],
      fails: false,
    },
    {
      name: 'wildcard toleration (empty key, Exists)',
      unschedulable: true,
      tolerations: [{ operator: 'Exists' }],
      fails: false,
    },
    {
      name: 'Equal with an empty value matches the value-less taint',
      unschedulable: true,
      tolerations: [{ key: KEY, operator: 'Equal', value: '', effect: 'NoSchedule' }],
      fails: false,
    },
    {
      name: 'Equal with a value does not match',
      unschedulable: true,
      tolerations: [{ key: KEY, operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
      fails: true,
    },
    {
      name: 'NoExecute toleration does not cover NoSchedule',
      unschedulable: true,
      tolerations: [{ key: KEY, operator: 'Exists', effect: 'NoExecute' }],
      fails: true,
    },
    {
      name: 'other key does not help',
      unschedulable: true,
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists' }],
      fails: true,
    },
    {
      name: 'tolerant pod on a schedulable node',
      unschedulable: false,
      tolerations: [{ key: KEY, operator: 'Exists', effect: 'NoSchedule' }],
      fails: false,
    },
  ];
  it.each(cases)('$name', ({ unschedulable, tolerations, fails }) => {
    const node = new NodeInfo(makeNode('n1').unschedulable(unschedulable).obj());
    const b = makePod('p').container();
    for (const t of tolerations) b.toleration(t);
    const s = pl.filter(new CycleState(), b.info(), node);
    if (!fails) {
      expect(s).toBeNull();
    } else {
      expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
      expect(s?.reasons).toEqual(['node(s) were unschedulable']);
    }
  });

  it('exports the upstream reason and name', () => {
    expect(REASON_UNSCHEDULABLE).toBe('node(s) were unschedulable');
    expect(nodeUnschedulableFactory.create(undefined, {} as never).name).toBe('NodeUnschedulable');
  });
});
