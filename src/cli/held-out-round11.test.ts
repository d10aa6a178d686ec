/**
 * Held-out timelines (round 11): what rounds 9 and 10 left, each a scenario in ./run-cases
 * played through `podscape run FILE --until T --output json` and checked as an outside
 * reviewer would against upstream (shared/reference/lifecycle.md §n, and upstream source where
 * the reference is silent, named in each fixture's header).
 */
import { describe, expect, it } from 'vitest';
import { events, obj, pods, run, s, ts } from './held-out';

const COMBINED = '(combined from similar events): ';

describe("client-go's event correlator: similar events combined, the spam filter (tools/record/events_cache.go)", () => {
  const d = () => run('similar-events.yaml', '3m');
  const rows = (reason: string, object: string) => events(d(), reason, object);
  const rsNames = () => d().objects.filter((o) => o.kind === 'ReplicaSet').sort((a, b) => ts(a.metadata.creationTimestamp) - ts(b.metadata.creationTimestamp)).map((o) => o.metadata.name);

  it('writes the first nine `Created pod` events of a ReplicaSet as rows of their own and the rest as one combined row with the newest message', () => {
    const [old, current] = rsNames();
    const created = rows('SuccessfulCreate', `ReplicaSet/default/${old}`);
    expect(created).toHaveLength(10);
    for (const e of created.slice(0, 9)) expect(e).toMatchObject({ count: 1, firstTime: 0, lastTime: 0, source: 'replicaset-controller', type: 'Normal' });
    expect(new Set(created.slice(0, 9).map((e) => e.message)).size).toBe(9);
    expect(created[9]).toMatchObject({ count: 6, firstTime: 0, lastTime: 0 });
    expect(created[9].message).toMatch(new RegExp(`^\\(combined from similar events\\): Created pod: ${old}-[a-z0-9]{5}$`));
    // The new ReplicaSet: 7 pods at 60 s, 8 more at 61–62 s; the 10th (at 61 s) opens the combined row.
    const made = rows('SuccessfulCreate', `ReplicaSet/default/${current}`);
    expect(made).toHaveLength(10);
    expect(made.slice(0, 9).every((e) => !e.message.startsWith(COMBINED) && e.count === 1)).toBe(true);
    expect(made[9]).toMatchObject({ count: 6, firstTime: s(61), lastTime: s(62) });
    const newest = pods(d())
      .filter((p) => p.metadata.ownerReferences?.[0]?.name === current)
      .sort((a, b) => ts(a.metadata.creationTimestamp) - ts(b.metadata.creationTimestamp) || 0)
      .at(-1)!;
    expect(made[9].message).toBe(`${COMBINED}Created pod: ${newest.metadata.name}`);
  });

  it('stops writing the old ReplicaSet\'s events after 25 (the spam filter): five of its 15 deletions leave no row', () => {
    const [old] = rsNames();
    const deleted = rows('SuccessfulDelete', `ReplicaSet/default/${old}`);
    // 15 creations spent 15 of the 25 tokens: 9 rows, then the 10th similar event combined, then nothing.
    expect(deleted).toHaveLength(10);
    expect(deleted.slice(0, 9).every((e) => e.count === 1 && e.message.startsWith('Deleted pod: '))).toBe(true);
    expect(deleted[9]).toMatchObject({ count: 1, firstTime: s(61) });
    expect(deleted[9].message.startsWith(`${COMBINED}Deleted pod: ${old}-`)).toBe(true);
    expect(deleted.filter((e) => e.firstTime >= s(62))).toEqual([]);
    // ... although all 15 pods went.
    expect(pods(d()).filter((p) => p.metadata.ownerReferences?.[0]?.name === old)).toEqual([]);
    expect(obj(d(), 'ReplicaSet', old)?.status).toMatchObject({ replicas: 0 });
  });

  it('leaves what stays under the thresholds alone: the Deployment\'s seven scaling steps, and the scheduler\'s events (events.k8s.io, no aggregator)', () => {
    const scaling = rows('ScalingReplicaSet', 'Deployment/default/web');
    expect(scaling).toHaveLength(8);
    expect(scaling.every((e) => !e.message.startsWith(COMBINED))).toBe(true);
    const scheduled = events(d(), 'Scheduled');
    expect(scheduled).toHaveLength(30);
    expect(scheduled.every((e) => e.count === 1 && e.message.startsWith('Successfully assigned default/web-'))).toBe(true);
  });
});
