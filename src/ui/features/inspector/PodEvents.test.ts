import { describe, expect, it } from 'vitest';
import type { FrameEvent } from '../../../protocol/engine-api';
import { eventsOf } from './PodEvents';

const event = (id: number, object: string, reason: string): FrameEvent =>
  ({ id, object, reason, type: 'Normal', message: '', count: 1, firstTime: id, lastTime: id }) as FrameEvent;

describe('eventsOf', () => {
  it("keeps exactly the pod's own events, oldest first", () => {
    // The store holds them newest first.
    const events = [
      event(4, 'Pod/default/web-10', 'Scheduled'),
      event(3, 'Pod/default/web-1', 'TaintManagerEviction'),
      event(2, 'ReplicaSet/default/web', 'SuccessfulCreate'),
      event(1, 'Pod/kube-system/web-1', 'Scheduled'),
      event(0, 'Pod/default/web-1', 'Scheduled'),
    ];
    expect(eventsOf(events, 'Pod/default/web-1').map((e) => `${e.id} ${e.reason}`)).toEqual(['0 Scheduled', '3 TaintManagerEviction']);
  });
});
