import { describe, expect, it } from 'vitest';
import { fateOf } from './fate';

const pod = (kind: string | null, unreachableToleration: number | 'forever' = 300) => ({
  name: 'p-0',
  owner: kind ? { kind, name: 'owner' } : null,
  unreachableToleration,
});

describe('fateOf', () => {
  it('picks the caption by owner kind', () => {
    expect(fateOf(pod('DaemonSet', 'forever')).fate).toBe('stays');
    expect(fateOf(pod('StatefulSet')).fate).toBe('waits');
    expect(fateOf(pod('ReplicaSet')).fate).toBe('replaced');
    expect(fateOf(pod('Job')).fate).toBe('replaced');
    expect(fateOf(pod(null)).fate).toBe('gone');
    expect(fateOf(pod('CronThing')).fate).toBe('evicted');
  });

  it('says why, in words that name the controller', () => {
    expect(fateOf(pod('DaemonSet', 'forever')).text).toMatch(/DaemonSet never moves it.*tolerates the unreachable taint/);
    expect(fateOf(pod('StatefulSet')).text).toMatch(/no new p-0 while the old pod exists.*delete the node or force-delete the pod/);
    expect(fateOf(pod('ReplicaSet')).text).toMatch(/ReplicaSet creates a new pod/);
    expect(fateOf(pod(null)).text).toMatch(/nothing recreates it/);
    expect(fateOf(pod('CronThing')).text).toContain('CronThing');
  });

  it('lets any pod that tolerates the taint forever stay, whoever owns it', () => {
    expect(fateOf(pod(null, 'forever')).fate).toBe('stays');
    expect(fateOf(pod('ReplicaSet', 'forever')).fate).toBe('stays');
  });
});
