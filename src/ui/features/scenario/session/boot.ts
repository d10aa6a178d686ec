/**
 * What the page opens with: a share link in the URL, else the autosaved session, else
 * the default scenario. A link is consumed: its fragment is removed once read, so a
 * reload restores the autosave (which starts as the shared state and keeps the
 * visitor's own changes) instead of throwing those away. A link or save that cannot be
 * opened falls through to the next source, and its error stays in the alert.
 */
import { findShareParam } from '../../../../scenario/share/fragment';
import type { EngineClient } from '../../../bridge/engine-client';
import { applyLoad, loadScenario, showError } from '../../../store/actions';
import type { PodscapeStore } from '../../../store/podscape-store';
import { DEFAULT_SCENARIO } from '../default-scenario';
import { readSavedSession } from './autosave';
import { loadSessionCodec } from './load-codec';
import { loadSessionInto } from './session-actions';

export interface BootEnvironment {
  /** The URL fragment, with its `#`. */
  hash: string;
  /** Removes the fragment from the address bar (history.replaceState). */
  clearHash(): void;
  storage?: Storage;
}

export type BootSource = 'link' | 'autosave' | 'default';

/** Opens the session in a share parameter's value (`1.lz.…`). Shows and throws a user-facing Error. */
export async function openShareParam(store: PodscapeStore, client: EngineClient, value: string, failure: string): Promise<void> {
  let session;
  try {
    session = await (await loadSessionCodec()).decodeSession(value);
  } catch (error) {
    const message = `${failure}: ${error instanceof Error ? error.message : String(error)}`;
    showError(store, message);
    throw new Error(message, { cause: error });
  }
  await loadSessionInto(store, client, session, { selected: session.selected, failure });
  if (session.lesson) await reopenLesson(store, session.lesson, failure);
}

/**
 * Shows the lesson a link or save carried over the session just replayed (the cluster is
 * the session's; only the lesson's steps and goals come back). An unknown lesson or step
 * is reported and the cluster kept.
 */
async function reopenLesson(store: PodscapeStore, { id, step }: { id: string; step: number }, failure: string): Promise<void> {
  const { findLesson } = await import('../../../../scenario/lessons');
  const lesson = findLesson(id);
  if (!lesson || step >= lesson.steps.length) {
    showError(store, `${failure}: it opens ${lesson ? `step ${step + 1} of lesson "${id}", which has ${lesson.steps.length}` : `lesson "${id}", which this Podscape does not have`}; the cluster is shown without it.`);
    return;
  }
  store.setState({ lesson: { id, step, completed: [], revealed: [] } });
}

export async function bootSession(store: PodscapeStore, client: EngineClient, env: BootEnvironment): Promise<BootSource> {
  const problems: string[] = [];
  const attempt = async (value: string, failure: string) => {
    try {
      await openShareParam(store, client, value, failure);
      return true;
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      return false;
    }
  };

  let source: BootSource | null = null;
  const link = findShareParam(env.hash);
  if (link !== null) {
    env.clearHash();
    if (await attempt(link, 'Could not open the share link')) source = 'link';
  }
  if (source === null) {
    const saved = readSavedSession(env.storage);
    const value = saved === null ? null : findShareParam(saved);
    if (value !== null && (await attempt(value, 'Could not restore your autosaved session'))) source = 'autosave';
  }
  if (source === null) {
    // The page's early start may have loaded it already (bridge/early-engine.ts); if that failed, load it as usual.
    const early = client.takeBootLoad?.();
    const loaded = early ? await applyLoad(store, early).catch(() => null) : null;
    if (!loaded) await loadScenario(store, client, DEFAULT_SCENARIO.text, DEFAULT_SCENARIO.file);
    source = 'default';
  }
  if (problems.length > 0) showError(store, problems.join(' '));
  return source;
}

/**
 * A share link pasted into the address bar of a page that is already open differs from
 * it only in the fragment, so the browser does not reload: it fires `hashchange`. Opens
 * such a link as the boot does (and consumes it the same way); a link that cannot be
 * opened is reported in the alert and the cluster kept. Returns the unsubscribe.
 */
export function followShareLinks(store: PodscapeStore, client: EngineClient, env: Pick<BootEnvironment, 'clearHash'> & { target: Pick<Window, 'addEventListener' | 'removeEventListener'>; hash(): string }): () => void {
  const follow = () => {
    const link = findShareParam(env.hash());
    if (link === null) return;
    env.clearHash();
    openShareParam(store, client, link, 'Could not open the share link').catch(() => {
      // shown in the alert by openShareParam or the load; the cluster is kept
    });
  };
  env.target.addEventListener('hashchange', follow);
  return () => env.target.removeEventListener('hashchange', follow);
}
