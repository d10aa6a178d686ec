/**
 * Actions: plain functions that call the engine client and write what comes back to the
 * store. Every call's result is applied before the action resolves, so a caller that
 * awaits an action (a test through window.__podscape) sees its effect in the store.
 */
import type { Command, CommandResult } from '../../engine/commands';
import type { Frame, LoadResult, Speed } from '../../protocol/engine-api';
import type { ClientPush, EngineClient } from '../bridge/engine-client';
import { clearControlError, showControlError } from './control-errors';
import { trackLoad } from './loads';
import { applyFrame, type PodscapeStore, type Selection } from './podscape-store';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Mirrors the engine's pushes into the store; resolves to a function that stops it. */
export function connectEngine(store: PodscapeStore, client: EngineClient): Promise<() => void> {
  return client.subscribe((push: ClientPush) => {
    if (push.type === 'frame') applyFrame(store, push.frame);
    else if (push.type === 'incoming') store.setState({ incoming: push.nodes });
    else store.setState({ error: push.message });
  });
}

export function showError(store: PodscapeStore, message: string): void {
  // One error at a time on the page: a refusal shown beside a control goes.
  clearControlError(store);
  store.setState({ error: message });
}

export function select(store: PodscapeStore, selected: Selection | null): void {
  store.setState({ selected });
}

export function dismissError(store: PodscapeStore): void {
  clearControlError(store);
  store.setState({ error: null });
}

/** Loads a scenario; on failure shows the error (keeping the previous cluster) and rejects. */
export function loadScenario(store: PodscapeStore, client: EngineClient, yamlText: string, file?: string): Promise<LoadResult> {
  return applyLoad(store, client.load(yamlText, file));
}

/** Puts a load's result in the store (a load already under way: loadScenario, or the early default load); on failure as loadScenario. */
export async function applyLoad(store: PodscapeStore, load: Promise<LoadResult>): Promise<LoadResult> {
  try {
    const result = await trackLoad(store, load);
    applyFrame(store, result.frame);
    store.setState({ status: 'ready', scenario: result.scenario, error: null, lesson: null });
    return result;
  } catch (error) {
    store.setState((s) => ({ status: s.frame ? s.status : 'failed', error: `Could not load the scenario: ${messageOf(error)}` }));
    throw error;
  }
}

/**
 * Applies a command; a refused one is shown as an error and returned as it came. With `at` (the
 * place a control claimed, store/control-errors.ts) the refusal is shown beside that control, and
 * an accepted command clears the refusal shown there; without, in the page's top alert.
 */
export async function dispatchCommand(store: PodscapeStore, client: EngineClient, command: Command, at?: string): Promise<CommandResult> {
  const result = await guard(store, () => client.dispatch(command));
  if (!result.ok) {
    // A command from window.__podscape may have no action at all: say so instead of "undefined:".
    const action = (command as { action?: unknown } | null)?.action;
    const message = typeof action === 'string' ? `${action}: ${result.error}` : `Invalid command: ${result.error}`;
    if (at === undefined) showError(store, message);
    else showControlError(store, at, message);
  } else if (at !== undefined) {
    clearControlError(store, at);
  }
  await refresh(store, client);
  return result;
}

export async function playClock(store: PodscapeStore, client: EngineClient): Promise<void> {
  await guard(store, () => client.play());
  await refresh(store, client);
}

export async function pauseClock(store: PodscapeStore, client: EngineClient): Promise<void> {
  await guard(store, () => client.pause());
  await refresh(store, client);
}

export async function setClockSpeed(store: PodscapeStore, client: EngineClient, speed: Speed): Promise<void> {
  await guard(store, () => client.setSpeed(speed));
  await refresh(store, client);
}

/** Advances the paused clock by `ms` of virtual time (by default one real second at the current speed). */
export async function stepClock(store: PodscapeStore, client: EngineClient, ms?: number): Promise<Frame> {
  const frame = await guard(store, () => client.step(ms));
  applyFrame(store, frame);
  return frame;
}

async function refresh(store: PodscapeStore, client: EngineClient): Promise<void> {
  const frame = await client.snapshot();
  if (frame) applyFrame(store, frame);
}

/** Runs a call; a rejection is shown to the user and passed on to the caller. */
async function guard<T>(store: PodscapeStore, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    showError(store, messageOf(error));
    throw error;
  }
}

/** For event handlers: the action already showed any failure, so nothing is left to handle. */
export function settle(action: Promise<unknown>): void {
  action.catch(() => {});
}
