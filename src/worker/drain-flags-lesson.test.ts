/**
 * What the drain-flags lesson says, claim by claim, as the engine does it: its steps' solutions
 * played on a simulation, reading kubectl drain's printed lines (the drain log) and the pods.
 */
import { describe, expect, it } from 'vitest';
import { drainLog } from '../engine/controllers/drain/drain';
import type { Node, Pod } from '../engine/model/types';
import { createSimulation } from '../engine/sim/simulation';
import { LESSONS } from '../scenario/lessons';
import { parseManifests } from '../scenario/parse';
import { findPreset } from '../scenario/presets';
import { readScenario } from '../scenario/scenario';

const lesson = LESSONS.find((l) => l.id === 'drain-flags')!;

function load() {
  const preset = findPreset(lesson.presetId)!;
  const { objects, scenario, timeline } = readScenario(parseManifests(preset.text, preset.file));
  const sim = createSimulation({ seed: scenario.seed, controlPlane: scenario.controlPlane, schedulerConfiguration: scenario.schedulerConfiguration });
  sim.load(objects, timeline);
  sim.advanceTo(lesson.warmupMs);
  return sim;
}
type Sim = ReturnType<typeof load>;

/** Plays step `i`'s commands; returns when they were sent. */
function send(sim: Sim, i: number): number {
  for (const c of lesson.steps[i].solution.commands) expect(sim.dispatch(c), `step ${i + 1}: ${c.action}`).toMatchObject({ ok: true });
  return sim.time;
}
const play = (sim: Sim, i: number) => sim.advanceTo(send(sim, i) + lesson.steps[i].solution.advanceMs);

const pods = (sim: Sim) => sim.objects().filter((o): o is Pod => o.kind === 'Pod');
const live = (sim: Sim, app: string) => pods(sim).filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp);
const ready = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
const cordoned = (sim: Sim, name: string) => sim.objects().some((o) => o.kind === 'Node' && o.metadata.name === name && (o as Node).spec?.unschedulable === true);
const lines = (sim: Sim, node: string, from: number) => drainLog(sim.ctx).filter((l) => l.node === node && l.time >= from);

describe('what the drain-flags lesson says', () => {
  it('step 1: docs evicted at once; the web eviction refused with the budget message and retried every 5 s, for ever', () => {
    const sim = load();
    expect(live(sim, 'web').map((p) => p.spec?.nodeName).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(live(sim, 'docs').map((p) => p.spec?.nodeName).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    const t0 = send(sim, 0);
    sim.advanceTo(t0 + 10 * 60_000);
    const web1 = live(sim, 'web').find((p) => p.spec?.nodeName === 'worker-1')!;
    expect(web1).toBeDefined();
    const refusals = lines(sim, 'worker-1', t0).filter((l) => l.text.startsWith(`error when evicting pods/"${web1.metadata.name}"`));
    expect(refusals[0].text).toBe(`error when evicting pods/"${web1.metadata.name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`);
    // Every 5 s for the ten minutes, and no end: not `drained`, no error.
    expect(refusals.map((l) => l.time - t0)).toEqual(Array.from({ length: 121 }, (_, k) => k * 5_000));
    expect(lines(sim, 'worker-1', t0).map((l) => l.text)).not.toContainEqual(expect.stringMatching(/drained|global timeout|unable to drain/));
    expect(live(sim, 'docs').filter((p) => p.spec?.nodeName === 'worker-1')).toEqual([]);
    expect(live(sim, 'docs')).toHaveLength(3);
  });

  it('step 2: --timeout=30s gives up at the deadline, worker-2 stays cordoned with its web pod running', () => {
    const sim = load();
    play(sim, 0);
    const t0 = send(sim, 1);
    sim.advanceTo(t0 + 29_999);
    expect(lines(sim, 'worker-2', t0).map((l) => l.text)).not.toContainEqual(expect.stringContaining('global timeout reached'));
    sim.advanceTo(t0 + lesson.steps[1].solution.advanceMs);
    const web2 = live(sim, 'web').find((p) => p.spec?.nodeName === 'worker-2')!;
    const out = lines(sim, 'worker-2', t0);
    const err = `error when evicting pods/"${web2.metadata.name}" -n "default": global timeout reached: 30s`;
    expect(out.filter((l) => l.stream === 'stderr' && l.time === t0 + 30_000).map((l) => l.text)).toEqual([
      `There are pending pods in node "worker-2" when an error occurred: ${err}`,
      `pod/${web2.metadata.name}`,
      `error: unable to drain node "worker-2" due to error: ${err}, continuing command...`,
      'There are pending nodes to be drained:',
      ' worker-2',
      `error: ${err}`,
    ]);
    expect(out.filter((l) => l.time > t0 + 30_000)).toEqual([]);
    expect(ready(web2)).toBe(true);
    expect(cordoned(sim, 'worker-2')).toBe(true);
  });

  it('step 3: --disable-eviction deletes past the budget: 2 ready web pods, then the replacement on worker-3; the new drain replaces the retrying one', () => {
    const sim = load();
    play(sim, 0);
    play(sim, 1);
    const t0 = send(sim, 2);
    expect(live(sim, 'web').filter(ready)).toHaveLength(2);
    sim.advanceTo(t0 + lesson.steps[2].solution.advanceMs);
    expect(live(sim, 'web').every(ready)).toBe(true);
    expect(live(sim, 'web').map((p) => p.spec?.nodeName).sort()).toEqual(['worker-2', 'worker-3', 'worker-3']);
    const out = lines(sim, 'worker-1', t0).map((l) => l.text);
    expect(out.at(-1)).toBe('node/worker-1 drained');
    // The first drain of worker-1 retries no more.
    sim.advanceTo(sim.time + 60_000);
    expect(lines(sim, 'worker-1', t0 + 1).filter((l) => l.text.startsWith('error when evicting'))).toEqual([]);
  });

  it('step 4: with minAvailable 2 the eviction goes through and the pod starts on worker-3, the one node not cordoned', () => {
    const sim = load();
    for (let i = 0; i < 3; i++) play(sim, i);
    const t0 = send(sim, 3);
    sim.advanceTo(t0 + lesson.steps[3].solution.advanceMs);
    expect(lines(sim, 'worker-2', t0).map((l) => l.text).at(-1)).toBe('node/worker-2 drained');
    expect(lines(sim, 'worker-2', t0).map((l) => l.text)).not.toContainEqual(expect.stringContaining('error'));
    expect(live(sim, 'web').map((p) => p.spec?.nodeName)).toEqual(['worker-3', 'worker-3', 'worker-3']);
    expect(cordoned(sim, 'worker-1') && cordoned(sim, 'worker-2')).toBe(true);
  });
});
