/**
 * The engine host as the worker exposes it (protocol/engine-api.ts `WireEngineApi`):
 * every frame the host emits is encoded against the previous one (a full frame on
 * load, a diff otherwise: protocol/frame-codec.ts) and handed to `post`, in order;
 * calls that used to return a frame return a reference to the one just posted. A
 * method added to the host passes through unchanged.
 */
import type { Frame, WireEngineApi, WireMessage } from '../protocol/engine-api';
import { encodeFrame } from '../protocol/frame-codec';
import type { EngineHost } from './engine-host';

export function createWireHost(host: EngineHost, post: (message: WireMessage) => void): WireEngineApi {
  let last: Frame | null = null;
  host.subscribe((push) => {
    if (push.type === 'frame') {
      const packet = encodeFrame(last, push.frame);
      last = push.frame;
      post({ podscape: 'frame', packet });
    } else {
      post({ podscape: 'error', push });
    }
  });
  return {
    ...host,
    load(yamlText, file) {
      const { scenario, frame } = host.load(yamlText, file);
      return { scenario, frame: { frameSeq: frame.seq } };
    },
    step(ms) {
      return { frameSeq: host.step(ms).seq };
    },
    snapshot() {
      return last ? { frameSeq: last.seq } : null;
    },
  };
}
