/**
 * The predictions round 22 gave the steps that had none: each marked answer is what the engine
 * does when the step's solution is played (the explanations' other numbers are checked in
 * lessons.test.ts and drain-flags-lesson.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../protocol/engine-api';
import { LESSONS } from '../scenario/lessons';
import { ownedBy } from '../scenario/lessons/goals';
import { playLesson } from './lesson-play';

const lessonOf = (id: string) => LESSONS.find((l) => l.id === id)!;


const live = (f: Frame) => f.pods.filter((p) => p.deletionTimestamp === null && p.phase !== 'Succeeded' && p.phase !== 'Failed');
const on = (f: Frame, node: string, workload?: string) => live(f).filter((p) => p.nodeName === node && (workload === undefined || ownedBy(p, workload)));
const answer = (id: string, step: number) => {
  const p = lessonOf(id).steps[step - 1].predict!;
  return p.choices[p.answer];
};

describe('round 22 predictions', () => {
  it('every step of every lesson has one', () => {
    const missing = LESSONS.flatMap((l) => l.steps.flatMap((s, i) => (s.predict ? [] : [`${l.id} ${i + 1}`])));
    expect(missing).toEqual([]);
  });

  it('node-failure 3: three web pods, none on worker-2; scratch gone', () => {
    expect(answer('node-failure', 3)).toMatch(/^3, none on worker-2/);
    const f = playLesson('node-failure', 3, { strict: true }).snapshot()!;
    const web = f.pods.filter((p) => ownedBy(p, 'web'));
    expect(web).toHaveLength(3);
    expect(web.every((p) => p.phase === 'Running' && p.nodeName !== 'worker-2' && p.deletionTimestamp === null)).toBe(true);
    expect(f.pods.filter((p) => p.name === 'scratch')).toEqual([]);
  });

  it('workload-kinds 3: db-0 again, same name, on a healthy node', () => {
    expect(answer('workload-kinds', 3)).toMatch(/^A pod named db-0 again/);
    const before = playLesson('workload-kinds', 2, { strict: true }).snapshot()!.pods.find((p) => p.name === 'db-0')!;
    const f = playLesson('workload-kinds', 3, { strict: true }).snapshot()!;
    const db = f.pods.filter((p) => ownedBy(p, 'db'));
    expect(db.map((p) => p.name)).toEqual(['db-0']);
    expect(db[0]).toMatchObject({ phase: 'Running', deletionTimestamp: null });
    expect(db[0].nodeName).not.toBe('worker-2');
    expect(db[0].uid).not.toBe(before.uid);
  });

  it('workload-kinds 4: debug is stopped and gone for good; nothing moves back', () => {
    expect(answer('workload-kinds', 4)).toMatch(/leaves the API for good/);
    const host = playLesson('workload-kinds', 3, { strict: true });
    const was = host.snapshot()!;
    expect(was.pods.find((p) => p.name === 'debug')).toMatchObject({ nodeName: 'worker-2' });
    expect(was.pods.find((p) => p.name === 'debug')!.deletionTimestamp).not.toBeNull();
    const f = playLesson('workload-kinds', 4, { strict: true }).snapshot()!;
    expect(f.pods.filter((p) => p.name.startsWith('debug'))).toEqual([]);
    expect(on(f, 'worker-2').map((p) => p.owner?.kind)).toEqual(['DaemonSet']);
  });

  it('drain-pdb 2: one eviction goes through, the other is refused with the budget message and retried', () => {
    expect(answer('drain-pdb', 2)).toMatch(/^Evicts one; the other eviction is refused/);
    const host = playLesson('drain-pdb', 1, { strict: true });
    const r = host.dispatch(lessonOf('drain-pdb').steps[1].solution.commands[0]);
    expect(r.ok).toBe(true);
    const lines = r.ok ? (r.messages ?? []) : [];
    expect(lines.filter((l) => l.startsWith('evicting pod default/web-'))).toHaveLength(2);
    expect(lines.filter((l) => l.endsWith("(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget."))).toHaveLength(1);
  });

  it('drain-pdb 3: uncordoned, worker-2 runs no pod', () => {
    expect(answer('drain-pdb', 3)).toMatch(/^None/);
    const f = playLesson('drain-pdb', 3, { strict: true }).snapshot()!;
    expect(f.nodes.find((n) => n.name === 'worker-2')!.unschedulable).toBe(false);
    expect(on(f, 'worker-2')).toEqual([]);
  });

  it('priority-preemption 3: the batch pods are bound within seconds of the deletes', () => {
    expect(answer('priority-preemption', 3)).toMatch(/^Within seconds/);
    const host = playLesson('priority-preemption', 2, { strict: true });
    expect(host.snapshot()!.queue).toHaveLength(2);
    for (const c of lessonOf('priority-preemption').steps[2].solution.commands) host.dispatch(c);
    let bound = -1;
    for (let s = 1; s <= 10 && bound < 0; s++) if (host.step(1_000).queue.length === 0) bound = s;
    expect(bound).toBeGreaterThan(0);
    expect(bound).toBeLessThanOrEqual(5);
  });

  it('spreading 4: worker-c1 gets the cache pod and no web pod', () => {
    expect(answer('spreading', 4)).toMatch(/^The Pending cache pod only/);
    const f = playLesson('spreading', 4, { strict: true }).snapshot()!;
    expect(on(f, 'worker-c1', 'cache')).toHaveLength(1);
    expect(on(f, 'worker-c1', 'web')).toEqual([]);
  });

  it('zone-outage 4: the held evictions come a node at a time, and the replacements run in zone-b', () => {
    expect(answer('zone-outage', 4)).toMatch(/a node every 10 s/);
    const before = playLesson('zone-outage', 3, { strict: true }).snapshot()!.events.filter((e) => e.reason === 'TaintManagerEviction').length;
    const f = playLesson('zone-outage', 4, { strict: true }).snapshot()!;
    const evictions = f.events.filter((e) => e.reason === 'TaintManagerEviction').slice(before);
    expect(new Set(evictions.map((e) => e.firstTime)).size).toBeGreaterThan(1);
    expect(live(f).filter((p) => ownedBy(p, 'web')).every((p) => p.nodeName?.startsWith('worker-b'))).toBe(true);
  });

  it('non-graceful-shutdown 4: worker-1 runs nothing when the taint goes, and the seventh web pod lands there', () => {
    expect(answer('non-graceful-shutdown', 4)).toMatch(/^To worker-1/);
    expect(on(playLesson('non-graceful-shutdown', 3, { strict: true }).snapshot()!, 'worker-1')).toEqual([]);
    const f = playLesson('non-graceful-shutdown', 4, { strict: true }).snapshot()!;
    expect(on(f, 'worker-1', 'web')).toHaveLength(1);
  });

  it('drain-flags 5: nothing moves back to the uncordoned nodes', () => {
    expect(answer('drain-flags', 5)).toMatch(/^None/);
    const f = playLesson('drain-flags', 5, { strict: true }).snapshot()!;
    expect(on(f, 'worker-1')).toEqual([]);
    expect(on(f, 'worker-2')).toEqual([]);
    expect(on(f, 'worker-3', 'web')).toHaveLength(3);
  });
});
