/** The pending tray's refused pods: the newest FailedCreate Warning of each object. */
import { describe, expect, it } from 'vitest';
import type { FrameEvent } from '../../../protocol/engine-api';
import { refusedCreates } from './refused-creates';

const ev = (id: number, object: string, reason: string, lastTime: number, over: Partial<FrameEvent> = {}): FrameEvent => ({
  id,
  type: 'Warning',
  reason,
  message: `m${id}`,
  object,
  source: 'replicaset-controller',
  count: 1,
  firstTime: lastTime,
  lastTime,
  ...over,
});

describe('refusedCreates', () => {
  it('keeps the newest FailedCreate of each object, newest first, and splits its Kind/namespace/name', () => {
    const out = refusedCreates([
      ev(1, 'ReplicaSet/team/web-1', 'FailedCreate', 10_000),
      ev(2, 'Job/team/batch', 'FailedCreate', 20_000, { count: 3 }),
      ev(3, 'ReplicaSet/team/web-1', 'FailedCreate', 30_000, { message: 'Error creating: pods "web-1-x" is forbidden: exceeded quota: compute' }),
    ]);
    expect(out.map((r) => [r.object, r.lastTime])).toEqual([
      ['ReplicaSet/team/web-1', 30_000],
      ['Job/team/batch', 20_000],
    ]);
    expect(out[0]).toMatchObject({ kind: 'ReplicaSet', namespace: 'team', name: 'web-1', message: 'Error creating: pods "web-1-x" is forbidden: exceeded quota: compute' });
    expect(out[1].count).toBe(3);
  });

  it('ignores other reasons and Normal events', () => {
    expect(refusedCreates([ev(1, 'ReplicaSet/default/a', 'SuccessfulCreate', 1, { type: 'Normal' }), ev(2, 'Pod/default/p', 'FailedScheduling', 2), ev(3, 'ReplicaSet/default/a', 'FailedCreate', 3, { type: 'Normal' })])).toEqual([]);
  });
});
