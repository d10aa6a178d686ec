/**
 * The engine host: owns one Simulation on whichever thread runs it (the worker, or the
 * main thread through ui/bridge/in-process-client.ts) and implements EngineApi over it.
 * It plays the virtual clock at the chosen speed, paced by an injected Ticker, and
 * pushes at most one frame per tick. Testable in Node: no timers, no DOM, no `self`.
 *
 * Errors never stay here: a failing call throws (a rejected promise across Comlink) and
 * a failure while playing pauses the clock and pushes an error to the subscribers.
 */
import type { Command, CommandResult } from '../engine/commands';
import {
  ENGINE_PROTOCOL_VERSION,
  SPEEDS,
  type EngineApi,
  type EnginePush,
  type Frame,
  type LoadResult,
  type Speed,
} from '../protocol/engine-api';
import { exportCleanManifests } from '../scenario/export/clean-manifests';
import { exportKwokNodes } from '../scenario/export/kwok-nodes';
import { exportScenario } from '../scenario/export/scenario-export';
import { exportNote } from './export-note';
import { FrameBuilder } from './frames';
import { loadScenario, type LoadedScenario } from './load-scenario';
import type { PreparsedScenario } from './preparsed-scenario';
import { Deadline } from './work-budget';
import { replaySession, sessionCommands, stateHash, type ReplayBudget } from './session';

export { wallClockReplayBudget, type ReplayBudget } from './session';
import type { Ticker } from './ticker';

export { createFrameTicker, createManualTicker, type Ticker, type ManualTicker } from './ticker';

/** Virtual time moves in multiples of this while playing (100 ms: ten clock updates per virtual second). */
export const STEP_MS = 100;
/**
 * Real time one tick may account for. A tab in the background delivers one late tick;
 * without a cap, 300× would then run hours of virtual time in one go.
 */
export const MAX_TICK_REAL_MS = 250;
/** The longest step() or advance: 7 virtual days. */
export const MAX_STEP_MS = 7 * 24 * 3600 * 1000;

export interface EngineHostOptions {
  ticker: Ticker;
  /** A scenario parsed at build time (the default one): a load of exactly its text skips parsing. */
  preparsed?: PreparsedScenario;
  /**
   * A wall-clock limit on loading a scenario (an import, `__podscape.load`) and on replaying a
   * session (a share link, an autosave, undo), each on its own; none when absent.
   */
  replayBudget?: ReplayBudget;
}

export type EngineHost = EngineApi;

type Listener = Parameters<EngineApi['subscribe']>[0];

