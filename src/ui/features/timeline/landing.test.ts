import { describe, expect, it } from 'vitest';
import type { FrameEvent } from '../../../protocol/engine-api';
import { landings, placeOf } from './landing';

const event = (reason: string, message: string): FrameEvent => ({ id: 1, type: 'Normal', reason, message, object: 'Pod/default/web-1', source: 'default-scheduler', count: 1, firstTime: 0, lastTime: 0 });

describe('landing', () => {
  it('reads the pod and node of each Scheduled event, and nothing else', () => {
    expect(
      landings([
        event('Scheduled', 'Successfully assigned default/web-1 to worker-3'),
        event('FailedScheduling', '0/3 nodes are available: 3 Insufficient cpu.'),
        event('Scheduled', 'Successfully assigned kube-system/agent-x to n-12'),
      ]),
    ).toEqual([
      { pod: 'default/web-1', node: 'worker-3' },
      { pod: 'kube-system/agent-x', node: 'n-12' },
    ]);
  });

  it('places a box above, in or below the band the story bar leaves', () => {
    expect(placeOf({ top: -300, bottom: -1 }, 800, 100)).toBe('above');
    expect(placeOf({ top: -300, bottom: 10 }, 800, 100)).toBe('in view');
    expect(placeOf({ top: 699, bottom: 900 }, 800, 100)).toBe('in view');
    expect(placeOf({ top: 700, bottom: 900 }, 800, 100)).toBe('below');
  });
});
