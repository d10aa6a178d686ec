/**
 * Encodes a session into its share fragment for the autosave. A large scenario's
 * compression (lz-string over ~750 KB of text at 1,000 nodes: 150–300 ms) runs in a small
 * worker of its own, loaded the first time one is needed, so it is not a long task on
 * the main thread; a small one (the default scenario: a few ms) is encoded in place, as
 * before. Both run the same `encodeSession`, so the fragment is the same text either way.
 * Where no worker can start (Node, tests, a failed load) every session is encoded in place.
 */
import type { SessionExport } from '../../../../protocol/engine-api';
import type { SessionLesson } from '../../../../scenario/share/session';
import type { Selection } from '../../../store/podscape-store';
import { loadSessionCodec } from './load-codec';
import type { EncodeReply, EncodeRequest } from './encode-request';

export type EncodeSession = (session: SessionExport, selected: Selection | null, lesson: SessionLesson | null) => Promise<string>;

/** Past this much scenario text a session is encoded off the main thread. */
export const OFF_THREAD_CHARS = 32 * 1024;

/** What the encoder needs of a Worker. */
export interface EncodeWorker {
  postMessage(request: EncodeRequest): void;
  addEventListener(type: 'message', listener: (event: { data: EncodeReply }) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
}

const startWorker = (): EncodeWorker | null =>
  typeof Worker === 'function' ? (new Worker(new URL('./session-encode.worker.ts', import.meta.url), { type: 'module', name: 'podscape-session-encoder' }) as EncodeWorker) : null;

async function encodeHere(session: SessionExport, selected: Selection | null, lesson: SessionLesson | null): Promise<string> {
  const { encodeSession } = await loadSessionCodec();
  return encodeSession(session, selected, lesson);
}

/**
 * An encoder: sessions with more than `offThreadChars` of scenario text go to the worker
 * `makeWorker` starts (once, on first use); others, and all of them once the worker
 * failed, are encoded in place. An error thrown by the codec rejects the promise either way.
 */
export function createSessionEncoder(makeWorker: () => EncodeWorker | null = startWorker, offThreadChars = OFF_THREAD_CHARS): EncodeSession {
  let worker: EncodeWorker | null | undefined;
  let nextId = 1;
  const waiting = new Map<number, { request: EncodeRequest; resolve: (fragment: string) => void; reject: (error: Error) => void }>();

  const broken = () => {
    worker = null;
    // What the worker had not answered is encoded here instead.
    for (const [id, { request, resolve, reject }] of waiting) {
      waiting.delete(id);
      encodeHere(request.session, request.selected, request.lesson).then(resolve, reject);
    }
  };
  const open = (): EncodeWorker | null => {
    if (worker !== undefined) return worker;
    try {
      worker = makeWorker();
    } catch {
      worker = null;
    }
    worker?.addEventListener('message', ({ data }) => {
      const job = waiting.get(data.id);
      if (!job) return;
      waiting.delete(data.id);
      if ('fragment' in data) job.resolve(data.fragment);
      else job.reject(new Error(data.error));
    });
    worker?.addEventListener('error', broken);
    return worker;
  };

  return (session, selected, lesson) => {
    const target = session.scenarioText.length > offThreadChars ? open() : null;
    if (!target) return encodeHere(session, selected, lesson);
    return new Promise<string>((resolve, reject) => {
      const request: EncodeRequest = { id: nextId++, session, selected, lesson };
      waiting.set(request.id, { request, resolve, reject });
      try {
        target.postMessage(request);
      } catch {
        broken();
      }
    });
  };
}
