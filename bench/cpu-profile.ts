/**
 * The recovery profilers' shared part (profile-recovery.ts, profile-kills.ts): the
 * inspector's CPU sampler started and stopped around each measured kill (sim.bench's
 * `timedRegion`), and a profile's samples walked as stacks of labels.
 */
import { Session } from 'node:inspector';
import { timedRegion } from './sim.bench';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Samples every measured kill from now on, every `intervalUs`; `latest()` is the last kill's profile. */
export function profileKills(intervalUs: number): { latest(): Profile | undefined } {
  const session = new Session();
  session.connect();
  let profile: Profile | undefined;
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  timedRegion.enter = () => {
    profile = undefined;
    session.post('Profiler.start');
  };
  timedRegion.leave = () => session.post('Profiler.stop', (_err, result) => (profile = (result as { profile: Profile }).profile));
  return { latest: () => profile };
}

/**
 * Each sample's stack of labels, leaf first, with its time in µs; samples of the
 * profiler's own start-up (under the inspector's `post`) are left out.
 */
export function* sampleStacks(p: Profile, label: (n: ProfileNode) => string): Generator<{ stack: string[]; us: number }> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (let i = 0; i < p.samples.length; i++) {
    const stack: string[] = [];
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) stack.push(label(byId.get(id)!));
    if (stack.some((l) => l.startsWith('post node:inspector'))) continue;
    yield { stack, us: p.timeDeltas[i] ?? 0 };
  }
}
