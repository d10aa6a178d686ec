import { describe, expect, it } from 'vitest';
import type { Frame } from '../protocol/engine-api';
import { FRAME_EVENT_LIMIT, newestFirst } from '../protocol/event-query';
import { createEngineHost, createManualTicker } from './engine-host';

/**
 * 3 nodes and 220 pods: ~250 events at load (a Scheduled per pod; the ReplicaSet's Created pod
 * events fold into one combined row after nine, as client-go's correlator does), more than a frame carries.
 */
const SCENARIO = `
apiVersion: podscape.dev/v1alpha1
kind: Scenario
metadata: { name: many-events }
spec: { seed: 3 }
${[1, 2, 3]
  .map(
    (i) => `---
apiVersion: v1
kind: Node
metadata: { name: worker-${i} }
status:
  allocatable: { cpu: "64", memory: 64Gi, pods: "110" }
  conditions: [{ type: Ready, status: "True" }]`,
  )
  .join('\n')}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 220
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, resources: { requests: { cpu: 100m } } }] }
`;

function setup() {
  const host = createEngineHost({ ticker: createManualTicker() });
  const frames: Frame[] = [];
  host.subscribe((p) => void (p.type === 'frame' && frames.push(p.frame)));
  return { host, frames };
}

describe('events stay in the engine host', () => {
  it('a full frame carries the newest FRAME_EVENT_LIMIT events and the count; snapshot() and events() have them all', () => {
    const { host } = setup();
    const { frame } = host.load(SCENARIO);
    const all = host.snapshot()!.events;
    expect(all.length).toBeGreaterThan(FRAME_EVENT_LIMIT);
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i));
    expect(frame).toMatchObject({ reset: true, eventsReplace: true, eventCount: all.length });
    expect(frame.events).toHaveLength(FRAME_EVENT_LIMIT);
    const newest = all.slice().sort(newestFirst);
    expect(frame.events.slice().sort(newestFirst)).toEqual(newest.slice(0, FRAME_EVENT_LIMIT));

    // Pages newest first, and filters over every event.
    const pages = [0, 1, 2].flatMap((p) => host.events({ offset: p * 200, limit: 200 }).events);
    expect(pages).toEqual(newest);
    const scheduled = host.events({ offset: 10, limit: 50, reason: 'Scheduled', text: 'WORKER-2' });
    const expected = newest.filter((e) => e.reason === 'Scheduled' && e.message.includes('worker-2'));
    expect(scheduled.matching).toBe(expected.length);
    expect(scheduled.events).toEqual(expected.slice(10, 60));
    expect(scheduled.reasons).toEqual([...new Set(all.map((e) => e.reason))].sort());
    expect(scheduled.time).toBe(0);
  });

  it('a diff with more changes than a frame carries sends the newest window instead; fewer travel as changes', () => {
    const { host, frames } = setup();
    host.load(SCENARIO);
    host.step(5000); // every container starts: ~150 Pulled/Created/Started … events
    const started = frames.at(-1)!;
    const count = host.snapshot()!.events.length;
    expect(started.eventCount).toBe(count);
    expect(started.eventsReplace).toBe(started.events.length === FRAME_EVENT_LIMIT);
    expect(started.events.length).toBeLessThanOrEqual(FRAME_EVENT_LIMIT);
    const before = host.snapshot()!.events;
    const pod = started.pods[0];
    host.dispatch({ action: 'deletePod', namespace: pod.namespace, name: pod.name });
    host.step(2000);
    const after = host.snapshot()!.events;
    const changed = after.filter((e) => JSON.stringify(e) !== JSON.stringify(before[e.id]));
    expect(changed.length).toBeGreaterThan(0);
    const sent = new Map(frames.slice(-2).flatMap((f) => f.events.map((e) => [e.id, e] as const)));
    expect(frames.slice(-2).map((f) => f.eventsReplace)).toEqual([false, false]);
    expect([...sent.values()].sort((a, b) => a.id - b.id)).toEqual(changed);
    expect(frames.at(-1)!.eventCount).toBe(after.length);
  });

  it('refuses a page before a scenario is loaded', () => {
    expect(() => setup().host.events({ offset: 0, limit: 10 })).toThrow('events: no scenario is loaded yet');
  });
});
