/**
 * Round trips of free-form data (robustness round 22): a ConfigMap's `data` and a custom
 * resource's `spec` hold whatever keys and values a user wrote, and the API server keeps
 * them as written (a ConfigMap key such as `__proto__` matches `[-._a-zA-Z0-9]+`; a custom
 * resource without a schema keeps any field). Loaded into the engine, played for a while,
 * exported and imported again, or sent as a share link, they must come back unchanged:
 * no key lost, none added, no value changed. Keys include every name a JavaScript object
 * inherits (`__proto__`, `constructor`, `toString` …) and strings YAML reads specially.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/model/types';
import { importScenario } from '../scenario/import/import';
import { decodeShareParam, encodeShareFragment } from '../scenario/share/codec';
import { payloadToSession, sessionToPayload } from '../scenario/share/session';
import { createEngineHost, createManualTicker } from './engine-host';

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const ODD_WORDS = ['yes', 'on', 'n', '~', 'null', '0644', '1e3', '0x1F', '-', '<<', '.inf', 'a b', 'a: b', '#c', ''];

const keyArb = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.constantFrom(...ODD_WORDS.filter((w) => w !== '')), fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}$/));
/** Keys a ConfigMap allows: `[-._a-zA-Z0-9]+`. */
const dataKeyArb = keyArb.filter((k) => /^[-._a-zA-Z0-9]+$/.test(k));
const stringArb = fc.oneof(fc.constantFrom(...ODD_WORDS, ...PROTOTYPE_NAMES), fc.string({ maxLength: 12 }));

/** An object built with own data properties (a `__proto__` key stays a key, as JSON.parse makes it). */
const objectOf = (key: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>, maxKeys: number) =>
  fc.uniqueArray(fc.tuple(key, value), { maxLength: maxKeys, selector: ([k]) => k }).map((entries) => Object.fromEntries(entries));

const { tree } = fc.letrec<{ tree: unknown; leaf: unknown }>((tie) => ({
  leaf: fc.oneof(stringArb, fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.boolean(), fc.constant(null)),
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), objectOf(keyArb, tie('tree'), 4), fc.array(tie('tree'), { maxLength: 3 })),
}));

interface Input {
  data: Record<string, string>;
  spec: Record<string, unknown>;
}

const inputArb: fc.Arbitrary<Input> = fc.record({
  data: objectOf(dataKeyArb, stringArb, 6) as fc.Arbitrary<Record<string, string>>,
  spec: objectOf(keyArb, tree, 5),
});

function scenarioText(i: Input): string {
  const docs = [
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n0' }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: '10' } } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: i.data },
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: i.spec },
  ];
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}

/** Own keys and values only, as JSON holds them (JSON.stringify sees own keys, a `__proto__` key included). */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null');

/** The value with every null-valued mapping entry left out (lists keep their nulls). */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
}

function carried(objects: readonly KubeObject[]): { data: unknown; spec: unknown } {
  const cm = objects.find((o) => o.kind === 'ConfigMap') as unknown as { data?: unknown } | undefined;
  const w = objects.find((o) => o.kind === 'Widget') as unknown as { spec?: unknown } | undefined;
  return { data: asJson(cm?.data ?? {}), spec: asJson(w?.spec ?? {}) };
}

const host = () => createEngineHost({ ticker: createManualTicker() });

describe('free-form data round trips (property)', () => {
  it('load → run → scenario export → import keeps every key and value of ConfigMap data and a custom resource spec', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const want = { data: asJson(input.data), spec: asJson(input.spec) };
        const h = host();
        h.load(scenarioText(input), 'carried.yaml');
        h.step(30_000);
        expect(carried(h.exportState().objects)).toEqual(want);
        const read = importScenario(h.exportManifests('scenario'), 'exported.yaml').scenario;
        expect(carried(read.objects)).toEqual(want);
      }),
      { numRuns: 60, seed: 22 },
    );
  });

  it('kubectl apply of a changed version (the YAML editor, a timeline) leaves exactly the new keys and values', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(inputArb, inputArb, (first, second) => {
        const h = host();
        h.load(scenarioText(first), 'carried.yaml');
        h.step(1_000);
        const docs = scenarioText(second).split('\n---\n').map((d) => JSON.parse(d) as KubeObject);
        for (const object of docs.slice(1)) {
          const result = h.dispatch({ action: 'apply', object });
          expect(result.ok, JSON.stringify(result)).toBe(true);
        }
        h.step(1_000);
        // A null in an applied manifest deletes the field (a merge patch's null), so nulls in maps are compared as absent.
        const got = carried(h.exportState().objects);
        expect({ data: withoutNulls(got.data), spec: withoutNulls(got.spec) }).toEqual({ data: withoutNulls(asJson(second.data)), spec: withoutNulls(asJson(second.spec)) });
      }),
      { numRuns: 60, seed: 2223 },
    );
  });

  it('a share link of such a session replays to the same objects', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(inputArb, async (input) => {
        const h = host();
        h.load(scenarioText(input), 'carried.yaml');
        h.step(5_000);
        const session = { ...h.exportSession(), selected: null };
        const fragment = encodeShareFragment(sessionToPayload(session));
        const back = await payloadToSession(decodeShareParam(fragment.slice(fragment.indexOf('=') + 1)), () => undefined);
        const replayed = host();
        replayed.loadSession(back);
        expect(carried(replayed.exportState().objects)).toEqual(carried(h.exportState().objects));
        expect(carried(replayed.exportState().objects)).toEqual({ data: asJson(input.data), spec: asJson(input.spec) });
      }),
      { numRuns: 30, seed: 2222 },
    );
  });
});
