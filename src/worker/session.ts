/**
 * Sessions: a scenario plus the user's commands at their virtual times. Replaying
 * them on a fresh Simulation gives back the exact state (the engine is deterministic),
 * which makes share links, autosave, undo/redo and reset one mechanism. Also the
 * state hash: a digest of the canonical state, equal exactly when two runs agree.
 */
import type { TimedCommand } from '../engine/commands';
import type { Simulation } from '../engine/sim/simulation';
import { digest } from '../scenario/share/digest';
import { canonicalJson } from '../scenario/share/safe-json';
import type { SessionInput } from '../protocol/engine-api';
import { loadScenario, type LoadedScenario } from './load-scenario';

/**
 * The longest session a link or a save may replay: 30 virtual days. Replaying costs
 * compute in proportion to virtual time (heartbeats, leases), so a hostile link asking
 * for years would hang the engine.
 */
export const MAX_SESSION_MS = 30 * 24 * 3600 * 1000;

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
export function replaySession(session: SessionInput): LoadedScenario {
  if (typeof session !== 'object' || session === null) throw new Error('loadSession: expected { scenarioText, commands, time }');
  const { scenarioText, file = 'shared.yaml', commands = [], time = 0 } = session;
  if (!Array.isArray(commands)) throw new Error('loadSession: commands must be a list');
  checkTime(time, 'the session time');
  const loaded = loadScenario(scenarioText, file);
  const { sim } = loaded;
  commands.forEach((timed, i) => {
    const where = `command ${i + 1} of ${commands.length}`;
    if (typeof timed !== 'object' || timed === null) throw new Error(`${where} is not a command`);
    const { at, ...command } = timed;
    checkTime(at, `${where} (${String(command.action)}): its time`);
    if (at < sim.time) throw new Error(`${where} (${String(command.action)}) is at ${at} ms, before the command ahead of it (${sim.time} ms)`);
    sim.advanceTo(at);
    const result = sim.dispatch(command as Parameters<Simulation['dispatch']>[0]);
    if (!result.ok) throw new Error(`${where} (${String(command.action)} at ${at} ms) was refused: ${result.error}`);
  });
  if (time < sim.time) throw new Error(`the session time ${time} ms is before its last command (${sim.time} ms)`);
  sim.advanceTo(time);
  return loaded;
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