export function createEngineHost({ ticker, preparsed, replayBudget }: EngineHostOptions): EngineHost {
  let current: (LoadedScenario & { frames: FrameBuilder; text: string }) | null = null;
  let seq = 0;
  let speed: Speed = 1;
  let stopTicker: (() => void) | null = null;
  /** Virtual ms owed to the clock but smaller than one step. */
  let owed = 0;
  let nextListenerId = 1;
  const listeners = new Map<number, Listener>();

  const loaded = (what: string) => {
    if (!current) throw new Error(`${what}: no scenario is loaded yet`);
    return current;
  };

  const push = (message: EnginePush) => {
    for (const [id, listener] of listeners) {
      let result: void | Promise<void>;
      try {
        result = listener(message);
      } catch (e) {
        // A subscriber's own bug: drop it, and rethrow outside the clock loop so it is seen.
        listeners.delete(id);
        queueMicrotask(() => {
          throw e;
        });
        continue;
      }
      // Across Comlink the call returns a promise that rejects once the page is gone.
      if (result && typeof result.catch === 'function') result.catch(() => listeners.delete(id));
    }
  };

  /** Builds the frame of the current state and sends it to every subscriber. */
  const emit = (full = false): Frame => {
    const frame = loaded('frame').frames.build(++seq, { playing: stopTicker !== null, speed }, full);
    push({ type: 'frame', frame });
    return frame;
  };

  const stop = () => {
    stopTicker?.();
    stopTicker = null;
    owed = 0;
  };

  /** Makes `next` the current cluster, paused, and pushes its first frame. */
  const install = (next: LoadedScenario, text: string): LoadResult => {
    stop();
    current = { ...next, frames: new FrameBuilder(next.sim), text };
    speed = next.summary.speed;
    return { scenario: next.summary, frame: emit(true) };
  };

  const tick = (elapsedRealMs: number) => {
    if (!current || stopTicker === null) return;
    owed += Math.min(Math.max(0, elapsedRealMs), MAX_TICK_REAL_MS) * speed;
    const steps = Math.floor(owed / STEP_MS);
    if (steps === 0) return;
    owed -= steps * STEP_MS;
    try {
      current.sim.advanceTo(current.sim.time + steps * STEP_MS);
    } catch (e) {
      stop();
      push({ type: 'error', seq: ++seq, time: current.sim.time, message: `The simulation stopped at ${current.sim.time} ms: ${messageOf(e)}` });
    }
    emit();
  };

  return {
    hello(clientVersion) {
      if (clientVersion !== ENGINE_PROTOCOL_VERSION) {
        throw new Error(
          `Podscape's engine speaks protocol ${ENGINE_PROTOCOL_VERSION} but this page speaks ${String(clientVersion)}: reload the page to get matching versions.`,
        );
      }
      return { protocolVersion: ENGINE_PROTOCOL_VERSION };
    },

    load(yamlText, file = 'scenario.yaml'): LoadResult {
      const deadline = replayBudget && new Deadline(replayBudget, 'loading this scenario', 'a load');
      return install(loadScenario(yamlText, file, preparsed, deadline), yamlText); // throws, leaving the current cluster as it was
    },

    loadSession(session) {
      return install(replaySession(session, replayBudget), session.scenarioText);
    },

    exportSession() {
      const { sim, summary, text } = loaded('exportSession');
      return { scenarioText: text, file: summary.file, commands: sessionCommands(sim), time: sim.time };
    },

    stateHash() {
      const { sim } = loaded('stateHash');
      return { hash: stateHash(sim), time: sim.time };
    },

    dispatch(command: Command): CommandResult {
      const { sim } = loaded('dispatch');
      if (typeof command !== 'object' || command === null) throw new Error('dispatch: a command is an object with an `action` field');
      try {
        return sim.dispatch(command);
      } catch (e) {
        throw new Error(`dispatch ${String(command.action)}: ${messageOf(e)}`, { cause: e });
      } finally {
        emit();
      }
    },

    play() {
      loaded('play');
      if (stopTicker) return;
      owed = 0;
      stopTicker = ticker.start(tick);
      emit();
    },

    pause() {
      if (!stopTicker) return;
      stop();
      if (current) emit();
    },

    setSpeed(next) {
      if (!SPEEDS.includes(next)) throw new Error(`setSpeed: ${String(next)} is not a speed; choose one of ${SPEEDS.join(', ')}`);
      if (next === speed) return;
      speed = next;
      if (current) emit();
    },

    step(ms) {
      const { sim } = loaded('step');
      if (stopTicker) throw new Error('step: the clock is playing; pause it first');
      const by = ms ?? speed * 1000;
      if (typeof by !== 'number' || !Number.isFinite(by) || by < 0 || by > MAX_STEP_MS) {
        throw new Error(`step: ${String(ms)} is not a duration; give virtual milliseconds from 0 to ${MAX_STEP_MS}`);
      }
      try {
        sim.advanceTo(sim.time + by);
      } catch (e) {
        emit();
        throw new Error(`The simulation stopped at ${sim.time} ms: ${messageOf(e)}`, { cause: e });
      }
      return emit();
    },

    snapshot() {
      return current ? current.frames.build(seq, { playing: stopTicker !== null, speed }, true, true) : null;
    },

    events(query) {
      const { frames, sim } = loaded('events');
      return { ...frames.history.query(query), time: sim.time };
    },

    explain(podKey, nodes) {
      // Over the live scheduler's snapshot (no copy of the cluster): cheap enough for every drag start.
      const { sim, seed } = loaded('explain');
      if (typeof podKey !== 'string') throw new Error('explain: give the pod as "namespace/name"');
      return sim.explain(podKey, { seed, ...(nodes ? { nodes } : {}) });
    },

    getObject(kind, namespace, name) {
      const { sim } = loaded('getObject');
      if (typeof kind !== 'string' || typeof name !== 'string' || (namespace !== null && typeof namespace !== 'string')) {
        throw new Error('getObject: expected a kind, a namespace (or null) and a name, all strings');
      }
      // Lease renewals live in the kubelets' table; objects() copies them in first.
      if (kind === 'Lease') return sim.objects().find((o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? null) === namespace) ?? null;
      const found = sim.store.get(kind, namespace ?? undefined, name);
      return found ? structuredClone(found) : null;
    },

    listObjects(kind, namespace, ownerUid) {
      const { sim } = loaded('listObjects');
      if (typeof kind !== 'string' || (namespace !== null && typeof namespace !== 'string') || (ownerUid !== undefined && typeof ownerUid !== 'string')) {
        throw new Error('listObjects: expected a kind, a namespace (or null) and optionally an owner uid, all strings');
      }
      const all = sim.store.list(kind, namespace ?? undefined);
      const owned = ownerUid === undefined ? all : all.filter((o) => o.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === ownerUid));
      return owned.map((o) => structuredClone(o));
    },

    exportState() {
      const { sim } = loaded('exportState');
      return { time: sim.time, objects: sim.objects(), commands: sim.commands().map((c) => ({ ...c })) };
    },

    exportManifests(kind) {
      const { sim, scenarioObject, timeline, schedulerConfiguration, summary } = loaded('exportManifests');
      const objects = sim.objects();
      if (kind === 'clean') return exportCleanManifests(objects);
      if (kind === 'kwok') return exportKwokNodes(objects);
      if (kind !== 'scenario') throw new Error(`exportManifests: unknown kind ${JSON.stringify(kind)}; choose scenario, clean or kwok`);
      const off = sim.store.list('Node').map((n) => n.metadata.name ?? '').filter((name) => !sim.nodeUp(name));
      return exportNote(sim.time, off) + exportScenario({
        objects,
        scenarioObject,
        time: sim.time,
        pending: timeline,
        ...(speed !== summary.speed ? { speed } : {}),
        ...(schedulerConfiguration !== undefined ? { schedulerConfiguration } : {}),
      });
    },

    subscribe(listener) {
      if (typeof listener !== 'function') throw new Error('subscribe: expected a function (wrap it with Comlink.proxy across a worker)');
      const id = nextListenerId++;
      listeners.set(id, listener);
      return id;
    },

    unsubscribe(id) {
      listeners.delete(id);
    },
  };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export { createWireHost } from './wire-host';
