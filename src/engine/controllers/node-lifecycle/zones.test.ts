/** Zones.allQueues lists the queues by zone name whatever order zones appear in, a zone added later at once. */
import { describe, expect, it } from 'vitest';
import { defaultControlPlaneConfig } from '../../sim/config';
import { Zones } from './zones';

describe('Zones.allQueues', () => {
  it('lists the queues by zone name, including zones added after an earlier call', () => {
    const z = new Zones(defaultControlPlaneConfig());
    const b = z.queue('zone-b', 0);
    const a = z.queue('zone-a', 0);
    expect(z.allQueues()).toEqual([a, b]);
    expect(z.allQueues()[0]).toBe(a);
    const first = z.queue('zone-0', 10);
    const c = z.queue('zone-c', 10);
    expect(z.allQueues()).toEqual([first, a, b, c]);
    // Asking for an existing zone adds nothing.
    z.queue('zone-a', 20);
    expect(z.allQueues()).toHaveLength(4);
  });
});
