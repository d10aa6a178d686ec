/**
 * Sessions: a scenario plus the user's commands at their virtual times. Replaying
 * them on a fresh Simulation gives back the exact state (the engine is deterministic),
 * which makes share links, autosave, undo/redo and reset one mechanism. Also the
 * state hash: a digest of the canonical state, equal exactly when two runs agree.
 */
import { formatDuration } from '../engine/clock/time';
import type { TimedCommand } from '../engine/commands';
import type { Simulation } from '../engine/sim/simulation';
import { digest } from '../scenario/share/digest';
import { canonicalJson } from '../scenario/share/safe-json';
import type { SessionInput } from '../protocol/engine-api';
import { count, loadScenario, type LoadedScenario } from './load-scenario';
import { Deadline } from './work-budget';

/**
 * The longest session a link or a save may replay: 30 virtual days. Replaying costs
 * compute in proportion to virtual time (heartbeats, leases), so a hostile link asking
 * for years would hang the engine.
 */
export const MAX_SESSION_MS = 30 * 24 * 3600 * 1000;

/**
 * A wall-clock limit on one load or replay. The 30-day cap bounds virtual time, not work: a link whose
 * scenario holds thousands of nodes (a 2 MiB text holds ~29,000) costs seconds of work per
 * virtual minute, so its 30 days would take days; and a scenario's own load (20 MB of YAML, or
 * 100,000 replicas to create and schedule at time 0) takes tens of seconds. The work looks at the
 * budget between pieces (work-budget.ts: the parser's tokens, the virtual clock's callbacks, replay
 * chunks of REPLAY_CHUNK_MS) and gives up once `now()` has moved `limitMs` past its start. The engine
 * stays pure: the worker passes the real clock, tests a fake one. Where it stops depends on the
 * machine; where it finishes, the result is the same as without a budget.
 */
export interface ReplayBudget {
  now(): number;
  limitMs: number;
}

/** How long one load or replay may work by the wall clock in the page: 60 s. */
export const REPLAY_LIMIT_MS = 60_000;

/** The budget of the page's worker and of the in-process fallback: the real clock, REPLAY_LIMIT_MS. */
export const wallClockReplayBudget = (): ReplayBudget => ({ now: () => performance.now(), limitMs: REPLAY_LIMIT_MS });

/** Virtual time advanced between two looks at the budget (1 minute: about 20 s of work at 20,000 nodes). */
export const REPLAY_CHUNK_MS = 60_000;

/** The user's successful commands so far, each with its virtual time. */
export function sessionCommands(sim: Simulation): TimedCommand[] {
  return sim
    .commands()
    .filter((r) => r.source === 'dispatch' && r.result.ok)
    .map((r) => ({ ...structuredCopy(r.command), at: r.time }) as TimedCommand);
}

/**
 * Loads `session.scenarioText` into a new Simulation, applies each command at its time
 * and advances to `session.time`. Throws an Error naming the command at fault; the
 * caller's current simulation is untouched.
 */
export function replaySession(session: SessionInput, budget?: ReplayBudget): LoadedScenario {
  if (typeof session !== 'object' || session === null) throw new Error('loadSession: expected { scenarioText, commands, time }');
  const { scenarioText, file = 'shared.yaml', commands = [], time = 0 } = session;
  if (!Array.isArray(commands)) throw new Error('loadSession: commands must be a list');
  checkTime(time, 'the session time');
  const deadline = budget && new Deadline(budget, 'replaying this session', 'a replay');
  const loaded = loadScenario(scenarioText, file, undefined, deadline);
  const { sim } = loaded;
  const advance = budgetedAdvance(sim, time, deadline);
  commands.forEach((timed, i) => {
    const where = `command ${i + 1} of ${commands.length}`;
    if (typeof timed !== 'object' || timed === null) throw new Error(`${where} is not a command`);
    const { at, ...command } = timed;
    checkTime(at, `${where} (${String(command.action)}): its time`);
    if (at < sim.time) throw new Error(`${where} (${String(command.action)}) is at ${at} ms, before the command ahead of it (${sim.time} ms)`);
    advance(at);
    const result = sim.dispatch(command as Parameters<Simulation['dispatch']>[0]);
    if (!result.ok) throw new Error(`${where} (${String(command.action)} at ${at} ms) was refused: ${result.error}`);
  });
  if (time < sim.time) throw new Error(`the session time ${time} ms is before its last command (${sim.time} ms)`);
  advance(time);
  return loaded;
}

/**
 * `advanceTo`, in chunks when there is a deadline, throwing once it is spent: looked at after each
 * chunk and, through the virtual clock's checkpoint, between its callbacks (a chunk of a large
 * cluster can take many seconds).
 */
function budgetedAdvance(sim: Simulation, end: number, deadline: Deadline | undefined): (t: number) => void {
  if (!deadline) return (t) => sim.advanceTo(t);
  deadline.doing = () => `at ${formatDuration(sim.time)} of its ${formatDuration(end)} (${count(sim, 'Node', 'node')}, ${count(sim, 'Pod', 'pod')})`;
  return (t) => {
    while (sim.time < t) {
      sim.clock.checkpoint = () => deadline.check();
      try {
        sim.advanceTo(Math.min(t, sim.time + REPLAY_CHUNK_MS));
      } finally {
        sim.clock.checkpoint = null;
      }
      if (sim.time < end) deadline.check();
    }
  };
}

function checkTime(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_SESSION_MS) {
    throw new Error(`${what} must be a virtual time from 0 to ${MAX_SESSION_MS} ms (30 days), not ${String(value)}`);
  }
}

/**
 * A digest of everything the cluster is at this instant: every object (status and
 * resourceVersion included), every event, and the time. Two sessions with the same
 * hash show the same objects, names, placements and phases.
 */
export function stateHash(sim: Simulation): string {
  return digest(canonicalJson({ time: sim.time, objects: sim.objects(), events: sim.events() }));
}

/** Commands are plain data; a deep copy keeps the log immune to later edits. */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
