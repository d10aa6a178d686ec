/** The session encoder's messages (session-encoder.ts ↔ session-encode.worker.ts), and the worker's answer to one. */
import type { SessionExport } from '../../../../protocol/engine-api';
import type { SessionLesson } from '../../../../scenario/share/session';
import type { Selection } from '../../../store/podscape-store';
import type { SessionCodec } from './load-codec';

export interface EncodeRequest {
  id: number;
  session: SessionExport;
  selected: Selection | null;
  lesson: SessionLesson | null;
}

export type EncodeReply = { id: number; fragment: string } | { id: number; error: string };

/** The reply to `request`: its fragment, or the codec's error message. */
export function answerEncodeRequest(codec: Pick<SessionCodec, 'encodeSession'>, request: EncodeRequest): EncodeReply {
  try {
    return { id: request.id, fragment: codec.encodeSession(request.session, request.selected, request.lesson) };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}
