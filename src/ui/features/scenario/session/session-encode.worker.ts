/** The session encoder's worker (session-encoder.ts): compresses one session per message, off the main thread. */
import { answerEncodeRequest, type EncodeRequest } from './encode-request';
import * as codec from './session-codec';

self.addEventListener('message', (event: MessageEvent<EncodeRequest>) => {
  self.postMessage(answerEncodeRequest(codec, event.data));
});
