import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerEncodeRequest, type EncodeReply, type EncodeRequest } from './encode-request';
import { loadSessionCodec } from './load-codec';
import { createSessionEncoder, type EncodeWorker } from './session-encoder';

/** A worker that answers in a later task, from a structured clone of each request, as a real one does. */
function fakeWorker(codec: Parameters<typeof answerEncodeRequest>[0]) {
  const listeners = { message: [] as ((event: { data: EncodeReply }) => void)[], error: [] as (() => void)[] };
  const posted: EncodeRequest[] = [];
  let failing = false;
  const worker: EncodeWorker = {
    postMessage(request) {
      posted.push(request);
      const copy = structuredClone(request);
      setTimeout(() => {
        if (failing) listeners.error.forEach((l) => l());
        else listeners.message.forEach((l) => l({ data: structuredClone(answerEncodeRequest(codec, copy)) }));
      }, 0);
    },
    addEventListener(type: 'message' | 'error', listener: never) {
      (listeners[type] as unknown[]).push(listener);
    },
  };
  return { worker, posted, fail: () => (failing = true) };
}

const session = (scenarioText: string, time = 0) => ({ scenarioText, file: 'big.yaml', commands: [], time });

describe('session encoder', () => {
  it('gives, through the worker, exactly the fragment encoding in place gives', async () => {
    const codec = await loadSessionCodec();
    const fake = fakeWorker(codec);
    const encode = createSessionEncoder(() => fake.worker, -1); // every session, the empty one too
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.nat({ max: 1e9 }),
        fc.option(fc.record({ kind: fc.constantFrom('pod' as const, 'node' as const), key: fc.string({ minLength: 1, maxLength: 40 }) })),
        fc.option(fc.record({ id: fc.constantFrom('taints', 'a-lesson'), step: fc.nat({ max: 20 }) })),
        fc.array(fc.record({ at: fc.nat({ max: 1e6 }), action: fc.constant('killNode'), node: fc.string({ maxLength: 12 }) }), { maxLength: 4 }),
        async (text, time, selected, lesson, commands) => {
          const input = { ...session(text, time), commands };
          expect(await encode(input, selected, lesson)).toBe(codec.encodeSession(input, selected, lesson));
        },
      ),
      { numRuns: 60 },
    );
    expect(fake.posted.length).toBeGreaterThanOrEqual(60); // they did go through the worker
  });

  it('encodes a small session in place, without starting the worker', async () => {
    const codec = await loadSessionCodec();
    let started = 0;
    const encode = createSessionEncoder(() => (started++, fakeWorker(codec).worker), 100);
    const small = session('x'.repeat(100));
    expect(await encode(small, null, null)).toBe(codec.encodeSession(small, null, null));
    expect(started).toBe(0);
    const large = session('y'.repeat(101));
    expect(await encode(large, null, null)).toBe(codec.encodeSession(large, null, null));
    expect(await encode(large, null, null)).toBe(codec.encodeSession(large, null, null));
    expect(started).toBe(1); // started once, on first use
  });

  it('encodes in place when no worker starts or the worker fails, with the same fragment', async () => {
    const codec = await loadSessionCodec();
    const input = session('kind: List\nitems: []\n'.repeat(50));
    expect(await createSessionEncoder(() => null, 0)(input, null, null)).toBe(codec.encodeSession(input, null, null));
    expect(
      await createSessionEncoder(() => {
        throw new Error('no workers here');
      }, 0)(input, null, null),
    ).toBe(codec.encodeSession(input, null, null));

    const fake = fakeWorker(codec);
    fake.fail();
    const encode = createSessionEncoder(() => fake.worker, 0);
    expect(await encode(input, null, null)).toBe(codec.encodeSession(input, null, null)); // the one it had not answered
    expect(await encode(input, null, null)).toBe(codec.encodeSession(input, null, null));
    expect(fake.posted).toHaveLength(1); // not posted to again
  });

  it("rejects with the codec's error, from the worker as in place", async () => {
    const codec = await loadSessionCodec();
    const tooLong = session('x'.repeat(1_000_001)); // past the payload's scenario limit
    const inPlace = createSessionEncoder(() => null, 0)(tooLong, null, null);
    await expect(inPlace).rejects.toThrow(/scenario/);
    const message = await inPlace.catch((e: Error) => e.message);
    await expect(createSessionEncoder(() => fakeWorker(codec).worker, 0)(tooLong, null, null)).rejects.toThrow(message);
  });

  it('answers a request with its id and fragment, or its id and the error message', () => {
    const request = { id: 7, session: session('a'), selected: null, lesson: null };
    expect(answerEncodeRequest({ encodeSession: () => 's=1.lz.x' }, request)).toEqual({ id: 7, fragment: 's=1.lz.x' });
    expect(
      answerEncodeRequest(
        {
          encodeSession: () => {
            throw new Error('bad payload');
          },
        },
        request,
      ),
    ).toEqual({ id: 7, error: 'bad payload' });
  });
});
