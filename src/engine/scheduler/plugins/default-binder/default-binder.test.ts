import { describe, expect, it } from 'vitest';
import { CycleState } from '../../framework/cycle-state';
import type { ClusterActions, Handle } from '../../framework/interfaces';
import type { PodInfo } from '../../framework/pod-info';
import { errorStatus, type MaybeStatus } from '../../framework/status';
import { makePod } from '../../../testing/builders';
import { defaultBinderFactory } from './default-binder';

function handleWith(result: MaybeStatus, calls: [string, string][]): Handle {
  const cluster: ClusterActions = {
    bind: (pod: PodInfo, nodeName: string) => {
      calls.push([pod.key, nodeName]);
      return result;
    },
    evictVictim: () => {},
    clearNomination: () => {},
  };
  return { cluster } as unknown as Handle;
}

describe('DefaultBinder', () => {
  const cases: { name: string; result: MaybeStatus }[] = [
    { name: 'a successful binding returns null', result: null },
    { name: 'a failed binding returns the cluster status', result: errorStatus('pods "p" not found') },
  ];
  it.each(cases)('$name', ({ result }) => {
    const calls: [string, string][] = [];
    const pl = defaultBinderFactory.create(undefined, handleWith(result, calls));
    expect(pl.name).toBe('DefaultBinder');
    const s = pl.bind!(new CycleState(), makePod('p', 'ns1').container().info(), 'node-a');
    expect(s).toBe(result);
    expect(calls).toEqual([['ns1/p', 'node-a']]);
  });
});
