/** Loads session-codec.ts once, on demand, so its decoder stays out of the initial bundle. */
import type * as Codec from './session-codec';

export type SessionCodec = typeof Codec;

let loading: Promise<SessionCodec> | null = null;

export function loadSessionCodec(): Promise<SessionCodec> {
  loading ??= import('./session-codec');
  return loading;
}
