/**
 * client-go's EventCorrelator in front of the recorder (EventRecorder.correlate()): the
 * aggregator that folds the 10th and later events differing only by message (same source,
 * object, type and reason, each within 10 minutes of the previous) into one
 * `(combined from similar events): <latest message>` row, and the spam filter that lets a
 * source write 25 events about one object and then one per 5 minutes
 * (k8s.io/client-go tools/record/events_cache.go: defaultAggregateMaxEvents 10,
 * defaultAggregateIntervalInSeconds 600, defaultSpamBurst 25, defaultSpamQPS 1/300).
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/virtual-clock';
import type { KubeObject } from '../model/types';
import { EventRecorder } from './recorder';

const rs: KubeObject = { kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', uid: 'r1' } };
const pod: KubeObject = { kind: 'Pod', metadata: { name: 'web-1-a', namespace: 'default', uid: 'p1' } };

function setup() {
  const clock = new VirtualClock();
  const r = new EventRecorder(clock);
  r.correlate();
  return { clock, r };
}
const rows = (r: EventRecorder) => r.all().map((e) => [e.message, e.count, e.firstTime, e.lastTime]);

describe('EventRecorder.correlate: similar events (the aggregator)', () => {
  it('records nine messages as rows of their own and folds the 10th and later into one combined row with the latest message', () => {
    const { clock, r } = setup();
    for (let i = 1; i <= 12; i++) {
      clock.advanceTo(i * 1000);
      r.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: web-1-${i}`, 'replicaset-controller');
    }
    const got = rows(r);
    expect(got.slice(0, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`Created pod: web-1-${i}`, 1, i * 1000, i * 1000]));
    expect(got.slice(9)).toEqual([['(combined from similar events): Created pod: web-1-12', 3, 10_000, 12_000]]);
  });

  it('groups by source, object (with its UID), type and reason: other groups are counted apart', () => {
    const { r } = setup();
    for (let i = 1; i <= 9; i++) r.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: a-${i}`, 'replicaset-controller');
    r.event(rs, 'Normal', 'SuccessfulDelete', 'Deleted pod: a-1', 'replicaset-controller');
    r.event(rs, 'Warning', 'SuccessfulCreate', 'Created pod: w', 'replicaset-controller');
    r.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: other-source', 'someone-else');
    r.event({ ...rs, metadata: { ...rs.metadata, uid: 'r2' } }, 'Normal', 'SuccessfulCreate', 'Created pod: new-uid', 'replicaset-controller');
    expect(r.all().every((e) => !e.message.startsWith('(combined'))).toBe(true);
    expect(r.all()).toHaveLength(13);
  });

  it('counts an identical event on its own row without adding a distinct message', () => {
    const { r } = setup();
    for (let i = 1; i <= 9; i++) r.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: a-${i}`, 'replicaset-controller');
    for (let i = 0; i < 5; i++) r.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: a-1', 'replicaset-controller');
    expect(r.all()).toHaveLength(9);
    expect(r.all()[0].count).toBe(6);
  });

  it('starts the distinct messages afresh after more than 10 minutes without a similar event, and reuses the combined row', () => {
    const { clock, r } = setup();
    for (let i = 1; i <= 10; i++) r.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: a-${i}`, 'replicaset-controller');
    clock.advanceTo(600_000);
    // Exactly 10 minutes later: still the same group (upstream resets only past the interval).
    r.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: a-11', 'replicaset-controller');
    expect(r.all().at(-1)).toMatchObject({ message: '(combined from similar events): Created pod: a-11', count: 2 });
    clock.advanceTo(1_200_001);
    for (let i = 12; i <= 20; i++) r.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: a-${i}`, 'replicaset-controller');
    expect(r.all().slice(-9).map((e) => e.message)).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20].map((i) => `Created pod: a-${i}`));
    r.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: a-21', 'replicaset-controller');
    expect(r.all()).toHaveLength(19);
    expect(r.all()[9]).toMatchObject({ message: '(combined from similar events): Created pod: a-21', count: 3, firstTime: 0, lastTime: 1_200_001 });
  });

  it('leaves the scheduler\'s events (written through the events.k8s.io API, no aggregator) alone', () => {
    const { r } = setup();
    // Each failure with a new message rewrites PodScheduled, so each event names a new resourceVersion.
    for (let i = 1; i <= 12; i++) {
      const at = { ...pod, metadata: { ...pod.metadata, resourceVersion: String(i) } };
      r.event(at, 'Warning', 'FailedScheduling', `0/${i} nodes are available: ${i} Insufficient cpu.`, 'default-scheduler');
    }
    expect(r.all()).toHaveLength(12);
    expect(r.all().every((e) => e.count === 1 && !e.message.startsWith('(combined'))).toBe(true);
  });
});

describe('EventRecorder.correlate: the spam filter (25 per source and object, then one per 5 minutes)', () => {
  it('drops the 26th and later events of a source about one object until a token comes back', () => {
    const { clock, r } = setup();
    for (let i = 0; i < 30; i++) r.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet');
    expect(r.all().map((e) => e.count)).toEqual([25]);
    // Another source about the same object has its own budget.
    r.event(pod, 'Normal', 'TaintManagerEviction', 'Marking for deletion Pod default/web-1-a', 'taint-eviction-controller');
    expect(r.all()).toHaveLength(2);
    clock.advanceTo(299_999);
    r.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet');
    expect(r.all()[0].count).toBe(25);
    clock.advanceTo(300_000 + 299_999);
    r.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet');
    // The count cache saw the six dropped ones (eventObserve runs before the filter): 25 + 6 + 1.
    expect(r.all()[0]).toMatchObject({ count: 32, lastTime: 599_999 });
    r.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet');
    expect(r.all()[0].count).toBe(32);
  });

  it('spends one budget across reasons, and a restarted source starts with a full one', () => {
    const { r } = setup();
    for (let i = 0; i < 20; i++) r.event(pod, 'Normal', 'Pulled', 'Container image "busybox" already present on machine', 'kubelet');
    for (let i = 0; i < 10; i++) r.event(pod, 'Normal', 'Started', 'Started container c', 'kubelet');
    expect(r.all().map((e) => [e.reason, e.count])).toEqual([
      ['Pulled', 20],
      ['Started', 5],
    ]);
    r.restarted(pod, 'kubelet');
    for (let i = 0; i < 30; i++) r.event(pod, 'Normal', 'Started', 'Started container c', 'kubelet');
    expect(r.all().map((e) => [e.reason, e.count])).toEqual([
      ['Pulled', 20],
      ['Started', 5],
      ['Started', 25],
    ]);
  });

  it('writes a row first seen while throttled later, with its first drop\'s time and every observation', () => {
    const { clock, r } = setup();
    for (let i = 0; i < 25; i++) r.event(pod, 'Normal', 'Pulled', 'Container image "busybox" already present on machine', 'kubelet');
    clock.advanceTo(1_000);
    r.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet');
    clock.advanceTo(2_000);
    r.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet');
    expect(r.all()).toHaveLength(1);
    clock.advanceTo(301_000);
    r.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container', 'kubelet');
    expect(r.all()[1]).toMatchObject({ reason: 'BackOff', count: 3, firstTime: 1_000, lastTime: 301_000 });
  });

  it('counts dropped similar events into the combined row the next accepted one writes', () => {
    const { clock, r } = setup();
    for (let i = 1; i <= 30; i++) r.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: web-1-${i}`, 'replicaset-controller');
    // Nine rows, the combined row with 16 (events 10–25), five dropped.
    expect(r.all().map((e) => e.count)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 16]);
    clock.advanceTo(300_000);
    r.event(rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-1-31', 'replicaset-controller');
    expect(r.all()[9]).toMatchObject({ count: 22, lastTime: 300_000, message: '(combined from similar events): Created pod: web-1-31' });
  });

  it('is off unless asked for: a bare recorder keeps every event', () => {
    const clock = new VirtualClock();
    const r = new EventRecorder(clock);
    for (let i = 1; i <= 40; i++) r.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: a-${i}`, 'replicaset-controller');
    expect(r.all()).toHaveLength(40);
  });
});
